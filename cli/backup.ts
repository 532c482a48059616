/**
 * `npm run backup -- FILE [--from URL]`: a backup of the whole registry to FILE (see
 * docs/operator/backups.md). From DATABASE_URL's server, or the embedded data directory; when a
 * running Atlas holds that directory, through its POST /api/admin/backup (ATLAS_TOKEN, an admin
 * token), at --from or http://localhost:PORT.
 */
import { parseArgs } from 'node:util';
import { createDb } from '../db/create-db.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { takeBackup } from '../db/backup/take-backup.ts';
import { writeBackup } from '../db/backup/write-backup.ts';
import { fetchBackup } from '../db/backup/fetch-backup.ts';
import { parseConfig } from '../server/config.ts';

const USAGE = 'Usage: npm run backup -- FILE [--from http://HOST:PORT]   (ATLAS_TOKEN: an admin token, for --from)';

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { positionals, values } = (() => {
  try {
    return parseArgs({ allowPositionals: true, options: { from: { type: 'string' } } });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
const [file] = positionals;
if (!file || positionals.length > 1) fail('Give the file to write, once');

const config = parseConfig(process.env);
const fromServer = (origin: string) => fetchBackup(origin, process.env.ATLAS_TOKEN);

async function backup(): Promise<Buffer> {
  if (values.from) return fromServer(values.from);
  try {
    const db = await createDb({ url: config.databaseUrl, dataDir: config.dataDir });
    try {
      return await takeBackup(db);
    } finally {
      await db.close();
    }
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    // The running Atlas holds the embedded database: it takes the backup itself.
    return fromServer(`http://localhost:${config.port || 8080}`);
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
