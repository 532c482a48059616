export type Tile = { z: number; x: number; y: number };
export type Point = [number, number];

/** The tile at zoom `z` over a point (web Mercator, as the map asks for them). */
export const tileOf = ([lon, lat]: Point, z: number): Tile => {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n) };
};
