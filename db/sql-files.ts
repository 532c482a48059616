import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * db/sql/: the database's functions, triggers, extensions and built-in rows, one concept per file,
 * as they are now. Migrations apply them by copying them (see db/README.md).
 */
export const sqlFolder = fileURLToPath(new URL('./sql', import.meta.url));

export function sqlFileNames(): string[] {
  return readdirSync(sqlFolder).filter((name) => name.endsWith('.sql')).sort();
}

export function readSqlFile(name: string): string {
  return readFileSync(join(sqlFolder, name), 'utf8');
}

/** The statements of a file of db/sql, split where drizzle's migrator splits a migration. */
export function sqlStatements(name: string): string[] {
  return readSqlFile(name).split('--> statement-breakpoint').filter((statement) => statement.trim() !== '');
}

/**
 * A file of db/sql as a migration applies it: its text, copied whole so that the migration stays
 * what it was when it ran, headed by a line that sends whoever reads it to the file.
 */
export function migrationCopy(name: string): string {
  const text = readSqlFile(name);
  return `-- A copy of db/sql/${name}: edit that file and apply it in a new migration (db/cli/apply-sql.ts), never this copy.\n${text.endsWith('\n') ? text : `${text}\n`}`;
}
