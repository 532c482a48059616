import { describe, expect, it } from 'vitest';
import { profilePeriod, readYears } from './profile-trends.ts';

const today = new Date('2026-12-03T08:00:00Z');

describe('the period a profile shows', () => {
  it.each([
    // asOf, years asked, period
    [null, null, { from: 2005, to: 2025 }],
    [null, { from: 2010, to: 2020 }, { from: 2010, to: 2020 }],
    ['2010-12-31', null, { from: 1990, to: 2010 }],
    // Mid-year, the last 31 December before it: no figure from after the page's date.
    ['2010-06-30', null, { from: 1989, to: 2009 }],
    ['2010-12-31', { from: 2000, to: 2020 }, { from: 2000, to: 2010 }],
    ['2010-12-31', { from: 2015, to: 2020 }, { from: 1990, to: 2010 }],
    ['2010-01-01', { from: 2000, to: 2005 }, { from: 2000, to: 2005 }],
  ] as const)('asOf %s, years %o: %o', (asOf, asked, period) => {
    expect(profilePeriod(asOf, asked, today)).toEqual(period);
  });

  it.each([
    ['2005-2025', { from: 2005, to: 2025 }],
    ['2025-2005', null],
    ['2005', null],
    ['1800-1900', null],
    [null, null],
  ] as const)('reads years=%s', (value, span) => {
    expect(readYears(value)).toEqual(span);
  });
});
