import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../db/migrations-folder.ts';
import { createApp } from '../../server/app.ts';
import { testConfig } from '../support/app.ts';
import { testEngines, useTestDb } from '../support/databases.ts';
import { silentLogger } from '../../server/logging/logger.ts';

const silent = silentLogger();
const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
const latestTag = journal.entries.at(-1)!.tag;

describe.each(testEngines())('readiness on %s', (engine) => {
  const t = useTestDb(engine);
  const ready = (draining = false) =>
    createApp({ db: t.db, config: testConfig(), logger: silent, draining: () => draining }).request('http://localhost/api/ready');

  it('is ready when the database answers and has every migration of this release', async () => {
    const response = await ready();
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('is not ready, naming the migration, when the database lacks the latest one', async () => {
    const [latest] = await t.db.rows<{ id: number; hash: string; created_at: string }>(
      sql`SELECT id, hash, created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1`,
    );
    await t.db.rows(sql`DELETE FROM drizzle.__drizzle_migrations WHERE id = ${latest!.id}`);
    try {
      const response = await ready();
      expect(response.status).toBe(503);
      expect(response.headers.get('Content-Type')).toBe('application/problem+json');
      expect(response.headers.get('Retry-After')).toMatch(/^\d+$/);
      expect((await response.json()).detail).toContain(`lacks 1 migration(s) of this release (${latestTag})`);
    } finally {
      await t.db.rows(sql`INSERT INTO drizzle.__drizzle_migrations (id, hash, created_at) VALUES (${latest!.id}, ${latest!.hash}, ${latest!.created_at})`);
    }
  });

  it('is not ready once the process is shutting down, while liveness still answers', async () => {
    const app = createApp({ db: t.db, config: testConfig(), logger: silent, draining: () => true });
    const response = await app.request('http://localhost/api/ready');
    expect(response.status).toBe(503);
    expect((await response.json()).detail).toBe('The server is shutting down');
    expect((await app.request('http://localhost/api/live')).status).toBe(200);
  });
});
