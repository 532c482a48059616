/** [minLon, minLat, maxLon, maxLat] in WGS84. */
export type BBox = [number, number, number, number];

export const BBOX_FORMAT = 'minLon,minLat,maxLon,maxLat in degrees (WGS84), min < max';

/** Parses `minLon,minLat,maxLon,maxLat`; undefined when it is not a valid WGS84 box. */
export function parseBBox(text: string): BBox | undefined {
  const parts = text.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
  if (parts.length !== 4 || !parts.every(Number.isFinite)) return undefined;
  const [minLon, minLat, maxLon, maxLat] = parts as BBox;
  const inRange = minLon >= -180 && maxLon <= 180 && minLat >= -90 && maxLat <= 90;
  return inRange && minLon < maxLon && minLat < maxLat ? [minLon, minLat, maxLon, maxLat] : undefined;
}

export function inBBox([lon, lat]: [number, number], [minLon, minLat, maxLon, maxLat]: BBox): boolean {
  return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
}
