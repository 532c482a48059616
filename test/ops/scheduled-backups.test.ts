import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBackupFile } from '../../db/backup/format.ts';
import { createApp } from '../../server/app.ts';
import { scheduleBackups } from '../../server/backup/scheduled-backups.ts';
import { createLogger } from '../../server/logging/logger.ts';
import { createMetrics } from '../../server/metrics/metrics.ts';
import { ADMIN_TOKEN, testConfig } from '../support/app.ts';
import { openSampleDb, testEngines } from '../support/databases.ts';
import { parsePrometheusText, valueOf } from '../support/prometheus-text.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe.each(testEngines())('scheduled backups on %s', (engine) => {
  it('writes one backup per run, keeps the newest ATLAS_BACKUP_KEEP, and shows the last one and a failure in /api/health, the metrics and the log', async () => {
    const db = await openSampleDb(engine);
    const root = mkdtempSync(join(tmpdir(), 'atlas-scheduled-'));
    dirs.push(root);
    const dir = join(root, 'backups');
    const config = testConfig({ ATLAS_BACKUP_DIR: dir, ATLAS_BACKUP_EVERY: '24h', ATLAS_BACKUP_KEEP: '2' });
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    const metrics = createMetrics();
    const backups = scheduleBackups({ db, schedule: config.backups!, logger, metrics: metrics.backups });
    const app = createApp({ db, config, logger, metrics, backups });
    const health = async () => (await (await app.request('http://localhost/api/health')).json()).backups;
    const scrape = async () =>
      parsePrometheusText(await (await app.request('http://localhost/api/metrics', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).text());
    try {
      expect((await health()).last).toBeNull();
      for (let n = 0; n < 3; n++) {
        await backups.runNow();
        // Names carry the time to the millisecond: two runs never share one.
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const kept = readdirSync(dir).sort();
      expect(kept).toHaveLength(2);
      const status = await health();
      expect(status).toMatchObject({ dir, everyMs: 86_400_000, keep: 2, lastFailure: null });
      expect(status.last.file).toBe(join(dir, kept[1]!));
      const newest = readFileSync(status.last.file);
      expect(status.last.bytes).toBe(newest.length);
      expect(readBackupFile(newest).header.engine).toBe(engine);
      expect(valueOf(await scrape(), 'atlas_backups_total', { outcome: 'ok' })).toBe(3);
      expect(valueOf(await scrape(), 'atlas_backup_last_size_bytes')).toBe(newest.length);

      // The directory gone, a file in its place: the next run fails, and says so everywhere.
      rmSync(dir, { recursive: true });
      writeFileSync(dir, 'not a directory');
      await backups.runNow();
      const failed = await health();
      expect(failed.lastFailure.message).toMatch(/ENOTDIR/);
      expect(failed.last.file).toBe(status.last.file);
      expect(valueOf(await scrape(), 'atlas_backups_total', { outcome: 'failed' })).toBe(1);
      const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.level === 50 && /Backup to .* failed/.test(entry.msg));
      expect(logged?.err?.message).toMatch(/ENOTDIR/);
    } finally {
      await backups.stop();
      await db.close();
    }
  }, 120_000);
});
