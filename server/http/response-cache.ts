import type { Context, MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { ANY_VERSION, type ResponseStore, type StoredResponse } from '../cache/response-store.ts';
import { callerOf } from './auth.ts';
import { compressible } from './compression.ts';

/**
 * The request as the cache tells answers apart: the data version, the caller's role (members
 * see private fields that the public must never get), the encodings and formats it accepts, and
 * the whole URL (origin included: TileJSON and the style name it) with its query parameters in a
 * normal order, whatever they are (a route's new parameter needs nothing here).
 */
export function requestKey(c: Context, version: number | string): string {
  const url = new URL(c.req.url);
  // A tile is keyed by its own version, not the data version its URL names (`v`), so that a write
  // elsewhere on the map finds it still kept (tile-version.ts).
  if (c.get('tileVersion') !== undefined) url.searchParams.delete('v');
  // Stable: parameters given twice keep their order, which may mean something.
  const params = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const header = (name: string) => (c.req.header(name) ?? '').trim().toLowerCase();
  return [version, callerOf(c).role, header('Accept-Encoding'), header('Accept'), `${url.origin}${url.pathname}`, new URLSearchParams(params)].join('\n');
}

/** Request headers already in every key, so that a route's `Vary` naming them adds nothing. */
const IN_KEY = new Set(['accept', 'accept-encoding', 'authorization']);

/** The request headers (lower case) that a response says it varies with, beyond the key; null for `Vary: *`. */
function varyNames(response: Response): string[] | null {
  const names = (response.headers.get('Vary') ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  if (names.includes('*')) return null;
  return [...new Set(names.filter((name) => !IN_KEY.has(name)))].sort();
}

/** Whether an answer may be kept for the next callers of the same key. */
function keepable(response: Response): boolean {
  const control = (response.headers.get('Cache-Control') ?? '').toLowerCase();
  return (response.status === 200 || response.status === 204) && !response.headers.has('Set-Cookie') && !/no-store|private/.test(control);
}

/**
 * Reads a body whole, up to `limit` bytes. Past it the answer is not kept, and the response to
 * send is rebuilt to stream the bytes already read, then the rest (a CSV export of the whole
 * registry never sits in memory).
 */
async function readUpTo(response: Response, limit: number): Promise<{ body: Uint8Array } | { response: Response }> {
  if (!response.body) return { body: new Uint8Array() };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) {
      const rest = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(chunk);
        },
        async pull(controller) {
          const next = await reader.read();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        },
        cancel: (reason) => reader.cancel(reason),
      });
      return { response: new Response(rest, response) };
    }
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { body };
}

/** Headers as Hono's `c.body` takes them, names given twice kept twice. */
function headerRecord(headers: [string, string][]): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const [name, value] of headers) {
    const previous = record[name];
    record[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return record;
}

/**
 * Keeps the answers of GET requests in `store`, at the request's data version (`dataVersion` in
 * the context, set by the ETag layer before; `ANY_VERSION` for answers that name no data), and
 * compresses them before they are kept, so that an answer from memory costs no compression.
 * Identical requests that come together are computed once. A route whose answer depends on a
 * request header other than those in the key must say so in `Vary`, as HTTP caches require.
 */
export function cacheResponses(store: ResponseStore | null): MiddlewareHandler {
  const compressing = compress({ contentTypeFilter: compressible });
  // The headers each URL's answer varied with when last computed.
  const varying = new Map<string, string[]>();
  return async function cacheResponses(c, next) {
    if (!store || c.req.method !== 'GET') return next();
    const tile = c.get('tileVersion');
    // A tile's entries outlive data versions: its key names its own, and older ones age out.
    const version = tile === undefined ? (c.get('dataVersion') ?? ANY_VERSION) : ANY_VERSION;
    const base = requestKey(c, tile === undefined ? version : `t${tile}`);
    const names = varying.get(base) ?? [];
    const key = names.length === 0 ? base : `${base}\n${names.map((name) => `${name}:${c.req.header(name) ?? ''}`).join('\n')}`;
    // What outer layers set before (CORS for this origin, rate-limit counts for this client) is
    // theirs to set on every answer: only what the route and compression add is kept.
    const outer = new Set([...c.res.headers].map(([name, value]) => `${name}:${value}`));
    let passed: Response | undefined;
    const { value } = await store.compute(key, version, async () => {
      await compressing(c, next);
      const response = c.res;
      const vary = varyNames(response);
      if (vary && vary.join() !== names.join()) {
        // The route varies with other headers than this key has: keep them for the next request.
        if (varying.size > 10_000) varying.clear();
        varying.set(base, vary);
        passed = response;
        return null;
      }
      if (!vary || !keepable(response)) {
        passed = response;
        return null;
      }
      const read = await readUpTo(response, store.maxEntryBytes);
      if ('response' in read) {
        passed = read.response;
        return null;
      }
      const headers = [...response.headers].filter(([name, text]) => !outer.has(`${name}:${text}`));
      return { status: response.status, headers, body: read.body };
    });
    if (value) {
      const headers = headerRecord(value.headers);
      const response = value.status === 204 ? c.body(null, 204, headers) : c.body(value.body as Uint8Array<ArrayBuffer>, value.status as 200, headers);
      // Hono keeps a returned response only if nothing below answered; this request may have.
      if (!c.finalized) return response;
      c.res = undefined;
      c.res = response;
      return;
    }
    // Not kept: this request computed its own answer (one that could not be shared).
    if (passed && passed !== c.res) {
      c.res = undefined;
      c.res = passed;
    }
  };
}
