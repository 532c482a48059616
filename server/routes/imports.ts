import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Database } from '../../db/database.ts';
import { getMapping } from '../../db/queries/import-mappings.ts';
import { logError, type Logger } from '../logging/logger.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { requestLog } from '../http/request-log.ts';
import type { Config } from '../config.ts';
import { authorOf, callerOf, requireRole } from '../http/auth.ts';
import { formatBytes, limitBody } from '../http/body-limit.ts';
import { booleanParam } from '../http/params.ts';
import { NDJSON, ndjsonResponse, wantsNdjson } from '../http/ndjson.ts';
import { ApiError } from '../http/problem.ts';
import { createRouter, jsonContent, writeProblems } from '../http/router.ts';
import type { SectorRule } from '../import/activity.ts';
import { SRIDS, type Srid, importCompanies } from '../import/importer.ts';
import { mappingForColumns } from '../../shared/import-mapping.ts';
import { FileError, type StreamedFile, chunksOf, streamSourceFile } from '../import/read-file.ts';
import { readLegalNames } from '../import/legal-units.ts';
import { type ImportProfile, fitsProfile, recogniseProfile } from '../import/profile.ts';
import { planProfile, untouchableColumns } from '../import/translate.ts';
import { isoDate } from '../schemas/company.ts';
import { SECTORS } from '../../shared/vocabulary.ts';
import { rejectedCsv } from '../import/rejected-csv.ts';
import { MappingName, mappingParam } from '../schemas/import-mapping.ts';
import { ProblemSchema } from '../schemas/features.ts';

const ReportSchema = z
  .object({
    dryRun: z.boolean(),
    file: z.object({
      format: z.enum(['csv', 'geojson', 'json']),
      encoding: z.string(),
      separator: z.string().nullable(),
      rows: z.number().int(),
      name: z.string().nullable().openapi({ description: "The file's name, as told by `fileName` (kept with the firms written)" }),
      extractDate: z.string().nullable().openapi({ description: 'The date of the extract, as told by `extractDate` (kept with the firms written)' }),
    }),
    profile: z.string().nullable().openapi({ description: 'The source profile the file was read with (see `GET /api/import-profiles`); null: the generic column mapping' }),
    mapping: z.record(z.string(), z.string().nullable()),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    skipped: z.number().int(),
    approximate: z.number().int(),
    outsideScope: z.number().int().openapi({ description: 'Rows of another trade: the sector table places their activity in none of the filières. Counted, neither written nor rejected' }),
    outsideArea: z.number().int().openapi({ description: 'Rows whose firm lies outside the service area. Counted, neither written nor rejected' }),
    rejected: z.array(z.object({ line: z.number().int(), field: z.string(), reason: z.string() })),
    duplicates: z.array(z.object({ line: z.number().int(), officialId: z.string().nullable(), of: z.string() })),
  })
  .openapi('ImportReport');

/** How far an import is: the file checked, then the firms written. */
const ImportProgressSchema = z.discriminatedUnion('phase', [
  z.object({
    phase: z.literal('checking'),
    done: z.number().int().openapi({ description: 'Bytes of the file read and checked' }),
    total: z.number().int().openapi({ description: "The file's size in bytes" }),
    rows: z.number().int().openapi({ description: 'Rows read so far' }),
  }),
  z.object({
    phase: z.literal('writing'),
    done: z.number().int().openapi({ description: 'Firms written' }),
    total: z.number().int().openapi({ description: 'Firms to write' }),
  }),
]);

// OpenAPI 3.1 cannot say "a stream of": the schema of an NDJSON answer is that of each of its
// lines. (The generator flattens the progress union into this one, so it gets no name of its own.)
const ImportStreamLine = z
  .union([ImportProgressSchema, z.object({ result: ReportSchema }), z.object({ problem: ProblemSchema })])
  .openapi('ImportStreamLine', { description: 'One line of the streamed answer: progress lines, then the report (`result`), or a `problem` if the import failed once under way' });

