import { describe, expect, it } from 'vitest';
import { mergePatch } from './merge-patch.ts';

describe('mergePatch', () => {
  it('merges nested objects and keeps the fields not sent', () => {
    expect(mergePatch({ a: 1, d: { fr: 'x', en: 'y' } }, { d: { en: 'z' } })).toEqual({ a: 1, d: { fr: 'x', en: 'z' } });
  });

  it('sets a field to null instead of removing it', () => {
    expect(mergePatch({ a: 1, b: 2 }, { b: null })).toEqual({ a: 1, b: null });
  });

  it('replaces arrays whole', () => {
    expect(mergePatch({ s: ['a', 'b'] }, { s: ['c'] })).toEqual({ s: ['c'] });
  });
});
