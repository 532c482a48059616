import http from 'node:http';

export type Timing = { p50: number; p95: number };

/**
 * Median and 95th percentile, in ms (to the microsecond, which autocannon's whole milliseconds
 * cannot give for queries of a millisecond or two), of `call` on each path in turn, `rounds` times.
 * Null when `call` has nothing to time for a path.
 */
export async function timeCalls(call: (path: string) => Promise<unknown> | null, paths: string[], rounds: number): Promise<Timing | null> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    const pending = call(paths[i % paths.length]!);
    if (!pending) return null;
    await pending;
    times.push(performance.now() - start);
  }
  return percentiles(times);
}

/** Median and 95th percentile of some durations, in ms. */
export function percentiles(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.floor(sorted.length * 0.95)]! };
}

/**
 * One client's requests, end to end over HTTP on one kept-alive connection, each body read in
 * full: the numerator of ratio (a). Node's `http` rather than `fetch`, whose own overhead (about
 * 2 ms a request on this machine) would be counted against the server.
 */
export async function timeHttp(base: string, paths: string[], rounds: number, headers: Record<string, string> = {}): Promise<Timing | null> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path: string) =>
    new Promise<void>((resolve, reject) => {
      http
        .get(base + path, { agent, headers }, (response) => {
          const status = response.statusCode ?? 0;
          response.resume();
          response.on('end', () => (status < 300 || status === 304 ? resolve() : reject(new Error(`${path}: ${status}`))));
        })
        .on('error', reject);
    });
  try {
    return await timeCalls(get, paths, rounds);
  } finally {
    agent.destroy();
  }
}
