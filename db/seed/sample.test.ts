import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { countries } from '../../geodata/index.ts';
import { sampleCompanies } from './companies.ts';
import { SAMPLE_EXTRACT_DATE } from './dates.ts';
import { ACTIVITIES } from './activities.ts';
import { sampleLinks } from './links.ts';
import { createRandom } from './random.ts';
import { WORKING_TOGETHER, workingPartners } from './working-together.ts';

const firms = sampleCompanies(createRandom(7), 3000);

describe('the sample generator', () => {
  it('gives the same registry for the same seed', () => {
    expect(sampleCompanies(createRandom(7), 50).slice(0, 50)).toEqual(firms.slice(0, 50));
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

  const linkable = firms.slice(0, 3000).map((f, i) => ({ id: i + 1, country: f.country, nace: f.activity.nace, location: f.location, founded: f.founded }));

  it('makes distinct links, about a third across a border', () => {
    const links = sampleLinks(createRandom(7), linkable, 400);
    expect(links).toHaveLength(400);
    expect(new Set(links.map((l) => `${l.fromId}-${l.toId}-${l.kind}`)).size).toBe(400);
    const country = (id: number) => firms[id - 1]!.country;
    const crossBorder = links.filter((l) => country(l.fromId) !== country(l.toId)).length / links.length;
    expect(crossBorder).toBeGreaterThan(0.25);
    expect(crossBorder).toBeLessThan(0.45);
  });

  it('joins mostly activities that work together, as declared', () => {
    const partners = workingPartners();
    const links = sampleLinks(createRandom(7), linkable, 400);
    const nace = (id: number) => linkable[id - 1]!.nace!;
    const declared = links.filter((l) => partners.get(nace(l.fromId))?.has(nace(l.toId))).length / links.length;
    // 85 % drawn from the structure; a few of the others fall on a declared pair by chance.
    expect(declared).toBeGreaterThan(0.8);
    expect(declared).toBeLessThan(0.95);
  });
});

describe('the structure of the sample links', () => {
  it('declares only classes the sample firms carry, each pair once', () => {
    const classes = new Set(Object.values(ACTIVITIES).flat().map((a) => a.nace));
    for (const [a, b] of WORKING_TOGETHER) {
      expect(classes.has(a), a).toBe(true);
      expect(classes.has(b), b).toBe(true);
      expect(a).not.toBe(b);
    }
    expect(new Set(WORKING_TOGETHER.map(([a, b]) => [a, b].sort().join('|'))).size).toBe(WORKING_TOGETHER.length);
  });

  it('gives every class of the sample someone to work with', () => {
    const partners = workingPartners();
    for (const activity of Object.values(ACTIVITIES).flat()) expect(partners.get(activity.nace)?.size ?? 0, activity.nace).toBeGreaterThan(0);
  });
});

describe('the sample dates', () => {
  const active = firms.slice(0, 3000);
  const closed = firms.slice(3000);

  it('gives the active firms opening dates over the last decades, a share unknown', () => {
    const known = active.filter((f) => f.openedOn !== null);
    const unknown = active.length - known.length;
    expect(unknown / active.length).toBeGreaterThan(0.08);
    expect(unknown / active.length).toBeLessThan(0.16);
    for (const firm of active) {
      expect(firm.status).toBe('active');
      expect(firm.closedOn).toBeNull();
      // An unknown opening stays unknown: no founding year is made up for it either.
      expect(firm.founded).toBe(firm.openedOn === null ? null : Number(firm.openedOn.slice(0, 4)));
    }
    const years = known.map((f) => Number(f.openedOn!.slice(0, 4)));
    expect(years.filter((y) => y < 2000).length).toBeGreaterThan(300);
    expect(years.filter((y) => y >= 2010).length).toBeGreaterThan(1000);
    expect(Math.max(...known.map((f) => Date.parse(f.openedOn!)))).toBeLessThanOrEqual(Date.parse(SAMPLE_EXTRACT_DATE));
  });

  it('adds closed firms, closing after they opened and before the extract', () => {
    expect(closed.length).toBe(450);
    for (const firm of closed) {
      expect(firm.status).toBe('closed');
      expect(firm.closedOn).not.toBeNull();
      expect(firm.closedOn! >= (firm.openedOn ?? '1995-01-01')).toBe(true);
      expect(firm.closedOn! <= SAMPLE_EXTRACT_DATE).toBe(true);
      expect(firm.source).toBe('sample');
    }
  });

  it('keeps the active firms whatever dates they are given', () => {
    const strip = (f: (typeof firms)[number]) => ({ ...f, founded: null, openedOn: null });
    const other = sampleCompanies(createRandom(7), 50, createRandom(99));
    expect(other.slice(0, 50).map(strip)).toEqual(sampleCompanies(createRandom(7), 50, createRandom(7)).slice(0, 50).map(strip));
  });
});
