import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteDb } from '../../db/engines/pglite.ts';
import { migrationsFolder } from '../../db/migrations-folder.ts';

/** A hash of the migrations, so a cached template is rebuilt as soon as the schema changes. */
function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort()) {
    hash.update(file).update(readFileSync(join(migrationsFolder, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

/** Path of a migrated, empty embedded database (built once per schema, then reused). */
export async function preparePgliteTemplate(): Promise<string> {
  const dir = join(tmpdir(), `atlas-test-template-${migrationsHash()}`);
  if (existsSync(join(dir, 'pglite'))) return dir;
  const building = `${dir}.${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const db = await createPgliteDb(building);
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return dir;
}
