import { describe, expect, it } from 'vitest';
import { ANY_VERSION, createResponseStore, entryBytes, type StoredResponse } from './response-store.ts';

const answer = (bytes: number, status = 200): StoredResponse => ({ status, headers: [['content-type', 'x']], body: new Uint8Array(bytes) });
const computed = (value: StoredResponse | null) => async () => value;

describe('the response store', () => {
  it('answers a key from memory once computed', async () => {
    const store = createResponseStore(1_000_000);
    expect((await store.compute('a', 1, computed(answer(10)))).from).toBe('computed');
    const again = await store.compute('a', 1, () => Promise.reject(new Error('computed twice')));
    expect(again.from).toBe('memory');
    expect(store.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1 });
  });

  it.each([
    // [bound, body sizes put in order, keys expected to stay]
    ['all fit', 40_000, [1000, 1000, 1000], ['k0', 'k1', 'k2']],
    ['the oldest go first', 10_000, [2000, 2000, 2000, 2000, 2000, 2000], ['k2', 'k3', 'k4', 'k5']],
    ['one past a quarter of the bound is not kept', 10_000, [1000, 2600, 1000], ['k0', 'k2']],
  ])('stays within its bound in bytes: %s', async (_, bound, sizes, kept) => {
    const store = createResponseStore(bound);
    for (const [i, size] of sizes.entries()) await store.compute(`k${i}`, 1, computed(answer(size)));
    const stats = store.stats();
    expect(stats.bytes).toBeLessThanOrEqual(bound);
    for (const [i] of sizes.entries()) {
      const from = (await store.compute(`k${i}`, 1, computed(null))).from;
      expect([`k${i}`, from]).toEqual([`k${i}`, kept.includes(`k${i}`) ? 'memory' : 'computed']);
    }
  });

  it('counts keys and headers in the bound', () => {
    const value = answer(100);
    expect(entryBytes('a'.repeat(50), value)).toBe(100 + 2 * (50 + 'content-type'.length + 1) + 128);
  });

  it('evicts the least recently used, not the least recently put', async () => {
    const store = createResponseStore(4 * entryBytes('k0', answer(1000)));
    for (const key of ['k0', 'k1', 'k2', 'k3']) await store.compute(key, 1, computed(answer(1000)));
    await store.compute('k0', 1, computed(null));
    await store.compute('k4', 1, computed(answer(1000)));
    expect((await store.compute('k0', 1, computed(null))).from).toBe('memory');
    expect((await store.compute('k1', 1, computed(null))).from).toBe('computed');
    expect(store.stats().evictions).toBe(1);
  });

  it('drops the entries of older data versions once a newer one is seen, but not those of any version', async () => {
    const store = createResponseStore(1_000_000);
    await store.compute('tile v1', 1, computed(answer(10)));
    await store.compute('style', ANY_VERSION, computed(answer(10)));
    await store.compute('tile v2', 2, computed(answer(10)));
    expect(store.stats().entries).toBe(2);
    expect((await store.compute('style', ANY_VERSION, computed(null))).from).toBe('memory');
  });

  it('does not keep an answer computed for a version that was replaced meanwhile', async () => {
    const store = createResponseStore(1_000_000);
    let finish!: (value: StoredResponse) => void;
    const slow = store.compute('old', 1, () => new Promise((resolve) => (finish = resolve)));
    await store.compute('new', 2, computed(answer(10)));
    finish(answer(10));
    await slow;
    expect(store.stats()).toMatchObject({ entries: 1, notKept: 1 });
  });

  it('computes identical requests that come together once', async () => {
    const store = createResponseStore(1_000_000);
    let runs = 0;
    let finish!: (value: StoredResponse) => void;
    const produce = () => {
      runs += 1;
      return new Promise<StoredResponse>((resolve) => (finish = resolve));
    };
    const all = Promise.all(Array.from({ length: 10 }, () => store.compute('k', 1, produce)));
    finish(answer(10));
    const results = await all;
    expect(runs).toBe(1);
    expect(results.map((r) => r.from).sort()).toEqual(['computed', ...Array(9).fill('shared')]);
    expect(store.stats()).toMatchObject({ misses: 1, shared: 9 });
  });

  it('lets each waiting request compute its own answer when the shared one is not to be kept', async () => {
    const store = createResponseStore(1_000_000);
    let runs = 0;
    const produce = async () => {
      runs += 1;
      return null;
    };
    await Promise.all([store.compute('k', 1, produce), store.compute('k', 1, produce)]);
    expect(runs).toBe(2);
  });
});
