import os from 'node:os';
import type { Engine } from '../db/database.ts';
import type { LoadResult } from '../bench/load.ts';
import type { MemoryTrend, RssSample } from './memory.ts';
import { READ_MIX, WRITE_MIX } from './mix.ts';

export type Step = { rate: number; reads: LoadResult; writes: LoadResult };

export type EngineRun = {
  engine: Engine;
  steps: Step[];
  /** Holds whose reads missed the p99 target, before the one reported (highest rate first). */
  missedHolds: Step[];
  hold: Step;
  passed: boolean;
  samples: RssSample[];
  trend: MemoryTrend;
  loadBefore: number[];
  loadAfter: number[];
};

type Settings = { seconds: number; stepSeconds: number; writeShare: number; serverNodeOptions: string };

/** The targets of issue 26 for the mix: reads' p99, no failure, flat memory, and a rate per engine. */
export const TARGETS = { p99Ms: 50, rate: { pglite: 600, postgres: 1200 } satisfies Record<Engine, number> };

const failures = (r: LoadResult) => r.errors + r.non2xx;
const ms = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));

/** The server keeps up with a rate when nothing fails and the rate is reached. */
export const keepsUp = (step: Step) => failures(step.reads) + failures(step.writes) === 0 && step.reads.rps + step.writes.rps >= step.rate * 0.95;

/** A rate is sustained when the server keeps up with it and reads keep p99 within the target. */
export const sustains = (step: Step, p99Target: number) => keepsUp(step) && step.reads.p99 <= p99Target;

/** Each target of the hold, met or not: what the report says and what the run's verdict sums up. */
export function judge(run: Pick<EngineRun, 'engine' | 'hold' | 'trend'>): { name: string; met: boolean; got: string }[] {
  const { hold, trend } = run;
  const achieved = hold.reads.rps + hold.writes.rps;
  const failed = failures(hold.reads) + failures(hold.writes);
  return [
    { name: `at least ${TARGETS.rate[run.engine]} req/s sustained`, met: achieved >= TARGETS.rate[run.engine] * 0.95 && hold.rate >= TARGETS.rate[run.engine], got: `${achieved.toFixed(0)} req/s at ${hold.rate} asked` },
    { name: `reads p99 at most ${TARGETS.p99Ms} ms`, met: hold.reads.p99 <= TARGETS.p99Ms, got: `${ms(hold.reads.p99)} ms` },
    { name: 'zero errors', met: failed === 0, got: `${failed} failed` },
    { name: 'memory flat after the first 10 s', met: trend.flat, got: `${trend.growth >= 0 ? '+' : ''}${trend.growth.toFixed(1)} MB` },
  ];
}

const mb = (n: number) => n.toFixed(0);
const loads = (l: number[]) => l.map((n) => n.toFixed(2)).join(' / ');
const shares = (mix: Record<string, number>) => Object.entries(mix).map(([k, v]) => `${k} ${Math.round(v * 100)} %`).join(', ');

