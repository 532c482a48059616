import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { migrationsFolder } from './migrations-folder.ts';
import { expandSqlFiles } from './sql-files.ts';

/**
 * Applies the pending migrations as drizzle's migrator does, with the files of db/sql that they
 * apply read in (see docs/developer/migrations.md).
 */
export async function migrate(db: PgDatabase<PgQueryResultHKT, Record<string, unknown>>): Promise<void> {
  const config = { migrationsFolder };
  const migrations = expandSqlFiles(readMigrationFiles(config));
  // The migrator that drizzle-orm/pglite and drizzle-orm/postgres-js wrap, given the migrations.
  const { dialect, session } = db as unknown as { dialect: { migrate(m: unknown, s: unknown, c: unknown): Promise<void> }; session: unknown };
  await dialect.migrate(migrations, session, config);
}