const importRoute = createRoute({
  method: 'post',
  path: '/imports',
  tags: ['Import'],
  summary: 'Import firms from a CSV, GeoJSON or JSON file (editors): a dry run reports, a real run writes all valid rows in one transaction',
  description:
    'The body is the file itself, or `multipart/form-data` with the file as `file` and, for a profile that takes one (SIRENE), ' +
    'its second file of legal units as `legalUnits`. CSV: UTF-8 or Windows-1252, separator `;`, `,`, tab or `|`, detected; read ' +
    'row by row as it is parsed. A register\'s layout (SIRENE, Registro Imprese, Zefix/UID) is recognised from the header and read ' +
    'with its source profile (`GET /api/import-profiles`), or the one `profile` names; other files have their columns mapped ' +
    'from their names (French, Italian, German, English). Rows of another trade are counted as `outsideScope`, rows beyond the ' +
    'service area as `outsideArea`; coordinates in WGS84, Lambert-93 (EPSG:2154), LV95 (EPSG:2056) or ' +
    'LV03 (EPSG:21781), recognised from their range unless `srid` is given; rows without coordinates are placed at their ' +
    "commune's centre and marked approximate. Rows are matched on their official identifier: re-importing a file changes " +
    'nothing. With `Accept: text/csv` the answer is the rejected rows (line, field, reason) as CSV. With ' +
    '`Accept: application/x-ndjson` the answer streams one JSON object per line as the import goes: ' +
    '`{"phase":"checking","done":bytes,"total":bytes,"rows":n}` (bytes of the file read and checked), ' +
    '`{"phase":"writing","done":n,"total":n}` (firms written), then `{"result":{...}}` (the report), or `{"problem":{...}}` if the import ' +
    'failed once under way (nothing is then written).',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      dryRun: booleanParam.openapi({ description: '`true` (default): report only, write nothing' }),
      format: z.enum(['csv', 'geojson', 'json'], { message: "expected 'csv', 'geojson' or 'json'" }).optional().openapi({ description: 'Recognised from the content by default; `json`: an array of records (a register API\'s answer saved as a file)' }),
      profile: z.string().regex(/^[a-z0-9-]{1,60}$/, 'a profile id, such as sirene-etablissement').optional().openapi({ description: 'The source profile to read the file with; by default recognised from its header. `none`: the generic mapping' }),
      extractDate: isoDate.optional().openapi({ description: 'The date of the register\'s extract, kept with every firm written', example: '2026-11-01' }),
      sector: z.enum(SECTORS, { message: `expected one of ${SECTORS.join(', ')}` }).optional().openapi({ description: 'The sector of the rows that give neither a sector nor an activity code (a Zefix list has no NOGA code)' }),
      fileName: z.string().trim().min(1).max(200).optional().openapi({ description: "The file's name, kept with every firm written" }),
      srid: z.enum(SRIDS.map(String) as [string, ...string[]], { message: `expected one of ${SRIDS.join(', ')}` }).optional(),
      mapping: mappingParam,
      savedMapping: MappingName.optional().openapi({ description: 'A mapping saved with `PUT /api/import-mappings/{name}`, applied to the columns of the file it names; `mapping` overrides it' }),
      name: z.string().regex(/^[\w.-]{1,80}$/, 'letters, digits, . _ - only (at most 80)').optional().openapi({ description: 'Names the source of the new firms, `import:<name>`' }),
    }),
    // The file is read raw below; `any` only documents it (a string schema would make the validator parse it as a form).
    body: {
      required: true,
      content: {
        'text/csv': { schema: z.any().openapi({ type: 'string' }) },
        'application/geo+json': { schema: z.any().openapi({ type: 'string' }) },
        'application/json': { schema: z.any().openapi({ type: 'string' }) },
        'multipart/form-data': { schema: z.any().openapi({ type: 'object', properties: { file: { type: 'string', format: 'binary' }, legalUnits: { type: 'string', format: 'binary' } }, required: ['file'] }) },
      },
    },
  },
  responses: {
    200: {
      description: 'The report (on a real run, of what was written)',
      content: {
        ...jsonContent(ReportSchema).content,
        'text/csv': { schema: z.string().openapi({ description: 'line,field,reason' }) },
        [NDJSON]: { schema: ImportStreamLine },
      },
    },
    ...writeProblems,
    413: writeProblems[400],
  },
});

/** The uploaded file, and the second one a multipart upload may add. */
async function uploadedFiles(c: Context): Promise<{ file: Uint8Array; legalUnits: Uint8Array | null }> {
  if (!(c.req.header('Content-Type') ?? '').startsWith('multipart/form-data')) return { file: new Uint8Array(await c.req.arrayBuffer()), legalUnits: null };
  const form = await c.req.parseBody();
  const bytesOf = async (part: unknown) => (part instanceof File ? new Uint8Array(await part.arrayBuffer()) : typeof part === 'string' ? new TextEncoder().encode(part) : null);
  const file = await bytesOf(form.file);
  if (!file) throw ApiError.invalid([{ field: 'file', message: 'missing: the multipart upload needs a part named file' }]);
  return { file, legalUnits: await bytesOf(form.legalUnits) };
}

/** A FileError of reading an upload as the 400 problem naming the part it is in. */
async function readingUpload<T>(field: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof FileError) throw ApiError.invalid([{ field, message: error.message }]);
    throw error;
  }
}

/** The profile a file is read with: the one named (it must fit the header), else the one its header is recognised as. */
function profileFor(profiles: ImportProfile[], named: string | undefined, columns: string[]): ImportProfile | null {
  if (named === 'none') return null;
  if (named === undefined) return recogniseProfile(profiles, columns);
  const profile = profiles.find((p) => p.id === named);
  if (!profile) throw ApiError.invalid([{ field: 'profile', message: `no profile '${named}': expected one of ${profiles.map((p) => p.id).join(', ')}, or none` }]);
  if (!fitsProfile(profile, columns)) {
    throw ApiError.invalid([{ field: 'profile', message: `the file has not the columns of ${profile.name}: ${profile.recognise.map((set) => set.join(', ')).join(' or ')}` }]);
  }
  return profile;
}

