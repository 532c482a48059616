import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../project-root.ts';

export const migrationsFolder = projectPath('db', 'migrations');

/** A migration as drizzle-kit's journal lists it: drizzle records `when` as its `created_at` once applied. */
export type JournalEntry = { tag: string; when: number };

/** This release's migrations, in the order they apply. */
export function journalEntries(): JournalEntry[] {
  return (JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] }).entries;
}
