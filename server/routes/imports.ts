import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import { getMapping } from '../../db/queries/import-mappings.ts';
import type { Logger } from '../app.ts';
import type { Config } from '../config.ts';
import { authorOf, requireRole } from '../http/auth.ts';
import { formatBytes, limitBody } from '../http/body-limit.ts';
import { booleanParam } from '../http/params.ts';
import { NDJSON, ndjsonResponse, wantsNdjson } from '../http/ndjson.ts';
import { ApiError } from '../http/problem.ts';
import { createRouter, jsonContent, writeProblems } from '../http/router.ts';
import type { SectorRule } from '../import/activity.ts';
import { type ImportProgress, SRIDS, type Srid, importCompanies } from '../import/importer.ts';
import { mappingForColumns } from '../../shared/import-mapping.ts';
import { FileError, readSourceFile } from '../import/read-file.ts';
import { rejectedCsv } from '../import/rejected-csv.ts';
import { MappingName, mappingParam } from '../schemas/import-mapping.ts';

const ReportSchema = z
  .object({
    dryRun: z.boolean(),
    file: z.object({ format: z.enum(['csv', 'geojson']), encoding: z.string(), separator: z.string().nullable(), rows: z.number().int() }),
    mapping: z.record(z.string(), z.string().nullable()),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    skipped: z.number().int(),
    approximate: z.number().int(),
    rejected: z.array(z.object({ line: z.number().int(), field: z.string(), reason: z.string() })),
    duplicates: z.array(z.object({ line: z.number().int(), officialId: z.string().nullable(), of: z.string() })),
  })
  .openapi('ImportReport');

const importRoute = createRoute({
  method: 'post',
  path: '/imports',
  tags: ['Import'],
  summary: 'Import firms from a CSV or GeoJSON file (editors): a dry run reports, a real run writes all valid rows in one transaction',
  description:
    'The body is the file itself. CSV: UTF-8 or Windows-1252, separator `;`, `,`, tab or `|`, detected. Columns are mapped ' +
    'from their names (French, Italian, German, English); coordinates in WGS84, Lambert-93 (EPSG:2154), LV95 (EPSG:2056) or ' +
    'LV03 (EPSG:21781), recognised from their range unless `srid` is given; rows without coordinates are placed at their ' +
    "commune's centre and marked approximate. Rows are matched on their official identifier: re-importing a file changes " +
    'nothing. With `Accept: text/csv` the answer is the rejected rows (line, field, reason) as CSV. With ' +
    '`Accept: application/x-ndjson` the answer streams one JSON object per line as the import goes: ' +
    '`{"phase":"checking"|"writing","done":n,"total":n}`, then `{"result":{...}}` (the report), or `{"problem":{...}}` if the import ' +
    'failed once under way (nothing is then written).',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      dryRun: booleanParam.openapi({ description: '`true` (default): report only, write nothing' }),
      format: z.enum(['csv', 'geojson'], { message: "expected 'csv' or 'geojson'" }).optional().openapi({ description: 'Recognised from the content by default' }),
      srid: z.enum(SRIDS.map(String) as [string, ...string[]], { message: `expected one of ${SRIDS.join(', ')}` }).optional(),
      mapping: mappingParam,
      savedMapping: MappingName.optional().openapi({ description: 'A mapping saved with `PUT /api/import-mappings/{name}`, applied to the columns of the file it names; `mapping` overrides it' }),
      name: z.string().regex(/^[\w.-]{1,80}$/, 'letters, digits, . _ - only (at most 80)').optional().openapi({ description: 'Names the source of the new firms, `import:<name>`' }),
    }),
    // The file is read raw below; `any` only documents it (a string schema would make the validator parse it as a form).
    body: { required: true, content: { 'text/csv': { schema: z.any().openapi({ type: 'string' }) }, 'application/geo+json': { schema: z.any().openapi({ type: 'string' }) } } },
  },
  responses: {
    200: {
      description: 'The report (on a real run, of what was written)',
      content: {
        ...jsonContent(ReportSchema).content,
        'text/csv': { schema: z.string().openapi({ description: 'line,field,reason' }) },
        [NDJSON]: { schema: z.string().openapi({ description: 'Progress lines, then the report (or a problem)' }) },
      },
    },
    ...writeProblems,
    413: writeProblems[400],
  },
});

export function importRoutes({ db, config, sectorRules, logger }: { db: Database; config: Config; sectorRules: SectorRule[]; logger: Logger }) {
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
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length === 0) throw ApiError.invalid([{ field: 'body', message: 'the file is empty' }]);
    let file;
    try {
      file = readSourceFile(bytes, query.format);
    } catch (error) {
      if (error instanceof FileError) throw ApiError.invalid([{ field: 'body', message: error.message }]);
      throw error;
    }
    const unknownColumns = Object.keys(query.mapping ?? {}).filter((column) => !file.columns.includes(column));
    if (unknownColumns.length) throw ApiError.invalid([{ field: 'mapping', message: `no column ${unknownColumns.map((u) => `'${u}'`).join(', ')} in the file` }]);
    const fromSaved = mappingForColumns(saved?.mapping ?? {}, file.columns);
    const run = (onProgress?: (progress: ImportProgress) => void) =>
      importCompanies(db, file, {
        dryRun: query.dryRun ?? true,
        author: authorOf(c),
        serviceArea: config.serviceArea,
        sectorRules,
        source: `import:${query.name ?? 'upload'}`,
        mapping: { ...fromSaved, ...query.mapping },
        srid: query.srid ? (Number(query.srid) as Srid) : undefined,
        onProgress,
      });

    if (wantsNdjson(c)) return ndjsonResponse(c, logger.error, run);
    const report = await run();
    if ((c.req.header('Accept') ?? '').includes('text/csv')) {
      return c.body(rejectedCsv(report), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="rejected-rows.csv"' });
    }
    return c.json(report, 200);
  });
  return router;
}
