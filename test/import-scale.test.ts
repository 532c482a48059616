import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { readSectorRules } from '../server/import/activity.ts';
import { type ImportProgress, importCompanies } from '../server/import/importer.ts';
import { chunksOf, streamSourceFile } from '../server/import/read-file.ts';
import { testConfig } from './support/app.ts';
import { openTestDb, testEngines } from './support/databases.ts';
import { lambert93, registryCsv, registryRows } from './fixtures/registry-csv.ts';

/**
 * How long a large registry takes to import: run on demand, as it takes a while
 * (`IMPORT_SCALE_ROWS=100000 IMPORT_SCALE_ENGINE=postgres npx vitest run test/import-scale.test.ts`;
 * without IMPORT_SCALE_ENGINE, on every engine under test).
 */
const rows = Number(process.env.IMPORT_SCALE_ROWS ?? 0);
const engines = testEngines().filter((engine) => !process.env.IMPORT_SCALE_ENGINE || engine === process.env.IMPORT_SCALE_ENGINE);

describe.skipIf(!rows).each(engines)('importing a large registry on %s', (engine) => {
  it(`imports ${rows} Lambert-93 rows, then re-imports them as a no-op`, async () => {
    const db = await openTestDb(engine);
    try {
      const source = registryRows(rows, 2026);
      const file = registryCsv(source, await lambert93(db, source));
      const options = { author: { tokenId: null, label: 'scale test' }, serviceArea: testConfig().serviceArea, sectorRules: readSectorRules(), source: 'import:scale' };
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
