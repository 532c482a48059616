import { desc, eq } from 'drizzle-orm';
import type { Database, Drizzle } from '../database.ts';
import { companyHistory } from '../schema.ts';
import type { Company } from './companies.ts';

/**
 * Who made a write: the signed-in account's id, or the token's (null for ATLAS_ADMIN_TOKEN or the
 * command line), and the name the history shows (the account's name or the token's label).
 */
export type Author = { tokenId: number | null; accountId: number | null; label: string };

/** `link`: one of the firm's links was created, changed or deleted (`changes.link`). */
export type HistoryAction = 'create' | 'update' | 'delete' | 'import' | 'link';

/** One changed field; `before` is null for a creation, `after` null for a deletion. */
export type FieldChange = { before: unknown; after: unknown };

export type HistoryEntry = {
  id: number;
  companyId: number;
  at: string;
  action: HistoryAction;
  by: Author;
  changes: Record<string, FieldChange>;
};

// Kept by the database, not by anyone's edit: they would make every entry look different.
const UNTRACKED = new Set(['id', 'version', 'createdAt', 'updatedAt']);

/** The fields that differ between two versions of a company (compared as JSON), by name. */
export function companyChanges(before: Company | null, after: Company | null): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (UNTRACKED.has(key)) continue;
    const from = before ? (before as Record<string, unknown>)[key] ?? null : null;
    const to = after ? (after as Record<string, unknown>)[key] ?? null : null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { before: from, after: to };
  }
  return changes;
}

/** Records writes in the caller's transaction, so that a write and its record commit together. */
export async function recordHistory(
  tx: Drizzle,
  author: Author,
  entries: { companyId: number; action: HistoryAction; changes: Record<string, FieldChange> }[],
): Promise<void> {
  if (entries.length === 0) return;
  // Chunked: one statement has at most 65,535 parameters.
  for (let i = 0; i < entries.length; i += 5000) {
    await tx.insert(companyHistory).values(
      entries.slice(i, i + 5000).map((e) => ({ ...e, tokenId: author.tokenId, accountId: author.accountId, tokenLabel: author.label })),
    );
  }
}

/** A stored history row as the API gives it. */
function entryOf(r: typeof companyHistory.$inferSelect): HistoryEntry {
  return {
    id: r.id,
    companyId: r.companyId,
    at: new Date(r.at).toISOString(),
    action: r.action as HistoryAction,
    by: { tokenId: r.tokenId, accountId: r.accountId, label: r.tokenLabel },
    changes: r.changes as Record<string, FieldChange>,
  };
}

/** A company's history, newest first; empty when it never had one. */
export async function companyHistoryOf(db: Database, companyId: number): Promise<HistoryEntry[]> {
  const records = await db.drizzle
    .select()
    .from(companyHistory)
    .where(eq(companyHistory.companyId, companyId))
    .orderBy(desc(companyHistory.id));
  return records.map(entryOf);
}

/** The author of a write made on the machine itself (`npm run import`, `npm run account`). */
export const COMMAND_LINE: Author = { tokenId: null, accountId: null, label: 'command line' };

/** One entry of the history, by its id. */
export async function historyEntry(db: Database, id: number): Promise<HistoryEntry | undefined> {
  const [r] = await db.drizzle.select().from(companyHistory).where(eq(companyHistory.id, id));
  return r && entryOf(r);
}

/** The entries of a firm written after `entry`, oldest first: what "changed since" names. */
export async function laterEntries(db: Database, entry: HistoryEntry): Promise<HistoryEntry[]> {
  return (await companyHistoryOf(db, entry.companyId)).filter((later) => later.id > entry.id).reverse();
}
