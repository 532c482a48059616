import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pacedLoad } from './paced-load.ts';

/** A server that answers each request after `delayMs`, one at a time, and notes when each arrived. */
async function slowServer(delayMs: number): Promise<{ base: string; arrivals: number[]; server: Server }> {
  const arrivals: number[] = [];
  let free = 0;
  const server = createServer((req, res) => {
    arrivals.push(performance.now());
    const answerAt = Math.max(performance.now(), free) + delayMs;
    free = answerAt;
    setTimeout(() => {
      if (req.url === '/missing') res.statusCode = 404;
      res.end();
    }, answerAt - performance.now());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrivals, server };
}

describe('the paced load generator', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('spreads the requests over the period instead of sending a second\'s worth at once', async () => {
    const slow = await slowServer(0);
    server = slow.server;
    const result = await pacedLoad(slow.base, ['/a', '/b'], { seconds: 2, connections: 64, rate: 100 });
    expect(result.requests).toBe(200);
    expect(slow.arrivals).toHaveLength(200);
    const first = slow.arrivals[0]!;
    const perTenth = Array.from({ length: 20 }, (_, i) => slow.arrivals.filter((t) => t - first >= i * 100 && t - first < (i + 1) * 100).length);
    // 10 per tenth of a second on average; a burst would put 100 in the first.
    expect(Math.max(...perTenth)).toBeLessThan(30);
    expect(perTenth.filter((n) => n > 0).length).toBeGreaterThanOrEqual(18);
  });

  it('counts the time a request waits behind slower ones, from when it was due', async () => {
    const slow = await slowServer(20);
    server = slow.server;
    // 100 requests/s to a server that answers 50/s: the queue grows all along.
    const result = await pacedLoad(slow.base, ['/a'], { seconds: 1, connections: 4, rate: 100 });
    expect(result.requests).toBe(100);
    expect(result.p99).toBeGreaterThan(500);
    expect(result.rps).toBeLessThan(60);
  });

  it('tells failed answers apart', async () => {
    const slow = await slowServer(0);
    server = slow.server;
    const result = await pacedLoad(slow.base, ['/a', '/missing'], { seconds: 1, connections: 8, rate: 20 });
    expect(result).toMatchObject({ requests: 20, non2xx: 10, errors: 0 });
  });
});