function engineSection(run: EngineRun, s: Settings): string[] {
  const { hold, trend } = run;
  const total = hold.reads.requests + hold.writes.requests;
  const lines = [
    `## ${run.engine === 'pglite' ? 'Embedded PostGIS (PGlite)' : 'PostGIS server'}`,
    '',
    `Step search (${s.stepSeconds} s per rate, up to the first rate the server does not keep up with: a request fails or the rate is not reached; a rate is sustained when, besides, reads keep p99 within ${TARGETS.p99Ms} ms). The hold runs at the highest sustained rate (the next lower one if its reads miss the p99 over the hold, three holds at most) or, when none is sustained, at the highest rate kept up with:`,
    '',
    '| target req/s | achieved req/s | reads p50 | reads p99 | writes p99 | failed | kept up | sustained |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...run.steps.map((st) =>
      `| ${st.rate} | ${(st.reads.rps + st.writes.rps).toFixed(0)} | ${ms(st.reads.p50)} | ${ms(st.reads.p99)} | ${ms(st.writes.p99)} | ${failures(st.reads) + failures(st.writes)} | ${keepsUp(st) ? 'yes' : 'no'} | ${sustains(st, TARGETS.p99Ms) ? 'yes' : 'no'} |`),
    '',
    ...run.missedHolds.map((missed) => `Held first ${missed.rate} req/s for ${s.seconds} s: reads p99 ${ms(missed.reads.p99)} ms (p50 ${ms(missed.reads.p50)} ms), over the target, ${failures(missed.reads) + failures(missed.writes)} failed; so the next lower sustained rate was held.`),
    ...(run.missedHolds.length ? [''] : []),
    `**Held ${hold.rate} req/s for ${s.seconds} s** (load average ${loads(run.loadBefore)} before, ${loads(run.loadAfter)} after; 1 / 5 / 15 min):`,
    '',
    '| | requests | req/s | p50 ms | p99 ms | errors + non-2xx |',
    '| --- | --- | --- | --- | --- | --- |',
    `| reads | ${hold.reads.requests} | ${hold.reads.rps.toFixed(0)} | ${ms(hold.reads.p50)} | ${ms(hold.reads.p99)} | ${failures(hold.reads)} |`,
    `| writes | ${hold.writes.requests} | ${hold.writes.rps.toFixed(1)} | ${ms(hold.writes.p50)} | ${ms(hold.writes.p99)} | ${failures(hold.writes)} |`,
    `| all | ${total} | ${(hold.reads.rps + hold.writes.rps).toFixed(0)} | | | ${failures(hold.reads) + failures(hold.writes)} |`,
    '',
    `Server memory (RSS, MB) every 5 s: ${run.samples.filter((x) => x.second % 5 === 0).map((x) => `${x.second} s ${mb(x.mb)}`).join(', ')}.`,
    `From 10 s on: ${mb(trend.at10)} MB at 10 s, ${mb(trend.end)} MB at the end, ${mb(trend.max)} MB at most; the last 10 s average ${trend.growth >= 0 ? '+' : ''}${trend.growth.toFixed(1)} MB against seconds 10-20, slope ${trend.slopePerMinute.toFixed(1)} MB/min: **${trend.flat ? 'flat' : 'growing'}**.`,
    '',
    `Targets (issue 26), on this machine at the load average above: ${judge(run).map((t) => `${t.name} — **${t.met ? 'met' : 'missed'}** (${t.got})`).join('; ')}.`,
  ];
  return lines;
}

/** The Markdown report of one `npm run loadtest`. */
export function report(runs: EngineRun[], s: Settings): string {
  const cpus = os.cpus();
  const lines = [
    '# Load test report',
    '',
    `\`npm run loadtest\`, ${new Date().toISOString()}. Machine: ${cpus[0]?.model ?? '?'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}.`,
    'The load generator (`bench/paced-load.ts`: requests sent at random times around the rate, a Poisson process, whether or not the earlier ones are answered; at most 64 connections for reads, 2 for writes; a latency runs from when the request was due) runs on the same cores as the server' +
      ' (and, for the PostGIS server, as PostgreSQL). A load average above about 1 before a run means other work was sharing the machine.',
    '',
    `The registry is the sample registry (3,000 firms, 400 links), plus the firms the writes create. Reads: ${shares(READ_MIX)}` +
      ' (tiles of the three layers at zooms 6, 10 and 14; nearby search within 20 km; text search; bbox listings of 100; single firms), no cache' +
      ` revalidation. Writes, ${Math.round(s.writeShare * 100)} % of the requests (at least 1 per second): ${shares(WRITE_MIX)}, by an editor signed in as on the map (POST /api/session, then the session cookie with Origin and Sec-Fetch-Site; a change reads the firm's version first and sends it as If-Match; its latency is both requests').` +
      ` The server runs with ${s.serverNodeOptions ? `\`NODE_OPTIONS=${s.serverNodeOptions}\`` : "Node's default options"}.`,
    '',
  ];
  lines.push(
    '| engine | held req/s | reads p99 | failed | memory | all targets |',
    '| --- | --- | --- | --- | --- | --- |',
    ...runs.map((run) => `| ${run.engine} | ${(run.hold.reads.rps + run.hold.writes.rps).toFixed(0)} (target ${TARGETS.rate[run.engine]}) | ${ms(run.hold.reads.p99)} ms (target ${TARGETS.p99Ms}) | ${failures(run.hold.reads) + failures(run.hold.writes)} | ${run.trend.flat ? 'flat' : 'growing'} | **${judge(run).every((t) => t.met) ? 'met' : 'missed'}** |`),
    '',
  );
  for (const run of runs) lines.push(...engineSection(run, s), '');
  return `${lines.join('\n')}`;
}
