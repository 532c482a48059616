import { createRoute, z } from '@hono/zod-openapi';
import { parse } from 'csv-parse/sync';
import type { Database } from '../../db/database.ts';
import { type MatrixValue, type RelatednessStore, deleteLoadedMatrix, replaceLoadedMatrix } from '../../db/queries/relatedness.ts';
import { NACE_FORMATS, RELATEDNESS_LEVELS, type RelatednessLevel, naceAt, naceLevel } from '../../shared/chains/nace.ts';
import { MIN_LINKS, pairKey } from '../../shared/chains/relatedness.ts';
import { authorOf, requireRole } from '../http/auth.ts';
import { numberParam } from '../http/params.ts';
import { ApiError, type FieldError } from '../http/problem.ts';
import { createRouter, jsonContent, problem, problems, writeProblems } from '../http/router.ts';
import { MatrixLoadedSchema, RelatednessSchema } from '../schemas/relatedness.ts';

const oneString = (value: unknown) => (Array.isArray(value) ? value.join(',') : value);

/** The columns of a relatedness matrix file (the Atlas's own layout: no publisher has a standard one). */
export const MATRIX_COLUMNS = ['nace_a', 'nace_b', 'ratio'] as const;
const MAX_PAIRS = 200_000;

const get = createRoute({
  method: 'get',
  path: '/relatedness',
  tags: ['Chains'],
  summary: 'Relatedness of NACE activities, learned from the registry’s links (and the loaded matrix, shown as such)',
  description:
    'For each pair of activities with at least one link: the links between their firms, those chance would give, and R = F_ij·F / (F_i·F_j). ' +
    'A pair with fewer than `minLinks` links is not used by the partner suggestions, which then fall back to the groups, then the divisions. ' +
    'No input-output table is invented: the only other relatedness is a matrix an administrator loads, given apart with its source.',
  request: {
    query: z.object({
      level: z
        .preprocess(oneString, z.enum(RELATEDNESS_LEVELS, { message: `expected one of ${RELATEDNESS_LEVELS.join(', ')}` }))
        .optional()
        .openapi({ default: 'class', description: 'NACE level: class (43.21), group (43.2) or division (43)' }),
      nace: z
        .preprocess(oneString, z.string().trim())
        .optional()
        .openapi({ type: 'string', example: '43.32', description: 'Only the pairs of this activity (a class is taken to its group or division at those levels)' }),
      minLinks: numberParam(1, 1000, { integer: true }).optional().openapi({ type: 'integer', default: MIN_LINKS, description: 'The support a pair needs to be `supported`' }),
    }),
  },
  responses: { 200: { description: 'The pairs', ...jsonContent(RelatednessSchema) }, ...problems },
});

const put = createRoute({
  method: 'put',
  path: '/relatedness/matrix',
  tags: ['Chains'],
  summary: 'Load a relatedness matrix from a CSV file, with its source (admins); replaces the one loaded',
  description:
    `CSV (\`,\` or \`;\`), header \`${MATRIX_COLUMNS.join(',')}\`: two NACE codes of the same level (class 43.21, group 43.2 or division 43) and a ratio ≥ 0 ` +
    'on the scale of the learned R (1 = as related as chance; above 1 more related). Each pair once, in either order. ' +
    'Shown by /api/relatedness with its source, and used by the suggestions with `relatedness=loaded`.',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      source: z.preprocess(oneString, z.string().trim().min(1, 'required: where the matrix comes from').max(300, 'at most 300 characters')).openapi({ type: 'string', example: 'Regional input-output table 2021, converted' }),
      url: z.preprocess(oneString, z.string().trim().url('expected a URL').max(500)).optional().openapi({ type: 'string' }),
      licence: z.preprocess(oneString, z.string().trim().min(1).max(200)).optional().openapi({ type: 'string' }),
    }),
    body: { required: true, content: { 'text/csv': { schema: z.string().openapi({ example: 'nace_a,nace_b,ratio\n43.32,16.23,2.4\n' }) } } },
  },
  responses: { 200: { description: 'Loaded', ...jsonContent(MatrixLoadedSchema) }, ...writeProblems, 413: problem('The body is larger than the limit') },
});

const remove = createRoute({
  method: 'delete',
  path: '/relatedness/matrix',
  tags: ['Chains'],
  summary: 'Remove the loaded relatedness matrix (admins)',
  security: [{ bearer: [] }],
  responses: { 204: { description: 'Removed' }, ...writeProblems },
});

