import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRandom } from '../db/seed/random.ts';
import type { LoadRequest, LoadResult } from './load.ts';

/** One request's answer as a flow sees it. */
export type FlowAnswer = { status: number; headers: Record<string, string | string[] | undefined> };

/**
 * Requests that depend on each other, as a page sends them (read a record's version, then write
 * with If-Match): `send` makes one request; the flow resolves with the status that decides
 * whether it succeeded, and its latency is the whole sequence's.
 */
export type LoadFlow = (send: (request: LoadRequest) => Promise<FlowAnswer>) => Promise<number>;

const TIMEOUT_MS = 10_000;

/**
 * Sends `paths` in turn at `rate` requests/s for `seconds`, as independent visitors would:
 * rate × seconds requests, each leaving at its own time drawn at random over the period (a
 * Poisson process given its count, seeded), whether or not the earlier ones have been answered
 * (an open model), over at most `connections` kept-alive connections. A request's latency runs
 * from the time it was due to leave, so the time it waited for a free connection, or for a
 * generator that fell behind, counts; `rps` is the requests answered over the time until the last
 * answer (the period, or longer when the server falls behind).
 * (autocannon's fixed rate sends each connection's share of a second in a burst at the start of
 * the second, and measures from when it went out: a test of bursts, not of a steady rate.)
 */
export async function pacedLoad(
  base: string,
  paths: (LoadRequest | LoadFlow)[],
  options: { seconds: number; connections: number; rate: number; seed?: number },
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const random = createRandom(options.seed ?? 1);
  const latencies: number[] = [];
  const answers = { errors: 0, non2xx: 0 };
  const pending = new Set<Promise<void>>();
  const period = options.seconds * 1000;
  const offsets = Array.from({ length: Math.round(options.rate * options.seconds) }, () => random.next() * period).sort((a, b) => a - b);
  const start = performance.now();
  for (const [i, offset] of offsets.entries()) {
    const due = start + offset;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const what = paths[i % paths.length]!;
    const answered = typeof what === 'function' ? what((request) => send(agent, base, request)).then((status) => ({ status })) : send(agent, base, what);
    const sent: Promise<void> = answered.then(
      ({ status }) => {
        latencies.push(performance.now() - due);
        // 304 and 204 are correct answers here.
        if (status >= 400) answers.non2xx++;
      },
      () => {
        answers.errors++;
      },
    ).finally(() => pending.delete(sent));
    pending.add(sent);
  }
  await Promise.all(pending);
  const elapsed = Math.max(period, performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! : 0);
  return { requests: latencies.length, rps: latencies.length / elapsed, p50: at(0.5), p95: at(0.95), p99: at(0.99), ...answers };
}

/** One request, its body read to the end; resolves with the status and headers. */
function send(agent: Agent, base: string, what: LoadRequest): Promise<FlowAnswer> {
  const { path, method, body, headers } = typeof what === 'string' ? { path: what, method: 'GET', body: undefined, headers: {} } : what;
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), {
      agent, method, timeout: TIMEOUT_MS,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) },
    }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
