/**
 * `npm run bench`: builds synthetic registries (the sample generator, seeded) of each size on the
 * embedded engine and, with BENCH_DATABASE_URL, on a PostGIS server; starts the real server on
 * each; measures endpoints with autocannon; writes bench/report.md and prints it.
 *
 * BENCH_SIZES (default 10000,100000,1000000), BENCH_SECONDS (default 8 per measurement),
 * BENCH_CONNECTIONS (default 8), BENCH_DATABASE_URL (a database whose tables may be wiped),
 * BENCH_ENGINES (default: postgres when BENCH_DATABASE_URL is set, and pglite), BENCH_REUSE=1
 * (keep a server registry of the right size that an earlier run loaded, instead of loading it again).
 *
 * Editing (issue 26, bench/editing.ts), measured on the server with its response cache: after one
 * write of a website, the share of the default view's tiles answered from the cache; and the time
 * from a write's answer to its live event on BENCH_EVENT_CLIENTS (50) open streams, over
 * BENCH_EVENT_WRITES (20) writes. BENCH_ONLY=editing measures only these (a minute at 10,000
 * firms) and keeps the other figures of the saved run; BENCH_ONLY=first-render, the first render.
 *
 * Prospecting (issue 27, bench/prospecting.ts): the registry holds one introduction per 10 firms
 * (10,000 at 100,000); the Prospecting page's list and the introductions statistics are timed as
 * staff ask for them. BENCH_ONLY=prospecting measures only these.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createDb } from '../db/create-db.ts';
import type { Database, Engine } from '../db/database.ts';
import { seedRegistry } from '../db/seed/seed.ts';
import { CLOSED_PER_ACTIVE } from '../db/seed/dates.ts';
import { spawnAtlas } from '../test/support/process.ts';
import { watchCpuSteal } from './cpu-steal.ts';
import { type EditingFigures, liveEventDelays, tileHitsAfterWebsiteWrite } from './editing.ts';
import { timeDirect } from './direct.ts';
import { type FirstRender, firstRender } from './first-render.ts';
import { type LoadResult, collectEtags, load } from './load.ts';
import { partnersSection } from './partners-report.ts';
import { type PlainTiles, meanBytes, timePlainTiles } from './plain-tiles.ts';
import { type ProspectingRow, introductionsFor, timeProspecting, timeStatisticsAfterWrites } from './prospecting.ts';
import { TRENDS_SCENARIO, scenarios } from './scenarios.ts';
import { type Timing, timeHttp } from './timing.ts';

// An empty BENCH_SIZES measures nothing and rewrites the report from the saved runs.
const sizes = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').filter(Boolean).map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
const serverUrl = process.env.BENCH_DATABASE_URL;
const reuse = process.env.BENCH_REUSE === '1';
const editingOnly = process.env.BENCH_ONLY === 'editing';
// The first render alone: minutes instead of the whole bench's quarter of an hour at 100,000 firms.
const firstRenderOnly = process.env.BENCH_ONLY === 'first-render';
const prospectingOnly = process.env.BENCH_ONLY === 'prospecting';
const eventClients = Number(process.env.BENCH_EVENT_CLIENTS ?? 50);
const eventWrites = Number(process.env.BENCH_EVENT_WRITES ?? 20);
// The writes of the editing figures need an admin; the bench's server is its own.
const ADMIN_TOKEN = 'bench-admin-token-0123456789';
// Each run is kept in bench/results/ and the report shows the latest run of every engine and size,
// so a long size (1M) can be measured on its own without losing the others.
const results = new URL('./results/', import.meta.url);
const engines = (process.env.BENCH_ENGINES ?? (serverUrl ? 'postgres,pglite' : 'pglite')).split(',') as Engine[];
if (engines.includes('postgres') && !serverUrl) throw new Error('BENCH_ENGINES includes postgres: set BENCH_DATABASE_URL');

// `http`: one client timed per request (sub-millisecond); absent from runs before it was measured.
// `memory`: tiles answered from the response cache (200s with their body); `plain`: the plain
// ST_AsMVT peer on the same tiles, and `bytes` the Atlas's mean tile size (companies tiles only).
type Row = {
  scenario: string; direct: Timing | null; http?: Timing | null; sequential: LoadResult; loaded: LoadResult; cached: LoadResult | null;
  memory?: LoadResult | null; plain?: PlainTiles | null; bytes?: number | null;
};
// `loadBefore`: the 1-minute load average before the run started, i.e. of other work.
// `cpuSteal`: the share of CPU time the hypervisor gave other machines during the measurements.
// `editing`: absent from runs before it was measured; `editingAt`, `editingLoad`: when, and the load average before.
type Run = {
  engine: Engine; size: number; at: string; loadAverage: number; loadBefore?: number; cpuSteal?: number | null; seconds: number; connections: number; seedSeconds: number; rows: Row[]; firstRender: FirstRender | null; version: string;
  editing?: EditingFigures | null; editingAt?: string; editingLoad?: number;
  // `firstRenderAt`, `firstRenderLoad`: set when BENCH_ONLY=first-render measured it apart from the run.
  firstRenderAt?: string; firstRenderLoad?: number;
  // `prospecting`: absent from runs before it was measured; `prospectingAt`, `prospectingLoad`: when, and the load average before.
  prospecting?: ProspectingRow[] | null; prospectingAt?: string; prospectingLoad?: number;
  // The statistics right after a write to an introduction (computed again); absent from runs before it was measured.
  prospectingAfterWrite?: Timing;
};

const ms = (n: number | undefined) => (n === undefined ? '–' : n < 10 ? n.toFixed(2) : n.toFixed(1));

async function openEngine(engine: Engine, dataDir: string): Promise<Database> {
  return createDb(engine === 'postgres' ? { url: serverUrl } : { dataDir });
}

async function holdsBenchRegistry(db: Database, size: number, links: number): Promise<boolean> {
  const [row] = await db.rows<{ firms: number; sample: number; links: number; introductions: number }>(sql`
    SELECT (SELECT count(*)::int FROM companies) AS firms, (SELECT count(*)::int FROM companies WHERE source = 'sample') AS sample,
           (SELECT count(*)::int FROM links) AS links, (SELECT count(*)::int FROM introductions) AS introductions`);
  const firms = size + Math.round(size * CLOSED_PER_ACTIVE);
  return row?.firms === firms && row.sample === firms && row.links === links && row.introductions === introductionsFor(size);
}

function previousRun(engine: Engine, size: number): Run | undefined {
  const file = new URL(`${engine}-${size}.json`, results);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Run) : undefined;
}

/** The measurement, if every request got its answer: the latency of refusals is not the endpoint's. */
function answered(scenario: string, result: LoadResult): LoadResult {
  if (result.errors + result.non2xx > 0) {
    throw new Error(`${scenario}: ${result.errors} requests failed and ${result.non2xx} were refused (not 2xx or 304) out of ${result.requests}; the figures would not measure the endpoint`);
  }
  return result;
}

