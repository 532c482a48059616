/** A tile address in the Web Mercator (XYZ) scheme. */
export type Tile = { z: number; x: number; y: number };

export const MAX_ZOOM = 22;

/** Half the Web Mercator world's width, metres. */
export const HALF_WORLD = 20037508.342789244;

export function isValidTile({ z, x, y }: Tile): boolean {
  const size = 2 ** z;
  return [z, x, y].every(Number.isInteger) && z >= 0 && z <= MAX_ZOOM && x >= 0 && y >= 0 && x < size && y < size;
}

/** The tile's bounds in longitude/latitude, for TileJSON and tests. */
export function tileBounds({ z, x, y }: Tile): [number, number, number, number] {
  const n = 2 ** z;
  const lon = (i: number) => (i / n) * 360 - 180;
  const lat = (j: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * j) / n))) * 180) / Math.PI;
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}
