import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import { takeBackup } from '../../db/backup/take-backup.ts';
import { requireRole } from '../http/auth.ts';
import { createRouter, problem, writeProblems } from '../http/router.ts';
import type { Metrics } from '../metrics/metrics.ts';

const backup = createRoute({
  method: 'post',
  path: '/admin/backup',
  tags: ['Service'],
  summary: 'A backup of the whole registry, taken by this process (admins); see docs/operator/backups.md',
  description:
    'The answer is the backup file: a first line `-- atlas-backup {…}` (format, schema version, engine, time, sha256 and size of the rest), ' +
    'then the rows as SQL written by pg_dump. Sign-in sessions, invitation and reset links and failed sign-in counts are left out. ' +
    '`npm run backup` calls it when a running Atlas holds the embedded database.',
  security: [{ bearer: [] }],
  responses: {
    200: { description: 'The backup file: its header line, then SQL', content: { 'application/sql': { schema: z.string() } } },
    ...writeProblems,
    500: problem('The dump failed (the failure is logged and counted in atlas_backups_total)'),
  },
});

/** The running Atlas takes the backup: the embedded engine's directory is its alone. */
export function backupRoutes({ db, outcomes }: { db: Database; outcomes: Metrics['backups'] }) {
  const router = createRouter();
  router.use('/admin/backup', requireRole('admin'));
  router.openapi(backup, async (c) => {
    let bytes: Buffer;
    try {
      bytes = await takeBackup(db);
    } catch (error) {
      outcomes.record('failed');
      throw error;
    }
    outcomes.record('ok', { bytes: bytes.length, at: new Date() });
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', `attachment; filename="atlas-${new Date().toISOString().replaceAll(':', '-')}.sql"`);
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': 'application/sql' }) as never;
  });
  return router;
}
