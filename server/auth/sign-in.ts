import type { Database } from '../../db/database.ts';
import { accountForSignIn, normalEmail, stampSignIn } from '../../db/queries/accounts.ts';
import { type ThrottleRule, clearFailures, lockedUntil, recordFailure } from '../../db/queries/sign-in-failures.ts';
import { ApiError } from '../http/problem.ts';
import { passwordMatches } from './passwords.ts';

/** 10 wrong passwords for one email within 15 minutes lock it for 15 minutes, then 30, 60... up to a day. */
export const SIGN_IN_THROTTLE: ThrottleRule = { limit: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000, maxLockMs: 24 * 3_600_000 };

// One message for an unknown email, a wrong password and a disabled account: which one it is
// would tell a guesser which emails have accounts.
const REFUSED = 'The email or the password is not right, or the account is disabled';

export type SignedIn = { accountId: number };

/**
 * Checks an email and password. The throttle counts per email, known or not, so that a locked
 * email tells nothing either; while it is locked even the right password is refused (429).
 */
export async function checkPassword(db: Database, email: string, password: string, rule = SIGN_IN_THROTTLE): Promise<SignedIn> {
  const key = `email:${normalEmail(email)}`;
  const locked = await lockedUntil(db, key);
  if (locked) throw tooMany(locked);
  const account = await accountForSignIn(db, email);
  const matches = await passwordMatches(account?.passwordHash ?? null, password);
  if (!account || !matches || account.disabled) {
    await recordFailure(db, key, rule);
    const nowLocked = await lockedUntil(db, key);
    if (nowLocked) throw tooMany(nowLocked);
    throw new ApiError(401, REFUSED);
  }
  await clearFailures(db, key);
  await stampSignIn(db, account.id);
  return { accountId: account.id };
}

function tooMany(until: Date): ApiError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new ApiError(429, `Too many wrong passwords for this email: sign-in is refused for ${Math.ceil(seconds / 60)} minutes`, undefined, { 'Retry-After': String(seconds) });
}
