/**
 * `npm run bench:backup`: seeds a synthetic registry (the sample generator, as `npm run bench`
 * does) on each engine, then times `takeBackup` and `restoreBackup` into an empty target.
 *
 * BENCH_BACKUP_SIZE (default 100000 active firms; closed ones come on top), BENCH_DATABASE_URL
 * (a PostGIS database whose tables may be wiped; its role must be allowed to create databases,
 * for the restore's target beside it), BENCH_ENGINES (default: postgres when BENCH_DATABASE_URL is
 * set, and pglite). Prints a Markdown table and keeps the run in bench/results/backup.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { restoreBackup, type RestoreTarget } from '../db/backup/restore.ts';
import { takeBackup } from '../db/backup/take-backup.ts';
import { createDb } from '../db/create-db.ts';
import type { Database, Engine } from '../db/database.ts';
import { seedRegistry } from '../db/seed/seed.ts';

const size = Number(process.env.BENCH_BACKUP_SIZE ?? 100_000);
const serverUrl = process.env.BENCH_DATABASE_URL;
const engines = (process.env.BENCH_ENGINES ?? (serverUrl ? 'postgres,pglite' : 'pglite')).split(',') as Engine[];
if (engines.includes('postgres') && !serverUrl) throw new Error('BENCH_ENGINES includes postgres: set BENCH_DATABASE_URL');

type Result = { engine: Engine; firms: number; links: number; seedSeconds: number; backupSeconds: number; bytes: number; restoreSeconds: number; loadBefore: number; loadAfter: number };

const seconds = (since: number) => (performance.now() - since) / 1000;

/** An empty target of the engine: a new directory, or a new database beside BENCH_DATABASE_URL's. */
async function emptyTarget(engine: Engine): Promise<{ target: RestoreTarget; remove(): Promise<void> }> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(os.tmpdir(), 'atlas-bench-restore-'));
    return { target: { dataDir: dir }, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const url = new URL(serverUrl!);
  const name = `${url.pathname.slice(1)}_restore`;
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  url.pathname = `/${name}`;
  return {
    target: { url: url.href },
    async remove() {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function benchOne(engine: Engine): Promise<Result> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'atlas-bench-backup-'));
  const loadBefore = os.loadavg()[0]!;
  const db: Database = await createDb(engine === 'postgres' ? { url: serverUrl } : { dataDir });
  const { target, remove } = await emptyTarget(engine);
  try {
    if (engine === 'postgres') await db.drizzle.execute(sql`TRUNCATE links, companies, actors RESTART IDENTITY CASCADE`);
    console.log(`[${engine}] seeding ${size} firms…`);
    let started = performance.now();
    const links = Math.round(size * 0.13);
    await seedRegistry(db, { companies: size, links, seed: 20261123 });
    const seedSeconds = seconds(started);
    const [counts] = await db.rows<{ firms: number; links: number }>(sql`SELECT (SELECT count(*)::int FROM companies) AS firms, (SELECT count(*)::int FROM links) AS links`);

    console.log(`[${engine}] backing up…`);
    started = performance.now();
    const file = await takeBackup(db);
    const backupSeconds = seconds(started);

    console.log(`[${engine}] restoring into an empty ${engine === 'pglite' ? 'directory' : 'database'}…`);
    started = performance.now();
    await restoreBackup(file, target);
    const restoreSeconds = seconds(started);
    return { engine, firms: counts!.firms, links: counts!.links, seedSeconds, backupSeconds, bytes: file.length, restoreSeconds, loadBefore, loadAfter: os.loadavg()[0]! };
  } finally {
    await db.close();
    await remove();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results: Result[] = [];
for (const engine of engines) {
  const result = await benchOne(engine);
  // Printed at once: a long run of the next engine must not lose this one.
  console.log(`[${engine}] ${JSON.stringify(result)}`);
  results.push(result);
}

const table = [
  `Backup and restore, ${size.toLocaleString('en')} active firms (${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} cores, Node ${process.version}):`,
  '',
  '| Engine | Firms (closed included) | Links | Backup | File | Restore (into an empty target, migrations included) | Load average (1 min) before → after |',
  '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ...results.map(
    (r) =>
      `| ${r.engine} | ${r.firms.toLocaleString('en')} | ${r.links.toLocaleString('en')} | ${r.backupSeconds.toFixed(1)} s | ${(r.bytes / 1024 / 1024).toFixed(1)} MB | ${r.restoreSeconds.toFixed(1)} s | ${r.loadBefore.toFixed(2)} → ${r.loadAfter.toFixed(2)} |`,
  ),
].join('\n');
console.log(`\n${table}\n`);
const resultsDir = new URL('./results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });
writeFileSync(new URL('backup.json', resultsDir), `${JSON.stringify({ at: new Date().toISOString(), size, results }, null, 2)}\n`);
