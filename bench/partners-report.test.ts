import { describe, expect, it } from 'vitest';
import { comparison, outcomeRows, verdict } from './partners-report.ts';

describe('the held-out evaluation’s verdict', () => {
  it.each([
    { name: 'equal', ours: 0.02, theirs: 0.02, words: 'tie with it' },
    { name: 'equal but for float noise', ours: 0.1 + 0.2, theirs: 0.3, words: 'tie with it' },
    { name: 'one hit fewer among 203 firms (0.05 points)', ours: 1 / 2030, theirs: 2 / 2030, words: 'fall short of it by 0.05 points' },
    { name: 'one hit more among 60 firms', ours: 1 / 600, theirs: 0, words: 'beat it by 0.17 points' },
    { name: 'a clear lead', ours: 0.067, theirs: 0.017, words: 'beat it by 5.00 points' },
  ])('$name: $words', ({ ours, theirs, words }) => {
    expect(comparison(ours, theirs)).toBe(words);
  });

  it('names the hits behind both measures when the run recorded them', () => {
    const ours = { precisionAt10: 1 / 2030, recallAt50: 0.0246, hitsAt10: 1, hitsAt50: 5 };
    const random = { precisionAt10: 2 / 2030, recallAt50: 0.0148, hitsAt10: 2, hitsAt50: 3 };
    expect(verdict('random firms', ours, random)).toBe(
      'against random firms, the suggestions fall short of it by 0.05 points on precision@10 (1 hit against 2) and beat it by 0.98 points on recall@50 (5 hits against 3)');
  });

  it('says nothing of hits for a run that did not record them', () => {
    expect(verdict('the nearest firms', { precisionAt10: 0, recallAt50: 0.1 }, { precisionAt10: 0, recallAt50: 0.1 })).toBe(
      'against the nearest firms, the suggestions tie with it on precision@10 and tie with it on recall@50');
  });
});

describe('the outcomes of followed suggestions', () => {
  it.each([
    { name: 'nothing followed in the band', band: { band: '< 0.5', followed: 0, met: 0, cooperating: 0, open: 0 }, row: '| < 0.5 | 0 | 0 | – | – |' },
    { name: 'all still open: nothing decided yet', band: { band: '0.5–1', followed: 3, met: 0, cooperating: 0, open: 3 }, row: '| 0.5–1 | 3 | 3 | – | – |' },
    { name: 'shares of the decided ones only', band: { band: '≥ 1.5', followed: 5, met: 2, cooperating: 1, open: 1 }, row: '| ≥ 1.5 | 5 | 1 | 50 % (2) | 25 % (1) |' },
  ])('$name', ({ band, row }) => {
    expect(outcomeRows([band])).toEqual([row]);
  });
});
