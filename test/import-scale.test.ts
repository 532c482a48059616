import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { readSectorRules } from '../server/import/activity.ts';
import { type ImportProgress, importCompanies } from '../server/import/importer.ts';
import { chunksOf, streamSourceFile } from '../server/import/read-file.ts';
import { readProfiles } from '../server/import/profile.ts';
import { frenchCentres, writeSireneStock } from './fixtures/sirene-stock.ts';
import { testConfig } from './support/app.ts';
import { openTestDb, testEngines } from './support/databases.ts';
import { lambert93, registryCsv, registryRows } from './fixtures/registry-csv.ts';

/**
 * How long a large registry takes to import: run on demand, as it takes a while
 * (`IMPORT_SCALE_ROWS=100000 IMPORT_SCALE_ENGINE=postgres npx vitest run test/import-scale.test.ts`;
 * without IMPORT_SCALE_ENGINE, on every engine under test; `IMPORT_SCALE_SIRENE_ROWS=300000` for a
 * département's SIRENE stock).
 */
const rows = Number(process.env.IMPORT_SCALE_ROWS ?? 0);
const engines = testEngines().filter((engine) => !process.env.IMPORT_SCALE_ENGINE || engine === process.env.IMPORT_SCALE_ENGINE);

describe.skipIf(!rows).each(engines)('importing a large registry on %s', (engine) => {
  it(`imports ${rows} Lambert-93 rows, then re-imports them as a no-op`, async () => {
    const db = await openTestDb(engine);
    try {
      const source = registryRows(rows, 2026);
      const file = registryCsv(source, await lambert93(db, source));
      const options = { author: { tokenId: null, accountId: null, label: 'scale test' }, serviceArea: testConfig().serviceArea, sectorRules: readSectorRules(), source: 'import:scale' };
      let started = Date.now();
      // When the writing began: the time before it is reading, checking and matching the rows.
      let writing = 0;
      const onProgress = ({ phase }: ImportProgress) => {
        if (phase === 'writing' && !writing) writing = Date.now();
      };
      const first = await importCompanies(db, await streamSourceFile(chunksOf(file)), { ...options, dryRun: false, onProgress });
      const seconds = (Date.now() - started) / 1000;
      const checking = (writing - started) / 1000;
      started = Date.now();
      const second = await importCompanies(db, await streamSourceFile(chunksOf(file)), { ...options, dryRun: false });
      const again = (Date.now() - started) / 1000;
      console.log(
        `${engine}: ${rows} rows imported in ${seconds.toFixed(1)} s (${first.created} created; ${checking.toFixed(1)} s reading and checking, ` +
          `${(seconds - checking).toFixed(1)} s writing), re-imported in ${again.toFixed(1)} s (${second.unchanged} unchanged)`,
      );
      const [history] = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM company_history WHERE action = 'import'`);
      expect(history!.n).toBe(first.created);
      expect(second.created + second.updated).toBe(0);
    } finally {
      await db.close();
    }
  }, 900_000);
});

/** The garbage collector, exposed at run time: the test runner starts its workers without --expose-gc. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * A département's SIRENE stock (`IMPORT_SCALE_SIRENE_ROWS=300000`, every trade): read as it streams
 * from the disk with the SIRENE profile, timed, with the process's memory sampled all along.
 */
const sireneRows = Number(process.env.IMPORT_SCALE_SIRENE_ROWS ?? 0);

describe.skipIf(!sireneRows).each(engines)('importing a SIRENE département stock on %s', (engine) => {
  it(`reads ${sireneRows} StockEtablissement rows as a stream, in flat memory`, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'atlas-sirene-'));
    const path = join(folder, 'StockEtablissement_74.csv');
    const db = await openTestDb(engine);
    try {
      const stock = await writeSireneStock(path, sireneRows, await frenchCentres(db));
      const profile = readProfiles().find((p) => p.id === 'sirene-etablissement')!;
      const options = { author: { tokenId: null, accountId: null, label: 'scale test' }, serviceArea: testConfig().serviceArea, sectorRules: readSectorRules(), source: 'import:scale', profile, totalBytes: stock.bytes };
      const read = async () => streamSourceFile(createReadStream(path, { highWaterMark: 1 << 20 }));
      const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

      // Timed, as an import runs: the process's RSS sampled on the way.
      let peakRss = process.memoryUsage().rss;
      const rssBefore = peakRss;
      const rss = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
      const started = Date.now();
      let writing = 0;
      const onProgress = ({ phase }: ImportProgress) => {
        if (phase === 'writing' && !writing) writing = Date.now();
      };
      const report = await importCompanies(db, await read(), { ...options, dryRun: false, onProgress });
      clearInterval(rss);
      const seconds = (Date.now() - started) / 1000;
      const checking = ((writing || Date.now()) - started) / 1000;

      // Again, as a dry run, collecting the garbage before each sample: what the reading really holds.
      const gc = collector();
      gc();
      const heapBefore = process.memoryUsage().heapUsed;
      let heldAtMost = 0;
      const heap = setInterval(() => {
        gc();
        heldAtMost = Math.max(heldAtMost, process.memoryUsage().heapUsed - heapBefore);
      }, 250);
      const again = await importCompanies(db, await read(), { ...options, dryRun: true });
      clearInterval(heap);

      console.log(
        `${engine}: ${sireneRows} SIRENE rows (${mb(stock.bytes)}) in ${seconds.toFixed(1)} s (${checking.toFixed(1)} s reading and checking, ` +
          `${(seconds - checking).toFixed(1)} s writing): ${report.created} created, ${report.outsideScope} outside the scope, ` +
          `${report.outsideArea} outside the area, ${report.skipped} skipped; RSS ${mb(rssBefore)} before, ${mb(peakRss)} at most; ` +
          `heap held by the reading (garbage collected) ${mb(heldAtMost)} at most, ${Math.round(heldAtMost / report.created)} bytes per firm of the filières`,
      );
      expect(report.file.rows).toBe(sireneRows);
      expect(report.outsideScope).toBe(sireneRows - stock.filiere);
      // All but the few withheld ([ND]) positions: those firms' communes are known, and they are placed there.
      expect(report.created).toBeGreaterThan(stock.filiere * 0.97);
      expect(again.unchanged).toBe(report.created);
      // Flat in the rows: they never sit in memory together. What is held is the firms of the filières
      // (written in one transaction), a few kilobytes each whatever the number of rows around them,
      // and some megabytes of the database client's own.
      expect(heldAtMost).toBeLessThan(16 * 2 ** 20 + stock.filiere * 4096);
    } finally {
      await db.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 900_000);
});
