import type { Server } from 'node:http';

/**
 * Stops accepting connections and lets the requests in flight finish, for at most `graceMs`;
 * then cuts the connections still open. Idle keep-alive connections are closed as they appear,
 * so that a client between two requests does not hold the process up. Resolves with how many
 * connections were cut.
 */
export async function drainServer(server: Server, graceMs: number): Promise<number> {
  let open = 0;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), graceMs);
  });
  try {
    if ((await Promise.race([closed, expired])) === 'expired') {
      open = await new Promise<number>((resolve) => server.getConnections((_, count) => resolve(count ?? 0)));
      server.closeAllConnections();
      await closed;
    }
  } finally {
    clearInterval(idle);
    clearTimeout(timer);
  }
  return open;
}
