import { serve, type ServerType } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createDb } from '../db/create-db.ts';
import type { Database } from '../db/database.ts';
import { countCompanies } from '../db/queries/companies.ts';
import { seedRegistry } from '../db/seed/seed.ts';
import { createApp, type Logger } from './app.ts';
import type { Config } from './config.ts';

export type Running = { db: Database; server: ServerType; url: string; stop(): Promise<void> };

/** Opens the database, fills an empty registry with the sample data, and serves the app. */
export async function start(config: Config, logger: Logger): Promise<Running> {
  if (config.databaseUrl) {
    logger.info(`Database: PostgreSQL server (${new URL(config.databaseUrl).host})`);
  } else {
    const fresh = !existsSync(join(config.dataDir, 'pglite'));
    logger.info(
      `Database: embedded PostGIS in ${config.dataDir}` + (fresh ? ' (first start: creating it takes about 20 s)' : ''),
    );
  }
  const db = await createDb({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.poolSize,
    statementTimeoutMs: config.statementTimeoutMs,
  });
  try {
    if (config.seed === 'auto' && (await countCompanies(db)).total === 0) {
      const seeded = await seedRegistry(db);
      logger.info(`The registry was empty: loaded ${seeded.companies} sample firms and ${seeded.links} links (fictitious)`);
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  const app = createApp({ db, config, logger });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  if (!config.adminToken) logger.info('No ATLAS_ADMIN_TOKEN: writes need a token from `npm run token -- create`');
  return {
    db,
    server,
    url,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
