import { type SQL, sql } from 'drizzle-orm';

/** How far a flow's arc bows out, as a share of its chord (the same as a link's curve, link-curve.sql). */
export const ARC_BEND = 0.18;
/** The arc's bulge stays within this share of its chord's length from the chord. */
export const ARC_REACH = ARC_BEND / 2 + 0.01;

/**
 * A flow's arc in Web Mercator from (x1, y1) to (x2, y2): a quadratic curve of `segments` segments
 * bowing to the left of its direction, so that a flow reads as one shape and not as a road between
 * towns. The columns named are those of the row the arc is joined to (a LATERAL subquery).
 */
export function flowArc(x1: SQL, y1: SQL, x2: SQL, y2: SQL, segments: number): SQL {
  // The points are written out, one expression each, rather than aggregated from a series: a
  // subquery per flow costs more than the curve itself on a tile of a few thousand flows.
  const [ax, ay, bx, by] = [sql`${x1}::float8`, sql`${y1}::float8`, sql`${x2}::float8`, sql`${y2}::float8`];
  const cx = sql`((${ax} + ${bx}) / 2 - (${by} - ${ay}) * ${sql.raw(String(ARC_BEND))})`;
  const cy = sql`((${ay} + ${by}) / 2 + (${bx} - ${ax}) * ${sql.raw(String(ARC_BEND))})`;
  const points = Array.from({ length: segments + 1 }, (_, i) => {
    const t = i / segments;
    const [a, b, c] = [(1 - t) * (1 - t), 2 * (1 - t) * t, t * t].map((w) => sql.raw(String(w)));
    return sql`ST_MakePoint(${a} * ${ax} + ${b} * ${cx} + ${c} * ${bx}, ${a} * ${ay} + ${b} * ${cy} + ${c} * ${by})`;
  });
  return sql`(SELECT ST_SetSRID(ST_MakeLine(ARRAY[${sql.join(points, sql`, `)}]), 3857) AS geom)`;
}

/**
 * Segments enough for an arc at zoom `z`: 24 where a commune pair's arc spans hundreds of pixels;
 * at low zoom, where it spans a few dozen, 6 keep it within a tile unit of the curve, and the tile
 * of the whole massif (2,600 flows at 100,000 firms) takes half the time.
 */
export const arcSegments = (z: number) => (z <= 6 ? 6 : z <= 8 ? 12 : 24);
