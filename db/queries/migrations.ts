import { sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { journalEntries } from '../migrations-folder.ts';

/**
 * The migrations this release needs that the database has not applied. Drizzle records each
 * applied migration with its journal time (`created_at`) and applies those after the latest one,
 * so the same rule tells which are missing.
 */
export async function missingMigrations(db: Database): Promise<string[]> {
  const [table] = await db.rows<{ present: boolean }>(sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`);
  let latest = 0;
  if (table?.present) {
    const [row] = await db.rows<{ latest: string | number | null }>(sql`SELECT max(created_at) AS latest FROM drizzle.__drizzle_migrations`);
    latest = Number(row?.latest ?? 0);
  }
  return journalEntries().filter((entry) => entry.when > latest).map((entry) => entry.tag);
}
