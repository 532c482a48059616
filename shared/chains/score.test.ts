import { describe, expect, it } from 'vitest';
import { naceAt, naceLevel, parseNaceClass } from './nace.ts';
import { learnRelatedness, relatednessBetween } from './relatedness.ts';
import { distancePoints, relatednessPoints, scoreCandidate, sharedPartnersPoints } from './score.ts';
import { eiIndex } from './missing-chains.ts';

describe('the score’s terms', () => {
  it.each([
    [null, 0], [0.5, 0], [1, 0], [3, 0.5], [9, 0.8],
  ])('relatedness R = %s gives %s points', (ratio, points) => expect(relatednessPoints(ratio)).toBe(points));

  it.each([[0, 0], [1, 0.5], [3, 0.75]])('Adamic–Adar %s gives %s points', (aa, points) => expect(sharedPartnersPoints(aa)).toBe(points));

  it.each([[0, 1], [20_000, 0.5], [40_000, 0.25], [100_000, 0.0313]])('%s m gives %s points', (d, points) => expect(distancePoints(d)).toBe(points));

  it.each([
    { ratio: 2.3188, aa: 1.4427, d: 29_650.8 },
    { ratio: 1.0001, aa: 0, d: 1 },
    { ratio: 17, aa: 5.2, d: 99_999 },
  ])('reasons add up to the score exactly: %o', ({ ratio, aa, d }) => {
    const evidence = { source: 'learned' as const, sourceName: null, level: 'class' as const, from: '43.32', to: '16.23', ratio, links: 5, expected: 2 };
    const { score, reasons } = scoreCandidate({ fromClass: '43.32', toClass: '16.23', evidence, sharedPartners: 1, adamicAdar: aa, distanceM: d });
    expect(Math.round(reasons.reduce((s, r) => s + r.points, 0) * 1e4) / 1e4).toBe(score);
  });
});

describe('NACE codes and relatedness', () => {
  it.each([['43.21', 'class'], ['43.2', 'group'], ['43', 'division'], ['4321', null], ['43.21A', null]])('%s is written at the %s level', (code, level) =>
    expect(naceLevel(code)).toBe(level));
  it.each([['43.21', 'group', '43.2'], ['43.21', 'division', '43'], ['43.21', 'class', '43.21']])('%s at the %s level is %s', (code, level, out) =>
    expect(naceAt(code, level as 'group')).toBe(out));
  it.each([['43.21Z', '43.21'], ['4321', '43.21'], ['43.21.01', '43.21'], ['432100', '43.21'], ['building', null], ['43', null]])('reads %s as %s', (text, code) =>
    expect(parseNaceClass(text)).toBe(code));

  it('falls back from the class to the group to the division where a pair has too few links', () => {
    const learned = learnRelatedness([
      { a: '16.23', b: '43.32', links: 2 },
      { a: '16.10', b: '43.99', links: 3 },
      { a: '01.28', b: '20.53', links: 6 },
    ]);
    expect(relatednessBetween(learned, '16.23', '43.32', 5)).toMatchObject({ level: 'division', a: '16', b: '43', links: 5 });
    expect(relatednessBetween(learned, '01.28', '20.53', 5)).toMatchObject({ level: 'class', links: 6, ratio: (6 * 22) / (6 * 6) });
    expect(relatednessBetween(learned, '01.28', '43.32', 5)).toBeNull();
  });

  it.each([[0, 0, null], [3, 2, -0.2], [0, 4, 1], [4, 0, -1]])('E–I index of %s internal and %s external links is %s', (internal, external, ei) =>
    expect(eiIndex(internal, external)).toBe(ei));
});
