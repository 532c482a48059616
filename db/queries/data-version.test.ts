import { describe, expect, it } from 'vitest';
import { coalescedReads } from './data-version.ts';

/** A read whose answers the test releases one by one, counting how many reads started. */
function controlledRead() {
  const pending: Array<(value: number) => void> = [];
  return {
    read: () => new Promise<number>((resolve) => pending.push(resolve)),
    started: () => pending.length,
    finish: (index: number, value: number) => pending[index]!(value),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('coalescedReads', () => {
  it('answers callers that arrive together with one read', async () => {
    const source = controlledRead();
    const current = coalescedReads(source.read);
    const answers = Promise.all([current(), current(), current()]);
    await tick();
    expect(source.started()).toBe(1);
    source.finish(0, 7);
    expect(await answers).toEqual([7, 7, 7]);
  });

  it('never answers a caller with a read that started before it called', async () => {
    const source = controlledRead();
    const current = coalescedReads(source.read);
    const early = current();
    await tick();
    const late = [current(), current()];
    await tick();
    // The late callers wait for a read of their own, started once the running one ends.
    expect(source.started()).toBe(1);
    source.finish(0, 1);
    expect(await early).toBe(1);
    await tick();
    expect(source.started()).toBe(2);
    source.finish(1, 2);
    expect(await Promise.all(late)).toEqual([2, 2]);
  });

  it('starts the next read after a failed one, and passes the failure to its callers only', async () => {
    let calls = 0;
    const current = coalescedReads(async () => {
      calls += 1;
      if (calls === 1) throw new Error('database away');
      return calls;
    });
    await expect(current()).rejects.toThrow('database away');
    expect(await current()).toBe(2);
  });
});
