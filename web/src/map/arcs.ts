import type { Feature, FeatureCollection, LineString } from 'geojson';
import type { Link } from '../api.ts';

const SEGMENTS = 24;
/** How far the curve bows out, as a share of the straight distance. */
const BOW = 0.18;

/** A gentle quadratic curve from a to b, bowing to the left of the direction of travel. */
export function arc(a: [number, number], b: [number, number]): [number, number][] {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const control: [number, number] = [(a[0] + b[0]) / 2 - dy * BOW, (a[1] + b[1]) / 2 + dx * BOW];
  return Array.from({ length: SEGMENTS + 1 }, (_, i) => {
    const t = i / SEGMENTS;
    const u = 1 - t;
    return [u * u * a[0] + 2 * u * t * control[0] + t * t * b[0], u * u * a[1] + 2 * u * t * control[1] + t * t * b[1]];
  });
}

/**
 * Links as curves; each carries `weight`, the number of links between the same two communes
 * (either way), so that busy corridors are drawn heavier.
 */
export function linkArcs(links: Link[]): FeatureCollection<LineString> {
  const pair = (l: Link) => [l.properties.from.commune.code, l.properties.to.commune.code].sort().join('|');
  const weights = new Map<string, number>();
  for (const link of links) weights.set(pair(link), (weights.get(pair(link)) ?? 0) + 1);
  return {
    type: 'FeatureCollection',
    features: links.map((link): Feature<LineString> => {
      const [a, b] = link.geometry.coordinates as [[number, number], [number, number]];
      return {
        type: 'Feature',
        id: link.id,
        geometry: { type: 'LineString', coordinates: arc(a, b) },
        properties: { crossBorder: link.properties.crossBorder, kind: link.properties.kind, weight: weights.get(pair(link)) },
      };
    }),
  };
}
