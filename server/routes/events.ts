import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { clientAddress } from '../http/client-address.ts';
import { problemResponse } from '../http/problem.ts';
import { createRouter, problem } from '../http/router.ts';
import type { Change, ChangeFeed } from '../live/change-feed.ts';
import { streamSlots, type StreamLimits } from '../live/connection-limits.ts';

export type EventStreamOptions = StreamLimits & {
  /** How often a comment is sent on an idle stream, so that proxies and clients see it alive. */
  heartbeatMs: number;
};

export const EVENT_STREAM_DEFAULTS: EventStreamOptions = { heartbeatMs: 15_000, perClient: 4, total: 1_000 };

/** What the browser's EventSource waits before reconnecting after the stream is cut. */
const RETRY_MS = 3_000;

const events = createRoute({
  method: 'get',
  path: '/events',
  tags: ['Service'],
  summary: 'Server-Sent Events: every new data version, with the ids of the firms and links it changed',
  description:
    'A `text/event-stream` that stays open. Each `event: version` has `id:` the data version and as data ' +
    '`{"version": n, "firms": [ids] | "many", "links": [ids] | "many"}` ("many": too many to name, or unknown, ' +
    'as after a reconnection). The first event, sent at once, is the current version (with "many" when ' +
    '`Last-Event-ID` names an older one). A comment line is sent on an idle stream every 15 s. Ids only: ' +
    'reading the firms is subject to the usual access rules.',
  request: {
    headers: z.object({
      'last-event-id': z.string().optional().openapi({ description: 'The last version the client saw (sent by EventSource when it reconnects)' }),
    }),
  },
  responses: {
    200: { description: 'The stream of events', content: { 'text/event-stream': { schema: z.string() } } },
    429: problem('Too many event streams open from this address, or in all: close one'),
  },
});

const versionEvent = (change: Change) => ({ event: 'version', id: String(change.version), data: JSON.stringify(change) });

/** The first event of a stream: the current version, `many` if the client saw an older one. */
function firstChange(version: number, lastEventId: string | undefined): Change {
  const seen = lastEventId === undefined ? NaN : Number(lastEventId);
  const missed = Number.isFinite(seen) && seen < version;
  return { version, firms: missed ? 'many' : [], links: missed ? 'many' : [] };
}

/** Sends the feed's changes and heartbeats until the client leaves or the server shuts down. */
async function relay(stream: SSEStreamingApi, feed: ChangeFeed, first: Change, heartbeatMs: number, shutdown: AbortSignal) {
  const queue: Change[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = feed.subscribe((change) => {
    queue.push(change);
    wake?.();
  });
  const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n').catch(() => {}), heartbeatMs);
  let onShutdown = () => {};
  const end = new Promise<void>((resolve) => {
    onShutdown = resolve;
    stream.onAbort(resolve);
    if (shutdown.aborted) resolve();
    shutdown.addEventListener('abort', onShutdown, { once: true });
  });
  let ended = false;
  void end.then(() => {
    ended = true;
    wake?.();
  });
  try {
    await stream.writeSSE({ ...versionEvent(first), retry: RETRY_MS });
    let sent = first.version;
    while (!ended) {
      const change = queue.shift();
      if (!change) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      } else if (change.version > sent) {
        sent = change.version;
        await stream.writeSSE(versionEvent(change));
      }
    }
  } finally {
    clearInterval(heartbeat);
    shutdown.removeEventListener('abort', onShutdown);
    unsubscribe();
  }
}

/** GET /api/events, public: ids and versions only. */
export function eventRoutes({ feed, options, trustedProxies, shutdown, connections }: { feed: ChangeFeed; options: EventStreamOptions; trustedProxies: number; shutdown: AbortSignal; connections?: { inc(): void; dec(): void } }) {
  const router = createRouter();
  const slots = streamSlots(options);
  router.openapi(events, async (c: Context) => {
    if (shutdown.aborted) return problemResponse(c, 503, 'The server is shutting down; reconnect shortly');
    const taken = slots.take(clientAddress(c, trustedProxies));
    if (!taken) return problemResponse(c, 429, 'Too many event streams open from this address, or in all; close one');
    connections?.inc();
    let open = true;
    const release = () => {
      taken();
      if (open) connections?.dec();
      open = false;
    };
    let version: number;
    try {
      version = await feed.current();
    } catch (error) {
      release();
      throw error;
    }
    const first = firstChange(version, c.req.header('Last-Event-ID'));
    // nginx buffers a proxied answer unless told not to: an event would wait for the buffer to fill.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      try {
        await relay(stream, feed, first, options.heartbeatMs, shutdown);
      } finally {
        release();
      }
    });
  });
  return router;
}
