import { describe, expect, it } from 'vitest';
import { fieldFor } from './field-errors.ts';

const FIELDS = ['name', 'commune.name', 'commune.code', 'location', 'employeesRange', 'description.fr', 'activity.national'];

describe('the form field a 400 names', () => {
  it.each([
    ['name', 'name'],
    ['commune.code', 'commune.code'],
    ['location.coordinates.0', 'location'],
    ['employeesRange.max', 'employeesRange'],
    ['description.fr', 'description.fr'],
    ['activity.nace', null],
    ['commune', null],
    ['names', null],
  ])('%s → %s', (path, field) => {
    expect(fieldFor(path, FIELDS)).toBe(field);
  });

  it('prefers the most precise field when a parent is a field too', () => {
    expect(fieldFor('commune.code', ['commune', 'commune.code'])).toBe('commune.code');
  });
});
