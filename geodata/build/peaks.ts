import type { Feature, Point } from 'geojson';
import type { PeakKind, PeakProperties, Peaks } from '../types.ts';
import { WINDOW } from './countries.ts';
import { round } from './round.ts';

/** Entry of geodata/peaks.source.json: values copied from one public page, with its URL. */
export type PeakSource = {
  name: string;
  names: { fr: string; it: string };
  kind: PeakKind;
  /** As the page gives it: degrees-minutes-seconds ("45°49′58″N 6°51′54″E") or decimal ("45.5177°N 7.2678°E"). */
  coordinates: string;
  elevation_m: number;
  url: string;
  /** Which page it is (e.g. a copy of a Wikipedia article) and what exactly it says. */
  page: string;
  gives: string;
};

const DMS = /(\d+(?:\.\d+)?)°\s*(?:(\d+)′\s*(?:(\d+(?:\.\d+)?)″)?)?\s*([NSEW])/g;

/** Parses "45°49′58″N 6°51′54″E" (seconds and minutes optional) into [lon, lat]. */
export function parseCoordinates(text: string): [number, number] {
  let lat: number | undefined;
  let lon: number | undefined;
  for (const [, d = '0', m = '0', s = '0', hemisphere] of text.matchAll(DMS)) {
    const value = Number(d) + Number(m) / 60 + Number(s) / 3600;
    const signed = hemisphere === 'S' || hemisphere === 'W' ? -value : value;
    if (hemisphere === 'N' || hemisphere === 'S') lat = signed;
    else lon = signed;
  }
  if (lat === undefined || lon === undefined) throw new Error(`Cannot read coordinates "${text}"`);
  return [lon, lat];
}

/**
 * Turns the curated source into GeoJSON points, in the source's order. Positions are kept to 5
 * decimals (1 m), finer than any of the pages' whole-second values (about 30 m); heights are
 * rounded to the metre for labels (Mont Blanc's 4,805.59 m becomes 4806), the exact value
 * staying in `source`.
 */
export function buildPeaks(sources: PeakSource[]): Peaks {
  const [west, south, east, north] = WINDOW;
  const features = sources.map((p): Feature<Point, PeakProperties> => {
    const [lon, lat] = parseCoordinates(p.coordinates);
    if (lon < west || lon > east || lat < south || lat > north) throw new Error(`${p.name} lies outside the map window`);
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [round(lon, 5), round(lat, 5)] },
      properties: {
        name: p.name,
        names: p.names,
        kind: p.kind,
        elevation_m: Math.round(p.elevation_m),
        source: `${p.url} — ${p.page}: ${p.gives}`,
      },
    };
  });
  return { type: 'FeatureCollection', features };
}
