import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../../db/database.ts';
import type { ResponseStore } from '../cache/response-store.ts';

/** Seconds: most API answers take milliseconds, a cold tile or an export seconds. */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const QUERY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The figures `/api/metrics` answers, in a registry of their own: two apps in one process (the
 * tests) never count into each other's, nor into prom-client's global one.
 * `backups` and `liveConnections` are for the features that own them to set: a scheduled backup
 * calls `backups.record(...)`, the live-event stream moves `liveConnections` up and down.
 */
export function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  const requestLabels = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'atlas_http_requests_total', help: 'Requests answered, by method, route pattern and status', labelNames: requestLabels, registers });
  const requestSeconds = new Histogram({
    name: 'atlas_http_request_duration_seconds',
    help: 'Time to the answer (to its first byte when streamed), by method, route pattern and status',
    labelNames: requestLabels,
    buckets: REQUEST_BUCKETS,
    registers,
  });
  const imports = new Counter({
    name: 'atlas_imports_total',
    help: 'Imports run through the API, by mode (dry_run or write) and outcome (ok or failed)',
    labelNames: ['mode', 'outcome'] as const,
    registers,
  });
  const backupOutcomes = new Counter({ name: 'atlas_backups_total', help: 'Backups taken, by outcome (ok or failed)', labelNames: ['outcome'] as const, registers });
  const lastBackupTime = new Gauge({ name: 'atlas_backup_last_success_timestamp_seconds', help: 'When the last backup that succeeded ended (Unix time)', registers });
  const lastBackupBytes = new Gauge({ name: 'atlas_backup_last_size_bytes', help: 'The size of the last backup that succeeded', registers });
  const liveConnections = new Gauge({ name: 'atlas_live_connections', help: 'Clients connected to the live-event stream now', registers });
  return {
    registry,
    /** Counts one answered request. */
    observeRequest(labels: { method: string; route: string; status: number }, seconds: number) {
      const values = { ...labels, status: String(labels.status) };
      requests.inc(values);
      requestSeconds.observe(values, seconds);
    },
    imports,
    backups: {
      /** Records one backup: its outcome, and for one that succeeded its size and end. */
      record(outcome: 'ok' | 'failed', done?: { bytes: number; at: Date }) {
        backupOutcomes.inc({ outcome });
        if (outcome === 'ok' && done) {
          lastBackupBytes.set(done.bytes);
          lastBackupTime.set(done.at.getTime() / 1000);
        }
      },
    },
    liveConnections,
    /** Reports the response store's figures at each scrape. */
    watchResponseCache(store: ResponseStore) {
      const counted = (name: string, help: string, read: () => number) =>
        new Counter({ name, help, registers, collect() { this.reset(); this.inc(read()); } });
      const gauged = (name: string, help: string, read: () => number) =>
        new Gauge({ name, help, registers, collect() { this.set(read()); } });
      counted('atlas_response_cache_hits_total', 'Answers sent from the response cache', () => store.stats().hits);
      counted('atlas_response_cache_misses_total', 'Answers computed because the cache had none', () => store.stats().misses);
      counted('atlas_response_cache_shared_total', 'Answers computed once for several identical requests that came together', () => store.stats().shared);
      counted('atlas_response_cache_evictions_total', 'Entries dropped to stay within ATLAS_CACHE_MB', () => store.stats().evictions);
      gauged('atlas_response_cache_bytes', 'Bytes the cached answers take now', () => store.stats().bytes);
      gauged('atlas_response_cache_max_bytes', 'The bound of the response cache (ATLAS_CACHE_MB)', () => store.stats().maxBytes);
      gauged('atlas_response_cache_entries', 'Answers in the response cache now', () => store.stats().entries);
    },
    /** Times the queries of `databases` (primary, replica), and reports their pool sizes. */
    watchDatabases(databases: { primary: Database; replica?: Database | undefined }) {
      const seconds = new Histogram({
        name: 'atlas_db_query_duration_seconds',
        help: 'Time the Atlas waited for each query (a free connection included), by database and outcome',
        labelNames: ['database', 'outcome'] as const,
        buckets: QUERY_BUCKETS,
        registers,
      });
      const pool = new Gauge({ name: 'atlas_db_pool_size', help: 'The most connections the Atlas opens to each database', labelNames: ['database'] as const, registers });
      for (const [name, db] of Object.entries(databases)) {
        if (!db) continue;
        if (db.poolSize !== undefined) pool.set({ database: name }, db.poolSize);
        db.queries?.listen((elapsed, failed) => seconds.observe({ database: name, outcome: failed ? 'error' : 'ok' }, elapsed));
      }
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
