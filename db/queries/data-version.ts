import { sql } from 'drizzle-orm';
import type { Database, Notifications } from '../database.ts';

/** The registry's data version: it changes with every write (see db/sql/data-version.sql). */
export async function readDataVersion(db: Database): Promise<number> {
  const [row] = await db.rows<{ version: number | string }>(sql`SELECT version FROM data_version`);
  return Number(row?.version ?? 0);
}

export type DataVersion = {
  current(): Promise<number>;
  /**
   * After a write made through this process, before its client is answered: from then on
   * `current()` includes it (an engine whose notices come a moment after the commit reads it).
   */
  afterWrite(): Promise<void>;
  /** `notifications` while the version is heard from the database, `reads` while it is read per request. */
  source(): 'notifications' | 'reads';
};

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

/** What a live subscription has heard: `notified` from notices only, `version` also from reads. */
type Heard = { version: number; notified: number; waiters: Set<() => void> };

/** How long a writer waits for its own notice (the others hear it at the same moment), at most. */
export const HEAR_OWN_WRITE_MS = 1_000;
/** Waits before listening again after a failure, doubling up to the last. */
const RETRY_MS = [100, 500, 2_000, 5_000];

/**
 * The data version as the HTTP caches need it on every request, without a round trip to the
 * database: the process LISTENs to the channel the data-version trigger NOTIFYs, reads the version
 * once it listens, and from then on knows it. While it does not listen (starting, or the
 * listening connection lost), the version is read for every request (one tiny query, shared by
 * the requests waiting together), so no answer is ever tagged with a version older than a write
 * that the database has told anybody about.
 *
 * On the embedded engine (one session) a write's notice arrives before the write returns. On a
 * server it arrives a moment after the commit: `afterWrite` reads the version once, so that the
 * writer's next read includes its write, then waits until the notice has come, by when PostgreSQL
 * has sent it to every process that listens.
 */
export function createDataVersion(db: Database, { retryMs = RETRY_MS } = {}): DataVersion {
  const read = coalescedReads(() => readDataVersion(db));
  const notifications = db.notifications;
  if (!notifications) return { current: read, afterWrite: async () => {}, source: () => 'reads' };

  let heard: Heard | undefined;
  let subscribing = false;
  let failures = 0;

  const subscribe = (via: Notifications) => {
    if (heard || subscribing) return;
    subscribing = true;
    const state: Heard = { version: 0, notified: 0, waiters: new Set() };
    let lost = false;
    const hear = (payload: string) => {
      const version = Number(payload);
      if (!Number.isFinite(version)) return;
      state.notified = Math.max(state.notified, version);
      state.version = Math.max(state.version, version);
      for (const wake of state.waiters) wake();
    };
    const lose = () => {
      lost = true;
      if (heard === state) heard = undefined;
      for (const wake of state.waiters) wake();
    };
    via
      .listen(CHANNEL, hear, lose)
      // Read once listening, so that no write falls between the two.
      .then(() => readDataVersion(db))
      .then((version) => {
        state.version = Math.max(state.version, version);
        // The writes up to it committed before this process listened: their notices went out
        // then, so a writer has none of them to wait for.
        state.notified = Math.max(state.notified, version);
        failures = 0;
        if (!lost) heard = state;
      })
      .catch(() => {
        const wait = retryMs[Math.min(failures, retryMs.length - 1)]!;
        failures += 1;
        return new Promise((resolve) => setTimeout(resolve, wait).unref());
      })
      .finally(() => {
        subscribing = false;
      });
  };

  /** Resolves once the subscription has heard `version`, lost its connection, or after `ms`. */
  const hearing = (state: Heard, version: number, ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        if (state.notified < version && heard === state) return;
        clearTimeout(timer);
        state.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(() => {
        state.waiters.delete(done);
        resolve();
      }, ms);
      state.waiters.add(done);
      done();
    });

  return {
    async current() {
      if (heard) return heard.version;
      subscribe(notifications);
      return read();
    },
    async afterWrite() {
      if (notifications.delivery === 'before-return') return;
      const state = heard;
      const version = await read().catch(() => undefined);
      if (!state || version === undefined) return;
      state.version = Math.max(state.version, version);
      await hearing(state, version, HEAR_OWN_WRITE_MS);
    },
    source: () => (heard ? 'notifications' : 'reads'),
  };
}