async function benchOne(engine: Engine, size: number): Promise<Run> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'atlas-bench-'));
  const loadBefore = os.loadavg()[0]!;
  let db = await openEngine(engine, dataDir);
  const started = performance.now();
  const links = Math.round(size * 0.13);
  let seedSeconds: number;
  if (engine === 'postgres' && reuse && (await holdsBenchRegistry(db, size, links))) {
    // Loading a million firms takes long: BENCH_REUSE keeps the registry an earlier run loaded
    // (same generator and seed), and its loading time.
    console.log(`[${engine} ${size}] reusing the registry already loaded`);
    seedSeconds = previousRun(engine, size)?.seedSeconds ?? Number.NaN;
  } else {
    if (engine === 'postgres') await db.drizzle.execute(sql`TRUNCATE links, companies, actors RESTART IDENTITY CASCADE`);
    console.log(`[${engine} ${size}] generating and loading ${size} firms…`);
    await seedRegistry(db, { companies: size, links, seed: 20261123, introductions: introductionsFor(size) });
    seedSeconds = (performance.now() - started) / 1000;
  }
  await db.drizzle.execute(sql`ANALYZE`);
  const [{ version } = { version: '?' }] = await db.rows<{ version: string }>(sql`SELECT 'PostgreSQL ' || current_setting('server_version') || ', PostGIS ' || postgis_lib_version() AS version`);

  // The load generator is one address standing for many clients: the per-address rate limit
  // would answer most of it with 429s, which is not the server's speed.
  const env = {
    ...(engine === 'postgres' ? { DATABASE_URL: serverUrl! } : { ATLAS_DATA_DIR: dataDir }),
    ATLAS_SEED: 'never',
    ATLAS_RATE_LIMIT: '0',
  };
  if (editingOnly || firstRenderOnly || prospectingOnly) {
    // Only the editing figures, the first render or prospecting: the saved run keeps its other ones.
    if (engine === 'pglite') await db.close();
    try {
      const saved = previousRun(engine, size) ?? { engine, size, at: new Date().toISOString(), loadAverage: os.loadavg()[1]!, loadBefore, seconds, connections, seedSeconds, rows: [], firstRender: null, version };
      const label = `${engine} ${size}`;
      const measured = editingOnly ? await measureEditing(env, label) : prospectingOnly ? await measureProspecting(env, label) : await measureFirstRender(env, label);
      return { ...saved, ...measured };
    } finally {
      if (engine === 'postgres') await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  const all = scenarios(size);
  console.log(`[${engine} ${size}] timing the database directly…`);
  const direct = new Map<string, Timing | null>();
  for (const scenario of all) {
    await timeDirect(db, scenario.paths, 20);
    direct.set(scenario.name, await timeDirect(db, scenario.paths, 100));
  }
  console.log(`[${engine} ${size}] timing the plain ST_AsMVT peer…`);
  const plain = new Map<string, PlainTiles | null>();
  for (const scenario of all.filter((x) => x.name.startsWith('companies tiles'))) plain.set(scenario.name, await timePlainTiles(db, scenario.paths, 100));
  // The embedded engine allows one process per data directory: the server takes it over.
  if (engine === 'pglite') await db.close();

  // First without the response cache: each request computes its answer (the cold figures).
  let atlas = spawnAtlas({ ...env, ATLAS_CACHE_MB: '0' });
  let base = await atlas.ready;
  const stolen = watchCpuSteal();
  const rows: Row[] = [];
  const stop = async () => {
    atlas.child.kill('SIGTERM');
    await atlas.exited;
  };
  try {
    for (const scenario of all) {
      console.log(`[${engine} ${size}] ${scenario.name}`);
      await load(base, scenario.paths, { seconds: 2, connections: 2 });
      const http = await timeHttp(base, scenario.paths, 100);
      const sequential = answered(scenario.name, await load(base, scenario.paths, { seconds: Math.max(3, seconds / 2), connections: 1 }));
      const loaded = answered(scenario.name, await load(base, scenario.paths, { seconds, connections }));
      const cached = scenario.name.includes(' tiles ')
        ? answered(scenario.name, await load(base, scenario.paths, { seconds, connections, etags: await collectEtags(base, scenario.paths) }))
        : null;
      const bytes = plain.has(scenario.name) ? await meanBytes(base, scenario.paths) : null;
      rows.push({ scenario: scenario.name, direct: direct.get(scenario.name) ?? null, http, sequential, loaded, cached, plain: plain.get(scenario.name) ?? null, bytes });
    }
    // Then as deployed, with the response cache: tiles from memory, and the first renders.
    await stop();
    atlas = spawnAtlas(env);
    base = await atlas.ready;
    for (const row of rows.filter((r) => r.scenario.includes(' tiles '))) {
      const paths = all.find((x) => x.name === row.scenario)!.paths;
      await load(base, paths, { seconds: 2, connections: 2 });
      console.log(`[${engine} ${size}] ${row.scenario}, from memory`);
      row.memory = answered(row.scenario, await load(base, paths, { seconds, connections }));
    }
    const rendered = size <= 100_000 ? await firstRender(base) : null;
    const measured = { engine, size, at: new Date().toISOString(), loadAverage: os.loadavg()[1]!, loadBefore, cpuSteal: stolen(), seconds, connections, seedSeconds, rows, firstRender: rendered, version };
    await stop();
    return { ...measured, ...(await measureEditing(env, `${engine} ${size}`)), ...(await measureProspecting(env, `${engine} ${size}`)) };
  } finally {
    await stop();
    if (engine === 'postgres') await db.close();
    rmSync(dataDir, { recursive: true, force: true });
    db = undefined as never;
  }
}

/** The first render on a server of its own with its response cache, as deployed. */
async function measureFirstRender(env: Record<string, string>, label: string): Promise<Pick<Run, 'firstRender' | 'firstRenderAt' | 'firstRenderLoad'>> {
  const firstRenderLoad = os.loadavg()[0]!;
  const atlas = spawnAtlas(env);
  try {
    const base = await atlas.ready;
    console.log(`[${label}] first render, the Atlas and the client-side clustering peer`);
    return { firstRender: await firstRender(base), firstRenderAt: new Date().toISOString(), firstRenderLoad };
  } finally {
    atlas.child.kill('SIGTERM');
    await atlas.exited;
  }
}

/** The editing figures (bench/editing.ts) on a server of its own with its response cache, as deployed. */
async function measureEditing(env: Record<string, string>, label: string): Promise<Pick<Run, 'editing' | 'editingAt' | 'editingLoad'>> {
  const editingLoad = os.loadavg()[0]!;
  // Each event stream from its own address behind the proxy: one address may hold only a few.
  const atlas = spawnAtlas({ ...env, ATLAS_ADMIN_TOKEN: ADMIN_TOKEN, ATLAS_TRUST_PROXY: '1' });
  try {
    const base = await atlas.ready;
    console.log(`[${label}] editing: the default view's tiles after a website write, ${eventClients} live clients × ${eventWrites} writes`);
    const editing = { ...(await tileHitsAfterWebsiteWrite(base, ADMIN_TOKEN)), ...(await liveEventDelays(base, ADMIN_TOKEN, eventClients, eventWrites)) };
    return { editing, editingAt: new Date().toISOString(), editingLoad };
  } finally {
    atlas.child.kill('SIGTERM');
    await atlas.exited;
  }
}

/** The Prospecting figures (bench/prospecting.ts) on a server of its own, as deployed. */
async function measureProspecting(env: Record<string, string>, label: string): Promise<Pick<Run, 'prospecting' | 'prospectingAt' | 'prospectingLoad' | 'prospectingAfterWrite'>> {
  const prospectingLoad = os.loadavg()[0]!;
  const atlas = spawnAtlas({ ...env, ATLAS_ADMIN_TOKEN: ADMIN_TOKEN });
  try {
    const base = await atlas.ready;
    console.log(`[${label}] prospecting: the list and the introductions statistics`);
    const prospecting = await timeProspecting(base, ADMIN_TOKEN, { seconds, connections });
    const prospectingAfterWrite = await timeStatisticsAfterWrites(base, ADMIN_TOKEN);
    return { prospecting, prospectingAt: new Date().toISOString(), prospectingLoad, prospectingAfterWrite };
  } finally {
    atlas.child.kill('SIGTERM');
    await atlas.exited;
  }
}

/** One client's latency: timed per request where the run measured it, else autocannon's. */
const oneClient = (r: Row): Timing => r.http ?? r.sequential;
/** Ratio (a): the endpoint over the same work done directly on the database. */
const ratio = (r: Row | undefined) => (r?.direct ? oneClient(r).p50 / Math.max(r.direct.p50, 0.01) : null);

const steal = (run: Run) =>
  typeof run.cpuSteal === 'number' ? `; the hypervisor gave ${(run.cpuSteal * 100).toFixed(0)} % of the CPU time to other machines during the measurements (steal)` : '';

function loadNote(run: Run): string {
  const during = `load average ${run.loadAverage.toFixed(1)} over its last 5 minutes (2 cores; the bench's own load generator, server and database keep it near 2–3)`;
  return run.loadBefore === undefined
    ? `machine ${during}`
    : `machine load average ${run.loadBefore.toFixed(1)} just before the run (other work; above about 0.5, it shared the cores), ${during}${steal(run)}`;
}

const HISTORY_HEADING = '## History: earlier runs and one-off measurements';

/** The report's last section is written by hand: a rewrite keeps it as it is. */
function handKeptHistory(): string {
  const path = new URL('./report.md', import.meta.url);
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const at = text.indexOf(HISTORY_HEADING);
  return at < 0 ? '' : `\n${text.slice(at)}`;
}

function report(runs: Run[]): string {
  const lines = [
    '# Benchmark report',
    '',
    'The latest run of `npm run bench` for each engine and registry size (its date, the seconds per measurement and the connections are given with it).',
    '',
    `Machine: ${os.cpus()[0]?.model ?? '?'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}. The load generator (autocannon) runs on the same machine and shares its cores.`,
    '',
    'Latencies in ms. *DB* = the same query layer called directly (no HTTP), sequentially; *HTTP 1 client* = the endpoint, one request at a time, each timed to the microsecond (runs before 2026-11-23 17:00 give autocannon\'s whole milliseconds, p50 only); *ratio (a)* = HTTP p50 / DB p50; *loaded* = with several connections; *cached* = tiles revalidated with If-None-Match (304); *ratio (b)* = cached tile req/s / trivial endpoint req/s.',
  ];
  for (const run of runs) {
    const trivial = run.rows.find((r) => r.scenario.startsWith('trivial'))?.loaded.rps ?? 0;
    lines.push('', `## ${run.engine === 'pglite' ? 'Embedded PostGIS (PGlite)' : 'PostGIS server'}, ${run.size.toLocaleString('en')} firms`, '');
    lines.push(`Run ${run.at}, ${run.seconds} s per measurement, ${run.connections} connections, ${loadNote(run)}. ${run.version}. Generating and loading the registry took ${Number.isFinite(run.seedSeconds) ? run.seedSeconds.toFixed(0) : "(not measured)"} s.${run.firstRender === null ? '' : ` First map render in headless Chromium (WebGL on ${run.firstRender.renderer}, no GPU), page load to the first render with data: ${run.firstRender.ms.toFixed(0)} ms${run.firstRenderAt ? ` (measured alone with \`BENCH_ONLY=first-render\` at ${run.firstRenderAt}, load average ${run.firstRenderLoad?.toFixed(1)} just before)` : ''}.`}`, '');
    lines.push('| endpoint | DB p50 | HTTP 1 client p50 | p95 | ratio (a) | loaded p50 | p95 | p99 | req/s | cached p95 | cached req/s | ratio (b) | errors |');
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of run.rows) {
      const ratioA = ratio(r)?.toFixed(2) ?? '–';
      const ratioB = r.cached && trivial ? (r.cached.rps / trivial).toFixed(2) : '–';
      lines.push(`| ${r.scenario} | ${ms(r.direct?.p50)} | ${ms(oneClient(r).p50)} | ${ms(r.http?.p95)} | ${ratioA} | ${ms(r.loaded.p50)} | ${ms(r.loaded.p95)} | ${ms(r.loaded.p99)} | ${r.loaded.rps.toFixed(0)} | ${ms(r.cached?.p95)} | ${r.cached ? r.cached.rps.toFixed(0) : '–'} | ${ratioB} | ${r.loaded.errors + r.loaded.non2xx} |`);
    }
    lines.push(...peerLines(run), ...editingLines(run), ...prospectingLines(run));
  }
  lines.push(...targetLines(runs));
  lines.push(...partnersSection());
  return `${lines.join('\n')}\n${handKeptHistory()}`;
}

