/**
 * `npm run import -- [--dry-run] [--srid 2154] [--name sirene-74] [--map "Raison sociale=name"] FILE`:
 * imports a CSV or GeoJSON file into the registry as the API does (same checks, one transaction),
 * with a progress bar on stderr, the report on stdout, and the rejected rows in FILE.rejected.csv.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../../server/config.ts';
import { readSectorRules } from '../../server/import/activity.ts';
import { SRIDS, type Srid, importCompanies } from '../../server/import/importer.ts';
import { IMPORT_FIELDS, type ImportField, type Mapping } from '../../server/import/mapping.ts';
import { FileError, readSourceFile } from '../../server/import/read-file.ts';
import { rejectedCsv } from '../../server/routes/imports.ts';
import { createDb } from '../create-db.ts';

const USAGE = 'Usage: npm run import -- [--dry-run] [--srid 4326|2154|2056|21781] [--name NAME] [--map "COLUMN=field"]... FILE';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        srid: { type: 'string' },
        name: { type: 'string' },
        map: { type: 'string', multiple: true },
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
const [path] = positionals;
if (!path || positionals.length > 1) fail('Give one file');
const srid = values.srid === undefined ? undefined : (Number(values.srid) as Srid);
if (srid !== undefined && !SRIDS.includes(srid)) fail(`--srid must be one of ${SRIDS.join(', ')}`);
const mapping: Mapping = {};
for (const item of values.map ?? []) {
  const [column, field] = [item.slice(0, item.lastIndexOf('=')), item.slice(item.lastIndexOf('=') + 1)];
  if (!column || !(field in IMPORT_FIELDS || field === '')) fail(`--map ${item}: expected COLUMN=field, field one of ${Object.keys(IMPORT_FIELDS).join(', ')} (or empty to skip)`);
  mapping[column] = field === '' ? null : (field as ImportField);
}
const name = values.name ?? basename(path).replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '-').slice(0, 80);

let file;
try {
  file = readSourceFile(readFileSync(path));
} catch (error) {
  if (error instanceof FileError) fail(`${path}: ${error.message}`);
  throw error;
}

/** One line redrawn in place when stderr is a terminal; a line per phase otherwise (logs, CI). */
function progressBar() {
  let lastPhase = '';
  let lastLine = '';
  return (phase: string, done: number, total: number) => {
    const share = total === 0 ? 1 : done / total;
    if (process.stderr.isTTY) {
      const width = 30;
      const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
      process.stderr.write(`\r${phase.padEnd(9)} ${bar} ${done.toLocaleString('en')}/${total.toLocaleString('en')}${done === total ? '\n' : ''}`);
    } else if ((phase !== lastPhase || done === total) && `${phase} ${done}/${total}` !== lastLine) {
      lastLine = `${phase} ${done}/${total}`;
      process.stderr.write(`${lastLine}\n`);
    }
    lastPhase = phase;
  };
}

const config = parseConfig(process.env);
const db = await createDb({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  const started = Date.now();
  const report = await importCompanies(db, file, {
    dryRun: values['dry-run'],
    author: { tokenId: null, label: 'command line' },
    serviceArea: config.serviceArea,
    sectorRules: readSectorRules(),
    source: `import:${name}`,
    mapping,
    srid,
    onProgress: progressBar(),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const verb = report.dryRun ? 'would be' : 'were';
  console.log(
    `${path} (${report.file.format}, ${report.file.encoding}${report.file.separator ? `, '${report.file.separator === '\t' ? '\\t' : report.file.separator}'` : ''}): ` +
      `${report.file.rows} rows in ${seconds} s${report.dryRun ? ', dry run: nothing written' : ''}\n` +
      `  ${report.created} ${verb} created, ${report.updated} updated, ${report.unchanged} unchanged, ` +
      `${report.skipped} skipped (${new Set(report.rejected.map((r) => r.line)).size} rejected, ${report.duplicates.length} duplicates), ` +
      `${report.approximate} placed at their commune`,
  );
  console.log(`  mapping: ${Object.entries(report.mapping).map(([c, f]) => `${c} → ${f ?? '(ignored)'}`).join(', ')}`);
  if (report.rejected.length || report.duplicates.length) {
    const out = `${path}.rejected.csv`;
    writeFileSync(out, rejectedCsv(report));
    console.log(`  rejected rows and duplicates (line, field, reason): ${out}`);
    for (const r of report.rejected.slice(0, 10)) console.log(`    line ${r.line}, ${r.field}: ${r.reason}`);
    if (report.rejected.length > 10) console.log(`    … and ${report.rejected.length - 10} more`);
  }
} finally {
  await db.close();
}
