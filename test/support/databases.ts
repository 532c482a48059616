import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import type { Database, Engine } from '../../db/database.ts';
import { type PgliteOptions, createPgliteDb } from '../../db/engines/pglite.ts';
import { createPostgresDb } from '../../db/engines/postgres.ts';
import { databaseUrl, templateName } from './postgres-template.ts';
import { sampleTemplateName } from './sample-template.ts';

/** The engines the suite runs on: embedded always, a server when TEST_DATABASE_URL is set. */
export function testEngines(): Engine[] {
  return inject('postgresTemplate') ? ['pglite', 'postgres'] : ['pglite'];
}

let counter = 0;
/** The URL of each server-engine test database, for a second pool on it. */
const urls = new WeakMap<Database, string>();

/** The URL of a test database of the server engine (opened by openTestDb). */
export function urlOf(db: Database): string {
  const url = urls.get(db);
  if (!url) throw new Error('not a server-engine test database');
  return url;
}

/** A new, migrated, empty database of the given engine, private to the caller. */
export function openTestDb(engine: Engine, options: PgliteOptions = {}): Promise<Database> {
  return openCopy(engine, 'empty', options);
}

/**
 * A new database of the given engine holding the sample registry as `seedRegistry` leaves it
 * (a copy of the run's seeded template), private to the caller.
 */
export function openSampleDb(engine: Engine, options: PgliteOptions = {}): Promise<Database> {
  return openCopy(engine, 'sample', options);
}

async function openCopy(engine: Engine, template: 'empty' | 'sample', options: PgliteOptions): Promise<Database> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-test-'));
    cpSync(inject(template === 'empty' ? 'pgliteTemplate' : 'pgliteSampleTemplate'), dir, { recursive: true });
    const db = await createPgliteDb(dir, options);
    return { ...db, close: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const database = await createServerTestDatabase(template);
  const db = await createPostgresDb(database.url, 4);
  const opened: Database = {
    ...db,
    async close() {
      await db.close();
      await database.drop();
    },
  };
  urls.set(opened, database.url);
  return opened;
}

/** A new copy of the migrated template on the test server: its URL, and how to drop it. */
export async function createServerTestDatabase(template: 'empty' | 'sample' = 'empty'): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = inject('postgresTemplate')!;
  const name = `${templateName(serverUrl).replace(/_template$/, '')}_${process.pid}_${Date.now()}_${counter++}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template === 'empty' ? templateName(serverUrl) : sampleTemplateName(serverUrl)}`);
  return {
    url: databaseUrl(serverUrl, name),
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * Where a real server process keeps its data, for tests that start, kill and restart it: a copy of
 * the embedded template in a directory, or a new database on the test server.
 */
export async function processStore(engine: Engine): Promise<{ env: Record<string, string>; remove(): Promise<void> }> {
  if (engine === 'postgres') {
    const database = await createServerTestDatabase();
    return { env: { DATABASE_URL: database.url }, remove: () => database.drop() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'atlas-process-'));
  cpSync(inject('pgliteTemplate'), dir, { recursive: true });
  return { env: { ATLAS_DATA_DIR: dir }, remove: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** Empties the registry, so that a test starts from a known state. */
export async function emptyRegistry(db: Database): Promise<void> {
  // RESTART IDENTITY: ids are then the same on every run and engine.
  await db.drizzle.execute(sql`TRUNCATE links, companies, actors RESTART IDENTITY CASCADE`);
}

/**
 * A fresh database of `engine` and the app over it for the enclosing `describe`, opened before
 * its tests and closed after them.
 */
export function useTestDb(engine: Engine = 'pglite'): { readonly db: Database } {
  return useDb(() => openTestDb(engine));
}

/** The same with the sample registry in the database (openSampleDb). */
export function useSampleDb(engine: Engine = 'pglite'): { readonly db: Database } {
  return useDb(() => openSampleDb(engine));
}

function useDb(open: () => Promise<Database>): { readonly db: Database } {
  const holder = {} as { db: Database };
  beforeAll(async () => {
    holder.db = await open();
  });
  afterAll(() => holder.db?.close());
  return holder;
}
