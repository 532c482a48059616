import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backupFile, readBackupFile } from '../../db/backup/format.ts';
import { restoreBackup, type RestoreTarget } from '../../db/backup/restore.ts';
import { schemaVersion, takeBackup } from '../../db/backup/take-backup.ts';
import { journalEntries } from '../../db/migrations-folder.ts';
import postgres from 'postgres';
import type { Database } from '../../db/database.ts';
import { createPgliteDb } from '../../db/engines/pglite.ts';
import { createPostgresDb } from '../../db/engines/postgres.ts';
import { testClient } from '../support/app.ts';
import { createServerTestDatabase, openSampleDb, testEngines } from '../support/databases.ts';

/** The tables whose rows a restore must give back, and those the migrations' triggers keep (the statistics). */
const COMPARED = [
  'companies', 'links', 'company_history', 'introductions', 'introduction_events', 'api_tokens', 'accounts', 'import_mappings', 'territories',
  'company_cells', 'company_cell_years', 'company_territories', 'link_flows', 'territory_lifetimes', 'territory_overlaps', 'relatedness_matrix', 'relatedness_values',
];
/** The statistics as the API answers them. */
const STATS = ['/api/stats', '/api/stats/links', '/api/stats/trends'];

const LOOP_NAME = 'Written during the backup';

