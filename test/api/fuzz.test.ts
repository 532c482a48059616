import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { COUNTRIES, LINK_KINDS, SECTORS } from '../../shared/vocabulary.ts';
import { encodeCursor } from '../../server/http/params.ts';
import { ADMIN_TOKEN, testClient } from '../support/app.ts';
import { openTestDb, testEngines } from '../support/databases.ts';
import {
  FUZZ_RUNS,
  HOSTILE_STRINGS,
  type ParamSchema,
  anyText,
  answerOf,
  bodyText,
  expectSound,
  mutatedBody,
  paramValue,
  queryPairs,
  queryString,
} from '../support/fuzz.ts';
import { chamonixGuides, courmayeurSpa, martignyJoinery } from '../fixtures/companies.ts';

/** Ids and names that exist, so that some requests get past validation into the queries. */
const EXISTING = ['1', '2', '3', '999999', encodeCursor(1), encodeCursor(2)];

/** Valid bodies of the writes, mutated by the properties. */
const VALID_BODIES: Record<string, Record<string, unknown>> = {
  'post /companies': chamonixGuides,
  'patch /companies/{id}': { name: 'Fuzz SARL', employees: 12, description: { fr: 'Texte' } },
  'post /links': { from: 1, to: 2, kind: 'partner', since: 2015, note: 'fuzz' },
  'patch /links/{id}': { kind: 'supplier', since: 2001 },
  'post /tokens': { label: 'fuzz', role: 'member' },
  'post /introductions': { from: 1, to: 2, note: 'fuzz', nextStep: 'Call', dueOn: '2027-01-15' },
  'patch /introductions/{id}': { stage: 'cooperating', linkKind: 'partner', note: 'fuzz', outcome: 'valuable_contact' },
  'post /session': { email: 'fuzz@example.org', password: 'not a password' },
  'post /invitation': { token: 'not-a-link', password: 'a long enough passphrase' },
  'post /accounts': { email: 'fuzz@example.org', name: 'Fuzz', role: 'member', countries: ['IT'] },
  'patch /accounts/{id}': { name: 'Fuzz Renamed', role: 'editor', countries: ['FR'] },
  'post /territories': {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [[[6.8, 45.9], [6.9, 45.9], [6.9, 46.0], [6.8, 46.0], [6.8, 45.9]]] },
    properties: { name: 'Fuzzland' },
  },
};

const CSV_FILE = 'name;sector;country;commune_code;longitude;latitude\nFuzz SARL;outdoor;FR;74056;6.87;45.92\n';
const MATRIX_FILE = 'nace_a,nace_b,ratio\n43.32,16.23,2.5\n43.2,16.2,1.5\n';
/** The operations whose body is a CSV file, with a valid one. */
const CSV_BODIES: Record<string, string> = { 'post /imports': CSV_FILE, 'put /relatedness/matrix': MATRIX_FILE };

type Operation = { method: string; path: string; params: { name: string; in: string; schema?: ParamSchema }[]; properties: string[] };
type OpenApi = { paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: { content: Record<string, { schema: unknown }> } }>>; components: { schemas: Record<string, unknown> } };

/** The top-level property names of a (possibly referenced, possibly union) JSON schema. */
function propertiesOf(schema: unknown, doc: OpenApi, seen = new Set<unknown>()): string[] {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return [];
  seen.add(schema);
  const s = schema as { $ref?: string; properties?: object; anyOf?: unknown[]; oneOf?: unknown[]; allOf?: unknown[] };
  if (s.$ref) return propertiesOf(doc.components.schemas[s.$ref.split('/').pop()!], doc, seen);
  return [...Object.keys(s.properties ?? {}), ...[...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])].flatMap((part) => propertiesOf(part, doc, seen))];
}

/** Every operation of the OpenAPI document, with its parameters and body fields. */
function operationsOf(doc: OpenApi): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method,
      path,
      params: op.parameters ?? [],
      properties: Object.values(op.requestBody?.content ?? {}).flatMap((content) => propertiesOf(content.schema, doc)),
    })),
  );
}

