import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import { takeBackup } from '../../db/backup/take-backup.ts';
import { requireRole } from '../http/auth.ts';
import { createRouter, writeProblems } from '../http/router.ts';

const backup = createRoute({
  method: 'post',
  path: '/admin/backup',
  tags: ['Service'],
  summary: 'A backup of the whole registry, taken by this process (admins); see docs/operator/backups.md',
  security: [{ bearer: [] }],
  responses: {
    200: { description: 'The backup file: its header line, then SQL', content: { 'application/sql': { schema: z.string() } } },
    ...writeProblems,
  },
});

/** The running Atlas takes the backup: the embedded engine's directory is its alone. */
export function backupRoutes({ db }: { db: Database }) {
  const router = createRouter();
  router.use('/admin/backup', requireRole('admin'));
  router.openapi(backup, async (c) => {
    const bytes = await takeBackup(db);
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', `attachment; filename="atlas-${new Date().toISOString().replaceAll(':', '-')}.sql"`);
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': 'application/sql' }) as never;
  });
  return router;
}
