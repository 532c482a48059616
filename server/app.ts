import { OpenAPIHono } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import type { Database } from '../db/database.ts';
import { createDataVersion } from '../db/queries/data-version.ts';
import { createTileVersions } from '../db/queries/tile-versions.ts';
import type { Tile } from '../db/tiles/tile.ts';
import { createRelatednessStore } from '../db/queries/relatedness.ts';
import { routeReads } from '../db/read-routing.ts';
import { createResponseStore } from './cache/response-store.ts';
import type { Config } from './config.ts';
import { authOptions, authenticate } from './http/auth.ts';
import { compressible } from './http/compression.ts';
import { conditionalGet } from './http/conditional.ts';
import { hearOwnWrites } from './http/data-version.ts';
import { cacheResponses } from './http/response-cache.ts';
import { tileVersion } from './http/tile-version.ts';
import { embedCors } from './http/cors.ts';
import { hardening } from './http/hardening.ts';
import { handleError, problemResponse } from './http/problem.ts';
import { logRequests, requestLog } from './http/request-log.ts';
import { createLogger, logError, type Logger } from './logging/logger.ts';
import { createMetrics, type Metrics } from './metrics/metrics.ts';
import { observeRequests } from './metrics/observe-requests.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { sameOriginWrites } from './http/same-origin.ts';
import { readsFromReplica } from './http/read-replica.ts';
import { accountRoutes } from './routes/accounts.ts';
import { actorRoutes } from './routes/actors.ts';
import { communeRoutes } from './routes/communes.ts';
import { lookAlikeRoutes } from './routes/look-alikes.ts';
import { historyUndoRoutes } from './routes/history-undo.ts';
import { companyRoutes } from './routes/companies.ts';
import { docsRoutes } from './routes/docs.ts';
import { embedRoutes } from './routes/embed.ts';
import { healthRoutes } from './routes/health.ts';
import { introductionRoutes } from './routes/introductions.ts';
import { introductionStatsRoutes } from './routes/introduction-stats.ts';
import { introductionCalendarRoutes } from './routes/introduction-calendar.ts';
import { importMappingRoutes } from './routes/import-mappings.ts';
import { importRoutes } from './routes/imports.ts';
import { importProfileRoutes } from './routes/import-profiles.ts';
import { readProfiles } from './import/profile.ts';
import { readSectorRules } from './import/activity.ts';
import { linkRoutes } from './routes/links.ts';
import { mapRoutes } from './routes/map.ts';
import { nearbyRoutes } from './routes/nearby.ts';
import { documentOidc, oidcRoutes } from './routes/oidc.ts';
import { networkRoutes } from './routes/network.ts';
import { partnerRoutes } from './routes/partners.ts';
import { relatednessRoutes } from './routes/relatedness.ts';
import { readyRoutes } from './routes/ready.ts';
import { sessionRoutes } from './routes/session.ts';
import { statsRoutes } from './routes/stats.ts';
import { activityStatsRoutes } from './routes/activity-stats.ts';
import { territoryRoutes } from './routes/territories.ts';
import { ogcRoutes } from './routes/ogc.ts';
import { documentTiles, tileRoutes } from './routes/tiles.ts';
import { EVENT_STREAM_DEFAULTS, eventRoutes, type EventStreamOptions } from './routes/events.ts';
import { createChangeFeed } from './live/change-feed.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { backupRoutes } from './routes/backup.ts';
import type { ScheduledBackups } from './backup/scheduled-backups.ts';
import { webRoutes } from './routes/web.ts';

export type { Logger };

export type AppDeps = {
  /** The primary database: every write, and every read when there is no replica. */
  db: Database;
  /** A read replica (`DATABASE_READ_URL`) for GET and HEAD requests. */
  readDb?: Database | undefined;
  config: Config;
  /** Made by the entry point (pino, at ATLAS_LOG_LEVEL); by default errors only, on standard output. */
  logger?: Logger;
  /** The figures of `/api/metrics`; the entry point makes them to serve them on ATLAS_METRICS_PORT too. */
  metrics?: Metrics;
  /** The scheduled backups (ATLAS_BACKUP_DIR), whose status /api/health shows. */
  backups?: ScheduledBackups | undefined;
  /** True once the process is shutting down: readiness then fails, so proxies stop sending traffic. */
  draining?: () => boolean;
  /** Aborted when the process shuts down: the open event streams then end, so the drain does not wait for them. */
  shutdown?: AbortSignal;
  /** The bounds and heartbeat of GET /api/events (tests shorten the heartbeat). */
  events?: Partial<EventStreamOptions>;
  /** Called for each tile computed (not answered from the cache): tests count them. */
  onTileRendered?: (layer: string, tile: Tile) => void;
};

/** The reads whose answers carry an ETag of the data version. */
const VERSIONED = ['/companies', '/companies/*', '/nearby', '/links', '/links/*', '/actors', '/tiles/*', '/stats', '/stats/*', '/territories', '/relatedness', '/partners'];
/** Those the response cache keeps: all but a firm's history (editors only, seldom asked for). */
const CACHED = ['/companies', '/companies/:id{[0-9]+}', '/companies/:id{[0-9]+}/partners', '/partners', '/relatedness', '/nearby', '/links', '/links/*', '/actors', '/tiles/*', '/stats', '/stats/*', '/territories'];