/** A digest of each table's rows, the actors written by the loop apart. */
async function contents(db: Database): Promise<Record<string, string>> {
  const digest: Record<string, string> = {};
  for (const table of COMPARED) {
    const [row] = await db.rows<{ d: string | null; n: number }>(sql.raw(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS d, count(*)::int AS n FROM ${table} t`));
    digest[table] = `${row!.n}:${row!.d}`;
  }
  const [actors] = await db.rows<{ d: string }>(sql.raw(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS d FROM actors t WHERE name <> '${LOOP_NAME}'`));
  digest.actors = actors!.d;
  const api = testClient(db);
  for (const path of STATS) {
    // The data version moves with every write, the loop's actors too: the figures are what count.
    const { dataVersion: _version, ...figures } = (await api.get(path)).body as Record<string, unknown>;
    digest[path] = JSON.stringify(figures);
  }
  return digest;
}

/** The loop's actors in a database: their ids, which a consistent snapshot holds without a gap. */
const loopIds = async (db: Database) =>
  (await db.rows<{ id: number }>(sql.raw(`SELECT id FROM actors WHERE name = '${LOOP_NAME}' ORDER BY id`))).map((row) => row.id);

/** Writes actors one after the other until stopped; any failed write is kept to be reported. */
function writeLoop(db: Database) {
  let running = true;
  let written = 0;
  const failures: unknown[] = [];
  const done = (async () => {
    while (running) {
      try {
        await db.rows(
          sql.raw(`INSERT INTO actors (name, kind, country, commune_name, location, website, sectors, territories)
            SELECT '${LOOP_NAME}', kind, country, commune_name, location, website, sectors, territories FROM actors ORDER BY id LIMIT 1 RETURNING id`),
        );
        written++;
      } catch (error) {
        failures.push(error);
      }
    }
  })();
  return { stop: async () => ((running = false), await done, { written, failures }) };
}

const dirs: string[] = [];
const newDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-restore-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function openTarget(target: RestoreTarget): Promise<Database> {
  return 'url' in target ? createPostgresDb(target.url, 1) : createPgliteDb(target.dataDir);
}

/** The digest of what a restore target holds, opened for it and closed after. */
async function contentsOf(target: RestoreTarget): Promise<Record<string, string>> {
  const db = await openTarget(target);
  return contents(db).finally(() => db.close());
}

describe.each(testEngines())('backups on %s', { timeout: 240_000 }, (engine) => {
  const newTarget = async (): Promise<{ target: RestoreTarget; drop(): Promise<void> }> => {
    if (engine === 'pglite') return { target: { dataDir: newDir() }, drop: async () => {} };
    const database = await createServerTestDatabase('empty');
    return { target: { url: database.url }, drop: () => database.drop() };
  };
  /** A target that holds the sample registry: not empty. */
  const fullTarget = async (): Promise<{ target: RestoreTarget; drop(): Promise<void> }> => {
    if (engine === 'pglite') {
      const dataDir = newDir();
      cpSync(inject('pgliteSampleTemplate'), dataDir, { recursive: true });
      return { target: { dataDir }, drop: async () => {} };
    }
    const database = await createServerTestDatabase('sample');
    return { target: { url: database.url }, drop: () => database.drop() };
  };

  // One source and one backup of it, taken under a write loop, for the tests that restore it.
  let source: Database;
  let file: Buffer;
  let loop: { written: number; failures: unknown[] };
  let expected: Record<string, string>;
  beforeAll(async () => {
    source = await openSampleDb(engine);
    const writing = writeLoop(source);
    await new Promise((resolve) => setTimeout(resolve, 100));
    file = await takeBackup(source);
    loop = await writing.stop();
    expected = await contents(source);
  });
  afterAll(() => source?.close());

  it('restores, into an empty target, what the source held at the backup, taken under a write loop that never fails', async () => {
    expect(loop.failures).toEqual([]);
    expect(loop.written).toBeGreaterThan(0);
    const { target, drop } = await newTarget();
    try {
      await restoreBackup(file, target);
      const restored = await openTarget(target);
      try {
        expect(await contents(restored)).toEqual(expected);
        const ids = await loopIds(restored);
        const all = await loopIds(source);
        expect(ids).toEqual(all.slice(0, ids.length));
        // The identities go on after the restored rows.
        const [next] = await restored.rows<{ id: number }>(
          sql.raw(`INSERT INTO actors (name, kind, country, commune_name, location, sectors, territories)
            SELECT 'after', kind, country, commune_name, location, sectors, territories FROM actors ORDER BY id LIMIT 1 RETURNING id`),
        );
        const [max] = await source.rows<{ id: number }>(sql.raw(`SELECT max(id)::int AS id FROM actors WHERE id <= ${ids.at(-1) ?? 0} OR name <> '${LOOP_NAME}'`));
        expect(next!.id).toBeGreaterThan(max!.id);
      } finally {
        await restored.close();
      }
    } finally {
      await drop();
    }
  });

  it('refuses a tampered file, a newer schema and a non-empty target without --replace, and with it replaces the target', async () => {
    const { target, drop } = await fullTarget();
    try {
      const tampered = Buffer.from(file);
      tampered[tampered.length - 3]! ^= 1;
      await expect(restoreBackup(tampered, target)).rejects.toThrow(/checksum/);

      const { header, sql: body } = readBackupFile(file);
      const newer = Buffer.concat([Buffer.from(`-- atlas-backup ${JSON.stringify({ ...header, schema: '9999_future', schemaIndex: 9999 })}\n`), Buffer.from(body)]);
      await expect(restoreBackup(newer, target)).rejects.toThrow(/newer/);

      await expect(restoreBackup(file, target)).rejects.toThrow(/--replace/);
      await restoreBackup(file, target, { replace: true });
      expect(await contentsOf(target)).toEqual(expected);
    } finally {
      await drop();
    }
  });
  it('leaves the target as it was when a --replace restore fails after the checks', async () => {
    const { target, drop } = await fullTarget();
    try {
      const before = await contentsOf(target);
      // A whole file with a sound checksum, whose last statement fails: the rows were loading.
      const { header, sql: rows } = readBackupFile(file);
      const { sha256: _sha, bytes: _bytes, format: _format, ...kept } = header;
      const failing = backupFile(kept, `${rows}\nINSERT INTO no_such_table VALUES (1);\n`);
      await expect(restoreBackup(failing, target, { replace: true })).rejects.toThrow(/no_such_table/);
      expect(await contentsOf(target)).toEqual(before);
    } finally {
      await drop();
    }
  });

  it('restores a backup of an older schema, then migrates it to this one', async () => {
    const entries = journalEntries();
    const older = entries.at(-3)!.tag;
    const { target: sourceAt, drop: dropSource } = await newTarget();
    const { target, drop } = await newTarget();
    try {
      if ('url' in sourceAt) {
        const client = postgres(sourceAt.url, { max: 1, onnotice: () => {} });
        await client.unsafe('DROP SCHEMA drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public').finally(() => client.end());
      }
      const source = 'url' in sourceAt ? await createPostgresDb(sourceAt.url, 1, { schemaUpTo: older }) : await createPgliteDb(sourceAt.dataDir, { schemaUpTo: older });
      let file: Buffer;
      try {
        expect((await schemaVersion(source)).schema).toBe(older);
        await source.rows(
          sql.raw(`INSERT INTO actors (name, kind, country, commune_name, location, sectors, territories)
            VALUES ('From an older Atlas', 'cluster', 'FR', 'Annecy', ST_SetSRID(ST_MakePoint(6.12, 45.9), 4326), '{outdoor}', '{}')`),
        );
        file = await takeBackup(source);
      } finally {
        await source.close();
      }
      expect(readBackupFile(file).header.schema).toBe(older);
      expect((await restoreBackup(file, target)).schema).toBe(older);
      // Opened as the restore left it: opening with migrations would hide a restore that skipped them.
      const restored = 'url' in target ? await createPostgresDb(target.url, 1, { migrate: false }) : await createPgliteDb(target.dataDir, { migrate: false });
      try {
        expect((await schemaVersion(restored)).schema).toBe(entries.at(-1)!.tag);
        expect(await restored.rows(sql.raw(`SELECT name FROM actors`))).toEqual([{ name: 'From an older Atlas' }]);
      } finally {
        await restored.close();
      }
    } finally {
      await dropSource();
      await drop();
    }
  });
});

describe.runIf(testEngines().includes('postgres'))('moving engines', { timeout: 240_000 }, () => {
  it('embedded → server → embedded gives back the same registry', async () => {
    const source = await openSampleDb('pglite');
    const server = await createServerTestDatabase('empty');
    const back = newDir();
    try {
      await restoreBackup(await takeBackup(source), { url: server.url });
      const middle = await createPostgresDb(server.url, 1);
      const file = await takeBackup(middle).finally(() => middle.close());
      expect(readBackupFile(file).header.engine).toBe('postgres');
      await restoreBackup(file, { dataDir: back });
      const restored = await createPgliteDb(back);
      try {
        expect(await contents(restored)).toEqual(await contents(source));
      } finally {
        await restored.close();
      }
    } finally {
      await source.close();
      await server.drop();
    }
  });
});

