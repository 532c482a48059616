import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { DataVersion } from '../../db/queries/data-version.ts';
import { callerOf } from './auth.ts';
import { requestVersion } from './data-version.ts';
import { tagVersion } from './record-etag.ts';

/** Whether an `If-None-Match` names this tag; weakly, as compression makes the tags it sends back weak. */
export function etagMatches(ifNoneMatch: string | undefined, tag: string): boolean {
  return (ifNoneMatch ?? '').split(',').some((t) => t.trim().replace(/^W\//, '') === tag);
}

/**
 * ETag / If-None-Match for read endpoints. The tag is the data version plus the request, read
 * *before* the query runs: a write that lands meanwhile can only make the answer newer than its
 * tag, never older, so no client or shared cache keeps stale data after an edit. Clients must
 * revalidate every time (`max-age=0`), which costs one tiny query when nothing changed.
 */
export function conditionalGet(versions: DataVersion): MiddlewareHandler {
  return async function conditionalGet(c, next) {
    if (c.req.method !== 'GET') return next();
    const version = await requestVersion(c, versions);
    const caller = callerOf(c);
    // A signed-in member's answer (private fields) and a visitor's differ: so do their tags, and
    // a browser that signs in never revalidates its anonymous copy into a 304.
    const authorised = caller.via !== 'anonymous';
    const who = caller.via === 'token' ? c.req.header('Authorization') : caller.via === 'session' ? `session:${caller.accountId}:${caller.role}` : '';
    const request = createHash('sha1').update(`${c.req.url}|${who}`).digest('base64url');
    // A tile follows its own version: a write elsewhere on the map leaves its tag (tile-version.ts).
    const tile = c.get('tileVersion');
    const tag = tile === undefined ? `"v${version}-${request.slice(0, 16)}"` : `"t${tile}-${request.slice(0, 16)}"`;
    // A URL that names the current data version (tiles from the TileJSON) can be kept for good:
    // the next write changes the version, hence the URLs.
    const versioned = c.req.query('v') === String(version);
    const lifetime = versioned ? 'max-age=31536000, immutable' : authorised ? 'no-cache' : 'max-age=0, must-revalidate';
    const headers: Record<string, string> = {
      ETag: tag,
      'Cache-Control': `${authorised ? 'private' : 'public'}, ${lifetime}`,
      Vary: 'Authorization, Accept-Encoding',
      'X-Data-Version': String(version),
    };
    if (etagMatches(c.req.header('If-None-Match'), tag)) return c.body(null, 304, headers);
    await next();
    if (c.res.status !== 200 && c.res.status !== 204) return;
    // The read of one record tags it with its version (record-etag.ts), which If-Match compares:
    // it stays, made the request's own as above, and the data version's, since the answer shows
    // more than its record (a link's firms' names).
    const record = tagVersion(c.res.headers.get('ETag') ?? '');
    if (record !== undefined) {
      const suffix = createHash('sha1').update(`${request}|${version}`).digest('base64url');
      const own = `"r${record}.${suffix.slice(0, 16)}"`;
      headers.ETag = own;
      if (etagMatches(c.req.header('If-None-Match'), own)) {
        // After `next`, an answer replaces the route's rather than being returned.
        c.res = undefined;
        c.res = c.body(null, 304, headers);
        return;
      }
    }
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
    // A compressed answer is another representation of the same data: its tag is weak.
    if (c.res.headers.has('Content-Encoding')) c.res.headers.set('ETag', `W/${headers.ETag}`);
  };
}
