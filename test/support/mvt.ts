import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

/** A decoded feature: its first point, and all its coordinates (for lines). */
export type DecodedFeature = { id: number | undefined; x: number; y: number; properties: Record<string, unknown>; lines: number[][][] };

/** Decodes one layer of a Mapbox Vector Tile into plain points (the tests' independent reader). */
export function decodeLayer(bytes: ArrayBuffer, layer: string): DecodedFeature[] {
  const tile = new VectorTile(new PbfReader(new Uint8Array(bytes)));
  const decoded = tile.layers[layer];
  if (!decoded) return [];
  return Array.from({ length: decoded.length }, (_, i) => {
    const feature = decoded.feature(i);
    const geometry = feature.loadGeometry() as { x: number; y: number }[][];
    const first = geometry[0]![0]!;
    return { id: feature.id, x: first.x, y: first.y, properties: { ...feature.properties }, lines: geometry.map((line) => line.map((p) => [p.x, p.y])) };
  });
}

/** The XYZ tiles at zoom z that cover a lon/lat box. */
export function tilesCovering([minLon, minLat, maxLon, maxLat]: number[], z: number) {
  const n = 2 ** z;
  const tx = (lon: number) => Math.floor(((lon + 180) / 360) * n);
  const ty = (lat: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  };
  const tiles: { z: number; x: number; y: number }[] = [];
  for (let x = tx(minLon!); x <= tx(maxLon!); x++) for (let y = ty(maxLat!); y <= ty(minLat!); y++) tiles.push({ z, x, y });
  return tiles;
}
