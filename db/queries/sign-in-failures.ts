import { eq, sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { signInFailures } from '../schema.ts';

/** After `limit` wrong passwords within `windowMs`, a key is locked for `lockMs`, doubled at each further lock up to `maxLockMs`. */
export type ThrottleRule = { limit: number; windowMs: number; lockMs: number; maxLockMs: number };

const interval = (ms: number) => sql`${`${ms} milliseconds`}::interval`;

/** The end of a key's lock, when it is locked now. */
export async function lockedUntil(db: Database, key: string): Promise<Date | undefined> {
  const [row] = await db.drizzle
    .select({ until: signInFailures.lockedUntil })
    .from(signInFailures)
    .where(sql`${signInFailures.key} = ${key} AND ${signInFailures.lockedUntil} > now()`);
  return row?.until ? new Date(row.until) : undefined;
}

/**
 * Counts one wrong password in one statement (concurrent guesses all count): a new window when
 * the last one is over; at the limit, a lock twice as long as the previous one.
 */
export async function recordFailure(db: Database, key: string, rule: ThrottleRule): Promise<void> {
  const t = signInFailures;
  const fresh = sql`${t.windowStartedAt} < now() - ${interval(rule.windowMs)}`;
  const count = sql`CASE WHEN ${fresh} THEN 1 ELSE ${t.failures} + 1 END`;
  const reached = sql`${count} >= ${rule.limit}`;
  await db.drizzle
    .insert(t)
    .values({ key, failures: 1, windowStartedAt: sql`now()`, locks: 0 })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures: sql`CASE WHEN ${reached} THEN 0 ELSE ${count} END`,
        windowStartedAt: sql`CASE WHEN ${fresh} OR ${reached} THEN now() ELSE ${t.windowStartedAt} END`,
        lockedUntil: sql`CASE WHEN ${reached} THEN now() + least(${interval(rule.lockMs)} * power(2, ${t.locks}), ${interval(rule.maxLockMs)}) ELSE ${t.lockedUntil} END`,
        locks: sql`CASE WHEN ${reached} THEN ${t.locks} + 1 ELSE ${t.locks} END`,
      },
    });
}

/** Forgets a key's failures after a right password. */
export async function clearFailures(db: Database, key: string): Promise<void> {
  await db.drizzle.delete(signInFailures).where(eq(signInFailures.key, key));
}
