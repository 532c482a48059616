import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { accountLinks, accounts } from '../schema.ts';

export type LinkPurpose = 'invitation' | 'reset';

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * A one-time link's secret for an account, valid for `lifetimeMs`. An account has one link at a
 * time: a new one (a reset sent again) makes the earlier ones useless.
 */
export async function createAccountLink(db: Database, accountId: number, purpose: LinkPurpose, lifetimeMs: number): Promise<{ secret: string; expiresAt: string }> {
  const secret = randomBytes(32).toString('base64url');
  const [record] = await db.drizzle.transaction(async (tx) => {
    await tx.update(accountLinks).set({ usedAt: sql`now()` }).where(and(eq(accountLinks.accountId, accountId), isNull(accountLinks.usedAt)));
    return tx
      .insert(accountLinks)
      .values({ accountId, purpose, hash: hashSecret(secret), expiresAt: sql`now() + ${`${lifetimeMs} milliseconds`}::interval` })
      .returning({ expiresAt: accountLinks.expiresAt });
  });
  return { secret, expiresAt: new Date(record!.expiresAt).toISOString() };
}

/** Who a live link is for, to greet them on its page; undefined when it is unknown, used or expired. */
export async function accountLinkOwner(db: Database, secret: string): Promise<{ accountId: number; name: string; email: string; purpose: LinkPurpose } | undefined> {
  const [row] = await db.drizzle
    .select({ accountId: accounts.id, name: accounts.name, email: accounts.email, purpose: accountLinks.purpose })
    .from(accountLinks)
    .innerJoin(accounts, eq(accounts.id, accountLinks.accountId))
    .where(and(eq(accountLinks.hash, hashSecret(secret)), isNull(accountLinks.usedAt), gt(accountLinks.expiresAt, sql`now()`), isNull(accounts.disabledAt)));
  return row;
}

/**
 * Uses a link once and sets the password it was for, in one transaction (two requests with the
 * same link cannot both pass, and a failure leaves the link usable): the account's id, or
 * undefined when the link is unknown, used, expired, or its account disabled.
 */
export async function redeemAccountLink(db: Database, secret: string, passwordHash: string): Promise<number | undefined> {
  return db.drizzle.transaction(async (tx) => {
    const [row] = await tx
      .update(accountLinks)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(accountLinks.hash, hashSecret(secret)),
          isNull(accountLinks.usedAt),
          gt(accountLinks.expiresAt, sql`now()`),
          sql`NOT EXISTS (SELECT 1 FROM ${accounts} WHERE ${accounts.id} = ${accountLinks.accountId} AND ${accounts.disabledAt} IS NOT NULL)`,
        ),
      )
      .returning({ accountId: accountLinks.accountId });
    if (!row) return undefined;
    await tx.update(accounts).set({ passwordHash, passwordChangedAt: sql`now()` }).where(eq(accounts.id, row.accountId));
    return row.accountId;
  });
}
