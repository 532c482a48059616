import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { HEAR_OWN_WRITE_MS, createDataVersion } from '../../db/queries/data-version.ts';
import { openTestDb, testEngines } from '../support/databases.ts';

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(check()).toBe(true);
};

// On a server a writer waits for its own notice; the embedded engine delivers it before returning.
it.runIf(testEngines().includes('postgres'))('answers a write that changed nothing, made before any notice since listening, without waiting for one', async () => {
  const db = await openTestDb('postgres');
  try {
    // A version committed before the process listens: its notice went out before, to nobody here.
    await db.rows(sql`UPDATE data_version SET version = version + 1`);
    const versions = createDataVersion(db);
    await versions.current();
    await until(() => versions.source() === 'notifications');
    const started = performance.now();
    await versions.afterWrite();
    expect(performance.now() - started).toBeLessThan(HEAR_OWN_WRITE_MS / 2);
  } finally {
    await db.close();
  }
});
