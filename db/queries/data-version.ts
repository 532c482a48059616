import { sql } from 'drizzle-orm';
import type { Database } from '../database.ts';

/** The registry's data version: it changes with every write (see db/sql/data-version.sql). */
async function readDataVersion(db: Database): Promise<number> {
  const [row] = await db.rows<{ version: number | string }>(sql`SELECT version FROM data_version`);
  return Number(row?.version ?? 0);
}

export type DataVersion = { current(): Promise<number> };

const CHANNEL = 'atlas_data_version';

/**
 * Shares reads between callers without ever answering one with a read that started before it
 * called: callers that arrive while a read runs wait for the next one, which starts when it ends.
 * Under load one query then answers a whole batch of revalidations instead of one each.
 */
export function coalescedReads<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<unknown> = Promise.resolve();
  let next: Promise<T> | undefined;
  return () => {
    if (!next) {
      const start = () => {
        next = undefined;
        return read();
      };
      next = running.then(start, start);
      running = next;
    }
    return next;
  };
}

/**
 * The data version as the HTTP caches need it on every request. An engine that hears every change
 * as it commits (the embedded one: this process alone writes to it, and it delivers the notice
 * before the writing query returns) keeps it in memory; otherwise it is read for each request
 * (one tiny query, shared by the requests waiting together), since a notice from a server arrives
 * a moment after the commit and a client reading its own write must never be told nothing changed.
 */
export function createDataVersion(db: Database): DataVersion {
  if (!db.listen) return { current: coalescedReads(() => readDataVersion(db)) };
  const listen = db.listen;
  let known: Promise<{ version: number }> | undefined;
  const subscribe = async () => {
    const state = { version: 0 };
    await listen(CHANNEL, (payload) => {
      state.version = Math.max(state.version, Number(payload));
    });
    // Read after listening, so that no change falls between the two.
    state.version = Math.max(state.version, await readDataVersion(db));
    return state;
  };
  return {
    async current() {
      known ??= subscribe().catch((error: unknown) => {
        known = undefined;
        throw error;
      });
      return (await known).version;
    },
  };
}
