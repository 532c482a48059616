import { serve, type ServerType } from '@hono/node-server';
import type { Database } from '../../db/database.ts';
import { seedRegistry } from '../../db/seed/seed.ts';
import { createApp } from '../../server/app.ts';
import { testConfig } from '../support/app.ts';
import { openTestDb } from '../support/databases.ts';

export type AtlasServer = { url: string; db: Database; close(): Promise<void> };

/** The real app over `db`, configured by `env`, on a free port; closing it leaves the database open. */
export async function serveAtlas(db: Database, env: Record<string, string> = {}): Promise<AtlasServer> {
  const app = createApp({ db, config: testConfig(env), logger: { info: () => {}, error: console.error } });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    db,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The real app with the sample registry on embedded PostGIS, on a free port. */
export async function startAtlasServer(): Promise<AtlasServer> {
  const db = await openTestDb('pglite');
  await seedRegistry(db);
  const served = await serveAtlas(db);
  return {
    ...served,
    async close() {
      await served.close();
      await db.close();
    },
  };
}
