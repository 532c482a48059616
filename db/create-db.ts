import type { Database } from './database.ts';
import { createPgliteDb } from './engines/pglite.ts';
import { createPostgresDb } from './engines/postgres.ts';

export type DbOptions = {
  /** postgres:// URL of a PostGIS server; without it the embedded engine runs. */
  url?: string | undefined;
  /** Where the embedded engine keeps its files; undefined = in memory. */
  dataDir?: string | undefined;
  poolSize?: number;
  /** Milliseconds before a statement is stopped (0: no limit), on either engine. */
  statementTimeoutMs?: number;
};

/** Opens the database and brings its schema up to date. */
export function createDb(options: DbOptions): Promise<Database> {
  return options.url
    ? createPostgresDb(options.url, options.poolSize, { statementTimeoutMs: options.statementTimeoutMs })
    : createPgliteDb(options.dataDir, { statementTimeoutMs: options.statementTimeoutMs });
}
