import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { accounts, sessions } from '../schema.ts';
import type { Country, Role } from '../../shared/vocabulary.ts';

/** How long a session lasts: without a request (`idleMs`), and at most from its sign-in (`absoluteMs`). */
export type SessionLifetimes = { idleMs: number; absoluteMs: number };

/** The signed-in person a live session belongs to. */
export type SessionAccount = { sessionId: string; accountId: number; email: string; name: string; role: Role; countries: Country[] | null };

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

// A session's last request is written at most this often: not a write on every tile.
const TOUCH_EVERY_MS = 60_000;

/** Opens a session; the returned secret (for the cookie) is the only copy, the table keeps its hash. */
export async function createSession(db: Database, accountId: number, via: 'password' | 'oidc', lifetimes: SessionLifetimes): Promise<string> {
  const secret = randomBytes(32).toString('base64url');
  await db.drizzle.transaction(async (tx) => {
    // The sessions that ended on their own go when a new one starts: the table stays the size of the live ones.
    await tx.delete(sessions).where(or(lt(sessions.expiresAt, sql`now()`), lt(sessions.lastSeenAt, sql`now() - ${`${lifetimes.idleMs} milliseconds`}::interval`)));
    await tx.insert(sessions).values({ id: hashSecret(secret), accountId, via, expiresAt: sql`now() + ${`${lifetimes.absoluteMs} milliseconds`}::interval` });
  });
  return secret;
}

/**
 * The account of a live session, read on every request (nothing cached, so a sign-out, a
 * disabled account or a changed password ends it at the next request); undefined when the
 * session is unknown, idle too long, past its absolute lifetime, older than the account's
 * password, or its account is disabled.
 */
export async function resolveSession(db: Database, secret: string, lifetimes: SessionLifetimes): Promise<SessionAccount | undefined> {
  const id = hashSecret(secret);
  const [row] = await db.drizzle
    .select({
      lastSeenAt: sessions.lastSeenAt,
      accountId: accounts.id,
      email: accounts.email,
      name: accounts.name,
      role: accounts.role,
      countries: accounts.countries,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(
      and(
        eq(sessions.id, id),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - ${`${lifetimes.idleMs} milliseconds`}::interval`),
        isNull(accounts.disabledAt),
        or(isNull(accounts.passwordChangedAt), sql`${accounts.passwordChangedAt} <= ${sessions.createdAt}`),
      ),
    );
  if (!row) return undefined;
  if (Date.now() - new Date(row.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
    await db.drizzle.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, id));
  }
  const { lastSeenAt: _, countries, ...account } = row;
  return { sessionId: id, ...account, countries: countries && countries.length > 0 ? countries : null };
}

/** Ends one session (a sign-out). */
export async function deleteSession(db: Database, secret: string): Promise<void> {
  await db.drizzle.delete(sessions).where(eq(sessions.id, hashSecret(secret)));
}

/** Ends every session of an account (disabled, reset). */
export async function deleteSessionsOf(db: Database, accountId: number): Promise<void> {
  await db.drizzle.delete(sessions).where(eq(sessions.accountId, accountId));
}
