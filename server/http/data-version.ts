import type { Context, MiddlewareHandler } from 'hono';
import type { DataVersion } from '../../db/queries/data-version.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The data version this request is answered at (see requestVersion). */
    dataVersion: number;
  }
}

/**
 * The data version a request is answered at, fixed by the first layer that asks (the read-replica
 * routing, the ETags, the response cache, a route), so that they all agree: the version is read
 * before the answer is computed, and an answer is never older than its version.
 */
export async function requestVersion(c: Context, versions: DataVersion): Promise<number> {
  const known = c.get('dataVersion');
  if (known !== undefined) return known;
  const version = await versions.current();
  c.set('dataVersion', version);
  return version;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Answers a write only once this process's data version includes it, so that the writer's next
 * read, ETag and cached answers included, can never be older than its write. The answer names
 * that version (`X-Data-Version`, as reads do): the page that wrote refreshes at once and skips
 * the live event of the same version (web/src/own-writes.ts).
 */
export function hearOwnWrites(versions: DataVersion): MiddlewareHandler {
  return async function hearOwnWrites(c, next) {
    await next();
    if (SAFE.has(c.req.method)) return;
    await versions.afterWrite();
    if (c.res.ok) c.res.headers.set('X-Data-Version', String(await versions.current()));
  };
}
