import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { journalEntries, migrationsFolder } from './migrations-folder.ts';
import { expandSqlFiles } from './sql-files.ts';

/**
 * Applies the pending migrations (up to the one tagged `upTo` when given) as drizzle's migrator does, with the files of db/sql that they
 * apply read in (see docs/developer/migrations.md).
 */
export async function migrate(db: PgDatabase<PgQueryResultHKT, Record<string, unknown>>, upTo?: string): Promise<void> {
  const config = { migrationsFolder };
  const all = expandSqlFiles(readMigrationFiles(config));
  const last = upTo === undefined ? all.length - 1 : journalEntries().findIndex((entry) => entry.tag === upTo);
  if (last < 0) throw new Error(`No migration is tagged ${upTo}`);
  const migrations = all.slice(0, last + 1);
  // The migrator that drizzle-orm/pglite and drizzle-orm/postgres-js wrap, given the migrations.
  const { dialect, session } = db as unknown as { dialect: { migrate(m: unknown, s: unknown, c: unknown): Promise<void> }; session: unknown };
  await dialect.migrate(migrations, session, config);
}
