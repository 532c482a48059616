/**
 * A flow's arc from `from` to `to` (longitude, latitude): a quadratic curve in Web Mercator that
 * bows to the left of its direction by `bend` of its length, as `steps` + 1 points. The same
 * shape as the links tiles' arcs (db/tiles/flow-arc.ts), so the two levels of flows look alike.
 */
export function arc(from: [number, number], to: [number, number], bend = 0.18, steps = 32): [number, number][] {
  const [ax, ay] = mercator(from);
  const [bx, by] = mercator(to);
  const cx = (ax + bx) / 2 - (by - ay) * bend;
  const cy = (ay + by) / 2 + (bx - ax) * bend;
  return Array.from({ length: steps + 1 }, (_, i) => {
    const t = i / steps;
    const x = (1 - t) * (1 - t) * ax + 2 * (1 - t) * t * cx + t * t * bx;
    const y = (1 - t) * (1 - t) * ay + 2 * (1 - t) * t * cy + t * t * by;
    return lonLat([x, y]);
  });
}

const RAD = Math.PI / 180;

/** Spherical Web Mercator in radians: x = λ, y = ln tan(π/4 + φ/2). */
function mercator([lon, lat]: [number, number]): [number, number] {
  return [lon * RAD, Math.log(Math.tan(Math.PI / 4 + (lat * RAD) / 2))];
}

function lonLat([x, y]: [number, number]): [number, number] {
  return [x / RAD, (2 * Math.atan(Math.exp(y)) - Math.PI / 2) / RAD];
}
