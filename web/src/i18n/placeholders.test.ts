import { describe, expect, it as test } from 'vitest';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { it } from './it.ts';

/** The `{name}` placeholders of a string, sorted, so that their order in a sentence may differ. */
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('translations', () => {
  const keys = Object.keys(fr) as (keyof typeof fr)[];

  test('the French dictionary has keys to compare', () => {
    expect(keys.length).toBeGreaterThan(100);
  });

  test.each([['it', it], ['en', en]] as const)('%s has exactly the French keys', (_, dictionary) => {
    expect(Object.keys(dictionary).sort()).toEqual([...keys].sort());
  });

  test.each([['it', it], ['en', en]] as const)('every %s string has the placeholders of its French one', (_, dictionary) => {
    const differing = keys.filter((key) => placeholders(dictionary[key]).join() !== placeholders(fr[key]).join());
    expect(differing.map((key) => `${key}: ${fr[key]} / ${dictionary[key]}`)).toEqual([]);
  });
});
