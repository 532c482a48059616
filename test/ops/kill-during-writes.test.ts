import { describe, expect, it } from 'vitest';
import { chamonixGuides } from '../fixtures/companies.ts';
import { useAtlasProcesses } from '../support/atlas-processes.ts';
import { testEngines } from '../support/databases.ts';
import { postFirm, registryNames } from '../support/http.ts';

const WRITERS = 4;

describe.each(testEngines())('kill -9 during a stream of writes on %s', (engine) => {
  const processes = useAtlasProcesses();

  it('keeps every acknowledged write after a restart', async () => {
    const store = await processes.store(engine);
    const start = () => processes.start(store);
    const first = start();
    const url = await first.ready;

    // Writers post firms one after another until the process dies under them.
    const acknowledged = new Map<number, string>();
    let attempted = 0;
    let enough: () => void;
    const enoughWritten = new Promise<void>((resolve) => (enough = resolve));
    const writer = async (w: number) => {
      for (let n = 0; ; n++) {
        const name = `Test write ${w}-${n}`;
        attempted++;
        try {
          const response = await postFirm(url, { ...chamonixGuides, name });
          if (response.status !== 201) throw new Error(`POST answered ${response.status}`);
          acknowledged.set((await response.json()).id, name);
        } catch {
          return;
        }
        if (acknowledged.size >= 40) enough();
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
    await enoughWritten;
    first.child.kill('SIGKILL');
    await first.exited;
    await Promise.all(writers);

    const second = start();
    const firms = await registryNames(await second.ready);
    for (const [id, name] of acknowledged) expect(firms.get(id), `firm ${id}`).toBe(name);
    // Unacknowledged writes in flight may have committed, nothing else.
    expect(firms.size).toBeLessThanOrEqual(acknowledged.size + WRITERS);
    expect(attempted).toBeGreaterThan(acknowledged.size);
  }, 120_000);
});