/** `work`, counted in `imports` by its mode and whether it ended well. */
async function counted<T>(imports: Metrics['imports'], dryRun: boolean, work: () => Promise<T>): Promise<T> {
  const mode = dryRun ? 'dry_run' : 'write';
  try {
    const result = await work();
    imports.inc({ mode, outcome: 'ok' });
    return result;
  } catch (error) {
    imports.inc({ mode, outcome: 'failed' });
    throw error;
  }
}

type ImportDeps = { db: Database; config: Config; sectorRules: SectorRule[]; profiles: ImportProfile[]; logger: Logger; imports: Metrics['imports'] };

export function importRoutes({ db, config, sectorRules, profiles, logger, imports }: ImportDeps) {
  const router = createRouter();
  router.use('/imports', requireRole('editor'));
  // ATLAS_UPLOAD_LIMIT: a 100,000-firm CSV is about 30 MB.
  router.use('/imports', limitBody(config.uploadLimit, `The file is larger than ${formatBytes(config.uploadLimit)} (ATLAS_UPLOAD_LIMIT)`));
  router.openapi(importRoute, async (c) => {
    const query = c.req.valid('query');
    const saved = query.savedMapping === undefined ? undefined : await getMapping(db, query.savedMapping);
    if (query.savedMapping !== undefined && !saved) {
      throw ApiError.invalid([{ field: 'savedMapping', message: `no saved mapping named '${query.savedMapping}'` }]);
    }
    const upload = await uploadedFiles(c);
    if (upload.file.length === 0) throw ApiError.invalid([{ field: 'body', message: 'the file is empty' }]);
    // Read row by row as it is parsed: the records of a large register never sit in memory at once.
    const file: StreamedFile = await readingUpload('body', () => streamSourceFile(chunksOf(upload.file), query.format));
    const unknownColumns = Object.keys(query.mapping ?? {}).filter((column) => !file.columns.includes(column));
    if (unknownColumns.length) throw ApiError.invalid([{ field: 'mapping', message: `no column ${unknownColumns.map((u) => `'${u}'`).join(', ')} in the file` }]);
    const profile = profileFor(profiles, query.profile, file.columns);
    if (upload.legalUnits && !profile?.legalUnits) {
      throw ApiError.invalid([{ field: 'legalUnits', message: `${profile ? `the profile ${profile.id}` : 'a file read without a profile'} takes no file of legal units` }]);
    }
    const legalNames = upload.legalUnits && profile ? await readingUpload('legalUnits', () => readLegalNames(chunksOf(upload.legalUnits!), profile)) : undefined;
    // A saved mapping reads a tool's export column by column: a register's file is read by its profile.
    if (saved && profile) {
      throw ApiError.invalid([{ field: 'savedMapping', message: `the file is read with the profile ${profile.id}; give profile=none to read it with a saved mapping` }]);
    }
    const untouchable = profile ? untouchableColumns(planProfile(profile, file.columns), query.mapping ?? {}) : [];
    if (untouchable.length) {
      throw ApiError.invalid([{ field: 'mapping', message: `${untouchable.map((c) => `'${c}'`).join(', ')} holds codes the profile ${profile!.id} translates: it cannot be mapped by hand` }]);
    }
    const fromSaved = mappingForColumns(saved?.mapping ?? {}, file.columns);
    // Typed by the schema: the importer's progress must be what the document says a line is.
    const dryRun = query.dryRun ?? true;
    const run = (onProgress?: (progress: z.infer<typeof ImportProgressSchema>) => void) =>
      counted(imports, dryRun, () => readingUpload('body', () => importCompanies(db, file, {
        dryRun,
        author: authorOf(c),
        serviceArea: config.serviceArea,
        countries: callerOf(c).countries,
        sectorRules,
        source: `import:${query.name ?? 'upload'}`,
        mapping: { ...fromSaved, ...query.mapping },
        profile,
        legalNames,
        fileName: query.fileName ?? null,
        extractDate: query.extractDate ?? null,
        srid: query.srid ? (Number(query.srid) as Srid) : undefined,
        sector: query.sector,
        totalBytes: upload.file.length,
        onProgress,
      })));

    if (wantsNdjson(c)) return ndjsonResponse(c, (message, error) => logError(requestLog(c, logger), message, error), run);
    const report = await run();
    if ((c.req.header('Accept') ?? '').includes('text/csv')) {
      return c.body(rejectedCsv(report), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="rejected-rows.csv"' });
    }
    return c.json(report, 200);
  });
  return router;
}
