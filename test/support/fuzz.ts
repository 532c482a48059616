import fc from 'fast-check';
import { expect } from 'vitest';

/**
 * Property-based tests of hostile input: what a request may carry, and what any answer to it must
 * be. FUZZ_RUNS sets the number of requests per property (quick by default, for CI); e.g.
 * `FUZZ_RUNS=2000 npx vitest run test/api/fuzz.test.ts` for a longer hunt.
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 40);

/** Every answer comes within this, whatever the input. */
export const ANSWER_WITHIN_MS = 10_000;

/** Strings that broke parsers, queries or pages somewhere before. */
export const HOSTILE_STRINGS = [
  "'; DROP TABLE companies; --",
  "' OR '1'='1",
  '" OR ""="',
  '1; SELECT pg_sleep(30)',
  '$1',
  '%',
  '%00',
  '%zz',
  '%E0%A4%A',
  '\u0000',
  '\\',
  '\\x00',
  '_',
  '*',
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  "javascript:alert(1)",
  '../../../etc/passwd',
  '..%2F..%2Fpackage.json',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '0x1F',
  '1_000',
  '9'.repeat(40),
  '-1',
  '0',
  '2147483648',
  '9007199254740993',
  '',
  ' ',
  ',',
  ',,,,',
  '[]',
  '{}',
  'null',
  'undefined',
  'true',
  '__proto__',
  'constructor',
  '\uD800',
  '\uFEFF',
  '😀',
  'Москва',
  'e\u0301',
  'x'.repeat(5000),
  '6.7,45.8,7.1,46.0',
  '-180,-90,180,90',
  '180,90,-180,-90',
  '6.7,45.8,6.7,45.8',
  'outdoor,outdoor,outdoor',
  'FR,IT,CH,FR',
] as const;

/** Any text, short or long, plain or binary, or one of the hostile strings. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.array(fc.double({ min: -200, max: 200 }), { minLength: 1, maxLength: 6 }).map((n) => n.join(',')) },
);

/** What the API's own description says a parameter takes: its enum, example and range. */
export type ParamSchema = { type?: string; enum?: unknown[]; example?: unknown; minimum?: number; maximum?: number; default?: unknown };

export function plausible(schema: ParamSchema | undefined, extra: readonly string[] = []): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [];
  const known = [...(schema?.enum ?? []), ...(schema?.example === undefined ? [] : [schema.example]), ...(schema?.default === undefined ? [] : [schema.default]), ...extra];
  if (known.length) options.push(fc.constantFrom(...known.map(String)));
  if (schema?.enum?.length) options.push(fc.subarray(schema.enum.map(String), { minLength: 1 }).map((values) => values.join(',')));
  if (schema?.minimum !== undefined || schema?.maximum !== undefined) {
    const min = schema.minimum ?? -1e6;
    const max = schema.maximum ?? 1e6;
    options.push(schema.type === 'integer' ? fc.integer({ min: Math.ceil(min) - 2, max: Math.floor(max) + 2 }).map(String) : fc.double({ min: min - 1, max: max + 1, noNaN: true }).map(String));
  }
  return options.length ? fc.oneof(...options) : anyText;
}

/** A value for a parameter: sometimes one it could take, often anything at all. */
export const paramValue = (schema?: ParamSchema, extra: readonly string[] = []) =>
  fc.oneof({ weight: 2, arbitrary: plausible(schema, extra) }, { weight: 3, arbitrary: anyText });

/** Query pairs: some of the declared parameters (a few twice), sometimes one nobody declared. */
export function queryPairs(params: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<[string, string][]> {
  const names = Object.keys(params);
  const declared = names.length
    ? fc.subarray(names).chain((chosen) =>
        fc.tuple(...chosen.map((name) => fc.array(params[name]!, { minLength: 1, maxLength: 2 }).map((values) => values.map((v) => [name, v] as [string, string])))),
      ).map((lists) => lists.flat())
    : fc.constant([] as [string, string][]);
  const stray = fc.option(fc.tuple(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...HOSTILE_STRINGS.slice(0, 20))), anyText), { freq: 4 });
  return fc.tuple(declared, stray).map(([pairs, extra]) => (extra ? [...pairs, extra] : pairs));
}

