import { describe, expect, it } from 'vitest';
import { roundedComponents } from './shift-share-rounding.ts';

describe('roundedComponents', () => {
  it.each([
    // change, area, mix, digits → area, mix, local
    [10, 3.333, 3.333, 1, 3.3, 3.3, 3.4],
    [-7, -2.44, 1.26, 1, -2.4, 1.3, -5.9],
    [23, 117.4123, 1.0456, 3, 117.412, 1.046, -95.458],
    [0, 0, 0, 1, 0, 0, 0],
  ])('change %d, area %d, mix %d at %d decimals', (change, areaGrowth, industryMix, digits, area, mix, local) => {
    const parts = roundedComponents({ change, areaGrowth, industryMix }, digits);
    expect(parts).toEqual({ area, mix, local });
    expect(round(parts.area + parts.mix + parts.local)).toBe(change);
  });
});

const round = (n: number) => Math.round(n * 1e6) / 1e6;
