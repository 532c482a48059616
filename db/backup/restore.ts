import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { createPgliteDb } from '../engines/pglite.ts';
import type { Database } from '../database.ts';
import { lockDataDir } from '../lock.ts';
import { migrate } from '../migrate.ts';
import { journalEntries } from '../migrations-folder.ts';
import { BackupFileError, type BackupHeader, readBackupFile } from './format.ts';

/** Where to restore: an embedded data directory, or a PostGIS database. */
export type RestoreTarget = { dataDir: string } | { url: string };

/** Tables that hold the registry: a target with rows in one of them is not empty. */
const REGISTRY_TABLES = ['companies', 'actors', 'links', 'accounts', 'api_tokens', 'introductions'];

/**
 * Lines of a dump that only some targets understand: psql's \restrict (pg_dump 15.14+), and
 * PostgreSQL 17's transaction_timeout (PGlite's pg_dump), unknown to a PostgreSQL 15 server.
 */
const TARGET_SPECIFIC = /^(\\(un)?restrict .*|SET transaction_timeout = 0;)$/gm;

/** Refuses a backup this version cannot load: of a schema it does not know (a newer Atlas's). */
function refuseNewer(header: BackupHeader): void {
  const known = journalEntries();
  if (header.schemaIndex >= known.length || known[header.schemaIndex]?.tag !== header.schema) {
    throw new BackupFileError(`The backup is of schema ${header.schema}, newer than this version of the Atlas knows (${known.at(-1)!.tag}): restore it with a newer Atlas`);
  }
}

/**
 * The script that loads the rows, triggers off (their work is in the rows already), over the
 * tables the migrations made. The dump empties the session's search_path (pg_dump does, for
 * safety): it is reset for the migrations that follow in the same session.
 */
async function loadScript(run: (statement: string) => Promise<Array<{ name: string }>>, rows: string): Promise<string> {
  const tables = await run(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'spatial_ref_sys'`);
  // The migrations write built-in rows (territories, mappings…): the backup's replace them.
  const truncate = tables.length ? `TRUNCATE ${tables.map(({ name }) => `public."${name}"`).join(', ')} CASCADE;` : '';
  return `SET LOCAL session_replication_role = replica;\n${truncate}\n${rows.replace(TARGET_SPECIFIC, '')}\nRESET search_path;`;
}

/** Loads the rows in one transaction. */
async function load(db: Database, rows: string): Promise<void> {
  const script = await loadScript((statement) => db.rows<{ name: string }>(sql.raw(statement)), rows);
  await db.drizzle.transaction(async (tx) => {
    await tx.execute(sql.raw(script));
  });
}

/**
 * Builds the backup's schema in `open(schema)`, loads the rows, then applies the later migrations
 * in the same session (opening the embedded engine again would cost seconds for nothing).
 */
async function loadAndMigrate(open: (schemaUpTo: string) => Promise<Database>, header: BackupHeader, rows: string): Promise<void> {
  const db = await open(header.schema);
  try {
    await load(db, rows);
    await migrate(db.drizzle);
  } finally {
    await db.close();
  }
}

/**
 * Into an embedded directory: built aside in `<dir>/restoring`, then put in place, so that a
 * failure (or a kill) leaves the directory as it was. The directory is locked meanwhile.
 */
async function restoreEmbedded(dataDir: string, header: BackupHeader, rows: string, replace: boolean): Promise<void> {
  const unlock = lockDataDir(dataDir);
  try {
    const database = join(dataDir, 'pglite');
    const holdsOne = existsSync(database) && readdirSync(database).length > 0;
    if (holdsOne && !replace) throw new BackupFileError(`${dataDir} already holds a database: restore into an empty directory, or add --replace to erase it`);
    const staging = join(dataDir, 'restoring');
    rmSync(staging, { recursive: true, force: true });
    try {
      await loadAndMigrate((schemaUpTo) => createPgliteDb(staging, { schemaUpTo }), header, rows);
      const replaced = join(dataDir, 'replaced');
      if (existsSync(database)) renameSync(database, replaced);
      renameSync(join(staging, 'pglite'), database);
      rmSync(replaced, { recursive: true, force: true });
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  } finally {
    unlock();
  }
}

/** Refuses a server database that holds a registry, unless `replace`; whether an Atlas schema is there to drop. */
async function checkServer(client: postgres.Sql, replace: boolean): Promise<{ holdsAtlas: boolean }> {
  const present = await client<{ name: string }[]>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY(${REGISTRY_TABLES})`;
  for (const { name } of present) {
    const [row] = await client.unsafe<{ any: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM public."${name}") AS any`);
    if (row?.any && !replace) throw new BackupFileError(`The database is not empty (${name} has rows): restore into an empty database, or add --replace to erase it`);
  }
  const [atlas] = await client<{ any: boolean }[]>`SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'drizzle') AS any`;
  return { holdsAtlas: present.length > 0 || atlas?.any === true };
}

/**
 * The transaction `tx` of `client` as a postgres.js client to drizzle: a transaction drizzle
 * begins in it (each migration) is a savepoint, so that the restore's statements all commit
 * together; the options (the type parsers drizzle sets up) are the client's.
 */
const withinTransaction = (client: postgres.Sql, tx: postgres.TransactionSql): postgres.Sql =>
  new Proxy(tx, {
    get: (target, key) =>
      key === 'begin' ? (fn: (sql: postgres.TransactionSql) => unknown) => target.savepoint(fn) : key === 'options' ? client.options : Reflect.get(target, key),
  }) as unknown as postgres.Sql;

/**
 * Into a server database, in one transaction: the Atlas schema already there (even empty) is
 * dropped with the extensions in it, the migrations up to the backup's schema build it again, the
 * rows load, the later migrations follow. PostgreSQL's DDL is transactional: a restore that fails
 * at any step, `--replace` or not, leaves the database as it was. A database that never held the
 * Atlas is left as it is (its PostGIS too).
 */
async function restoreServer(url: string, header: BackupHeader, rows: string, replace: boolean): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const { holdsAtlas } = await checkServer(client, replace);
    await client.begin(async (tx) => {
      if (holdsAtlas) await tx.unsafe('DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      const db = drizzle(withinTransaction(client, tx));
      await migrate(db, header.schema);
      await tx.unsafe(await loadScript((statement) => tx.unsafe<Array<{ name: string }>>(statement), rows));
      // SET LOCAL lasts to the end of the transaction: the later migrations' triggers fire again.
      await tx.unsafe('SET LOCAL session_replication_role = origin');
      await migrate(db);
    });
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * Restores a backup file into an empty target (or one erased, with `replace`): checks the
 * checksum, refuses a backup of a newer schema, loads it into its own schema, then applies the
 * later migrations.
 */
export async function restoreBackup(file: Buffer, target: RestoreTarget, { replace = false } = {}): Promise<{ schema: string }> {
  const { header, sql: rows } = readBackupFile(file);
  refuseNewer(header);
  if ('dataDir' in target) {
    await restoreEmbedded(target.dataDir, header, rows, replace);
  } else {
    await restoreServer(target.url, header, rows, replace);
  }
  return { schema: header.schema };
}
