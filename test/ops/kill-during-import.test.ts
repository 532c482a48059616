import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { registryCsv, registryRows } from '../fixtures/registry-csv.ts';
import { ADMIN_TOKEN } from '../support/app.ts';
import { useAtlasProcesses } from '../support/atlas-processes.ts';
import { testEngines } from '../support/databases.ts';
import { registryNames } from '../support/http.ts';

const ROWS = 5000;

function importFile(url: string, file: Buffer, dryRun: boolean): Promise<Response> {
  return fetch(`${url}/api/imports?dryRun=${dryRun}&name=killed`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'text/csv' },
    body: new Uint8Array(file),
  });
}

/** The newest modification time of any file under `dir`. */
function lastWrite(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).reduce((latest, file) => {
    try {
      return Math.max(latest, statSync(join(dir, file)).mtimeMs);
    } catch {
      return latest;
    }
  }, 0);
}

/**
 * Resolves once the import's transaction is writing: on a server, a session inserting firms inside
 * a transaction; on the embedded engine (in the process, out of sight), its files changing, which
 * nothing before the import's writing does.
 */
function writingStarted(env: Record<string, string>): { started: Promise<void>; stop(): Promise<void> } {
  let polling = true;
  const client = env.DATABASE_URL ? postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} }) : null;
  const writing = async (): Promise<boolean> => {
    if (!client) return lastWrite(join(env.ATLAS_DATA_DIR!, 'pglite')) > baseline;
    const [row] = await client`SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
        AND query ~* 'insert into "?companies"? '`;
    return row!.n > 0;
  };
  const baseline = env.ATLAS_DATA_DIR ? lastWrite(join(env.ATLAS_DATA_DIR, 'pglite')) : 0;
  const started = (async () => {
    while (polling && !(await writing())) await new Promise((resolve) => setTimeout(resolve, 10));
  })();
  return {
    started,
    async stop() {
      polling = false;
      await started.catch(() => {});
      await client?.end();
    },
  };
}

describe.each(testEngines())('kill -9 during an import on %s', (engine) => {
  const processes = useAtlasProcesses();

  it('leaves no half-import behind: after a restart the file is wholly absent or wholly present', async () => {
    const store = await processes.store(engine);
    const start = () => processes.start(store);
    const rows = registryRows(ROWS);
    const file = registryCsv(rows, rows.map(() => null));
    const first = start();
    const url = await first.ready;
    const dryRun = await importFile(url, file, true);
    expect(dryRun.status).toBe(200);
    const { created } = (await dryRun.json()) as { created: number };
    expect(created).toBeGreaterThan(ROWS * 0.9);

    const watch = writingStarted(store);
    processes.after(watch.stop);
    const answer = importFile(url, file, false).then((r) => r.status, () => 'no answer');
    await watch.started;
    first.child.kill('SIGKILL');
    await first.exited;
    expect(await answer).toBe('no answer');

    const second = start();
    const firms = await registryNames(await second.ready);
    expect([0, created]).toContain(firms.size);
  }, 180_000);
});
