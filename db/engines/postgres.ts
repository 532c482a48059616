import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { serverDump } from '../backup/server-dump.ts';
import type { Database } from '../database.ts';
import { refuseForeignHistory } from '../migration-history.ts';
import { migrate } from '../migrate.ts';
import { serverNotifications } from './postgres-listener.ts';
import { postgresJsDatabase } from './postgres-js.ts';

// Any fixed number works: it only has to be the same for every Atlas process on one database.
const MIGRATION_LOCK = 4_507_100;

/**
 * Applies the migrations holding a session-level advisory lock, so that of several API processes
 * starting together only one migrates; a one-connection client keeps the lock and the migration
 * on the same session.
 */
async function migrateExclusively(url: string, upTo: string | undefined): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`SELECT pg_advisory_lock(${MIGRATION_LOCK})`;
    const { host, pathname } = new URL(url);
    await refuseForeignHistory((statement) => client.unsafe(statement), `The PostgreSQL database ${pathname.slice(1)} on ${host}`, 'drop it and create it again, empty');
    await migrate(drizzle(client), upTo);
    await client`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * PostgreSQL + PostGIS server over a postgres.js pool. `migrate: false` for a read replica, which
 * gets its schema from the primary and refuses writes (and LISTEN: it has no notifications).
 * `statementTimeoutMs` (0: none) makes the server cancel any query of the pool that runs longer,
 * so a pathological request cannot hold a connection; the migrations, on their own connection,
 * are not limited.
 */
export async function createPostgresDb(
  url: string,
  poolSize = 10,
  { migrate = true, statementTimeoutMs = 0, schemaUpTo }: { migrate?: boolean; statementTimeoutMs?: number; schemaUpTo?: string | undefined } = {},
): Promise<Database> {
  if (migrate) await migrateExclusively(url, schemaUpTo);
  // JIT compilation: PostGIS functions are costed so high that PostgreSQL JIT-compiles even small
  // tile queries, spending ~0.6 s compiling what runs in 50 ms. Off for the Atlas's sessions.
  const connection = { jit: 'off', statement_timeout: statementTimeoutMs };
  const client = postgres(url, { max: poolSize, onnotice: () => {}, connection });
  const notifications = migrate ? serverNotifications(url) : undefined;
  return postgresJsDatabase('postgres', client, {
    notifications,
    dump: (args) => serverDump(url, args),
    async close() {
      await Promise.all([client.end({ timeout: 5 }), notifications?.close()]);
    },
  });
}
