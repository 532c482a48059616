import type { MigrationMeta } from 'drizzle-orm/migrator';
import { describe, expect, it } from 'vitest';
import { SqlFileChangedError, applyDirective, expandSqlFiles, sqlStatements } from './sql-files.ts';

const migration = (...sql: string[]): MigrationMeta => ({ sql, folderMillis: 0, hash: '', bps: true });
const statementsOf = (migrations: MigrationMeta[]) => migrations.map((m) => m.sql);

describe('expandSqlFiles', () => {
  it('applies a file where the only migration that mentions it does, between its other statements', () => {
    const [expanded] = expandSqlFiles([migration('CREATE TABLE a ();', applyDirective('fold.sql'), 'CREATE TABLE b ();')]);
    expect(sqlStatements('fold.sql').length).toBeGreaterThan(0);
    expect(expanded!.sql).toEqual(['CREATE TABLE a ();', ...sqlStatements('fold.sql'), 'CREATE TABLE b ();']);
  });

  it('applies a file mentioned by several migrations at the last of them only', () => {
    const expanded = expandSqlFiles([migration(applyDirective('link-curve.sql')), migration('ALTER TABLE links ADD x int;', applyDirective('link-curve.sql'))]);
    expect(statementsOf(expanded)).toEqual([[], ['ALTER TABLE links ADD x int;', ...sqlStatements('link-curve.sql')]]);
  });

  it('reads a directive after comment lines, and leaves other statements as they are', () => {
    const [expanded] = expandSqlFiles([migration(`-- Why the file is applied here.\n${applyDirective('fold.sql')}\n`, '-- a comment\nSELECT 1;')]);
    expect(expanded!.sql).toEqual([...sqlStatements('fold.sql'), '-- a comment\nSELECT 1;']);
  });

  it('refuses a file changed since the migration that last applies it', () => {
    const stale = migration('-- @apply fold.sql sha256:0000000000000000');
    expect(() => expandSqlFiles([stale])).toThrow(SqlFileChangedError);
    expect(() => expandSqlFiles([stale])).toThrow(/db\/sql\/fold\.sql has changed .*cli\/apply-sql\.ts <migration name> fold\.sql; see docs\/developer\/migrations\.md/);
  });

  it('takes no account of an outdated digest at a mention that a later one replaces', () => {
    const expanded = expandSqlFiles([migration('-- @apply fold.sql sha256:0000000000000000'), migration(applyDirective('fold.sql'))]);
    expect(statementsOf(expanded)).toEqual([[], sqlStatements('fold.sql')]);
  });

  it('refuses a directive naming no file of db/sql', () => {
    expect(() => expandSqlFiles([migration('-- @apply missing.sql sha256:0000000000000000')])).toThrow(/db\/sql\/missing\.sql, which does not exist/);
  });
});
