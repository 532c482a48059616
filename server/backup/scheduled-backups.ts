import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../db/database.ts';
import { takeBackup } from '../../db/backup/take-backup.ts';
import { writeBackup } from '../../db/backup/write-backup.ts';
import { logError, type Logger } from '../logging/logger.ts';
import type { Metrics } from '../metrics/metrics.ts';

export type BackupSchedule = { dir: string; everyMs: number; keep: number };

/** What /api/health says of the scheduled backups. */
export type BackupStatus = {
  dir: string;
  everyMs: number;
  keep: number;
  last: { at: string; bytes: number; file: string } | null;
  lastFailure: { at: string; message: string } | null;
  next: string | null;
};

/** `atlas-2026-12-07T11-40-00.000Z.sql`: sorted by name, sorted by time. */
const NAME = /^atlas-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.sql$/;
const fileName = (at: Date) => `atlas-${at.toISOString().replaceAll(':', '-')}.sql`;

/** The backups of the directory, oldest first. */
function backupsIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => NAME.test(name)).sort();
}

/** The newest backup already in the directory (a restart keeps reporting it). */
function newestIn(dir: string): BackupStatus['last'] {
  const newest = backupsIn(dir).at(-1);
  if (!newest) return null;
  const stat = statSync(join(dir, newest));
  return { at: stat.mtime.toISOString(), bytes: stat.size, file: join(dir, newest) };
}

/** Deletes the oldest backups beyond `keep`, and what a killed run left half-written. */
function prune(dir: string, keep: number): void {
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.partial'))) rmSync(join(dir, name), { force: true });
  const all = backupsIn(dir);
  for (const name of all.slice(0, Math.max(0, all.length - keep))) rmSync(join(dir, name), { force: true });
}

/**
 * Takes a backup of `db` into `schedule.dir` every `schedule.everyMs`, keeping the newest
 * `schedule.keep`; each outcome is counted in the metrics and a failure logged.
 */
export function scheduleBackups({ db, schedule, logger, metrics }: { db: Database; schedule: BackupSchedule; logger: Logger; metrics: Metrics['backups'] }) {
  mkdirSync(schedule.dir, { recursive: true });
  let last = newestIn(schedule.dir);
  let lastFailure: BackupStatus['lastFailure'] = null;
  let next = new Date(Date.now() + schedule.everyMs);
  let running: Promise<void> | undefined;

  const takeOne = async () => {
    const at = new Date();
    const file = join(schedule.dir, fileName(at));
    try {
      const bytes = await takeBackup(db);
      writeBackup(file, bytes);
      const done = new Date();
      last = { at: done.toISOString(), bytes: bytes.length, file };
      metrics.record('ok', { bytes: bytes.length, at: done });
      logger.info({ file, bytes: bytes.length, ms: done.getTime() - at.getTime() }, 'Backup written');
      prune(schedule.dir, schedule.keep);
    } catch (error) {
      lastFailure = { at: new Date().toISOString(), message: error instanceof Error ? error.message : String(error) };
      metrics.record('failed');
      logError(logger, `Backup to ${file} failed`, error);
    }
  };
  /** One backup at a time: a run still going when the next is due is not doubled. */
  const run = () => (running ??= takeOne().finally(() => (running = undefined)));

  const timer = setInterval(() => {
    next = new Date(Date.now() + schedule.everyMs);
    void run();
  }, schedule.everyMs);
  timer.unref();

  return {
    status: (): BackupStatus => ({ ...schedule, last, lastFailure, next: next.toISOString() }),
    /** Takes one now (tests, and an operator's check); resolves once it is written or failed. */
    runNow: () => run(),
    /** Stops the schedule and waits for a backup in progress. */
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

export type ScheduledBackups = ReturnType<typeof scheduleBackups>;
