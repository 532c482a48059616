import { describe, expect, it } from 'vitest';
import { countryOfIdentifier, officialIdentifier } from './identifiers.ts';

describe('officialIdentifier', () => {
  it.each([
    ['FR', '732 829 320 00074', '73282932000074'],
    ['FR', '35600000000048', '35600000000048'],
    ['IT', 'IT 00743110157', '00743110157'],
    ['IT', 'RSSMRA85T10A562S', 'RSSMRA85T10A562S'],
    ['IT', 'AO-64538', 'AO-64538'],
    ['CH', 'CHE-116.281.710', 'CHE-116.281.710'],
    ['CH', 'CHE116281710 MWST', 'CHE-116.281.710'],
  ] as const)('accepts and normalises a valid %s identifier %s', (country, text, value) => {
    expect(officialIdentifier(country, text)).toEqual({ ok: true, value });
  });

  it.each([
    ['FR', '73282932000075', /check digit/],
    ['FR', '7328293200007', /14 digits/],
    ['IT', '00743110158', /check digit/],
    ['IT', 'RSSMRA85T10A562T', /check character/],
    ['CH', 'CHE-116.281.711', /check digit/],
    ['CH', '116281710', /CHE-/],
  ] as const)('rejects %s %s', (country, text, message) => {
    const result = officialIdentifier(country, text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});

describe('countryOfIdentifier', () => {
  it.each([
    ['732 829 320 00074', 'FR'],
    ['CHE-116.281.710', 'CH'],
    ['CHE116281710 MWST', 'CH'],
    ['IT 00743110157', 'IT'],
    ['00743110157', 'IT'],
    ['RSSMRA85T10A562S', 'IT'],
    ['AO-64538', null],
    ['7328293200007', null],
  ] as const)('tells %s as %s', (text, country) => {
    expect(countryOfIdentifier(text)).toBe(country);
  });
});
