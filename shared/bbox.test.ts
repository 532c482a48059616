import { describe, expect, it } from 'vitest';
import { inBBox, parseBBox } from './bbox.ts';

describe('parseBBox', () => {
  it('reads minLon,minLat,maxLon,maxLat', () => {
    expect(parseBBox('6.5,45.5,7.5,46.2')).toEqual([6.5, 45.5, 7.5, 46.2]);
  });

  it.each(['', '6,45,7', '6,45,7,46,1', '7,45,6,46', '6,46,7,45', '6,45,6,46', 'a,b,c,d', '6,,7,46', '-181,0,0,1', '0,-91,1,0', 'Infinity,0,1,1'])(
    'rejects %j',
    (text) => expect(parseBBox(text)).toBeUndefined(),
  );
});

describe('inBBox', () => {
  it('includes the edges', () => {
    expect(inBBox([6, 45], [6, 45, 7, 46])).toBe(true);
    expect(inBBox([7.0001, 45.5], [6, 45, 7, 46])).toBe(false);
  });
});
