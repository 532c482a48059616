import { describe, expect, it } from 'vitest';
import { radiusChoices } from './nearby-panel.ts';

describe('radiusChoices', () => {
  it.each([
    { radius: 10_000, choices: [1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000] },
    { radius: 15_000, choices: [1000, 2000, 5000, 10_000, 15_000, 20_000, 50_000, 100_000] },
    { radius: 500, choices: [500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000] },
  ])('offers $radius m among the usual radii', ({ radius, choices }) => {
    expect(radiusChoices(radius)).toEqual(choices);
  });
});