/** The code of `nace` at `level`: itself, or the group or division of a finer code. */
function codeAt(nace: string, level: RelatednessLevel): string {
  const given = naceLevel(nace);
  const order = RELATEDNESS_LEVELS.indexOf.bind(RELATEDNESS_LEVELS);
  if (!given || order(given) > order(level)) {
    throw ApiError.invalid([{ field: 'nace', message: `expected a NACE code at the ${level} level (${NACE_FORMATS[level]}) or finer` }]);
  }
  return given === 'class' ? naceAt(nace, level) : level === 'division' ? nace.slice(0, 2) : nace;
}

/** The matrix file's rows, checked: every problem named by line and column. */
export function readMatrixFile(text: string): MatrixValue[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { delimiter, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    throw ApiError.invalid([{ field: 'body', message: `not a readable CSV file: ${(error as Error).message}` }]);
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const at = MATRIX_COLUMNS.map((column) => header.indexOf(column));
  const missing = MATRIX_COLUMNS.filter((_, i) => at[i] === -1);
  if (missing.length) throw ApiError.invalid([{ field: 'body', message: `the header must name the columns ${MATRIX_COLUMNS.join(', ')}; missing ${missing.join(', ')}` }]);
  if (records.length - 1 > MAX_PAIRS) throw ApiError.invalid([{ field: 'body', message: `at most ${MAX_PAIRS} pairs` }]);
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  const values: MatrixValue[] = [];
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    const [a, b, ratioText] = at.map((index) => record[index] ?? '');
    const levelA = naceLevel(a!);
    const ratio = Number(ratioText!.replace(',', '.'));
    if (!levelA) errors.push({ field: `line ${line}: nace_a`, message: `'${a}' is no NACE code (43.21, 43.2 or 43)` });
    else if (naceLevel(b!) !== levelA) errors.push({ field: `line ${line}: nace_b`, message: `'${b}' is not a NACE code of the same level as '${a}' (${NACE_FORMATS[levelA]})` });
    if (ratioText === '' || !Number.isFinite(ratio) || ratio < 0) errors.push({ field: `line ${line}: ratio`, message: `'${ratioText}' is not a number ≥ 0` });
    const key = pairKey(a!, b!);
    if (seen.has(key)) errors.push({ field: `line ${line}`, message: `the pair ${a}–${b} is given already on line ${seen.get(key)}` });
    seen.set(key, line);
    values.push({ a: a!, b: b!, ratio });
  });
  if (errors.length) throw ApiError.invalid(errors.slice(0, 50));
  if (values.length === 0) throw ApiError.invalid([{ field: 'body', message: 'the file has no pair' }]);
  return values;
}

export function relatednessRoutes({ db, store }: { db: Database; store: RelatednessStore }) {
  const router = createRouter();

  router.openapi(get, async (c) => {
    const { level = 'class', nace, minLinks = MIN_LINKS } = c.req.valid('query');
    const code = nace ? codeAt(nace, level) : null;
    const snapshot = await store.current();
    const involves = (a: string, b: string) => code === null || a === code || b === code;
    const oriented = <T extends { a: string; b: string }>(pair: T): T => (code !== null && pair.a !== code ? { ...pair, a: pair.b, b: pair.a } : pair);
    const pairs = [...snapshot.learned.levels[level].pairs.values()]
      .filter((p) => involves(p.a, p.b))
      .map((p) => oriented({ a: p.a, b: p.b, links: p.links, expected: p.expected, ratio: p.ratio, supported: p.links >= minLinks }))
      .sort((x, y) => y.ratio - x.ratio || y.links - x.links || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
    const loaded = snapshot.loaded && {
      ...snapshot.loaded.about,
      pairs: [...snapshot.loaded.values.values()]
        .filter((v) => v.level === level && involves(v.a, v.b))
        .map((v) => oriented({ a: v.a, b: v.b, ratio: v.ratio }))
        .sort((x, y) => y.ratio - x.ratio),
    };
    return c.json({ level, nace: code, minLinks, links: snapshot.learned.links, pairs, classes: snapshot.classes, loaded, sampleData: snapshot.sampleData, dataVersion: snapshot.dataVersion }, 200);
  });

  router.use('/relatedness/matrix', requireRole('admin'));

  router.openapi(put, async (c) => {
    const { source, url, licence } = c.req.valid('query');
    const values = readMatrixFile(await c.req.text());
    await replaceLoadedMatrix(db, { source, url: url ?? null, licence: licence ?? null, loadedBy: authorOf(c).label }, values);
    const levels = { class: 0, group: 0, division: 0 };
    for (const v of values) levels[naceLevel(v.a)!]++;
    return c.json({ source, pairs: values.length, levels }, 200);
  });

  router.openapi(remove, async (c) => {
    if (!(await deleteLoadedMatrix(db))) throw ApiError.notFound('A loaded relatedness matrix');
    return c.body(null, 204);
  });

  return router;
}
