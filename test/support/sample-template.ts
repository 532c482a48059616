import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { createPgliteDb } from '../../db/engines/pglite.ts';
import { createPostgresDb } from '../../db/engines/postgres.ts';
import { seedRegistry } from '../../db/seed/seed.ts';
import { databaseUrl, templateName } from './postgres-template.ts';

/**
 * The sample registry's template on the test server: the migrated template's name with `_sample`,
 * so it follows the configured database as the empty one does.
 */
export function sampleTemplateName(serverUrl: string): string {
  return templateName(serverUrl).replace(/_template$/, '_sample_template');
}

/**
 * A copy of the migrated embedded template with the sample registry seeded, made once per run (the
 * seed's code may change between runs, the migrations' hash would not say so); the caller removes it.
 */
export async function preparePgliteSampleTemplate(emptyTemplate: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-test-sample-'));
  cpSync(emptyTemplate, dir, { recursive: true });
  const db = await createPgliteDb(dir);
  try {
    await seedRegistry(db);
  } finally {
    await db.close();
  }
  return dir;
}

/** The same on the test server: a database made from the migrated template, seeded, then used as a template. */
export async function preparePostgresSampleTemplate(serverUrl: string): Promise<void> {
  const name = sampleTemplateName(serverUrl);
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${templateName(serverUrl)}`);
  } finally {
    await admin.end();
  }
  const db = await createPostgresDb(databaseUrl(serverUrl, name), 1);
  try {
    await seedRegistry(db);
  } finally {
    await db.close();
  }
}

export function removePgliteSampleTemplate(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
