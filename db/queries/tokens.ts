import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { apiTokens } from '../schema.ts';
import { type Role } from '../../shared/vocabulary.ts';

/** A token as listed to admins: never the token itself, which only its creator saw once. */
export type ApiToken = {
  id: number;
  label: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** Prefixed so that a token found in a log or a repository is recognisable (and greppable). */
const PREFIX = 'atlas_';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function fromRecord(r: typeof apiTokens.$inferSelect): ApiToken {
  return { id: r.id, label: r.label, role: r.role, createdAt: iso(r.createdAt)!, lastUsedAt: iso(r.lastUsedAt), revokedAt: iso(r.revokedAt) };
}

/** Creates a token from 32 random bytes; the returned `token` is the only copy there will ever be. */
export async function createToken(db: Database, input: { label: string; role: Role }): Promise<ApiToken & { token: string }> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const [record] = await db.drizzle.insert(apiTokens).values({ label: input.label, role: input.role, hash: hashToken(token) }).returning();
  return { ...fromRecord(record!), token };
}

export async function listTokens(db: Database): Promise<ApiToken[]> {
  const records = await db.drizzle.select().from(apiTokens).orderBy(desc(apiTokens.id));
  return records.map(fromRecord);
}

/** Revokes a token at once (the next request with it is refused); false when there is no such token. */
export async function revokeToken(db: Database, id: number): Promise<ApiToken | undefined> {
  const [record] = await db.drizzle
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
    .where(eq(apiTokens.id, id))
    .returning();
  return record && fromRecord(record);
}

/**
 * The live token with this value, its last use stamped in the same statement; undefined when it
 * is unknown or revoked. Read on every request: nothing is cached, so a revocation is immediate.
 */
export async function useToken(db: Database, token: string): Promise<{ id: number; label: string; role: Role } | undefined> {
  const [record] = await db.drizzle
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.hash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, label: apiTokens.label, role: apiTokens.role });
  return record;
}
