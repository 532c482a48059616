import { existsSync, readFileSync, statSync } from 'node:fs';
import * as turf from '@turf/turf';
import type { Feature, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import {
  communes,
  countries,
  lakes,
  peaks,
  regions,
  territories,
  towns,
  type CountryCode,
  type CountryProperties,
  type LakeProperties,
  type RegionId,
} from './index.ts';
import { CARICATURE_HIDDEN_FROM, MIN_VERTICES_CLOSE_UP, pieceMaxZoom } from './build/lakes.ts';

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

// Only the border lines near a point: measuring against whole outlines is needlessly slow.
function boundaryNear(code: CountryCode, point: Feature<Point>): Feature<LineString>[] {
  const around = turf.bbox(turf.buffer(point, 3)!);
  const rings = turf.flatten(turf.polygonToLine(country(code))).features as Feature<LineString>[];
  return rings
    .flatMap((ring) => turf.flatten(turf.bboxClip(ring, around)).features as Feature<LineString>[])
    .filter((line) => line.geometry.coordinates.length >= 2);
}

const metresTo = (p: Position, lines: Feature<LineString>[]) =>
  Math.min(...lines.map((line) => turf.pointToLineDistance(p, line, { units: 'meters' })));

/**
 * The FR/CH/IT tripoint as drawn in countries.geojson. The three outlines are drawn separately
 * and differ by metres, so it is taken as the vertex whose largest distance to the three
 * boundaries is smallest.
 */
function tripoint(): { p: Position; gap: number } {
  const codes = ['FR', 'IT', 'CH'] as const;
  const borders = codes.map((code) => boundaryNear(code, MONT_DOLENT));
  const gap = (p: Position) => Math.max(...borders.map((lines) => metresTo(p, lines)));
  const [best] = codes
    .flatMap((code) => turf.coordAll(country(code)))
    .filter((p) => turf.distance(p, MONT_DOLENT) < 1)
    .map((p) => ({ p, gap: gap(p) }))
    .sort((a, b) => a.gap - b.gap);
  if (!best) throw new Error('No vertex near Mont Dolent');
  return best;
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
    const { p, gap } = tripoint();
    expect(gap).toBeLessThan(20);
    expect(turf.distance(p, MONT_DOLENT, { units: 'meters' })).toBeLessThan(150);
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
    const located = communes.filter((c) => c.lon !== null && c.lat !== null);
    expect(located.length).toBeGreaterThan(50);
    for (const c of located) {
      expect(turf.booleanPointInPolygon([c.lon!, c.lat!], country(c.country)), `${c.code} ${c.name}`).toBe(true);
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

// The map window every layer is clipped to (geodata/build/countries.ts).
const [WEST, SOUTH, EAST, NORTH] = [5.3, 44.8, 8.8, 46.9];
const inWindow = ([lon = NaN, lat = NaN]: Position) => lon >= WEST && lon <= EAST && lat >= SOUTH && lat <= NORTH;

function region(id: RegionId) {
  const feature = regions.features.find((f) => f.properties.id === id);
  if (!feature) throw new Error(`${id} missing from regions.geojson`);
  return feature;
}

const sizeKb = (file: string) => statSync(new URL(file, import.meta.url)).size / 1024;

describe('regions.geojson', () => {
  it('has the four units around Mont Blanc, each in its own country', () => {
    expect(regions.features.map((f) => f.properties.id)).toEqual(['CH-VS', 'FR-73', 'FR-74', 'IT-AO']);
    expect(region('FR-74').properties).toMatchObject({ name: 'Haute-Savoie', country: 'FR' });
    expect(region('IT-AO').properties.names).toEqual({ fr: "Vallée d'Aoste", it: "Valle d'Aosta", en: 'Aosta Valley' });
    expect(region('CH-VS').properties.names.it).toBe('Vallese');
    for (const f of regions.features) {
      expect(turf.booleanPointInPolygon(turf.pointOnFeature(f), country(f.properties.country)), f.properties.id).toBe(true);
    }
  });

  it('stops at the OSM national borders (only the disputed Mont Blanc summit is shared)', () => {
    for (const f of regions.features) {
      for (const other of countries.features.filter((c) => c.properties.country !== f.properties.country)) {
        const overlap = turf.intersect(turf.featureCollection<Polygon | MultiPolygon>([f, other]));
        const km2 = overlap ? turf.area(overlap) / 1e6 : 0;
        expect(km2, `${f.properties.id} in ${other.properties.country}`).toBeLessThan(1);
      }
    }
  });

  it('puts the GeoNames town points of Chamonix, Courmayeur and Martigny in their region', () => {
    const cases: [string, RegionId][] = [['74056', 'FR-74'], ['007022', 'IT-AO'], ['6136', 'CH-VS']];
    for (const [code, expected] of cases) {
      for (const f of regions.features) {
        expect(turf.booleanPointInPolygon(commune(code), f), `${code} in ${f.properties.id}`).toBe(f.properties.id === expected);
      }
    }
  });

  it('stays inside the window and small', () => {
    expect(turf.coordAll(regions).every(inWindow)).toBe(true);
    expect(sizeKb('./regions.geojson')).toBeLessThan(300);
  });
});

describe('lakes.geojson', () => {
  const outlines = lakes.features.filter((f): f is Feature<Polygon, LakeProperties> => f.geometry.type === 'Polygon');
  /** A lake's pieces as one MultiPolygon. */
  const lake = (name: string): MultiPolygon => {
    const pieces = outlines.filter((f) => f.properties.name === name);
    if (pieces.length === 0) throw new Error(`${name} missing from lakes.geojson`);
    return { type: 'MultiPolygon', coordinates: pieces.map((f) => f.geometry.coordinates) };
  };

  it('holds Lac Léman, Lac d’Annecy and Lac du Bourget around points in open water', () => {
    expect(turf.booleanPointInPolygon([6.55, 46.45], lake('Lac Léman'))).toBe(true);
    expect(turf.booleanPointInPolygon([6.17, 45.86], lake("Lac d'Annecy"))).toBe(true);
    expect(turf.booleanPointInPolygon([5.87, 45.73], lake('Lac du Bourget'))).toBe(true);
    // Geneva's old town is on the shore, not in the lake.
    expect(turf.booleanPointInPolygon([6.1457, 46.2022], lake('Lac Léman'))).toBe(false);
  });

  it('gives areas close to the published ones', () => {
    const km2 = (name: string) => turf.area(lake(name)) / 1e6;
    expect(km2('Lac Léman')).toBeGreaterThan(550);
    expect(km2('Lac Léman')).toBeLessThan(610);
    expect(km2("Lac d'Annecy")).toBeGreaterThan(24);
    expect(km2("Lac d'Annecy")).toBeLessThan(32);
    expect(km2('Lac du Bourget')).toBeGreaterThan(40);
    expect(km2('Lac du Bourget')).toBeLessThan(50);
  });

  it('hides a piece drawn with fewer than eight vertices from zoom 8, and every piece before its corners show', () => {
    expect(outlines.length).toBeGreaterThan(20);
    for (const { properties: p } of outlines) {
      expect(p.maxzoom, p.name).toBeLessThanOrEqual(p.vertices! < MIN_VERTICES_CLOSE_UP ? CARICATURE_HIDDEN_FROM : 14);
    }
    // The mountain reservoirs are triangles and quadrilaterals in the source: gone from zoom 8.
    for (const name of ["Lac d'Émosson", 'Lac des Dix', 'Lac de Mauvoisin']) {
      expect(outlines.filter((f) => f.properties.name === name).every((f) => f.properties.maxzoom === CARICATURE_HIDDEN_FROM), name).toBe(true);
    }
    expect(pieceMaxZoom([[6, 46], [6.01, 46], [6, 46.01], [6, 46]])).toBe(CARICATURE_HIDDEN_FROM);
  });

  it('names every lake in three languages, once, inside the window, at a point inside it', () => {
    const labels = lakes.features.filter((f) => f.properties.label);
    const names = labels.map((f) => f.properties.name);
    expect(names.length).toBe(new Set(outlines.map((f) => f.properties.name)).size);
    expect(new Set(names).size).toBe(names.length);
    for (const label of labels) expect(turf.booleanPointInPolygon(label.geometry as Point, lake(label.properties.name)), label.properties.name).toBe(true);
    for (const f of lakes.features) {
      const { fr, it: italian, en } = f.properties.names;
      expect([fr, italian, en].every((n) => n.length > 0), f.properties.name).toBe(true);
    }
    expect(turf.coordAll(lakes).every(inWindow)).toBe(true);
  });
});

describe('peaks.geojson', () => {
  const peak = (name: string) => {
    const feature = peaks.features.find((f) => f.properties.name === name);
    if (!feature) throw new Error(`${name} missing from peaks.geojson`);
    return feature;
  };

  it('has the curated summits, passes and both tunnel portals, each with a cited source', () => {
    const kinds = (kind: string) => peaks.features.filter((f) => f.properties.kind === kind).map((f) => f.properties.name);
    expect(kinds('peak')).toEqual(expect.arrayContaining(['Mont Blanc', 'Grandes Jorasses', 'Mont Dolent', 'Grand Combin']));
    expect(kinds('pass')).toEqual(['Col du Grand-Saint-Bernard', 'Col du Petit-Saint-Bernard', 'Col de la Forclaz']);
    expect(kinds('tunnel')).toHaveLength(2);
    for (const f of peaks.features) {
      expect(f.properties.source, f.properties.name).toMatch(/^https?:\/\/\S+ — .+: .*\d/);
      expect(Number.isInteger(f.properties.elevation_m), f.properties.name).toBe(true);
      expect(inWindow(f.geometry.coordinates), f.properties.name).toBe(true);
    }
    expect(peak('Mont Blanc').properties.names?.it).toBe('Monte Bianco');
  });

  it('puts Mont Dolent within 150 m of the FR/CH/IT tripoint', () => {
    expect(turf.distance(peak('Mont Dolent'), tripoint().p, { units: 'meters' })).toBeLessThan(150);
  });

  it('puts Mont Blanc within about 1 km of the FR/IT border', () => {
    const summit = peak('Mont Blanc');
    expect(metresTo(summit.geometry.coordinates, boundaryNear('FR', summit))).toBeLessThan(1000);
    expect(metresTo(summit.geometry.coordinates, boundaryNear('IT', summit))).toBeLessThan(1000);
  });

  it('opens the Mont Blanc tunnel in France and in Italy, about 11.6 km apart', () => {
    const [chamonix, courmayeur] = peaks.features.filter((f) => f.properties.kind === 'tunnel');
    if (!chamonix || !courmayeur) throw new Error('tunnel portals missing');
    expect(turf.booleanPointInPolygon(chamonix, country('FR'))).toBe(true);
    expect(turf.booleanPointInPolygon(courmayeur, country('IT'))).toBe(true);
    expect(turf.distance(chamonix, courmayeur)).toBeGreaterThan(11);
    expect(turf.distance(chamonix, courmayeur)).toBeLessThan(12.5);
  });
});

describe('towns.geojson', () => {
  const town = (name: string, code: CountryCode) => {
    const feature = towns.features.find((f) => f.properties.name === name && f.properties.country === code);
    if (!feature) throw new Error(`${name} missing from towns.geojson`);
    return feature.properties;
  };

  it('ranks towns by their GeoNames population', () => {
    const expected = (population: number | null) =>
      population === null ? 4 : population >= 20_000 ? 1 : population >= 5_000 ? 2 : population >= 1_000 ? 3 : 4;
    for (const { properties: p } of towns.features) expect(p.rank, p.name).toBe(expected(p.population));
    expect(town('Annecy', 'FR').rank).toBe(1);
    expect(town('Chamonix-Mont-Blanc', 'FR').rank).toBe(2);
    expect(town('Aosta', 'IT').rank).toBe(1);
  });

  it('labels Valais towns and Geneva with their official names', () => {
    expect(town('Sion', 'CH').rank).toBe(1);
    expect(town('Martigny', 'CH').population).toBeGreaterThan(10_000);
    expect(town('Genève', 'CH').rank).toBe(1);
    const names = towns.features.map((f) => f.properties.name);
    for (const old of ['Sitten', 'Martigny-Ville', 'Geneva']) expect(names).not.toContain(old);
  });
});

describe('glyphs in web/public/fonts', () => {
  const FONTSTACKS = ['Noto Sans Regular', 'Noto Sans Bold'];
  const fonts = new URL('../web/public/fonts/', import.meta.url);
  const file = (stack: string, range: string) => new URL(`${encodeURIComponent(stack)}/${range}.pbf`, fonts);

  // glyphs.proto: glyphs { repeated fontstack stacks = 1 } fontstack { name = 1; range = 2;
  // repeated glyph glyphs = 3 } glyph { id = 1; bitmap = 2; width = 3; height = 4; ... }
  type Glyph = { id: number; bitmap: number; width: number; height: number };
  function decode(buf: Uint8Array): { name: string; range: string; glyphs: Glyph[] } {
    const stack = { name: '', range: '', glyphs: [] as Glyph[] };
    new PbfReader(buf).readFields((tag, _, pbf) => {
      if (tag !== 1) return;
      pbf.readMessage((t, s, p) => {
        if (t === 1) s.name = p.readString();
        else if (t === 2) s.range = p.readString();
        else if (t === 3) {
          s.glyphs.push(
            p.readMessage(
              (g, glyph: Glyph, q) => {
                if (g === 1) glyph.id = q.readVarint();
                else if (g === 2) glyph.bitmap = q.readBytes().length;
                else if (g === 3) glyph.width = q.readVarint();
                else if (g === 4) glyph.height = q.readVarint();
              },
              { id: -1, bitmap: 0, width: 0, height: 0 },
            ),
          );
        }
      }, stack);
    }, null);
    return stack;
  }

  it('has every range MapLibre may request, for both fontstacks', () => {
    for (const stack of FONTSTACKS) {
      for (let start = 0; start < 65536; start += 256) {
        expect(existsSync(file(stack, `${start}-${start + 255}`)), `${stack} ${start}`).toBe(true);
      }
    }
    expect(existsSync(new URL('LICENSE-NotoSans.txt', fonts))).toBe(true);
  });

  it('decodes to SDF glyphs for French, Italian and German letters and the typographic apostrophe', () => {
    for (const stack of FONTSTACKS) {
      const latin = decode(readFileSync(file(stack, '0-255')));
      const punctuation = decode(readFileSync(file(stack, '8192-8447')));
      expect(latin.name).toBe(stack);
      expect(latin.range).toBe('0-255');
      const glyphs = [...latin.glyphs, ...punctuation.glyphs];
      for (const char of ['é', 'è', 'à', 'ü', 'ö', '’', '–']) {
        const glyph = glyphs.find((g) => g.id === char.codePointAt(0));
        expect(glyph, `${stack} ${char}`).toBeDefined();
        // An SDF bitmap has a 3-pixel buffer on each side: (width + 6) × (height + 6) bytes.
        expect(glyph?.bitmap, `${stack} ${char}`).toBe(((glyph?.width ?? 0) + 6) * ((glyph?.height ?? 0) + 6));
      }
      const extended = decode(readFileSync(file(stack, '256-511')));
      expect(extended.glyphs.some((g) => g.id === 'œ'.codePointAt(0))).toBe(true);
    }
  });
});
