import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createPgliteDb } from '../db/engines/pglite.ts';
import { getMapping, saveMapping } from '../db/queries/import-mappings.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A Swiss export whose firm-name column ("Bezeichnung") no built-in name suggests. */
const CSV = ['UID;Bezeichnung;BFS-Nr;E;N;NOGA', 'CHE-116.281.710;Menuiserie Test SA;6136;2571850;1105800;433200'].join('\n');
const SWISS = { UID: 'officialId', Bezeichnung: 'name', 'BFS-Nr': 'communeCode', E: 'x', N: 'y', NOGA: 'nationalCode' } as const;

/** `npm run import` as a person runs it, on the embedded engine (the command is the same on a server). */
describe('the import command', () => {
  let dir: string;
  let dataDir: string;
  let csv: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-cli-import-'));
    dataDir = join(dir, 'data');
    cpSync(inject('pgliteTemplate'), dataDir, { recursive: true });
    csv = join(dir, 'valais.csv');
    writeFileSync(csv, CSV);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'cli/import.ts', ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ATLAS_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });

  /** Opens the command's database in this process, once the command has let go of it. */
  const withDb = async <T>(use: (db: Awaited<ReturnType<typeof createPgliteDb>>) => Promise<T>) => {
    const db = await createPgliteDb(dataDir);
    try {
      return await use(db);
    } finally {
      await db.close();
    }
  };

  it('reads the file with the mapping saved under the name given to --mapping', async () => {
    await withDb((db) => saveMapping(db, { name: 'Registre suisse', mapping: SWISS }, { tokenId: null, accountId: null, label: 'test' }));
    const { code, stdout } = await run('--mapping', 'Registre suisse', csv);
    expect(code).toBe(0);
    expect(stdout).toMatch(/1 were created/);
    expect(stdout).toMatch(/mapping 'Registre suisse': UID → officialId, Bezeichnung → name/);
    const names = await withDb((db) => db.rows<{ name: string }>(sql`SELECT name FROM companies`));
    expect(names).toEqual([{ name: 'Menuiserie Test SA' }]);
  }, 120_000);

  it('saves the mapping it used under the name given to --save-mapping, signed by the command line', async () => {
    const { code } = await run('--dry-run', '--map', 'Bezeichnung=name', '--save-mapping', 'Registre suisse', csv);
    expect(code).toBe(0);
    const saved = await withDb((db) => getMapping(db, 'Registre suisse'));
    expect(saved).toMatchObject({ mapping: SWISS, savedBy: { tokenId: null, label: 'command line' } });
  }, 120_000);

  it('stops with a usage message, writing nothing, for a --mapping that was never saved', async () => {
    const { code, stderr } = await run('--mapping', 'Nowhere', csv);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--mapping Nowhere: no saved mapping of that name/);
    expect(await withDb((db) => db.rows(sql`SELECT id FROM companies`))).toEqual([]);
  }, 120_000);

  it('reads a SIRENE stock with its profile, streamed from the disk, with the legal units file and the extract date', async () => {
    const sirene = join(dir, 'StockEtablissement_74.csv');
    cpSync(join(ROOT, 'test/fixtures/registers/sirene/StockEtablissement_74.csv'), sirene);
    const units = join(ROOT, 'test/fixtures/registers/sirene/StockUniteLegale_74.csv');
    const { code, stdout } = await run('--legal-units', units, '--extract-date', '2026-11-01', sirene);
    expect(code).toBe(0);
    expect(stdout).toMatch(/profile: sirene-etablissement \(INSEE SIRENE – StockEtablissement\), extract of 2026-11-01/);
    expect(stdout).toMatch(/6 were created/);
    expect(stdout).toMatch(/2 outside the scope \(another trade\), 1 outside the service area/);
    expect(stdout).toMatch(/line 7, trancheEffectifsEtablissement: unknown size code '99'/);
    const stored = await withDb((db) => db.rows<{ status: string; source_file: string; source_extract_date: string }>(
      sql`SELECT status::text, source_file, source_extract_date::text FROM companies WHERE official_id = '91234567500025'`));
    expect(stored).toEqual([{ status: 'closed', source_file: 'StockEtablissement_74.csv', source_extract_date: '2026-11-01' }]);
  }, 120_000);

  it('refuses a profile the file does not fit, a second file without a profile taking one, and a bad extract date, writing nothing', async () => {
    expect(await run('--profile', 'registro-imprese', join(ROOT, 'test/fixtures/registers/sirene/StockEtablissement_74.csv'))).toMatchObject({ code: 2 });
    const second = await run('--legal-units', csv, csv);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/--legal-units: a file read without a profile takes no file of legal units/);
    const date = await run('--extract-date', '2026-02-30', csv);
    expect(date.code).toBe(2);
    expect(date.stderr).toMatch(/--extract-date 2026-02-30: not a calendar date/);
    expect(await withDb((db) => db.rows(sql`SELECT id FROM companies`))).toEqual([]);
  }, 120_000);

  it('reports its progress on stderr, checking then writing, up to the whole file', async () => {
    const { stderr } = await run('--map', 'Bezeichnung=name', csv);
    const lines = stderr.split('\n').filter((line) => /^(checking|writing) /.test(line));
    expect(lines[0]).toMatch(/^checking 100 % \(1 rows, \d+ s\)$/);
    expect(lines.at(-1)).toMatch(/^writing 100 % \(1\/1, \d+ s\)$/);
  }, 120_000);
});
