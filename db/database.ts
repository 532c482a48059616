import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { QueryEvents } from './query-timing.ts';
import type * as schema from './schema.ts';

export type Engine = 'pglite' | 'postgres';

export type Drizzle = PgDatabase<PgQueryResultHKT, typeof schema>;

/** How a process hears of the writes committed to its database (PostgreSQL's LISTEN/NOTIFY). */
export type Notifications = {
  /**
   * Listens on `channel`: resolves once every later commit's NOTIFY will reach `onPayload`.
   * `onLost` is called when some may have been missed since (the connection that listened was
   * lost): listen again. Every subscriber of a channel hears each notice; listening again with
   * the same `onPayload` replaces its `onLost`.
   */
  listen(channel: string, onPayload: (payload: string) => void, onLost: () => void): Promise<void>;
  /**
   * `before-return`: the NOTIFY of a write made through this Database arrives before the query
   * that committed it returns (one session: the embedded engine). `after-commit`: it arrives on
   * a connection of its own, a moment after the commit (the server engine).
   */
  delivery: 'before-return' | 'after-commit';
};

/** What the rest of the Atlas sees of a database, whichever engine runs underneath. */
export type Database = {
  engine: Engine;
  drizzle: Drizzle;
  /** Runs raw SQL and returns its rows. */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** Absent where the database cannot notify (a read replica). */
  notifications?: Notifications;
  /** pg_dump of this database with these arguments (the embedded engine's own, or the server's). */
  dump(args: string[]): Promise<string>;
  /** Each query's duration, for the metrics (absent where nothing times them). */
  queries?: QueryEvents;
  /** The most connections it opens at once (DATABASE_POOL_SIZE; 1 for the embedded engine's thread). */
  poolSize?: number;
  close(): Promise<void>;
};