/** The editing figures of a run, when it measured them. */
function editingLines(run: Run): string[] {
  const e = run.editing;
  if (!e) return [];
  const load = run.editingLoad === undefined ? '' : `, load average ${run.editingLoad.toFixed(1)} just before`;
  return [
    '',
    `**Editing** (${run.editingAt ?? run.at}${load}; \`BENCH_ONLY=editing\` measures only this): after one write of a firm's website, the default view's ${e.tiles} tiles (firms and links, at the new TileJSON's URLs) were answered ${e.hits} from the response cache and ${e.misses} computed — **hit ratio ${e.hitRatio.toFixed(2)}**. ` +
      `A live event reached each of ${e.clients} open /api/events streams after each of ${e.writes} writes in p50 ${ms(e.eventP50)} ms, **p99 ${ms(e.eventP99)} ms**, at most ${ms(e.eventMax)} ms after the write's answer.`,
  ];
}

/** The Prospecting figures of a run, when it measured them. */
function prospectingLines(run: Run): string[] {
  const rows = run.prospecting;
  if (!rows?.length) return [];
  const load = run.prospectingLoad === undefined ? '' : `, load average ${run.prospectingLoad.toFixed(1)} just before`;
  return [
    '',
    `**Prospecting** (${run.prospectingAt ?? run.at}${load}; \`BENCH_ONLY=prospecting\` measures only this), ${rows[0]!.introductions.toLocaleString('en')} introductions, as a member of staff:`,
    '',
    '| request | 1 client p50 | p95 | loaded p50 | p95 | req/s |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.scenario} | ${ms(r.http.p50)} | ${ms(r.http.p95)} | ${ms(r.loaded.p50)} | ${ms(r.loaded.p95)} | ${r.loaded.rps.toFixed(0)} |`),
    ...(run.prospectingAfterWrite
      ? ['', `The statistics are computed again only after a write that changes them; right after an adviser's write (a note on an introduction), one client: p50 ${ms(run.prospectingAfterWrite.p50)} ms, p95 ${ms(run.prospectingAfterWrite.p95)} ms (by territory, country and sector in turn; not a target row).`]
      : []),
  ];
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} kB`;

/** What a user would otherwise pick, measured in the same run: the three peers and the ratios. */
function peerLines(run: Run): string[] {
  const lines: string[] = [];
  const trivial = run.rows.find((r) => r.scenario.startsWith('trivial'))?.loaded.rps ?? 0;
  const memory = run.rows.filter((r) => r.memory);
  if (memory.length > 0 && trivial) {
    lines.push('', '**HTTP ceiling**: the trivial endpoint answers ' + `${trivial.toFixed(0)} req/s with ${run.connections} connections; tiles answered from the response cache (ATLAS_CACHE_MB on, 200s with their body):`, '');
    lines.push('| tiles | from memory req/s | p99 | / HTTP ceiling |', '| --- | --- | --- | --- |');
    for (const r of memory) lines.push(`| ${r.scenario} | ${r.memory!.rps.toFixed(0)} | ${ms(r.memory!.p99)} | ${(r.memory!.rps / trivial).toFixed(2)} |`);
  }
  const plain = run.rows.filter((r) => r.plain);
  if (plain.length > 0) {
    lines.push('', "**Plain tiles** (what Martin or pg_tileserv serve for the table: `ST_AsMVT` of every firm's point in the tile with its id, name and sector, no clustering, through the same HTTP stack on the same database) against the Atlas's clustered tile (cold: without the response cache), one client:", '');
    lines.push('| tiles | Atlas p50 | plain p50 | time ratio Atlas / plain | Atlas mean size | plain mean size | size ratio |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const r of plain) {
      const atlas = oneClient(r).p50;
      const bytes = r.bytes ?? 0;
      lines.push(`| ${r.scenario} | ${ms(atlas)} | ${ms(r.plain!.timing.p50)} | ${(atlas / r.plain!.timing.p50).toFixed(2)} | ${kB(bytes)} | ${kB(r.plain!.meanBytes)} | ${(bytes / Math.max(r.plain!.meanBytes, 1)).toFixed(3)} |`);
    }
  }
  const peer = run.firstRender?.peer;
  if (run.firstRender?.apiBytes !== undefined && peer) {
    const atlas = run.firstRender;
    lines.push('', `**Client-side clustering** (what a uMap, kepler.gl or Datawrapper user gets: the whole registry as one GeoJSON, clustered in the browser by MapLibre's GeoJSON source, on the Atlas's basemap), first visit in Chromium, page load to the first render with data (median of three), and the bytes of the API answers (compressed, headers included):`, '');
    lines.push('| | first render | API bytes |', '| --- | --- | --- |');
    lines.push(`| Atlas (tiles) | ${atlas.ms.toFixed(0)} ms | ${kB(atlas.apiBytes!)} |`, `| client-side clustering | ${peer.ms.toFixed(0)} ms | ${kB(peer.apiBytes)} |`);
    lines.push(`| ratio Atlas / peer | ${(atlas.ms / peer.ms).toFixed(2)} | ${(atlas.apiBytes! / peer.apiBytes).toFixed(3)} |`);
  }
  return lines;
}

type Target = { what: string; target: string; measured: number | null; limit: number; unit: string; why: string };

/** The issue's targets, checked against this run's figures (PostGIS server; 1M for the 1M tile target). */
function targets(runs: Run[]): Target[] {
  const run = (engine: Engine, size: number) => runs.find((r) => r.engine === engine && r.size === size);
  const row = (r: Run | undefined, name: string) => r?.rows.find((x) => x.scenario === name);
  const worstTileRow = (r: Run | undefined) =>
    r?.rows.filter((x) => x.scenario.includes(' tiles ')).sort((a, b) => oneClient(b).p95 - oneClient(a).p95)[0];
  const worstTile = (r: Run | undefined) => { const w = worstTileRow(r); return w ? oneClient(w).p95 : null; };
  const busy = (r: Run | undefined) => {
    const other = r?.loadBefore ?? (r && r.loadAverage > 1.5 ? r.loadAverage : 0);
    const shared = other > 0.5 ? `; other work was running on the machine (load average ${other.toFixed(1)} on 2 cores), which inflates every latency` : '';
    return shared + (r && (r.cpuSteal ?? 0) > 0.05 ? steal(r) : '');
  };
  const server100k = run('postgres', 100_000) ?? run('pglite', 100_000);
  const server1m = run('postgres', 1_000_000) ?? run('pglite', 1_000_000);
  const nearby = row(server100k, 'nearby, 20 nearest with a sector filter');
  const suggestions = row(server100k, 'partner suggestions, 10 across the border');
  const trendsRow = row(server100k, TRENDS_SCENARIO);
  const asOfTiles = server100k?.rows.filter((x) => x.scenario.includes(' tiles as of ')).sort((a, b) => oneClient(b).p95 - oneClient(a).p95)[0];
  const trivial = server100k?.rows.find((r) => r.scenario.startsWith('trivial'))?.loaded.rps ?? 0;
  const fromMemory = server100k?.rows.filter((x) => x.memory) ?? [];
  const cachedShare = fromMemory.length > 0 ? Math.min(...fromMemory.map((x) => x.memory!.rps / Math.max(trivial, 1))) : null;
  const rendered = server100k?.firstRender;
  const peer = rendered?.peer;
  const load = 'the load generator shares the 2 cores with the server and the database';
  const edited = runs.find((r) => r.engine === 'postgres' && r.editing) ?? runs.find((r) => r.editing);
  const editedAt = edited ? `${edited.engine}, ${edited.size.toLocaleString('en')} firms${busy(edited)}` : '';
  const prospecting = (engine: Engine): Target => {
    const r = run(engine, 100_000);
    const worst = r?.prospecting?.slice().sort((a, b) => b.http.p95 - a.http.p95)[0];
    const name = engine === 'postgres' ? 'PostGIS server' : 'embedded';
    return { what: `Prospecting list and introductions statistics, worst p95 one client, 100k firms, ${name}`, target: '≤ 50 ms', measured: worst?.http.p95 ?? null, limit: 50, unit: 'ms', why: `worst: ${worst?.scenario}, ${worst?.introductions.toLocaleString('en')} introductions${busy(r)}` };
  };
  return [
    { what: 'nearby p95, one client', target: '≤ 10 ms', measured: nearby ? oneClient(nearby).p95 : null, limit: 10, unit: 'ms', why: `${load}${busy(server100k)}` },
    { what: 'partner suggestions p95 (10 across the border), one client', target: '≤ 50 ms', measured: suggestions ? oneClient(suggestions).p95 : null, limit: 50, unit: 'ms', why: `${load}${busy(server100k)}` },
    { what: `nearby p95, ${connections} clients`, target: '≤ 10 ms', measured: nearby?.loaded.p95 ?? null, limit: 10, unit: 'ms', why: `${connections} concurrent clients queue for 2 cores: latency is throughput-bound (${load})` },
    { what: 'worst tile p95 (z6–z14, cold, one client), 100k', target: '≤ 50 ms', measured: worstTile(server100k), limit: 50, unit: 'ms', why: `worst: ${worstTileRow(server100k)?.scenario}${busy(server100k)}` },
    { what: 'worst tile as of a date p95 (z6–z14, cold, one client), 100k', target: '≤ 50 ms', measured: asOfTiles ? oneClient(asOfTiles).p95 : null, limit: 50, unit: 'ms', why: `worst: ${asOfTiles?.scenario}${busy(server100k)}` },
    { what: 'trends, 20 years, partner territories × sectors, p95 one client, 100k', target: '≤ 200 ms', measured: trendsRow ? oneClient(trendsRow).p95 : null, limit: 200, unit: 'ms', why: `the territories' rows of territory_lifetimes are added up, then each year computed from them${busy(server100k)}` },
    { what: 'worst tile p95 (z6–z14, cold, one client), 1M', target: '≤ 150 ms', measured: worstTile(server1m), limit: 150, unit: 'ms', why: `worst: ${worstTileRow(server1m)?.scenario}${busy(server1m)}` },
    { what: 'worst ratio (a), nearby and tiles', target: '≤ 1.5', measured: server100k ? Math.max(...server100k.rows.map(ratio).filter((x): x is number => x !== null)) : null, limit: 1.5, unit: '', why: `for queries of a millisecond or two, the fixed cost of HTTP and encoding weighs more than the query${busy(server100k)}` },
    { what: 'tiles from the response cache / HTTP ceiling (worst tile row)', target: '≥ 0.80', measured: cachedShare, limit: -0.8, unit: '', why: `a tile is a larger body than /api/live's: more bytes to write and for the load generator to read (${load})` },
    { what: 'first map render in Chromium, 100k', target: '≤ 1500 ms', measured: rendered?.ms ?? null, limit: 1500, unit: 'ms', why: `this machine has no GPU: WebGL runs in software on the CPU (llvmpipe), at a few hundred ms per frame, shared with the server${busy(server100k)}` },
    { what: 'first render, Atlas / client-side clustering peer, 100k', target: '≤ 0.33', measured: rendered && peer ? rendered.ms / peer.ms : null, limit: 1 / 3, unit: '', why: `both pages render in software WebGL; the Atlas's page also loads its list, facets and statistics${busy(server100k)}` },
    { what: 'default view tiles from the cache after a website write (hit ratio)', target: '≥ 1.00', measured: edited?.editing?.hitRatio ?? null, limit: -1, unit: '', why: `some tiles were computed again: ${editedAt}` },
    { what: 'write answered → live event on every open client, p99', target: '≤ 1000 ms', measured: edited?.editing?.eventP99 ?? null, limit: 1000, unit: 'ms', why: `${edited?.editing?.clients ?? 0} streams on one process: ${editedAt}` },
    prospecting('postgres'),
    prospecting('pglite'),
    { what: 'API bytes, Atlas / client-side clustering peer, 100k', target: '≤ 0.05', measured: rendered?.apiBytes !== undefined && peer ? rendered.apiBytes / peer.apiBytes : null, limit: 1 / 20, unit: '', why: "the Atlas's first visit also fetches its list, facets and statistics" },
  ];
}