export const queryString = (pairs: [string, string][]) => {
  const query = new URLSearchParams(pairs).toString();
  return query ? `?${query}` : '';
};

/** A JSON body made from a valid one: a field replaced by anything, removed, or added; or anything at all. */
export function mutatedBody(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom<unknown>(...HOSTILE_STRINGS), fc.double(), fc.integer());
  const nested = (value: unknown): fc.Arbitrary<unknown> =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? mutatedBody(value as Record<string, unknown>) : anyJson;
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...keys).chain((key) => anyJson.map((v) => ({ ...valid, [key]: v }))) },
    { weight: 2, arbitrary: fc.constantFrom(...keys).chain((key) => nested(valid[key]).map((v) => ({ ...valid, [key]: v }))) },
    { weight: 1, arbitrary: fc.subarray(keys).map((kept) => Object.fromEntries(kept.map((k) => [k, valid[k]]))) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 12 }), anyJson).map(([key, v]) => ({ ...valid, [key]: v })) },
    { weight: 1, arbitrary: fc.constant(valid) },
    { weight: 1, arbitrary: anyJson },
  );
}

/** A request body as sent: JSON of the value, or (now and then) text that is no JSON at all. */
export const bodyText = (value: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 5, arbitrary: value.map((v) => JSON.stringify(v) ?? 'null') }, { weight: 1, arbitrary: anyText });

/** What an error body must never show: SQL, driver errors, stack frames, file paths. */
const LEAKS = /Failed query|PostgresError|DrizzleQueryError|syntax error at|\n\s+at \S|\.ts:\d+|node_modules|\/work\/|violates .* constraint|relation "|column "|pglite/i;

export type Answer = { status: number; type: string | null; text: string };

/** Calls `request`, failing if no answer (body included) comes within ANSWER_WITHIN_MS. */
export async function answerOf(request: () => Response | Promise<Response>): Promise<Answer> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)), ANSWER_WITHIN_MS);
  });
  try {
    return await Promise.race([
      timeout,
      (async () => {
        const response = await request();
        const type = response.headers.get('content-type');
        // An event stream stays open: its status and type are the answer.
        if (type?.startsWith('text/event-stream')) {
          await response.body?.cancel();
          return { status: response.status, type, text: '' };
        }
        return { status: response.status, type, text: await response.text() };
      })(),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What any answer to any input must be: never a server error; a refusal is a problem (RFC 9457)
 * that leaks nothing of the server, and a 400 names each offending field, one of `fields` (the
 * parameters and body fields the endpoint knows, and the ones sent; `body` or `query` for the whole).
 */
export function expectSound(answer: Answer, fields: ReadonlySet<string>): void {
  expect(answer.status, answer.text.slice(0, 500)).toBeLessThan(500);
  if (answer.status < 400) return;
  expect(answer.type).toBe('application/problem+json');
  const problem = JSON.parse(answer.text) as { type: string; title: string; status: number; errors?: { field: string; message: string }[] };
  expect(problem).toMatchObject({ status: answer.status, title: expect.any(String), type: expect.any(String) });
  expect(answer.text).not.toMatch(LEAKS);
  if (answer.status !== 400) return;
  expect(problem.errors?.length, answer.text).toBeGreaterThan(0);
  for (const { field } of problem.errors!) {
    expect(field.length, answer.text).toBeGreaterThan(0);
    const named = fields.has(field) || fields.has(field.split('.')[0]!) || ['body', 'query'].includes(field);
    expect(named, `field '${field}' of ${answer.text}`).toBe(true);
  }
}