/** The whole HTTP application; no global state, so tests build one per database. */
export function createApp({ db: primary, readDb, config, logger = createLogger({ level: 'error' }), metrics = createMetrics(), backups, draining = () => false, shutdown = new AbortController().signal, events = {}, onTileRendered }: AppDeps) {
  const api = new OpenAPIHono();
  const routing = readDb ? routeReads(primary, readDb) : undefined;
  const db = routing?.db ?? primary;
  // The primary's version: a replica answers only once it has reached it.
  const versions = createDataVersion(primary);
  const relatedness = createRelatednessStore(db, versions);
  const cache = config.cacheBytes > 0 ? createResponseStore(config.cacheBytes) : null;
  if (cache) metrics.watchResponseCache(cache);
  metrics.watchDatabases({ primary, replica: readDb });
  // First: every later step (caching, private fields, writes) depends on who is calling. On the
  // primary: using a token records its last use.
  // A write from another site is refused before anything else looks at its cookie.
  api.use('*', sameOriginWrites({ publicUrl: config.publicUrl, trustedProxies: config.trustProxy }));
  api.use('*', authenticate(authOptions(primary, config)));
  // Before the replica's routing: the probes must not depend on the replica.
  api.route('/', readyRoutes({ db: primary, draining }));
  api.route('/', healthRoutes({ db, versions, cache, backups }));
  api.route('/', metricsRoutes({ registry: metrics.registry }));
  // The primary's changes: the replica's come later, and ids are all a stream sends.
  const feed = createChangeFeed(primary);
  api.route('/', eventRoutes({ feed, options: { ...EVENT_STREAM_DEFAULTS, ...events }, trustedProxies: config.trustProxy, shutdown, connections: metrics.liveConnections }));
  const replicaReads = routing && readsFromReplica(routing, versions);
  if (replicaReads) api.use('*', replicaReads);
  // Before the data-version ETags of /stats/*: introductions change without changing the data
  // version, so these figures are never answered 304 nor kept.
  api.route('/', introductionStatsRoutes({ db }));
  // Before the ETags and the cache: a tile's tag and key follow its own version.
  api.use('/tiles/:layer/:z/:x/:y', tileVersion(versions, createTileVersions(primary)));
  for (const path of VERSIONED) api.use(path, conditionalGet(versions));
  // After the ETags: a revalidation that has not changed is a 304 before the cache is looked at.
  for (const path of CACHED) api.use(path, cacheResponses(cache));
  api.route('/', companyRoutes({ db, config }));
  api.route('/', nearbyRoutes({ db, config }));
  api.route('/', linkRoutes({ db, config }));
  api.route('/', partnerRoutes({ db, store: relatedness }));
  api.route('/', relatednessRoutes({ db, store: relatedness }));
  api.route('/', actorRoutes({ db }));
  api.route('/', communeRoutes());
  api.route('/', lookAlikeRoutes({ db }));
  api.route('/', historyUndoRoutes({ db }));
  api.route('/', tileRoutes({ db, versions, onTileRendered }));
  api.route('/', statsRoutes({ db, versions }));
  api.route('/', networkRoutes({ db, store: relatedness }));
  api.route('/', activityStatsRoutes({ db, versions }));
  api.route('/', territoryRoutes({ db, config }));
  api.route('/', tokenRoutes({ db }));
  api.route('/', backupRoutes({ db: primary, outcomes: metrics.backups }));
  api.route('/', sessionRoutes({ db: primary, config }));
  if (config.oidc) api.route('/', oidcRoutes({ db: primary, config, logger }));
  documentOidc(api);
  api.route('/', accountRoutes({ db: primary, config }));
  const profiles = readProfiles();
  api.route('/', importRoutes({ db, config, sectorRules: readSectorRules(), profiles, logger, imports: metrics.imports }));
  api.route('/', importProfileRoutes({ profiles }));
  api.route('/', importMappingRoutes({ db }));
  // Prospecting (issue 27): advisers' introductions between firms.
  api.route('/', introductionCalendarRoutes({ db: primary, config, rules: config.prospecting }));
  api.route('/', introductionRoutes({ db, store: relatedness, rules: config.prospecting }));
  api.route('/', docsRoutes());
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  documentTiles(api.openAPIRegistry);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Mont-Blanc Sector Atlas API',
      version: '0.1.0',
      description:
        'Firms of the outdoor, phyto-industry / wellbeing and building-renovation filières of the Espace Mont-Blanc ' +
        '(Haute-Savoie, Aosta Valley, Valais). Geometry is GeoJSON (RFC 7946, lon/lat WGS84); errors are ' +
        'RFC 9457 problem details naming each offending field. Firms with `source: "sample"` are fictitious sample data.',
    },
  });

  const app = new OpenAPIHono();
  // Before everything: every answer, refusals of the hardening layer too, is logged and counted.
  app.use(logRequests(logger));
  app.use(observeRequests(metrics));
  // First, so that every answer to another site's embed carries its CORS headers, 304s too.
  app.use(embedCors(config.embedOrigins));
  for (const guard of hardening(config)) app.use(guard);
  // GeoJSON compresses about tenfold; the browser pays for every byte of it.
  app.use(compress({ contentTypeFilter: compressible }));
  // Every write is answered once this process's data version includes it.
  app.use(hearOwnWrites(versions));
  // The style names no data: kept whatever the data version.
  app.use('/api/style.json', cacheResponses(cache));
  app.route('/', mapRoutes({ config }));
  app.route('/api', api);
  if (replicaReads) app.use('/ogc/*', replicaReads);
  app.route('/ogc', ogcRoutes({ db, config }));
  app.route('/', embedRoutes());
  app.route('/', webRoutes(config.webDir));
  app.notFound((c) => problemResponse(c, 404, `No route for ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => handleError((message, cause) => logError(requestLog(c, logger), message, cause))(error, c));
  return app;
}
