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
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]! };
}

/** One client's requests, end to end over HTTP, each body read in full: the numerator of ratio (a). */
export function timeHttp(base: string, paths: string[], rounds: number): Promise<Timing | null> {
  return timeCalls(async (path) => {
    const response = await fetch(base + path);
    await response.arrayBuffer();
    if (!response.ok && response.status !== 204) throw new Error(`${path}: ${response.status}`);
  }, paths, rounds);
}
