import * as turf from '@turf/turf';
import type { Feature, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { communes, countries, territories, type CountryCode, type CountryProperties } from './index.ts';

const MONT_DOLENT = turf.point([7.0453, 45.9224]);
const MONT_BLANC = turf.point([6.8651, 45.8326]);

function country(code: CountryCode): Feature<Polygon | MultiPolygon, CountryProperties> {
  const feature = countries.features.find((f) => f.properties.country === code);
  if (!feature) throw new Error(`${code} missing from countries.geojson`);
  return feature;
}

function commune(code: string) {
  const found = communes.find((c) => c.code === code);
  if (!found || found.lon === null || found.lat === null) throw new Error(`${code} has no point`);
  return turf.point([found.lon, found.lat]);
}

// Only the border lines around Mont Dolent: measuring against whole outlines is needlessly slow.
function boundaryNearDolent(code: CountryCode): Feature<LineString>[] {
  const around = turf.bbox(turf.buffer(MONT_DOLENT, 3)!);
  const rings = turf.flatten(turf.polygonToLine(country(code))).features as Feature<LineString>[];
  return rings
    .flatMap((ring) => turf.flatten(turf.bboxClip(ring, around)).features as Feature<LineString>[])
    .filter((line) => line.geometry.coordinates.length >= 2);
}

describe('countries.geojson', () => {
  it('has exactly France, Italy and Switzerland', () => {
    expect(countries.features.map((f) => f.properties.country).sort()).toEqual(['CH', 'FR', 'IT']);
    expect(country('FR').properties.name).toBe('France');
    expect(country('IT').properties.name).toBe('Italia');
    expect(country('CH').properties.name).toBe('Schweiz / Suisse / Svizzera');
  });

  it('puts each reference town in its own country only', () => {
    const cases: [string, CountryCode][] = [['74056', 'FR'], ['007022', 'IT'], ['6136', 'CH']];
    for (const [code, expected] of cases) {
      for (const other of ['FR', 'IT', 'CH'] as const) {
        expect(turf.booleanPointInPolygon(commune(code), country(other)), `${code} in ${other}`).toBe(other === expected);
      }
    }
  });

  it('meets at the FR/CH/IT tripoint on Mont Dolent', () => {
    // The three outlines are drawn separately and differ by metres, so the tripoint is taken as
    // the vertex whose largest distance to the three boundaries is smallest.
    const codes = ['FR', 'IT', 'CH'] as const;
    const borders = codes.map(boundaryNearDolent);
    const gap = (p: Position) =>
      Math.max(
        ...borders.map((lines) =>
          Math.min(...lines.map((line) => turf.pointToLineDistance(p, line, { units: 'meters' }))),
        ),
      );
    const [tripoint] = codes
      .flatMap((code) => turf.coordAll(country(code)))
      .filter((p) => turf.distance(p, MONT_DOLENT) < 1)
      .map((p) => ({ p, gap: gap(p) }))
      .sort((a, b) => a.gap - b.gap);
    if (!tripoint) throw new Error('No vertex near Mont Dolent');
    expect(tripoint.gap).toBeLessThan(20);
    expect(turf.distance(tripoint.p, MONT_DOLENT, { units: 'meters' })).toBeLessThan(150);
  });

  it('overlaps FR and IT only at the disputed Mont Blanc summit', () => {
    const overlap = turf.intersect(turf.featureCollection([country('FR'), country('IT')]));
    if (!overlap) throw new Error('Expected the disputed summit area in both FR and IT');
    const parts = turf.flatten(overlap).features;
    expect(turf.area(overlap) / 1e6).toBeLessThan(1);
    // Elsewhere the two outlines only differ by slivers of a few metres.
    for (const part of parts.filter((p) => turf.area(p) > 10_000)) {
      expect(turf.distance(turf.centroid(part), MONT_BLANC)).toBeLessThan(3);
    }
  });
});

describe('communes.json', () => {
  it('puts every located commune inside its own country', () => {
    for (const c of communes) {
      if (c.lon === null || c.lat === null) continue;
      expect(turf.booleanPointInPolygon([c.lon, c.lat], country(c.country)), `${c.code} ${c.name}`).toBe(true);
    }
  });

  it('has either both coordinates or neither', () => {
    for (const c of communes) expect(c.lon === null, c.code).toBe(c.lat === null);
  });

  it('uses INSEE, ISTAT and BFS code formats', () => {
    const formats: Record<CountryCode, RegExp> = { FR: /^74\d{3}$/, IT: /^007\d{3}$/, CH: /^\d{4}$/ };
    for (const c of communes) expect(c.code, c.name).toMatch(formats[c.country]);
  });

  it('is sorted by country then code, without duplicates', () => {
    const keys = communes.map((c) => `${c.country}|${c.code}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('territories.json', () => {
  it('lists only communes that exist, each in the territory it claims', () => {
    const byCode = new Map(communes.map((c) => [c.code, c]));
    for (const t of territories) {
      for (const code of t.members) expect(byCode.get(code)?.territory, `${t.id} ${code}`).toBe(t.id);
    }
    expect(territories.flatMap((t) => t.members).length).toBe(communes.length);
  });

  it('matches the known partner territories', () => {
    const members = (id: string) => territories.find((t) => t.id === id)?.members;
    expect(members('fr-cc-chamonix')).toEqual(['74056', '74143', '74266', '74290']);
    expect(members('fr-cc-pays-mont-blanc')).toHaveLength(10);
    expect(members('it-valle-aosta')).toHaveLength(74);
    expect(members('ch-entremont')).toContain('6037'); // Val de Bagnes
    expect(members('ch-martigny')).toContain('6136'); // Martigny
    expect(members('ch-saint-maurice')).toContain('6213'); // Evionnaz
  });
});
