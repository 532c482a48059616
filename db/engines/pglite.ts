import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { postgis } from '@electric-sql/pglite-postgis';
import { drizzle } from 'drizzle-orm/pglite';
import { lockDataDir } from '../lock.ts';
import { refuseForeignHistory } from '../migration-history.ts';
import * as schema from '../schema.ts';
import type { Database } from '../database.ts';
import { migrate } from '../migrate.ts';

export const pgliteExtensions = { postgis, pg_trgm, btree_gist };

/** Embedded PostGIS in this process; `dataDir` undefined keeps it in memory (tests). */
export async function createPgliteDb(dataDir?: string): Promise<Database> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(dataDir ? { dataDir: `${dataDir}/pglite` } : {}),
      extensions: pgliteExtensions,
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const db = drizzle(client, { schema });
  try {
    const recreate = `stop the Atlas and delete ${dataDir}/pglite, or point ATLAS_DATA_DIR at a new directory`;
    await refuseForeignHistory(async (statement) => (await client.query(statement)).rows as Record<string, unknown>[], `The embedded database in ${dataDir}`, recreate);
    await migrate(db);
  } catch (error) {
    await client.close();
    unlock();
    throw error;
  }
  return {
    engine: 'pglite',
    drizzle: db,
    async rows(query) {
      const result = await db.execute(query);
      return result.rows as never;
    },
    async listen(channel, onPayload) {
      await client.listen(channel, onPayload);
    },
    async close() {
      await client.close();
      unlock();
    },
  };
}
