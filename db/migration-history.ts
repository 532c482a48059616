import { journalEntries } from './migrations-folder.ts';

/** A database built by migrations that this release's do not continue: it can only be recreated. */
export class ForeignMigrationHistoryError extends Error {
  constructor(database: string, recreate: string) {
    super(
      `${database} was created by migrations this release no longer has: the migrations of the Atlas's ` +
        `development were squashed into one (db/migrations/${journalEntries()[0]!.tag}.sql) before its first release, ` +
        `and a database they built cannot be brought up to date. Recreate it (${recreate}), start the Atlas, ` +
        'then load the firms again (npm run seed, or npm run import).',
    );
    this.name = 'ForeignMigrationHistoryError';
  }
}

/** Runs one statement on the connection that is about to migrate, and gives its rows. */
export type RawQuery = (statement: string) => Promise<Record<string, unknown>[]>;

/**
 * Refuses, before anything is applied, a database whose first applied migration is not this
 * release's first one. Drizzle's migrator compares migration times only: on a database built by
 * the squashed history it would apply the baseline over the tables already there, and stop at
 * the first of them with "type already exists".
 */
export async function refuseForeignHistory(query: RawQuery, database: string, recreate: string): Promise<void> {
  const [table] = await query(`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`);
  if (!table?.present) return;
  const [row] = await query('SELECT min(created_at) AS first FROM drizzle.__drizzle_migrations');
  if (row?.first === null || row?.first === undefined) return;
  if (Number(row.first) !== journalEntries()[0]!.when) throw new ForeignMigrationHistoryError(database, recreate);
}
