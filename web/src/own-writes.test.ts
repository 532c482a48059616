import { describe, expect, it } from 'vitest';
import { createOwnWrites } from './own-writes.ts';

describe('a page’s own writes and the live announcements', () => {
  const counting = () => {
    const refreshed: number[] = [];
    return { refreshed, refresh: (version: number) => () => refreshed.push(version) };
  };

  it('does not refresh again for the version its own write was answered at', () => {
    const own = createOwnWrites();
    const { refreshed, refresh } = counting();
    own.started();
    own.answered(7);
    own.announced(7, refresh(7));
    expect(refreshed).toEqual([]);
    own.announced(8, refresh(8));
    expect(refreshed).toEqual([8]);
  });

  it('holds an announcement that comes before its write’s answer, and drops it when the answer covers it', () => {
    const own = createOwnWrites();
    const { refreshed, refresh } = counting();
    own.started();
    own.announced(7, refresh(7));
    expect(refreshed).toEqual([]);
    own.answered(7);
    expect(refreshed).toEqual([]);
  });

  it('refreshes for a held announcement that the answer does not cover, or when the write was refused', () => {
    const own = createOwnWrites();
    const { refreshed, refresh } = counting();
    own.started();
    own.announced(9, refresh(9));
    own.answered(8);
    expect(refreshed).toEqual([9]);
    own.started();
    own.announced(10, refresh(10));
    own.answered(null);
    expect(refreshed).toEqual([9, 10]);
  });

  it('refreshes once per version announced, as the poll and a reconnected stream may repeat one', () => {
    const own = createOwnWrites();
    const { refreshed, refresh } = counting();
    own.announced(3, refresh(3));
    own.announced(3, refresh(3));
    own.announced(2, refresh(2));
    expect(refreshed).toEqual([3]);
  });
});
