import type { MultiPolygon, Polygon, Position } from 'geojson';

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

// Rounding can merge neighbouring vertices; repeats are dropped so rings stay valid GeoJSON.
function roundRing(ring: Position[], decimals: number): Position[] {
  const out: Position[] = [];
  for (const [lon = 0, lat = 0] of ring) {
    const point = [round(lon, decimals), round(lat, decimals)];
    const last = out.at(-1);
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  return out;
}

// A polygon whose outer ring collapsed is gone; a collapsed hole is simply dropped.
function roundPolygon(rings: Position[][], decimals: number): Position[][] | null {
  const [outer, ...holes] = rings.map((ring) => roundRing(ring, decimals));
  if (!outer || outer.length < 4) return null;
  return [outer, ...holes.filter((ring) => ring.length >= 4)];
}

/** Rounds every vertex to `decimals` places (5 decimals is about 1 m) and drops collapsed rings. */
export function roundPolygonal(geometry: Polygon | MultiPolygon, decimals: number): Polygon | MultiPolygon {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const rounded = polygons
    .map((rings) => roundPolygon(rings, decimals))
    .filter((rings): rings is Position[][] => rings !== null);
  const [only] = rounded;
  if (rounded.length === 1 && only) return { type: 'Polygon', coordinates: only };
  return { type: 'MultiPolygon', coordinates: rounded };
}
