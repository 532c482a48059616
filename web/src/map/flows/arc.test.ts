import { describe, expect, it } from 'vitest';
import { arc } from './arc.ts';

describe('arc', () => {
  const chamonix: [number, number] = [6.8694, 45.9237];
  const aosta: [number, number] = [7.3155, 45.7373];

  it('starts and ends at the two places', () => {
    const line = arc(chamonix, aosta);
    expect(line).toHaveLength(33);
    expect(line[0]![0]).toBeCloseTo(chamonix[0], 9);
    expect(line[0]![1]).toBeCloseTo(chamonix[1], 9);
    expect(line.at(-1)![0]).toBeCloseTo(aosta[0], 9);
    expect(line.at(-1)![1]).toBeCloseTo(aosta[1], 9);
  });

  it('bows to the left of its direction, so the two ways of a pair stay apart', () => {
    const there = arc(chamonix, aosta)[16]!;
    const back = arc(aosta, chamonix)[16]!;
    // Going south-east, left is north-east: the middle lies above the chord; coming back, below.
    const chordLat = (chamonix[1] + aosta[1]) / 2;
    expect(there[1]).toBeGreaterThan(chordLat);
    expect(back[1]).toBeLessThan(chordLat);
  });

  it('is a straight line with no bend', () => {
    const middle = arc([6, 45], [8, 45], 0)[16]!;
    expect(middle[0]).toBeCloseTo(7, 9);
    expect(middle[1]).toBeCloseTo(45, 9);
  });
});
