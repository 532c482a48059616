import { drizzle } from 'drizzle-orm/postgres-js';
import type { Sql } from 'postgres';
import * as schema from '../schema.ts';
import type { Database, Engine, Notifications } from '../database.ts';
import { createQueryEvents, timedClient } from '../query-timing.ts';

/**
 * A Database over a postgres.js client: both engines speak the PostgreSQL wire protocol through
 * it (the embedded one to its worker thread), so they share one driver and shape results alike.
 */
export function postgresJsDatabase(
  engine: Engine,
  client: Sql,
  { notifications, dump, close }: { notifications?: Notifications | undefined; dump: Database['dump']; close: () => Promise<void> },
): Database {
  const queries = createQueryEvents();
  const db = drizzle(timedClient(client, queries), { schema });
  return {
    engine,
    drizzle: db,
    queries,
    poolSize: client.options.max,
    async rows(query) {
      return (await db.execute(query)) as never;
    },
    ...(notifications ? { notifications } : {}),
    dump,
    close,
  };
}

/** A channel name as an SQL identifier (LISTEN takes no parameter). */
export const channelIdentifier = (channel: string) => `"${channel.replaceAll('"', '""')}"`;
