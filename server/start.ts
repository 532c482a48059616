import { serve, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createDb } from '../db/create-db.ts';
import { createPostgresDb } from '../db/engines/postgres.ts';
import type { Database } from '../db/database.ts';
import { countCompanies } from '../db/queries/companies.ts';
import { refreshPlannerStatistics } from '../db/planner-statistics.ts';
import { seedRegistry } from '../db/seed/seed.ts';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { drainServer } from './drain.ts';
import type { Logger } from './logging/logger.ts';
import { createMetrics } from './metrics/metrics.ts';
import { METRICS_HOST, serveMetrics } from './metrics/metrics-server.ts';
import { scheduleBackups } from './backup/scheduled-backups.ts';

export type Running = {
  db: Database;
  server: ServerType;
  url: string;
  /** `http://127.0.0.1:PORT/metrics` when ATLAS_METRICS_PORT is set. */
  metricsUrl: string | undefined;
  stop(): Promise<void>;
};

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
    } else if (!config.databaseUrl) {
      // No autovacuum runs in the embedded engine: what was written since it last ran is counted now.
      await refreshPlannerStatistics(db);
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  const readDb = config.readDatabaseUrl ? await createPostgresDb(config.readDatabaseUrl, config.poolSize, { migrate: false, statementTimeoutMs: config.statementTimeoutMs }) : undefined;
  if (config.readDatabaseUrl) logger.info(`Reads: the replica at ${new URL(config.readDatabaseUrl).host} when it has caught up`);
  let draining = false;
  const metrics = createMetrics();
  const shutdown = new AbortController();
  const backups = config.backups && scheduleBackups({ db, schedule: config.backups, logger, metrics: metrics.backups });
  if (config.backups) logger.info(`Backups: every ${config.backups.everyMs / 60_000} min into ${config.backups.dir}, the newest ${config.backups.keep} kept`);
  const app = createApp({ db, readDb, config, logger, metrics, backups, draining: () => draining, shutdown: shutdown.signal });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  const scraped = config.metricsPort === undefined ? undefined : await serveMetrics(metrics.registry, config.metricsPort);
  const metricsUrl = scraped && `http://${METRICS_HOST}:${scraped.port}/metrics`;
  if (metricsUrl) logger.info(`Metrics for a scraper on this machine: ${metricsUrl}`);
  if (!config.adminToken) logger.info('No ATLAS_ADMIN_TOKEN: writes need a token from `npm run token -- create`');
  return {
    db,
    server,
    url,
    metricsUrl,
    /** Drains the requests in flight (at most the grace period), then closes the database. */
    async stop() {
      draining = true;
      // The event streams never end by themselves: ended first, their clients reconnect elsewhere.
      shutdown.abort();
      const cut = await drainServer(server as Server, config.shutdownGraceMs);
      if (cut > 0) logger.info(`Grace period over: cut ${cut} connection(s) still busy`);
      scraped?.server.close();
      await backups?.stop();
      await Promise.all([db.close(), readDb?.close()]);
    },
  };
}
