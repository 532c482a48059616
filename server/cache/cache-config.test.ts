import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.ts';

describe('ATLAS_CACHE_MB', () => {
  it.each([
    [undefined, 64 * 1024 * 1024],
    ['0', 0],
    ['0.5', 512 * 1024],
    ['256', 256 * 1024 * 1024],
  ])('%s gives a cache of %i bytes', (value, bytes) => {
    expect(parseConfig(value === undefined ? {} : { ATLAS_CACHE_MB: value }).cacheBytes).toBe(bytes);
  });

  it.each(['-1', 'lots', '2000000'])('refuses %s, naming the variable', (value) => {
    expect(() => parseConfig({ ATLAS_CACHE_MB: value })).toThrow(/ATLAS_CACHE_MB/);
  });
});
