import { type Srid, sridOf } from '../srid.ts';
import type { FieldValues, Reject } from './fields.ts';
import type { Place } from './commune.ts';
import { decimal } from './numbers.ts';

/** Coordinates as the file gives them, in their own system: PostGIS reprojects them once the rows are read. */
export type Projected = { xy: [number, number]; srid: Srid };

/** Where the coordinates of a row come from besides its cells: its GeoJSON point, and the systems it may be in. */
export type PositionSource = { point?: [number, number] | undefined; srid?: Srid | undefined; fileSrid: number | null };

const coordinateProblem = (text: string | undefined) => (text === undefined ? 'missing while the other coordinate is given' : `'${text}' is not a number`);

/** The x and y cells as numbers; null when the row has neither, or either is not a number (rejected). */
function cellCoordinates(values: FieldValues, reject: Reject): [number, number] | null {
  if (values.x === undefined && values.y === undefined) return null;
  const x = decimal(values.x ?? '');
  const y = decimal(values.y ?? '');
  if (Number.isNaN(x)) reject('x', coordinateProblem(values.x));
  if (Number.isNaN(y)) reject('y', coordinateProblem(values.y));
  return Number.isNaN(x) || Number.isNaN(y) ? null : [x, y];
}

/**
 * The row's coordinates and their system; null for a firm to place at its commune's centre, which
 * a commune without a known centre cannot be.
 */
export function readPosition(source: PositionSource, values: FieldValues, place: Place, reject: Reject): Projected | null {
  const xy = source.point ?? cellCoordinates(values, reject);
  if (!xy) {
    if (place.commune && !place.centre) reject('x', 'no coordinates, and the commune has no known centre to place the firm at');
    return null;
  }
  const srid = sridOf(xy, source.srid, source.fileSrid);
  if (!srid) reject('x', `${xy[0]}, ${xy[1]} is not in WGS84, Lambert-93, LV95 or LV03 around the Alps`);
  return srid ? { xy, srid } : null;
}
