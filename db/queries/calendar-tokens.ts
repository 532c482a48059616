import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { accounts, calendarTokens } from '../schema.ts';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new private calendar token for the account, replacing its previous one; only its hash is kept. */
export async function issueCalendarToken(db: Database, accountId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.drizzle
    .insert(calendarTokens)
    .values({ accountId, hash: hashOf(token) })
    .onConflictDoUpdate({ target: calendarTokens.accountId, set: { hash: hashOf(token), createdAt: new Date() } });
  return token;
}

export async function revokeCalendarToken(db: Database, accountId: number): Promise<boolean> {
  const deleted = await db.drizzle.delete(calendarTokens).where(eq(calendarTokens.accountId, accountId)).returning();
  return deleted.length > 0;
}

/** The account a calendar token opens, if it is current and the account not disabled. */
export async function calendarTokenAccount(db: Database, token: string): Promise<{ id: number; name: string } | undefined> {
  const [row] = await db.drizzle
    .select({ id: accounts.id, name: accounts.name, disabledAt: accounts.disabledAt })
    .from(calendarTokens)
    .innerJoin(accounts, eq(accounts.id, calendarTokens.accountId))
    .where(eq(calendarTokens.hash, hashOf(token)));
  return row && row.disabledAt === null ? { id: row.id, name: row.name } : undefined;
}
