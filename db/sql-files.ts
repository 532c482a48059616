import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationMeta } from 'drizzle-orm/migrator';
import { projectPath } from '../project-root.ts';

/**
 * db/sql/: the database's functions, triggers, extensions and built-in rows, one concept per file,
 * as they are now. A migration applies a file with a line `-- @apply <file> sha256:<digest>`
 * (see docs/developer/migrations.md).
 */
export const sqlFolder = projectPath('db', 'sql');

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

/** The first 16 hex digits of a file's SHA-256: enough to tell one text of it from another. */
export function sqlFileDigest(name: string): string {
  return createHash('sha256').update(readSqlFile(name).replace(/\r\n/g, '\n')).digest('hex').slice(0, 16);
}

/** The line by which a migration applies a file of db/sql as it is now. */
export function applyDirective(name: string): string {
  return `-- @apply ${name} sha256:${sqlFileDigest(name)}`;
}

const DIRECTIVE = /^-- @apply (\S+) sha256:([0-9a-f]{16})$/;

/** The directive of a migration's statement (comment lines may precede it), if it is one. */
function directiveOf(statement: string): { file: string; digest: string } | null {
  const lines = statement.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const match = lines.every((line) => line.startsWith('--')) ? lines.map((line) => DIRECTIVE.exec(line)).find(Boolean) : null;
  return match ? { file: match[1]!, digest: match[2]! } : null;
}

/** Raised when a file of db/sql is not what the last migration that applies it says. */
export class SqlFileChangedError extends Error {
  constructor(file: string) {
    super(
      `db/sql/${file} has changed since the migration that last applies it: apply it in a new migration ` +
        `(npx tsx cli/apply-sql.ts <migration name> ${file}; see docs/developer/migrations.md)`,
    );
    this.name = 'SqlFileChangedError';
  }
}

/**
 * The migrations with each `@apply` directive replaced by its file's statements at the file's last
 * mention, and by nothing at the earlier ones. A new database thus runs each file's newest text
 * once, after every schema change that precedes the migration applying that text; a database
 * that ran the earlier mentions gets the file again from the migration that applies its new
 * text. The digest at the last mention must be the file's: a file edited without a migration
 * fails every start rather than leaving existing databases behind.
 */
export function expandSqlFiles(migrations: MigrationMeta[]): MigrationMeta[] {
  const lastMention = new Map<string, number>();
  migrations.forEach((migration, index) => {
    for (const statement of migration.sql) {
      const directive = directiveOf(statement);
      if (directive) lastMention.set(directive.file, index);
    }
  });
  return migrations.map((migration, index) => ({
    ...migration,
    sql: migration.sql.flatMap((statement) => {
      const directive = directiveOf(statement);
      if (!directive) return [statement];
      if (lastMention.get(directive.file) !== index) return [];
      if (!sqlFileNames().includes(directive.file)) throw new Error(`A migration applies db/sql/${directive.file}, which does not exist`);
      if (sqlFileDigest(directive.file) !== directive.digest) throw new SqlFileChangedError(directive.file);
      return sqlStatements(directive.file);
    }),
  }));
}
