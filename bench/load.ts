import autocannon from 'autocannon';

export type LoadResult = { requests: number; rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number };

/** A GET of a path, or a request with its headers (and a write's JSON body). */
export type LoadRequest = string | { path: string; method: 'GET' | 'POST' | 'PATCH'; body?: string; headers: Record<string, string> };

/**
 * Runs autocannon against `base` cycling over `paths` for `seconds`, as fast as it can or at
 * `rate` requests/s in all. With `etags`, each request carries the ETag the server gave for that
 * path (a cache that revalidates: the server answers 304).
 */
export async function load(
  base: string,
  paths: LoadRequest[],
  options: { seconds: number; connections: number; etags?: Map<string, string>; rate?: number },
): Promise<LoadResult> {
  let i = 0;
  const result = await autocannon({
    url: base,
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        setupRequest: (request) => {
          const next = paths[i++ % paths.length]!;
          if (typeof next !== 'string') {
            return { ...request, ...next, headers: { ...request.headers, ...next.headers, 'content-type': 'application/json' } };
          }
          const tag = options.etags?.get(next);
          return { ...request, path: next, headers: { ...request.headers, ...(tag ? { 'if-none-match': tag } : {}) } };
        },
      },
    ],
  });
  const l = result.latency as unknown as Record<string, number>;
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: l.p50!,
    p95: l.p95 ?? l.p97_5!,
    p99: l.p99!,
    errors: result.errors + result.timeouts,
    // 304 and 204 are correct answers here.
    non2xx: result.non2xx - (result['3xx'] ?? 0),
  };
}

/** The ETag the server gives each path (to replay as If-None-Match). */
export async function collectEtags(base: string, paths: string[]): Promise<Map<string, string>> {
  const tags = new Map<string, string>();
  for (const path of paths) {
    const response = await fetch(base + path);
    await response.arrayBuffer();
    const tag = response.headers.get('etag');
    if (tag) tags.set(path, tag);
  }
  return tags;
}
