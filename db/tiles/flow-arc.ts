import { type SQL, sql } from 'drizzle-orm';

/** How far a flow's arc bows out, as a share of its chord (the same as a link's curve, link-curve.sql). */
export const ARC_BEND = 0.18;
/** The arc's bulge stays within this share of its chord's length from the chord. */
export const ARC_REACH = ARC_BEND / 2 + 0.01;

/**
 * A flow's arc in Web Mercator from (x1, y1) to (x2, y2): a quadratic curve of 24 segments bowing
 * to the left of its direction, so that a flow reads as one shape and not as a road between towns.
 * The columns named are those of the row the arc is joined to (a LATERAL subquery).
 */
export function flowArc(x1: SQL, y1: SQL, x2: SQL, y2: SQL): SQL {
  return sql`(
    SELECT ST_SetSRID(ST_MakeLine(array_agg(ST_MakePoint(
             (1 - t) * (1 - t) * ax + 2 * (1 - t) * t * ((ax + bx) / 2 - (by - ay) * ${ARC_BEND}) + t * t * bx,
             (1 - t) * (1 - t) * ay + 2 * (1 - t) * t * ((ay + by) / 2 + (bx - ax) * ${ARC_BEND}) + t * t * by) ORDER BY t)), 3857) AS geom
    FROM (SELECT ${x1}::float8 AS ax, ${y1}::float8 AS ay, ${x2}::float8 AS bx, ${y2}::float8 AS by) AS ends,
         (SELECT i::float8 / 24 AS t FROM generate_series(0, 24) AS i) AS steps)`;
}
