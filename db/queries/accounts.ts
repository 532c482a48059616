import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { accounts } from '../schema.ts';
import type { Country, Role } from '../../shared/vocabulary.ts';

/** An account as admins see it: never its password hash. */
export type Account = {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** The countries an editor may write firms of; null when not scoped. */
  countries: Country[] | null;
  createdAt: string;
  lastSignInAt: string | null;
  disabled: boolean;
  /** Whether a password was ever chosen (an invited person who has not yet used the link: false). */
  hasPassword: boolean;
};

export type AccountInput = { email: string; name: string; role: Role; countries: Country[] | null; passwordHash: string | null };

export type AccountChange = Partial<{ name: string; role: Role; countries: Country[] | null; disabled: boolean }>;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** One address, one account, however it is typed. */
export const normalEmail = (email: string) => email.trim().toLowerCase();

function fromRecord(r: typeof accounts.$inferSelect): Account {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    countries: r.countries && r.countries.length > 0 ? r.countries : null,
    createdAt: iso(r.createdAt)!,
    lastSignInAt: iso(r.lastSignInAt),
    disabled: r.disabledAt !== null,
    hasPassword: r.passwordHash !== null,
  };
}

/** Raised when the email is another account's. */
export class EmailTakenError extends Error {
  override name = 'EmailTakenError';
}

export async function createAccount(db: Database, input: AccountInput): Promise<Account> {
  const [record] = await db.drizzle
    .insert(accounts)
    .values({ ...input, email: normalEmail(input.email), passwordChangedAt: input.passwordHash ? sql`now()` : null })
    .onConflictDoNothing({ target: accounts.email })
    .returning();
  if (!record) throw new EmailTakenError(`${normalEmail(input.email)} already has an account`);
  return fromRecord(record);
}

export async function listAccounts(db: Database): Promise<Account[]> {
  return (await db.drizzle.select().from(accounts).orderBy(asc(accounts.name), asc(accounts.id))).map(fromRecord);
}

export async function getAccount(db: Database, id: number): Promise<Account | undefined> {
  const [record] = await db.drizzle.select().from(accounts).where(eq(accounts.id, id));
  return record && fromRecord(record);
}

/** The account of an email with its password hash, for signing in; undefined when there is none. */
export async function accountForSignIn(db: Database, email: string): Promise<(Account & { passwordHash: string | null }) | undefined> {
  const [record] = await db.drizzle.select().from(accounts).where(eq(accounts.email, normalEmail(email)));
  return record && { ...fromRecord(record), passwordHash: record.passwordHash };
}

/** Changes an account; disabling it ends its sessions at their next request (sessions.ts checks it). */
export async function updateAccount(db: Database, id: number, change: AccountChange): Promise<Account | undefined> {
  const { disabled, ...fields } = change;
  const set = {
    ...fields,
    ...(disabled === undefined ? {} : { disabledAt: disabled ? sql`coalesce(${accounts.disabledAt}, now())` : null }),
  };
  if (Object.keys(set).length === 0) return getAccount(db, id);
  const [record] = await db.drizzle.update(accounts).set(set).where(eq(accounts.id, id)).returning();
  return record && fromRecord(record);
}

/** Sets a new password hash; every session opened before now ends. */
export async function setPasswordHash(db: Database, id: number, passwordHash: string): Promise<void> {
  await db.drizzle.update(accounts).set({ passwordHash, passwordChangedAt: sql`now()` }).where(eq(accounts.id, id));
}

export async function stampSignIn(db: Database, id: number): Promise<void> {
  await db.drizzle.update(accounts).set({ lastSignInAt: sql`now()` }).where(eq(accounts.id, id));
}
