import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { lockDataDir } from '../lock.ts';
import { refuseForeignHistory } from '../migration-history.ts';
import type { Database, Notifications } from '../database.ts';
import { migrate } from '../migrate.ts';
import { type PgliteThread, startPgliteThread } from './pglite-thread.ts';
import { createChannelHandlers } from './channel-handlers.ts';
import { oneSessionClient } from './one-session-client.ts';
import { channelIdentifier, postgresJsDatabase } from './postgres-js.ts';

export type PgliteOptions = {
  /**
   * Milliseconds a statement may run before it is stopped (0: no limit). PGlite cannot interrupt
   * a statement, so its thread is ended and the database opened again (a few seconds): the
   * statement fails as PostgreSQL's statement_timeout fails it (SQLSTATE 57014), the other
   * connections' queries wait for the new thread.
   */
  statementTimeoutMs?: number;
  /** The last migration to apply (a restore loads a backup at its own schema); all by default. */
  schemaUpTo?: string | undefined;
  /** false: open the database as it is (a backup must not upgrade what it copies). */
  migrate?: boolean;
};

/** The error a statement stopped for running too long gets, as PostgreSQL words it. */
function statementTimeout(): Error {
  return Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014', severity: 'ERROR' });
}

/** Stops the statement that runs longer than `limitMs`, checking a few times per limit. */
function watchStatements(thread: PgliteThread, limitMs: number): () => void {
  const timer = setInterval(() => {
    const since = thread.busySince();
    if (since > 0 && Date.now() - since > limitMs) void thread.restart(statementTimeout()).catch(() => {});
  }, Math.min(100, Math.max(5, limitMs / 10)));
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Embedded PostGIS: PGlite in a worker thread of this process, reached over the PostgreSQL wire
 * protocol by postgres.js, as the server engine is. The HTTP thread never waits for a query to
 * compute, only for its answer. `dataDir` undefined keeps the data in memory.
 */
export async function createPgliteDb(dataDir?: string, { statementTimeoutMs = 0, schemaUpTo, migrate: migrating = true }: PgliteOptions = {}): Promise<Database> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let thread: PgliteThread;
  try {
    thread = await startPgliteThread(dataDir ? `${dataDir}/pglite` : undefined);
  } catch (error) {
    unlock();
    throw error;
  }

  const listeners = createChannelHandlers();
  // `socket` and `onnotify` are postgres.js options its type declarations leave out.
  const client = oneSessionClient(postgres({
    socket: () => thread.connect(),
    // PGlite is one session: one connection, and at most one query sent behind the one that runs
    // (postgres.js needs one for its transactions), so that stopping a statement fails it and
    // that one only, while the next ones wait in postgres.js for the new thread.
    max: 1,
    max_pipeline: 1,
    max_lifetime: 0,
    idle_timeout: 0,
    ssl: false,
    user: 'postgres',
    database: 'postgres',
    onnotice: () => {},
    onnotify: (channel: string, payload: string) => listeners.deliver(channel, payload),
    // A new connection may be a new thread (a restart): its session listens to nothing.
    onclose: () => listeners.loseAll(),
  } as postgres.Options<Record<string, never>>));
  const notifications: Notifications = {
    // One session: PostgreSQL sends a session its own NOTIFY before it says the query is done.
    delivery: 'before-return',
    async listen(channel, onPayload, onLost) {
      listeners.add(channel, onPayload, onLost);
      try {
        await client.unsafe(`LISTEN ${channelIdentifier(channel)}`);
      } catch (error) {
        listeners.remove(channel, onPayload);
        throw error;
      }
    },
  };
  const closeAll = async () => {
    await client.end({ timeout: 5 });
    await thread.close();
    unlock();
  };
  try {
    const recreate = `stop the Atlas and delete ${dataDir}/pglite, or point ATLAS_DATA_DIR at a new directory`;
    await refuseForeignHistory((statement) => client.unsafe(statement), `The embedded database in ${dataDir}`, recreate);
    if (migrating) await migrate(drizzle(client), schemaUpTo);
  } catch (error) {
    await closeAll();
    throw error;
  }
  const stopWatching = statementTimeoutMs > 0 ? watchStatements(thread, statementTimeoutMs) : () => {};
  return postgresJsDatabase('pglite', client, {
    notifications,
    dump: (args) => thread.dump(args),
    async close() {
      stopWatching();
      await closeAll();
    },
  });
}
