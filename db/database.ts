import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

export type Engine = 'pglite' | 'postgres';

export type Drizzle = PgDatabase<PgQueryResultHKT, typeof schema>;

/** What the rest of the Atlas sees of a database, whichever engine runs underneath. */
export type Database = {
  engine: Engine;
  drizzle: Drizzle;
  /** Runs raw SQL and returns its rows (the two drivers shape results differently). */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  /**
   * Embedded engine only: calls `onPayload` with every NOTIFY on `channel`, before the query that
   * committed it returns.
   */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<void>;
  close(): Promise<void>;
};
