/**
 * `npm run import -- [--dry-run] [--profile ID] [--legal-units FILE] [--extract-date YYYY-MM-DD] [--srid 2154]
 * [--name sirene-74] [--mapping NAME] [--map "Raison sociale=name"] [--save-mapping NAME] FILE`: imports a
 * CSV, GeoJSON or JSON file into the registry as the API does (same checks, one transaction), read as it
 * streams from the disk, with a progress bar on stderr, the report on stdout, and the rejected rows in
 * FILE.rejected.csv.
 */
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../server/config.ts';
import { readSectorRules } from '../server/import/activity.ts';
import { SRIDS, type Srid, importCompanies } from '../server/import/importer.ts';
import { IMPORT_FIELDS, type ImportField, type Mapping, mappingForColumns } from '../shared/import-mapping.ts';
import { FileError, streamSourceFile } from '../server/import/read-file.ts';
import { readLegalNames } from '../server/import/legal-units.ts';
import { fitsProfile, readProfiles, recogniseProfile } from '../server/import/profile.ts';
import { planProfile, untouchableColumns } from '../server/import/translate.ts';
import { isoDate } from '../server/schemas/company.ts';
import { SECTORS, type Sector } from '../shared/vocabulary.ts';
import { rejectedCsv } from '../server/import/rejected-csv.ts';
import { importSummary, progressBar } from '../server/import/console-report.ts';
import { MappingName, MappingSchema } from '../server/schemas/import-mapping.ts';
import { createDb } from '../db/create-db.ts';
import { COMMAND_LINE } from '../db/queries/history.ts';
import { getMapping, saveMapping } from '../db/queries/import-mappings.ts';

const USAGE =
  'Usage: npm run import -- [--dry-run] [--profile ID|none] [--legal-units FILE] [--extract-date YYYY-MM-DD] [--sector SECTOR] [--srid 4326|2154|2056|21781] ' +
  '[--name NAME] [--mapping SAVED] [--map "COLUMN=field"]... [--save-mapping NAME] FILE';

/** A mistake of the caller found once the database is open: reported like `fail`, after closing it. */
class UsageError extends Error {}

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
        mapping: { type: 'string' },
        'save-mapping': { type: 'string' },
        profile: { type: 'string' },
        'legal-units': { type: 'string' },
        'extract-date': { type: 'string' },
        sector: { type: 'string' },
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
const mapped = Object.keys(mapping).length ? MappingSchema.safeParse(mapping) : undefined;
if (mapped && !mapped.success) fail(`--map: ${mapped.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
for (const option of ['mapping', 'save-mapping'] as const) {
  const given = values[option];
  const checked = given === undefined ? undefined : MappingName.safeParse(given);
  if (checked && !checked.success) fail(`--${option} ${given}: ${checked.error.issues[0]!.message}`);
}
const name = values.name ?? basename(path).replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '-').slice(0, 80);

const sector = values.sector as Sector | undefined;
if (sector !== undefined && !SECTORS.includes(sector)) fail(`--sector must be one of ${SECTORS.join(', ')}`);
const extractDate = values['extract-date'] === undefined ? undefined : isoDate.safeParse(values['extract-date']);
if (extractDate && !extractDate.success) fail(`--extract-date ${values['extract-date']}: ${extractDate.error.issues[0]!.message}`);

/** A file's bytes as they come off the disk. */
const fromDisk = (file: string) => createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>;

async function read<T>(file: string, reading: () => Promise<T>): Promise<T> {
  try {
    return await reading();
  } catch (error) {
    if (error instanceof FileError) fail(`${file}: ${error.message}`);
    throw error;
  }
}

const file = await read(path, () => streamSourceFile(fromDisk(path)));
const profiles = readProfiles();
const profile = (() => {
  if (values.profile === 'none') return null;
  if (values.profile === undefined) return recogniseProfile(profiles, file.columns);
  const named = profiles.find((p) => p.id === values.profile);
  if (!named) fail(`--profile ${values.profile}: expected one of ${profiles.map((p) => p.id).join(', ')}, or none`);
  if (!fitsProfile(named, file.columns)) fail(`--profile ${values.profile}: ${path} has not its columns (${named.recognise.map((set) => set.join(', ')).join(' or ')})`);
  return named;
})();
if (profile && values.mapping !== undefined) fail(`--mapping: ${path} is read with the profile ${profile.id}; give --profile none to read it with a saved mapping`);
const untouchable = profile ? untouchableColumns(planProfile(profile, file.columns), mapping) : [];
if (untouchable.length) fail(`--map: ${untouchable.join(', ')} holds codes the profile ${profile!.id} translates: it cannot be mapped by hand`);
const legalUnits = values['legal-units'];
if (legalUnits !== undefined && !profile?.legalUnits) fail(`--legal-units: ${profile ? `the profile ${profile.id}` : 'a file read without a profile'} takes no file of legal units`);
const legalNames = legalUnits && profile ? await read(legalUnits, () => readLegalNames(fromDisk(legalUnits), profile)) : undefined;

const config = parseConfig(process.env);
const db = await createDb({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  const saved = values.mapping === undefined ? undefined : await getMapping(db, values.mapping);
  if (values.mapping !== undefined && !saved) throw new UsageError(`--mapping ${values.mapping}: no saved mapping of that name`);
  const fromSaved = mappingForColumns(saved?.mapping ?? {}, file.columns);
  const started = Date.now();
  const report = await importCompanies(db, file, {
    dryRun: values['dry-run'],
    author: COMMAND_LINE,
    serviceArea: config.serviceArea,
    sectorRules: readSectorRules(),
    source: `import:${name}`,
    mapping: { ...fromSaved, ...mapping },
    profile,
    legalNames,
    fileName: basename(path),
    extractDate: extractDate?.data ?? null,
    srid,
    sector,
    totalBytes: statSync(path).size,
    onProgress: progressBar(process.stderr),
  });
  console.log(importSummary(path, report, profile, Date.now() - started));
  console.log(`  mapping${saved ? ` '${saved.name}'` : ''}: ${Object.entries(report.mapping).map(([c, f]) => `${c} → ${f ?? '(ignored)'}`).join(', ')}`);
  if (values['save-mapping'] !== undefined) {
    const checked = MappingSchema.safeParse(report.mapping);
    if (!checked.success) throw new UsageError(`--save-mapping: not saved, ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    await saveMapping(db, { name: MappingName.parse(values['save-mapping']), mapping: checked.data }, COMMAND_LINE);
    console.log(`  mapping saved as '${values['save-mapping']}'`);
  }
  if (report.rejected.length || report.duplicates.length) {
    const out = `${path}.rejected.csv`;
    writeFileSync(out, rejectedCsv(report));
    console.log(`  rejected rows and duplicates (line, field, reason): ${out}`);
    for (const r of report.rejected.slice(0, 10)) console.log(`    line ${r.line}, ${r.field}: ${r.reason}`);
    if (report.rejected.length > 10) console.log(`    … and ${report.rejected.length - 10} more`);
  }
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n${USAGE}`);
  process.exitCode = 2;
} finally {
  await db.close();
}
