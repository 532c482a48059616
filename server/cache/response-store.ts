/** An answer as the cache keeps it: whole, so that it can be sent any number of times. */
export type StoredResponse = { status: number; headers: [string, string][]; body: Uint8Array };

export type CacheStats = {
  /** The bound (ATLAS_CACHE_MB), and what the entries take now, keys and headers included. */
  maxBytes: number;
  bytes: number;
  entries: number;
  /** Answers sent from memory; computed; computed once for several identical requests that came together. */
  hits: number;
  misses: number;
  shared: number;
  /** Entries dropped to stay within the bound (not those of an older data version). */
  evictions: number;
  /** Answers not kept: an error, private, streamed past the size of an entry, or another version. */
  notKept: number;
};

type Entry = { value: StoredResponse; version: number; bytes: number };

/** Entries whose data version never goes out of date (the style: it names no data). */
export const ANY_VERSION = -1;

/** What an entry costs besides its body: its key and headers (UTF-16 in memory), and bookkeeping. */
export function entryBytes(key: string, value: StoredResponse): number {
  const headers = value.headers.reduce((total, [name, text]) => total + name.length + text.length, 0);
  return value.body.byteLength + 2 * (key.length + headers) + 128;
}

/**
 * Answers kept in memory, least recently used first out, within `maxBytes` in all; one entry may
 * take at most a quarter of it, so that one big answer never empties the cache. Keys carry the
 * data version: once a newer version is seen, the entries of older ones are dropped at once (no
 * request can reach them any more), and answers computed for an older version are not kept.
 * Identical requests that come while their answer is computed wait for it (`compute`).
 */
export function createResponseStore(maxBytes: number) {
  const entries = new Map<string, Entry>();
  const computing = new Map<string, Promise<StoredResponse | null>>();
  const stats: CacheStats = { maxBytes, bytes: 0, entries: 0, hits: 0, misses: 0, shared: 0, evictions: 0, notKept: 0 };
  const maxEntryBytes = Math.floor(maxBytes / 4);
  let newest = 0;

  const remove = (key: string, entry: Entry) => {
    entries.delete(key);
    stats.bytes -= entry.bytes;
  };

  /** Drops every entry of a version older than `version`, the first time it is seen. */
  const advance = (version: number) => {
    if (version <= newest) return;
    newest = version;
    for (const [key, entry] of entries) if (entry.version !== ANY_VERSION && entry.version < version) remove(key, entry);
  };

  const get = (key: string): StoredResponse | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    // Most recently used last: the Map's order is the eviction order.
    entries.delete(key);
    entries.set(key, entry);
    return entry.value;
  };

  const put = (key: string, version: number, value: StoredResponse): boolean => {
    const bytes = entryBytes(key, value);
    if (bytes > maxEntryBytes || (version !== ANY_VERSION && version < newest)) return false;
    const previous = entries.get(key);
    if (previous) remove(key, previous);
    entries.set(key, { value, version, bytes });
    stats.bytes += bytes;
    for (const [oldest, entry] of entries) {
      if (stats.bytes <= maxBytes) break;
      remove(oldest, entry);
      stats.evictions += 1;
    }
    return true;
  };

  return {
    /** The largest answer that may be kept, in bytes (of body; its key and headers count too). */
    maxEntryBytes,
    advance,
    /**
     * The answer for `key`: from memory, from a computation of the same key already running, or
     * from `produce` (null: an answer not to keep, which each request then computes itself).
     */
    async compute(key: string, version: number, produce: () => Promise<StoredResponse | null>): Promise<{ value: StoredResponse | null; from: 'memory' | 'shared' | 'computed' }> {
      advance(version);
      const kept = get(key);
      if (kept) {
        stats.hits += 1;
        return { value: kept, from: 'memory' };
      }
      const running = computing.get(key);
      if (running) {
        const value = await running.catch(() => null);
        if (value) {
          stats.shared += 1;
          return { value, from: 'shared' };
        }
      }
      stats.misses += 1;
      const produced = produce();
      computing.set(key, produced);
      try {
        const value = await produced;
        if (!value || !put(key, version, value)) stats.notKept += 1;
        return { value, from: 'computed' };
      } finally {
        if (computing.get(key) === produced) computing.delete(key);
      }
    },
    stats(): CacheStats {
      return { ...stats, entries: entries.size };
    },
  };
}

export type ResponseStore = ReturnType<typeof createResponseStore>;
