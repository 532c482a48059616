import type { MiddlewareHandler } from 'hono';
import { type DataVersion, coalescedReads, readDataVersion } from '../../db/queries/data-version.ts';
import type { ReadRouting } from '../../db/read-routing.ts';

/**
 * Sends reads (GET, HEAD) to the read replica when it has caught up with the primary, and to the
 * primary otherwise: a client that has just written reads its own write, and the data version
 * (hence the ETag) a replica answers with is never behind one the client has already seen.
 * Either way the request is answered at the primary's version read here, which the replica has
 * reached. A replica out of reach is skipped, so it never takes the service down with it.
 */
export function readsFromReplica(routing: ReadRouting, primary: DataVersion): MiddlewareHandler {
  // A replica cannot LISTEN (it replays the primary's WAL, and NOTIFY is not in it): its version is read.
  const replica = coalescedReads(() => readDataVersion(routing.replica));
  return async function readsFromReplica(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const [written, replicated] = await Promise.all([primary.current(), replica().catch(() => -1)]);
    c.set('dataVersion', written);
    if (replicated < written) return next();
    return routing.onReplica(() => next());
  };
}
