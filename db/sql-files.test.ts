import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testEngines, useTestDb } from '../test/support/databases.ts';
import type { Database } from './database.ts';
import { readSqlFile, sqlFileNames, sqlStatements } from './sql-files.ts';

/** The functions (not the extensions' own), triggers and extensions the database holds, by name. */
async function objectNames(db: Database): Promise<string[]> {
  const rows = await db.rows<{ name: string }>(sql`
    SELECT 'function ' || proname AS name FROM pg_proc p
    WHERE pronamespace = 'public'::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    UNION ALL SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'`);
  return rows.map((row) => row.name).sort();
}

/** The same, as the files of db/sql create them. */
function namesInFiles(): string[] {
  const created = /CREATE (?:OR REPLACE )?(FUNCTION|TRIGGER|EXTENSION IF NOT EXISTS) (\w+)/g;
  const names = sqlFileNames().flatMap((file) => [...readSqlFile(file).matchAll(created)].map(([, kind, name]) => `${kind!.split(' ')[0]!.toLowerCase()} ${name}`));
  return names.sort();
}

/**
 * What the files define, as the database holds it: each function's and trigger's definition as
 * PostgreSQL gives it back, and each territory (the built-in ones, in a test database) without its
 * timestamps.
 */
async function definitions(db: Database): Promise<Record<string, string>> {
  const rows = await db.rows<{ name: string; definition: string }>(sql`
    SELECT 'function ' || proname AS name, pg_get_functiondef(p.oid) AS definition FROM pg_proc p
    WHERE pronamespace = 'public'::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    UNION ALL SELECT 'trigger ' || tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL SELECT 'territory ' || id, row(kind, basis, name, names, short_names, country, official_code, members,
      md5(ST_AsEWKB(geometry)), ST_AsEWKT(label_point), source, licence)::text FROM territories
    UNION ALL SELECT 'data_version row', count(*)::text FROM data_version`);
  return Object.fromEntries(rows.map((row) => [row.name, row.definition]));
}

// Migrations apply the files of db/sql by their `@apply` lines: these tests fail when a migration
// changed what a file defines without the file, or a file creates what no migration applies
// (see docs/developer/migrations.md).
describe.each(testEngines())('db/sql on %s', (engine) => {
  const t = useTestDb(engine);

  it('creates every function, trigger and extension of the migrated database, and nothing else', async () => {
    expect(namesInFiles(), 'db/sql and the migrations create different objects (see db/README.md)').toEqual(await objectNames(t.db));
  });

  it('is what the migrated database holds: applying every file again changes nothing', async () => {
    const migrated = await definitions(t.db);
    for (const file of sqlFileNames()) {
      for (const statement of sqlStatements(file)) await t.db.rows(sql.raw(statement));
    }
    expect(await definitions(t.db), 'a file of db/sql differs from what the migrations applied: apply it in a new migration (see db/README.md)').toEqual(migrated);
  });
});
