import type { Database } from '../../db/database.ts';
import { readDataVersion } from '../../db/queries/data-version.ts';

/** A new data version and what changed up to it: ids, or `many` when the database sent too many to name. */
export type Change = { version: number; firms: number[] | 'many'; links: number[] | 'many' };

export type ChangeFeed = {
  /** Calls `listener` with every change from now on; returns the unsubscription. */
  subscribe(listener: (change: Change) => void): () => void;
  /** The data version as last heard (read when nothing was heard yet). */
  current(): Promise<number>;
  close(): void;
};

/** The channel db/sql/live-changes.sql NOTIFYs on every statement that bumps the data version. */
const CHANNEL = 'atlas_changes';
/** Notices that come this close together are sent as one change (one statement after another of a write). */
const COALESCE_MS = 50;
/** Waits before listening again after a failure, doubling up to the last. */
const RETRY_MS = [100, 500, 2_000, 5_000];
/** Without notifications, how often the version is read while somebody listens. */
const POLL_MS = 2_000;

type Pending = { version: number; firms: Set<number> | 'many'; links: Set<number> | 'many' };

const merge = (into: Set<number> | 'many', ids: unknown): Set<number> | 'many' => {
  if (into === 'many' || ids === 'many') return 'many';
  if (Array.isArray(ids)) for (const id of ids) if (Number.isInteger(id)) into.add(id);
  return into;
};

const listOf = (ids: Set<number> | 'many') => (ids === 'many' ? 'many' : [...ids].sort((a, b) => a - b));

/** Parses one notice of atlas_changes, or null when it is not one. */
function parseNotice(payload: string): { version: number; firms?: unknown; links?: unknown } | null {
  try {
    const notice = JSON.parse(payload) as { version?: unknown; firms?: unknown; links?: unknown };
    const version = Number(notice.version);
    return Number.isFinite(version) ? { version, firms: notice.firms, links: notice.links } : null;
  } catch {
    return null;
  }
}

/**
 * Hears what the database announces on atlas_changes (every process's writes: the trigger runs in
 * the database) and hands it to the open event streams. It listens from the first subscription
 * on; when the listening connection is lost it listens again, then reads the version and, if it
 * moved meanwhile, announces it with `many` (what changed in the gap is unknown).
 */
export function createChangeFeed(db: Database, { retryMs = RETRY_MS, coalesceMs = COALESCE_MS } = {}): ChangeFeed {
  const listeners = new Set<(change: Change) => void>();
  let known = 0;
  let pending: Pending | undefined;
  let flushTimer: NodeJS.Timeout | undefined;
  let started = false;
  let closed = false;
  let failures = 0;
  let poll: NodeJS.Timeout | undefined;

  const flush = () => {
    flushTimer = undefined;
    const change = pending;
    pending = undefined;
    if (!change || change.version <= known) return;
    known = change.version;
    const sent: Change = { version: change.version, firms: listOf(change.firms), links: listOf(change.links) };
    for (const listener of listeners) listener(sent);
  };

  const hear = (version: number, firms: unknown, links: unknown) => {
    pending ??= { version, firms: new Set(), links: new Set() };
    pending.version = Math.max(pending.version, version);
    pending.firms = merge(pending.firms, firms);
    pending.links = merge(pending.links, links);
    flushTimer ??= setTimeout(flush, coalesceMs);
  };

  const catchUp = async () => {
    const version = await readDataVersion(db);
    if (version > known) hear(version, 'many', 'many');
  };

  /** Resolves once listening (or after a failure, retried in the background). */
  const listen = async (): Promise<void> => {
    if (closed) return;
    const notifications = db.notifications;
    if (!notifications) {
      poll = setInterval(() => void catchUp().catch(() => {}), POLL_MS);
      poll.unref();
      return;
    }
    const retry = () => {
      if (closed) return;
      const wait = retryMs[Math.min(failures, retryMs.length - 1)]!;
      failures += 1;
      setTimeout(() => void listen(), wait).unref();
    };
    await notifications
      .listen(
        CHANNEL,
        (payload) => {
          const notice = parseNotice(payload);
          if (notice) hear(notice.version, notice.firms, notice.links);
        },
        retry,
      )
      .then(() => {
        failures = 0;
        return catchUp();
      })
      .catch(retry);
  };

  const start = async () => {
    if (started) return;
    started = true;
    known = Math.max(known, await readDataVersion(db));
    await listen();
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      void start().catch(() => {
        started = false;
      });
      return () => listeners.delete(listener);
    },
    async current() {
      await start();
      return Math.max(known, pending?.version ?? 0);
    },
    close() {
      closed = true;
      clearTimeout(flushTimer);
      clearInterval(poll);
      listeners.clear();
    },
  };
}