function targetLines(runs: Run[]): string[] {
  const lines = ['', '## Targets', '', '| target | goal | measured | verdict |', '| --- | --- | --- | --- |'];
  for (const t of targets(runs)) {
    if (t.measured === null) {
      lines.push(`| ${t.what} | ${t.target} | not measured in this run | – |`);
      continue;
    }
    const value = Math.abs(t.measured);
    const goal = Math.abs(t.limit);
    const met = t.limit < 0 ? value >= goal : value <= goal;
    const shown = t.unit ? `${ms(value)} ${t.unit}` : value.toFixed(value < 0.1 ? 3 : 2);
    const by = t.limit < 0 ? `${((1 - value / goal) * 100).toFixed(0)} % short` : `${(value / goal).toFixed(1)}× the goal`;
    lines.push(`| ${t.what} | ${t.target} | ${shown} | ${met ? 'met' : `missed, ${by}: ${t.why}`} |`);
  }
  return lines;
}

mkdirSync(results, { recursive: true });
function saved(): Run[] {
  const order = (r: Run) => r.size * 2 + (r.engine === 'postgres' ? 0 : 1);
  return readdirSync(results)
    // Only the runs (`ENGINE-SIZE.json`): other benches keep their figures here too (backup.json).
    .filter((name) => /^(pglite|postgres)-\d+\.json$/.test(name))
    .map((name) => JSON.parse(readFileSync(new URL(name, results), 'utf8')) as Run)
    .sort((a, b) => order(a) - order(b));
}
for (const size of sizes) {
  for (const engine of engines) {
    const run = await benchOne(engine, size);
    writeFileSync(new URL(`${engine}-${size}.json`, results), `${JSON.stringify(run, null, 1)}\n`);
    writeFileSync(new URL('./report.md', import.meta.url), report(saved()));
  }
}
const text = report(saved());
writeFileSync(new URL('./report.md', import.meta.url), text);
console.log(`\n${text}`);
