/**
 * `npm run loadtest`: holds a realistic mix of reads (tiles, nearby, search, listings, firms) and
 * a few writes against the real server at the highest rate this machine sustains, and writes
 * loadtest/report.md (printed too): throughput, p99, errors and the server's memory over time.
 *
 * First a step search: LOADTEST_STEP_SECONDS (5) at each rate of LOADTEST_RATES, up to the first
 * rate the server does not keep up with (a request fails, or the rate is not reached); then the
 * highest rate where reads also kept p99 within the target (TARGETS, loadtest/report.ts: 50 ms;
 * else the highest kept up with) is held for LOADTEST_SECONDS (60) while the server's RSS is
 * sampled every second; a hold whose reads miss the p99 gives way to the next lower such rate
 * (three holds at most). The report judges the hold against the targets (TARGETS). Writes
 * are LOADTEST_WRITE_SHARE (0.02) of the requests, made by an editor account signed in through
 * POST /api/session, with the page's cookie, Origin and Sec-Fetch-Site, and If-Match after a read
 * of the firm's version (loadtest/mix.ts). LOADTEST_SERVER_NODE_OPTIONS is the server's
 * NODE_OPTIONS (e.g. `--max-old-space-size=128`, as a container's memory limit would set it).
 *
 * The embedded engine always (a fresh data directory with the sample registry); with
 * LOADTEST_DATABASE_URL (a database whose tables it may wipe) the PostGIS server too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createDb } from '../db/create-db.ts';
import type { Engine } from '../db/database.ts';
import { type AtlasProcess, spawnAtlas } from '../test/support/process.ts';
import type { LoadResult } from '../bench/load.ts';
import { type LoadFlow, pacedLoad } from '../bench/paced-load.ts';
import { signInEditor } from './editor-session.ts';
import { memoryTrend, sampleRss } from './memory.ts';
import { readPaths, writeFlows } from './mix.ts';
import { type EngineRun, type Step, keepsUp, report, sustains, TARGETS } from './report.ts';

const seconds = Number(process.env.LOADTEST_SECONDS ?? 60);
const stepSeconds = Number(process.env.LOADTEST_STEP_SECONDS ?? 5);
const rates = (process.env.LOADTEST_RATES ?? '10,25,50,100,150,200,300,400,600,800,1000,1200,1500').split(',').map(Number);
const writeShare = Number(process.env.LOADTEST_WRITE_SHARE ?? 0.02);
const serverUrl = process.env.LOADTEST_DATABASE_URL;
const serverNodeOptions = process.env.LOADTEST_SERVER_NODE_OPTIONS ?? '';
const TOKEN = 'loadtest-admin-token-0123456789';
// The sample registry: the firms' ids are 1..3000 on a fresh database.
const FIRMS = 3000;
const CONNECTIONS = 64;
const MAX_HOLDS = 3;

const reads = readPaths(FIRMS);

/** Reads and writes together for `duration` seconds at `rate` requests/s in all. */
async function mixed(base: string, writes: LoadFlow[], rate: number, duration: number): Promise<{ reads: LoadResult; writes: LoadResult }> {
  const writeRate = Math.max(1, Math.round(rate * writeShare));
  const [r, w] = await Promise.all([
    pacedLoad(base, reads, { seconds: duration, connections: CONNECTIONS, rate: rate - writeRate, seed: rate }),
    pacedLoad(base, writes, { seconds: duration, connections: 2, rate: writeRate, seed: rate + 1 }),
  ]);
  return { reads: r, writes: w };
}

const passes = (step: Step) => sustains(step, TARGETS.p99Ms);

async function startServer(engine: Engine): Promise<{ atlas: AtlasProcess; base: string; cleanup(): void }> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'atlas-loadtest-'));
  if (engine === 'postgres') {
    const db = await createDb({ url: serverUrl });
    await db.drizzle.execute(sql`TRUNCATE links, companies, actors RESTART IDENTITY CASCADE`);
    await db.close();
  }
  const atlas = spawnAtlas({
    ...(engine === 'postgres' ? { DATABASE_URL: serverUrl! } : { ATLAS_DATA_DIR: dataDir }),
    ATLAS_ADMIN_TOKEN: TOKEN,
    ATLAS_SEED: 'auto',
    // One load generator stands for the many visitors of the partner sites: their per-address
    // limit is not what this measures.
    ATLAS_RATE_LIMIT: '0',
    ...(serverNodeOptions ? { NODE_OPTIONS: serverNodeOptions } : {}),
  });
  return { atlas, base: await atlas.ready, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/**
 * Holds the highest sustained rate of the steps for the whole hold; a rate whose reads miss the
 * p99 over it gives way to the next lower sustained one (MAX_HOLDS at most). With none sustained,
 * holds the highest rate kept up with.
 */
async function holdHighest(engine: Engine, atlas: AtlasProcess, base: string, writes: LoadFlow[], steps: Step[]): Promise<EngineRun> {
  const sustainedRates = steps.filter(passes).map((step) => step.rate).reverse();
  const tries = sustainedRates.length ? sustainedRates.slice(0, MAX_HOLDS) : [[...steps].reverse().find(keepsUp)?.rate ?? rates[0]!];
  const missedHolds: Step[] = [];
  for (const rate of tries) {
    console.log(`[${engine}] holding ${rate} req/s for ${seconds} s`);
    const loadBefore = os.loadavg();
    const memory = sampleRss(atlas.child.pid!);
    const hold = { rate, ...(await mixed(base, writes, rate, seconds)) };
    const samples = memory.stop();
    const run = { engine, steps, missedHolds, hold, passed: passes(hold), samples, trend: memoryTrend(samples), loadBefore, loadAfter: os.loadavg() };
    if (run.passed || rate === tries.at(-1)) return run;
    missedHolds.push(hold);
  }
  throw new Error('no rate to hold');
}

async function runEngine(engine: Engine): Promise<EngineRun> {
  console.log(`[${engine}] starting the server with the sample registry…`);
  const { atlas, base, cleanup } = await startServer(engine);
  let stopping = false;
  // A server that dies under the load says why before the run fails.
  void atlas.exited.then((code) => {
    if (!stopping) console.error(`[${engine}] the server exited (${code}) during the load:\n${atlas.output().slice(-4000)}`);
  });
  try {
    // The writes come from an editor signed in as on the map's pages, not from a token.
    const writes = writeFlows(FIRMS, await signInEditor(base, TOKEN));
    console.log(`[${engine}] warming up`);
    await mixed(base, writes, rates[0]!, stepSeconds);
    const steps: Step[] = [];
    for (const rate of rates) {
      const step = { rate, ...(await mixed(base, writes, rate, stepSeconds)) };
      steps.push(step);
      console.log(`[${engine}] ${rate} req/s: reads p99 ${step.reads.p99.toFixed(0)} ms, ${(step.reads.rps + step.writes.rps).toFixed(0)} req/s, ${passes(step) ? 'sustained' : keepsUp(step) ? 'kept up with' : 'not kept up with'}`);
      if (!keepsUp(step)) break;
    }
    return await holdHighest(engine, atlas, base, writes, steps);
  } finally {
    stopping = true;
    atlas.child.kill('SIGTERM');
    await atlas.exited;
    cleanup();
  }
}

const engines: Engine[] = serverUrl ? ['pglite', 'postgres'] : ['pglite'];
const runs: EngineRun[] = [];
for (const engine of engines) runs.push(await runEngine(engine));
const text = report(runs, { seconds, stepSeconds, writeShare, serverNodeOptions });
writeFileSync(new URL('./report.md', import.meta.url), text);
console.log(`\n${text}`);
