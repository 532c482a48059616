import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import { countCompanies } from '../../db/queries/companies.ts';
import type { DataVersion } from '../../db/queries/data-version.ts';
import type { ResponseStore } from '../cache/response-store.ts';
import type { ScheduledBackups } from '../backup/scheduled-backups.ts';
import { createRouter } from '../http/router.ts';

const CacheStatsSchema = z
  .object({
    maxBytes: z.number().int().openapi({ description: 'The bound, ATLAS_CACHE_MB in bytes' }),
    bytes: z.number().int().openapi({ description: 'What the kept answers take now, keys and headers included' }),
    entries: z.number().int(),
    hits: z.number().int().openapi({ description: 'Answers sent from memory' }),
    misses: z.number().int().openapi({ description: 'Answers computed' }),
    shared: z.number().int().openapi({ description: 'Answers computed once for identical requests that came together, counted for each request that waited' }),
    evictions: z.number().int().openapi({ description: 'Answers dropped to stay within the bound' }),
    notKept: z.number().int().openapi({ description: 'Computed answers not kept: errors, private, too large, or of a version already replaced' }),
  })
  .openapi('CacheStats');

const BackupStatusSchema = z
  .object({
    dir: z.string().openapi({ description: 'ATLAS_BACKUP_DIR' }),
    everyMs: z.number().int().openapi({ description: 'ATLAS_BACKUP_EVERY in milliseconds' }),
    keep: z.number().int().openapi({ description: 'ATLAS_BACKUP_KEEP: how many backups are kept' }),
    last: z
      .object({ at: z.string().openapi({ description: 'When it was written (ISO 8601)' }), bytes: z.number().int(), file: z.string() })
      .nullable()
      .openapi({ description: 'The last backup written (or the newest found in the directory at start-up); null before the first' }),
    lastFailure: z
      .object({ at: z.string(), message: z.string() })
      .nullable()
      .openapi({ description: 'The last backup that failed since this process started, if one did' }),
    next: z.string().nullable().openapi({ description: 'When the next backup is due (ISO 8601)' }),
  })
  .openapi('BackupStatus');

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Service'],
  summary: 'Liveness, the database engine and the size of the registry',
  responses: {
    200: {
      description: 'The service answers',
      content: {
        'application/json': {
          schema: z
            .object({
              status: z.literal('ok'),
              engine: z.enum(['pglite', 'postgres']),
              companies: z.number().int().openapi({ description: 'Every firm of the registry, active and closed' }),
              activeCompanies: z.number().int().openapi({ description: 'The firms still active: those the map shows by default' }),
              closedCompanies: z.number().int().openapi({ description: 'The firms closed (kept for the time slider and the statistics over time)' }),
              sampleCompanies: z.number().int().openapi({ description: 'How many of them are fictitious sample firms' }),
              dataVersion: z.number().int().openapi({ description: 'Changes with every write to the registry' }),
              dataVersionSource: z.enum(['notifications', 'reads']).openapi({
                description: "How this process knows the data version: from the database's notifications, or read for each request (while it does not listen)",
              }),
              cache: CacheStatsSchema.nullable().openapi({ description: "This process's response cache; null when ATLAS_CACHE_MB is 0" }),
              backups: BackupStatusSchema.nullable().openapi({ description: 'The scheduled backups; null when ATLAS_BACKUP_DIR is not set' }),
            })
            .openapi('Health'),
        },
      },
    },
  },
});

const live = createRoute({
  method: 'get',
  path: '/live',
  tags: ['Service'],
  summary: 'Liveness only: answers without touching the database',
  responses: {
    200: { description: 'The process answers', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } },
  },
});

export function healthRoutes({ db, versions, cache, backups }: { db: Database; versions: DataVersion; cache: ResponseStore | null; backups?: ScheduledBackups | undefined }) {
  const router = createRouter();
  // The counts change only with the data version: counted once per version.
  let counted: { version: number; counts: ReturnType<typeof countCompanies> } | undefined;
  const countsAt = (version: number) => {
    if (counted?.version !== version) {
      counted = { version, counts: countCompanies(db) };
      counted.counts.catch(() => (counted = undefined));
    }
    return counted.counts;
  };
  router.openapi(live, (c) => c.json({ status: 'ok' as const }, 200));
  router.openapi(health, async (c) => {
    const dataVersion = await versions.current();
    const counts = await countsAt(dataVersion);
    return c.json(
      {
        status: 'ok' as const,
        engine: db.engine,
        companies: counts.total,
        activeCompanies: counts.active,
        closedCompanies: counts.closed,
        sampleCompanies: counts.sample,
        dataVersion,
        dataVersionSource: versions.source(),
        cache: cache?.stats() ?? null,
        backups: backups?.status() ?? null,
      },
      200,
    );
  });
  return router;
}
