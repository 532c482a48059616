/**
 * `npm run backup -- FILE [--from URL]`: a backup of the whole registry to FILE (see
 * docs/operator/backups.md). From DATABASE_URL's server, or the embedded data directory; when a
 * running Atlas holds that directory, through its POST /api/admin/backup (ATLAS_TOKEN, an admin
 * token), at --from or http://localhost:PORT.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createPgliteDb } from '../db/engines/pglite.ts';
import { createPostgresDb } from '../db/engines/postgres.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { takeBackup } from '../db/backup/take-backup.ts';
import { writeBackup } from '../db/backup/write-backup.ts';
import { fetchBackup } from '../db/backup/fetch-backup.ts';
import { parseConfig } from '../server/config.ts';
import { fileAndOptions, usageError } from './file-argument.ts';

const USAGE = 'Usage: npm run backup -- FILE [--from http://HOST:PORT]   (ATLAS_TOKEN or ATLAS_ADMIN_TOKEN: an admin token, for a running Atlas)';

const fail = (message: string): never => usageError(message, USAGE);
const { file, values } = fileAndOptions({ from: { type: 'string' } }, { usage: USAGE, missing: 'Give the file to write, once' });

const config = parseConfig(process.env);
const fromServer = (origin: string) => fetchBackup(origin, process.env.ATLAS_TOKEN || config.adminToken);

async function backup(): Promise<Buffer> {
  if (values.from) return fromServer(values.from);
  // Opening a missing directory would create an empty database, and back that up.
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'pglite'))) throw new Error(`${config.dataDir} holds no embedded database (set ATLAS_DATA_DIR, or DATABASE_URL for a server)`);
  try {
    // As it is: a backup taken before an upgrade must hold the data as the old version left it.
    const db = config.databaseUrl ? await createPostgresDb(config.databaseUrl, 1, { migrate: false }) : await createPgliteDb(config.dataDir, { migrate: false });
    try {
      return await takeBackup(db);
    } finally {
      await db.close();
    }
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    // The running Atlas holds the embedded database: it takes the backup itself.
    return fromServer(`http://localhost:${config.port}`);
  }
}

try {
  const bytes = await backup();
  writeBackup(file, bytes);
  console.log(`Backup written to ${file} (${bytes.length} bytes)`);
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exit(1);
}
