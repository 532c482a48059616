import type { Context } from 'hono';
import { ApiError } from './problem.ts';

/**
 * A record's ETag: its version (`companies.version`, `links.version`). The read of one record
 * answers it with a suffix naming the request (server/http/conditional.ts), so that a member's
 * copy and a visitor's never revalidate into each other; `If-Match` compares the version alone.
 */
export const recordTag = (version: number) => `"r${version}"`;

const TAG = /^(?:W\/)?"r(\d+)(?:\.[A-Za-z0-9_-]+)?"$/;

/** The record version a tag of `recordTag` names; undefined for any other tag. */
export function tagVersion(tag: string): number | undefined {
  const match = TAG.exec(tag.trim());
  return match ? Number(match[1]) : undefined;
}

/**
 * The request's `If-Match` as a test of the record's current version; undefined without one
 * (scripts write as before). `*` matches any version; a tag of another kind matches none. Weak
 * tags are taken too: compression weakens the tag of a read, and the version is what it names.
 */
export function ifMatchOf(c: Context): ((version: number) => boolean) | undefined {
  const header = c.req.header('If-Match');
  if (header === undefined) return undefined;
  const tags = header.split(',').map((tag) => tag.trim());
  if (tags.includes('*')) return () => true;
  const versions = new Set(tags.map(tagVersion).filter((version) => version !== undefined));
  return (version) => versions.has(version);
}

/** The 412 of a stale `If-Match`: nothing was written; the record as it is now, and its tag. */
export function staleRecord(what: string, current: unknown, version: number): ApiError {
  const etag = recordTag(version);
  return new ApiError(
    412,
    `${what} has changed since the version in If-Match: nothing was written; \`current\` is the record now, send its \`etag\` to write over it`,
    undefined,
    { ETag: etag },
    { current, etag },
  );
}
