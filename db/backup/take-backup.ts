import { sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { journalEntries } from '../migrations-folder.ts';
import { backupFile } from './format.ts';

/**
 * Left out of a backup: sign-in sessions, one-time invitation and reset links and failed sign-in
 * counts are secrets or short-lived; a restored Atlas asks everyone to sign in again.
 */
export const EXCLUDED_TABLES = ['sessions', 'account_links', 'sign_in_failures'];

/** pg_dump's arguments: the registry's rows as INSERTs, readable by psql, without the schema. */
export const DUMP_ARGS = [
  '--data-only',
  '--schema=public',
  '--no-owner',
  '--no-privileges',
  '--rows-per-insert=500',
  ...EXCLUDED_TABLES.map((table) => `--exclude-table-data=public.${table}`),
];

/** The tag of the last migration applied to `db`. */
export async function schemaVersion(db: Database): Promise<{ schema: string; schemaIndex: number }> {
  const [row] = await db.rows<{ created_at: string }>(sql`SELECT created_at::text FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1`);
  const entries = journalEntries();
  const schemaIndex = entries.findIndex((entry) => entry.when === Number(row?.created_at));
  if (schemaIndex === -1) throw new Error('The database has a migration this version of the Atlas does not know: back it up with the version that runs it');
  return { schema: entries[schemaIndex]!.tag, schemaIndex };
}

/**
 * A consistent backup of the whole registry (one pg_dump snapshot) as the bytes of a backup file.
 */
export async function takeBackup(db: Database): Promise<Buffer> {
  const version = await schemaVersion(db);
  const dumped = await db.dump(db.engine === 'postgres' ? [...DUMP_ARGS, '--inserts'] : DUMP_ARGS);
  return backupFile({ ...version, engine: db.engine, takenAt: new Date().toISOString() }, dumped);
}
