import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Logger } from '../logging/logger.ts';
import { callerOf, type Caller } from './auth.ts';
import { routePatternOf } from './route-pattern.ts';

declare module 'hono' {
  interface ContextVariableMap {
    requestId: string;
    /** The app's logger with this request's id on every line. */
    log: Logger;
  }
}

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** An id a proxy or a client gave is kept when it is plain (no spaces, quotes or line breaks to forge log lines with). */
const PLAIN_ID = /^[A-Za-z0-9._:=-]{1,128}$/;

/** The request's id: the caller's `X-Request-Id` when it is plain, else a new UUID. */
export function requestIdOf(header: string | undefined): string {
  return header !== undefined && PLAIN_ID.test(header) ? header : randomUUID();
}

/** Who called, as a log line names them: an account by its id, a token by its id, never a secret. */
export function callerLabel(caller: Caller): string {
  if (caller.accountId !== null) return `account:${caller.accountId}`;
  if (caller.via === 'token') return `token:${caller.tokenId ?? caller.label}`;
  return 'anonymous';
}

/** The logger of a request: with its id once `logRequests` has run, else the app's. */
export const requestLog = (c: Context, fallback: Logger): Logger => c.get('log') ?? fallback;

/**
 * One JSON line per request, once its answer is ready (a streamed answer's body may still be
 * flowing): its id, sent back as `X-Request-Id`, the method, the route's pattern, the status,
 * the milliseconds taken and the caller. Nothing of the query string, the headers or the body.
 */
export function logRequests(logger: Logger): MiddlewareHandler {
  return async function logRequests(c, next) {
    const started = performance.now();
    const requestId = requestIdOf(c.req.header(REQUEST_ID_HEADER));
    const log = logger.child({ requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    await next();
    c.header(REQUEST_ID_HEADER, requestId);
    const caller = callerOf(c);
    log.info({
      method: c.req.method,
      route: routePatternOf(c),
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      caller: callerLabel(caller),
      role: caller.role,
    }, 'request');
  };
}
