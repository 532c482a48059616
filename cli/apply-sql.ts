/**
 * `npx tsx cli/apply-sql.ts <migration name> <file of db/sql>...`, e.g.
 * `npx tsx cli/apply-sql.ts link_flows_by_kind link-flows.sql`: a new migration (a drizzle-kit
 * custom migration) whose `@apply` lines apply those files as they are now. Add to its end, after a
 * `--> statement-breakpoint`, whatever the change needs done once to the rows already there
 * (see docs/developer/migrations.md).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { journalEntries, migrationsFolder } from '../db/migrations-folder.ts';
import { applyDirective, sqlFileNames } from '../db/sql-files.ts';

const [name, ...files] = process.argv.slice(2);
const unknown = files.filter((file) => !sqlFileNames().includes(file));
if (!name || files.length === 0 || unknown.length > 0) {
  console.error(`Usage: npx tsx cli/apply-sql.ts <migration name> <file of db/sql>...${unknown.length ? ` (no db/sql/${unknown.join(', db/sql/')})` : ''}`);
  process.exit(1);
}

execFileSync('npx', ['drizzle-kit', 'generate', '--custom', `--name=${name}`], { stdio: 'inherit' });
const migration = join(migrationsFolder, `${journalEntries().at(-1)!.tag}.sql`);
writeFileSync(migration, `${files.map(applyDirective).join('\n--> statement-breakpoint\n')}\n`);
console.log(`${migration} applies db/sql/${files.join(', db/sql/')}`);
