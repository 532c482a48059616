import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { countries } from '../../geodata/index.ts';
import { sampleCompanies } from './companies.ts';
import { sampleLinks } from './links.ts';
import { createRandom } from './random.ts';

const firms = sampleCompanies(createRandom(7), 3000);

describe('the sample generator', () => {
  it('gives the same registry for the same seed', () => {
    expect(sampleCompanies(createRandom(7), 50)).toEqual(firms.slice(0, 50));
    expect(sampleCompanies(createRandom(8), 50)).not.toEqual(firms.slice(0, 50));
  });

  it('places every firm inside its own country', () => {
    for (const firm of firms) {
      const country = countries.features.find((f) => f.properties.country === firm.country)!;
      expect(turf.booleanPointInPolygon(firm.location, country)).toBe(true);
    }
  });

  it('covers the three countries and the three sectors', () => {
    expect(new Set(firms.map((f) => f.country))).toEqual(new Set(['FR', 'IT', 'CH']));
    expect(new Set(firms.map((f) => f.primarySector))).toEqual(new Set(['outdoor', 'phyto_wellbeing', 'building_renovation']));
    for (const firm of firms) expect(firm.sectors).toContain(firm.primarySector);
  });

  it('makes distinct links, about a third across a border', () => {
    const linkable = firms.map((f, i) => ({ id: i + 1, country: f.country, location: f.location, founded: f.founded }));
    const links = sampleLinks(createRandom(7), linkable, 400);
    expect(links).toHaveLength(400);
    expect(new Set(links.map((l) => `${l.fromId}-${l.toId}-${l.kind}`)).size).toBe(400);
    const country = (id: number) => firms[id - 1]!.country;
    const crossBorder = links.filter((l) => country(l.fromId) !== country(l.toId)).length / links.length;
    expect(crossBorder).toBeGreaterThan(0.25);
    expect(crossBorder).toBeLessThan(0.45);
  });
});
