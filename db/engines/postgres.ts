import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from '../schema.ts';
import type { Database } from '../database.ts';
import { migrationsFolder } from '../migrations-folder.ts';

// Any fixed number works: it only has to be the same for every Atlas process on one database.
const MIGRATION_LOCK = 4_507_100;

/** PostgreSQL + PostGIS server over a postgres.js pool. */
export async function createPostgresDb(url: string, poolSize = 10): Promise<Database> {
  const client = postgres(url, { max: poolSize, onnotice: () => {} });
  const db = drizzle(client, { schema });
  try {
    // Several API processes may start together: only one applies the migrations.
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      await migrate(tx as unknown as typeof db, { migrationsFolder });
    });
  } catch (error) {
    await client.end({ timeout: 5 });
    throw error;
  }
  return {
    engine: 'postgres',
    drizzle: db,
    async rows(query) {
      return (await db.execute(query)) as never;
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}
