import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { processStore, testEngines } from '../test/support/databases.ts';
import { createDb } from './create-db.ts';
import { ForeignMigrationHistoryError } from './migration-history.ts';

// When the first migration of the history squashed into the baseline was recorded: a database
// built before the squash has it as its first applied migration.
const SQUASHED_FIRST = 1_795_408_339_503;

describe.each(testEngines())('a database built by migrations this release does not have, on %s', (engine) => {
  it('is refused with what to do about it, before drizzle applies the baseline over its tables', async () => {
    const store = await processStore(engine);
    const options = { url: store.env.DATABASE_URL, dataDir: store.env.ATLAS_DATA_DIR };
    try {
      const db = await createDb(options);
      await db.rows(sql`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('squashed', ${SQUASHED_FIRST})`);
      await db.close();

      const refusal = createDb(options);
      await expect(refusal).rejects.toThrow(ForeignMigrationHistoryError);
      await expect(refusal).rejects.toThrow(/was created by migrations this release no longer has.*Recreate it/);
    } finally {
      await store.remove();
    }
  });
});