/** The operations of the OpenAPI document; the test below fails when one is added and not listed here. */
const DOCUMENTED = [
  'get /events',
  'post /session',
  'get /session',
  'delete /session',
  'get /session/options',
  'get /session/oidc',
  'get /session/oidc/callback',
  'get /me',
  'get /communes',
  'get /look-alikes',
  'post /history/{id}/undo',
  'get /invitation',
  'post /invitation',
  'get /accounts',
  'post /accounts',
  'get /accounts/{id}',
  'patch /accounts/{id}',
  'post /accounts/{id}/reset',
  'get /actors',
  'get /companies',
  'post /companies',
  'get /companies/{id}',
  'patch /companies/{id}',
  'delete /companies/{id}',
  'get /companies/{id}/history',
  'get /companies/{id}/partners',
  'get /partners',
  'get /relatedness',
  'put /relatedness/matrix',
  'delete /relatedness/matrix',
  'get /health',
  'post /admin/backup',
  'get /metrics',
  'get /import-mappings',
  'get /import-profiles',
  'put /import-mappings/{name}',
  'delete /import-mappings/{name}',
  'get /live',
  'post /imports',
  'get /links',
  'post /links',
  'get /links/{id}',
  'patch /links/{id}',
  'delete /links/{id}',
  'get /nearby',
  'get /ready',
  'get /stats',
  'get /stats/links',
  'get /stats/network',
  'get /stats/activities',
  'get /stats/trends',
  'get /stats/shift-share',
  'get /territories',
  'post /territories',
  'delete /territories/{id}',
  'get /tiles/{layer}.json',
  'get /tiles/{layer}/{z}/{x}/{y}.mvt',
  'get /tokens',
  'post /tokens',
  'delete /tokens/{id}',
  'get /introductions',
  'post /introductions',
  'get /introductions/{id}',
  'patch /introductions/{id}',
  'get /introductions.ics',
  'post /introductions/calendar-token',
  'delete /introductions/calendar-token',
  'get /stats/introductions',
];

const FILTERS = ['bbox', 'sector', 'country', 'size', 'status', 'q', 'commune', 'within'];

/** Routes outside the OpenAPI document: [path with {params}, query parameter names]. */
const PLAIN: [string, string[]][] = [
  ['/api/style.json', ['lang', ...FILTERS]],
  ['/api/map-config', []],
  ['/api/openapi.json', []],
  ['/api/docs/{file}', []],
  ['/geodata/{file}', []],
  ['/embed.js', []],
  ['/profile/{territory}', ['lang', 'compare', ...FILTERS]],
  ['/profile', ['lang', 'compare']],
  ['/ogc', ['f']],
  ['/ogc/conformance', ['f']],
  ['/ogc/collections', ['f']],
  ['/ogc/collections/{collection}', ['f']],
  ['/ogc/collections/{collection}/items', ['f', 'limit', 'cursor', 'offset', 'kind', 'cross_border', ...FILTERS]],
  ['/ogc/collections/{collection}/items/{item}', ['f']],
];

/** Values that mean something to some path parameter, beside the ids. */
const PATH_VALUES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'companies', 'density', 'links', 'actors', 'territories', 'countries.geojson', 'swagger-ui.css', 'fr-cc-chamonix', '0', '8', '133', '90', '16383', '20'];
const QUERY_VALUES = [...SECTORS, ...COUNTRIES, ...LINK_KINDS, 'micro', 'csv', 'geojson', 'json', 'territory', 'sector', 'partner', 'custom', 'fr', 'it', 'en'];

const params = (names: readonly string[], schemas: Record<string, ParamSchema | undefined> = {}) =>
  Object.fromEntries(names.map((name) => [name, paramValue(schemas[name], [...EXISTING, ...QUERY_VALUES])]));

const pathValue = fc.oneof(fc.constantFrom(...EXISTING, ...PATH_VALUES), anyText);

/** `/companies/{id}` with each parameter filled, URL-encoded as a client must (a lone surrogate as U+FFFD). */
const fill = (path: string, values: string[]) => {
  let i = 0;
  return path.replace(/\{[a-z]+\}/g, () => encodeURIComponent(Buffer.from(values[i++]!).toString()));
};
const pathParamsOf = (path: string) => [...path.matchAll(/\{([a-z]+)\}/g)].map((m) => m[1]!);

