import { asc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { importMappings } from '../schema.ts';
import type { Author } from './history.ts';

/** A named column mapping as the API shows it. */
export type SavedMapping = {
  name: string;
  mapping: Record<string, string | null>;
  savedBy: Pick<Author, 'tokenId' | 'label'>;
  savedAt: string;
};

function fromRecord(r: typeof importMappings.$inferSelect): SavedMapping {
  return {
    name: r.name,
    mapping: r.mapping,
    savedBy: { tokenId: r.savedByTokenId, label: r.savedByLabel },
    savedAt: new Date(r.updatedAt).toISOString(),
  };
}

export async function listMappings(db: Database): Promise<SavedMapping[]> {
  const records = await db.drizzle.select().from(importMappings).orderBy(asc(importMappings.name));
  return records.map(fromRecord);
}

export async function getMapping(db: Database, name: string): Promise<SavedMapping | undefined> {
  const [record] = await db.drizzle.select().from(importMappings).where(eq(importMappings.name, name));
  return record && fromRecord(record);
}

/** Saves a mapping under its name, replacing one of the same name; `created` says which it was. */
export async function saveMapping(
  db: Database,
  input: { name: string; mapping: Record<string, string | null> },
  author: Author,
): Promise<SavedMapping & { created: boolean }> {
  const values = { name: input.name, mapping: input.mapping, savedByTokenId: author.tokenId, savedByLabel: author.label };
  const [record] = await db.drizzle
    .insert(importMappings)
    .values(values)
    .onConflictDoUpdate({ target: importMappings.name, set: { ...values, updatedAt: sql`now()` } })
    // A row inserted in this statement has xmax 0; a replaced one has the updating transaction's.
    .returning({ ...getTableColumns(importMappings), created: sql<boolean>`(xmax = 0)` });
  const { created, ...rest } = record!;
  return { ...fromRecord(rest), created };
}

/** Deletes a mapping; false when there was none of that name. */
export async function deleteMapping(db: Database, name: string): Promise<boolean> {
  const deleted = await db.drizzle.delete(importMappings).where(eq(importMappings.name, name)).returning({ id: importMappings.id });
  return deleted.length > 0;
}
