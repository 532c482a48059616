import { serve, type ServerType } from '@hono/node-server';
import type { Database } from '../../db/database.ts';
import { seedRegistry } from '../../db/seed/seed.ts';
import { createApp } from '../../server/app.ts';
import { testConfig } from '../support/app.ts';
import { openTestDb } from '../support/databases.ts';

export type AtlasServer = { url: string; db: Database; close(): Promise<void> };

/** The real app with the sample registry on embedded PostGIS, on a free port. */
export async function startAtlasServer(): Promise<AtlasServer> {
  const db = await openTestDb('pglite');
  await seedRegistry(db);
  const app = createApp({ db, config: testConfig(), logger: { info: () => {}, error: console.error } });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    db,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await db.close();
    },
  };
}
