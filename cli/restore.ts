/**
 * `npm run restore -- FILE [--replace]`: restores a backup into the empty embedded data
 * directory (ATLAS_DATA_DIR) or the empty database at DATABASE_URL (see docs/operator/backups.md).
 */
import { readFileSync } from 'node:fs';
import { restoreBackup } from '../db/backup/restore.ts';
import { parseConfig } from '../server/config.ts';
import { fileAndOptions } from './file-argument.ts';

const USAGE = 'Usage: npm run restore -- FILE [--replace]   (into DATABASE_URL, or ATLAS_DATA_DIR)';

const { file, values } = fileAndOptions({ replace: { type: 'boolean', default: false } }, { usage: USAGE, missing: 'Give the backup file, once' });

const config = parseConfig(process.env);
const target = config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir };
try {
  const { schema } = await restoreBackup(readFileSync(file), target, { replace: values.replace });
  console.log(`Restored ${file} (schema ${schema}) into ${config.databaseUrl ? 'the database at DATABASE_URL' : config.dataDir}`);
} catch (error) {
  console.error(`Restore failed: ${(error as Error).message}`);
  process.exit(1);
}