describe.each(testEngines())('hostile input on %s', (engine) => {
  let db: Database;
  let request: (method: string, url: string, init?: { body?: string; type?: string; token?: string | null }) => Promise<Response>;
  let operations: Operation[];
  let app: ReturnType<typeof testClient>['app'];

  beforeAll(async () => {
    db = await openTestDb(engine);
    const client = testClient(db);
    app = client.app;
    for (const firm of [chamonixGuides, courmayeurSpa, martignyJoinery]) expect((await client.post('/api/companies', firm)).status).toBe(201);
    expect((await client.post('/api/links', { from: 1, to: 2, kind: 'partner' })).status).toBe(201);
    request = async (method, url, { body, type = 'application/json', token = ADMIN_TOKEN } = {}) =>
      client.app.request(`http://localhost${url}`, {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': type }) },
        body,
      });
    operations = operationsOf((await (await request('GET', '/api/openapi.json')).json()) as OpenApi);
  });
  afterAll(() => db?.close());

  it('has a property for every operation of the OpenAPI document', () => {
    expect(operations.map((op) => `${op.method} ${op.path}`).sort()).toEqual([...DOCUMENTED].sort());
  });

  const operation = (key: string) => operations.find((op) => `${op.method} ${op.path}` === key)!;

  /** Operations whose every sound call is costly get fewer runs: a backup dumps the whole database each time. */
  const RUNS: Record<string, number> = { 'post /admin/backup': Math.min(FUZZ_RUNS, 8) };

  it.each(DOCUMENTED)('answers %s soundly whatever its parameters and body', { timeout: 120_000 }, async (key) => {
    const op = operation(key);
    const query = op.params.filter((p) => p.in === 'query');
    const pathNames = pathParamsOf(op.path);
    const schemas = Object.fromEntries(op.params.map((p) => [p.name, p.schema]));
    const valid = VALID_BODIES[key];
    const body: fc.Arbitrary<string | undefined> =
      CSV_BODIES[key]
        ? fc.oneof(fc.constant(CSV_BODIES[key]), anyText, mutatedBody({ type: 'FeatureCollection', features: [] }).map((v) => JSON.stringify(v) ?? ''))
        : valid
          ? bodyText(mutatedBody(valid))
          : fc.constant(undefined);
    const known = new Set(['body', ...op.params.map((p) => p.name), ...op.properties]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(pathValue, { minLength: pathNames.length, maxLength: pathNames.length }),
        queryPairs(params(query.map((p) => p.name), schemas)),
        body,
        async (pathValues, pairs, text) => {
          const url = `/api${fill(op.path, pathValues)}${queryString(pairs)}`;
          let sent: unknown;
          try {
            sent = text === undefined ? undefined : JSON.parse(text);
          } catch {
            sent = undefined;
          }
          const fields = new Set([...known, ...pairs.map(([name]) => name), ...(sent && typeof sent === 'object' ? Object.keys(sent) : [])]);
          const type = CSV_BODIES[key] ? 'text/csv' : 'application/json';
          expectSound(await answerOf(() => request(op.method.toUpperCase(), url, { body: text, type })), fields);
        },
      ),
      { numRuns: RUNS[key] ?? FUZZ_RUNS },
    );
  });

  it.each(PLAIN)('answers GET %s soundly whatever its parameters', { timeout: 120_000 }, async (path, names) => {
    const pathNames = pathParamsOf(path);
    await fc.assert(
      fc.asyncProperty(
        fc.array(pathValue, { minLength: pathNames.length, maxLength: pathNames.length }),
        queryPairs(params(names)),
        async (pathValues, pairs) => {
          const url = `${fill(path, pathValues)}${queryString(pairs)}`;
          expectSound(await answerOf(() => request('GET', url, { token: null })), new Set([...names, ...pathNames, ...pairs.map(([n]) => n)]));
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('answers any path, however encoded, with a file or a problem', { timeout: 120_000 }, async () => {
    const segment = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS, 'assets', 'fonts', 'index.html', '..', '.', 'api', 'ogc'), fc.string({ maxLength: 12 }));
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.boolean(), async (segments, raw) => {
        // Raw: as a careless client sends it (`%` and all), where the URL parser lets it through.
        const path = `/${segments.map((s) => (raw ? s : encodeURIComponent(Buffer.from(s).toString()))).join('/')}`;
        let url: URL;
        try {
          url = new URL(path, 'http://localhost');
        } catch {
          return;
        }
        expectSound(await answerOf(() => request('GET', `${url.pathname}${url.search}`, { token: null })), new Set());
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('writes every attribute of the embed page as an escaped attribute value', { timeout: 120_000 }, async () => {
    const names = ['sector', 'country', 'size', 'q', 'bbox', 'center', 'zoom', 'layers', 'lang', 'height', 'theme', 'accent', 'interactive', 'list'];
    await fc.assert(
      fc.asyncProperty(queryPairs(params(names)), async (pairs) => {
        const answer = await answerOf(() => request('GET', `/embed${queryString(pairs)}`, { token: null }));
        expect(answer.status).toBe(200);
        const body = /<body>\n([\s\S]*)\n<\/body>/.exec(answer.text)![1]!;
        expect(body).toMatch(/^<mont-blanc-atlas(?: [a-z]+(?:="[^"<>]*")?)*><\/mont-blanc-atlas>$/);
        expect(answer.text.match(/<script/g)).toHaveLength(1);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('answers any Authorization header with the answer or a 401 problem', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyText, anyText.map((text) => `Bearer ${text}`)), async (header) => {
        let headers: Headers;
        try {
          headers = new Headers({ Authorization: header });
        } catch {
          return; // not a header value a client can send (a newline, a NUL)
        }
        const answer = await answerOf(() => app.request('http://localhost/api/companies?limit=1', { headers }));
        expect([200, 401]).toContain(answer.status);
        expectSound(answer, new Set());
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
