import { describe, expect, it } from 'vitest';
import type { Company } from '../api.ts';
import { type CompanyDraft, draftOf, draftPatch } from './company-draft.ts';

const company = (overrides: Partial<Company['properties']> = {}): Company => ({
  type: 'Feature',
  id: 7,
  geometry: { type: 'Point', coordinates: [6.87, 45.92] },
  properties: {
    name: 'Exemple Glisse', sectors: ['outdoor'], primarySector: 'outdoor', country: 'FR',
    commune: { code: '74056', name: 'Chamonix-Mont-Blanc' }, address: null,
    activity: { nace: '32.30', national: { scheme: 'NAF', code: '32.30Z' } },
    employees: null, employeesRange: { min: 10, max: 19 }, employeesYear: 2024, founded: 2001,
    openedOn: null, closedOn: null, status: 'active', website: null,
    description: { fr: 'Skis', it: null, en: null }, officialId: null, locationApproximate: false,
    source: 'manual', provenance: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    ...overrides,
  },
});

describe('a firm as the edit form holds it', () => {
  it('keeps a band a band and an exact figure a figure', () => {
    expect(draftOf(company())).toMatchObject({ employees: null, employeesRange: { min: 10, max: 19 } });
    expect(draftOf(company({ employees: 12, employeesRange: { min: 12, max: 12 } }))).toMatchObject({ employees: 12, employeesRange: null });
  });

  it('takes the national code without its scheme, which the country implies', () => {
    expect(draftOf(company()).activity).toEqual({ nace: '32.30', national: '32.30Z' });
  });

  it('has the private fields only when the answer had them', () => {
    expect(draftOf(company())).not.toHaveProperty('note');
    expect(draftOf(company({ note: 'met in May', contact: { email: null, phone: null } }))).toMatchObject({ note: 'met in May' });
  });
});

describe('the merge-patch a save sends', () => {
  const before = draftOf(company());
  const cases: [string, (d: CompanyDraft) => void, object][] = [
    ['nothing changed', () => {}, {}],
    ['the website', (d) => (d.website = 'https://example.org'), { website: 'https://example.org' }],
    ['one description, sent whole', (d) => (d.description.it = 'Sci'), { description: { fr: 'Skis', it: 'Sci', en: null } }],
    ['closed on a date', (d) => Object.assign(d, { status: 'closed', closedOn: '2026-03-01' }), { status: 'closed', closedOn: '2026-03-01' }],
    ['moved', (d) => (d.location.coordinates = [6.9, 45.9]), { location: { type: 'Point', coordinates: [6.9, 45.9] } }],
  ];
  it.each(cases)('%s', (_, change, patch) => {
    const after = structuredClone(before);
    change(after);
    expect(draftPatch(before, after)).toEqual(patch);
  });
});
