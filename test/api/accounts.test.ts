import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { ADMIN_TOKEN, testClient, type TestClient } from '../support/app.ts';
import { browserOn } from '../support/browser-session.ts';
import { openTestDb, testEngines } from '../support/databases.ts';
import { courmayeurSpa } from '../fixtures/companies.ts';

const PASSWORD = 'a long enough passphrase';
const secretOf = (url: string) => new URL(url).hash.slice(1);

describe.each(testEngines())('accounts on %s', (engine) => {
  let db: Database;
  let client: TestClient;
  let admin: ReturnType<typeof browserOn>;
  let adminId: number;

  beforeAll(async () => {
    db = await openTestDb(engine);
    client = testClient(db);
    adminId = (await client.post('/api/accounts', { email: 'Ada@Example.org', name: 'Ada Admin', role: 'admin', password: PASSWORD })).body.account.id;
    admin = browserOn(client.app);
    expect((await admin.signIn('ada@example.org', PASSWORD)).status).toBe(200);
  });
  afterAll(() => db?.close());

  const invite = async (body: Record<string, unknown>) => {
    const created = await admin.post('/api/accounts', body);
    expect(created.status).toBe(201);
    return created.body as { account: { id: number }; invitation: { url: string; expiresAt: string } | null };
  };

  it('creates an account with a password that signs in at once, its email lower-cased', async () => {
    const { account, invitation } = await invite({ email: ' Marc.Dupont@Example.org ', name: 'Marc Dupont', role: 'member', password: PASSWORD });
    expect(invitation).toBeNull();
    expect(account).toMatchObject({ email: 'marc.dupont@example.org', role: 'member', countries: null, hasPassword: true, disabled: false });
    const marc = browserOn(client.app);
    expect((await marc.signIn('MARC.DUPONT@example.org', PASSWORD)).body).toMatchObject({ email: 'marc.dupont@example.org', name: 'Marc Dupont', role: 'member' });
    expect((await marc.get('/api/me')).body).toEqual({ id: account.id, email: 'marc.dupont@example.org', name: 'Marc Dupont', role: 'member', countries: null });
    const listed = (await admin.get('/api/accounts')).body.accounts.find((a: { id: number }) => a.id === account.id);
    expect(listed.lastSignInAt).not.toBeNull();
  });

  it('invites without a password: the one-time link sets it, signs in, and works once', async () => {
    const { account, invitation } = await invite({ email: 'giulia@example.org', name: 'Giulia Rossi', role: 'editor', countries: ['IT'] });
    expect(invitation!.url).toMatch(/^http:\/\/localhost\/invitation#[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(invitation!.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    const giulia = browserOn(client.app);
    expect((await giulia.signIn('giulia@example.org', PASSWORD)).status).toBe(401);
    const token = secretOf(invitation!.url);
    expect((await giulia.get(`/api/invitation?token=${token}`)).body).toEqual({ name: 'Giulia Rossi', email: 'giulia@example.org', purpose: 'invitation' });
    const accepted = await giulia.post('/api/invitation', { token, password: PASSWORD });
    expect(accepted.status).toBe(200);
    expect((await giulia.get('/api/me')).body).toMatchObject({ id: account.id, countries: ['IT'] });
    const again = await browserOn(client.app).post('/api/invitation', { token, password: 'another passphrase!' });
    expect(again.status).toBe(410);
    expect((await giulia.get(`/api/invitation?token=${token}`)).status).toBe(410);
    expect((await browserOn(client.app).signIn('giulia@example.org', 'another passphrase!')).status).toBe(401);
  });

  it('refuses an expired invitation, and a link replaced by a newer one', async () => {
    const { account, invitation } = await invite({ email: 'late@example.org', name: 'Late Comer', role: 'member' });
    const reset = await admin.post(`/api/accounts/${account.id}/reset`);
    expect(reset.status).toBe(201);
    const anyone = browserOn(client.app);
    expect((await anyone.post('/api/invitation', { token: secretOf(invitation!.url), password: PASSWORD })).status).toBe(410);
    await db.drizzle.execute(sql`UPDATE account_links SET expires_at = now() - interval '1 second' WHERE account_id = ${account.id}`);
    const expired = await anyone.post('/api/invitation', { token: secretOf(reset.body.url), password: PASSWORD });
    expect(expired.status).toBe(410);
    expect(expired.body.detail).toMatch(/expired/);
  });

  it('a reset link sets a new password and ends the sessions opened with the old one', async () => {
    const { account } = await invite({ email: 'forgetful@example.org', name: 'Forgetful', role: 'member', password: PASSWORD });
    const before = browserOn(client.app);
    await before.signIn('forgetful@example.org', PASSWORD);
    expect((await before.get('/api/me')).status).toBe(200);
    const link = (await admin.post(`/api/accounts/${account.id}/reset`)).body.url;
    expect((await before.get('/api/me')).status).toBe(200);
    const after = browserOn(client.app);
    expect((await after.post('/api/invitation', { token: secretOf(link), password: 'a brand new passphrase' })).status).toBe(200);
    expect((await before.get('/api/me')).status).toBe(401);
    expect((await after.get('/api/me')).status).toBe(200);
    expect((await browserOn(client.app).signIn('forgetful@example.org', PASSWORD)).status).toBe(401);
  });

  it('disabling ends the sessions at the next request; re-enabling lets the person sign in again', async () => {
    const { account } = await invite({ email: 'leaving@example.org', name: 'Leaving', role: 'editor', password: PASSWORD });
    const leaving = browserOn(client.app);
    await leaving.signIn('leaving@example.org', PASSWORD);
    expect((await admin.patch(`/api/accounts/${account.id}`, { disabled: true })).body.disabled).toBe(true);
    expect((await leaving.get('/api/me')).status).toBe(401);
    const refused = await browserOn(client.app).signIn('leaving@example.org', PASSWORD);
    expect(refused.status).toBe(401);
    expect((await admin.patch(`/api/accounts/${account.id}`, { disabled: false })).body.disabled).toBe(false);
    expect((await browserOn(client.app).signIn('leaving@example.org', PASSWORD)).status).toBe(200);
  });

  it('changes a role and a scope; an admin is never scoped', async () => {
    const { account } = await invite({ email: 'swiss@example.org', name: 'Swiss Adviser', role: 'editor', countries: ['CH'], password: PASSWORD });
    expect((await admin.patch(`/api/accounts/${account.id}`, { countries: ['CH', 'IT'] })).body.countries).toEqual(['CH', 'IT']);
    expect((await admin.patch(`/api/accounts/${account.id}`, { countries: null })).body.countries).toBeNull();
    expect((await admin.patch(`/api/accounts/${account.id}`, { role: 'member' })).body.role).toBe('member');
    const promoted = await admin.patch(`/api/accounts/${account.id}`, { role: 'admin', countries: ['CH'] });
    expect(promoted.body).toMatchObject({ role: 'admin', countries: null });
  });

  it.each([
    ['disabled', { disabled: true }],
    ['role', { role: 'editor' }],
  ])('refuses an admin taking away their own access (%s)', async (field, change) => {
    const answer = await admin.patch(`/api/accounts/${adminId}`, change);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].field).toBe(field);
  });

  it.each([
    ['email', { name: 'No Email', role: 'member' }],
    ['email', { email: 'not-an-email', name: 'X', role: 'member' }],
    ['name', { email: 'x1@example.org', name: '   ', role: 'member' }],
    ['role', { email: 'x2@example.org', name: 'X', role: 'owner' }],
    ['countries.0', { email: 'x3@example.org', name: 'X', role: 'editor', countries: ['DE'] }],
    ['countries', { email: 'x4@example.org', name: 'X', role: 'editor', countries: [] }],
    ['countries', { email: 'x5@example.org', name: 'X', role: 'editor', countries: ['IT', 'IT'] }],
    ['password', { email: 'x6@example.org', name: 'X', role: 'member', password: 'short' }],
    ['isAdmin', { email: 'x7@example.org', name: 'X', role: 'member', isAdmin: true }],
  ])('refuses a new account with a bad %s, naming it, and creates nothing', async (field, body) => {
    const before = (await admin.get('/api/accounts')).body.accounts.length;
    const answer = await admin.post('/api/accounts', body);
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await admin.get('/api/accounts')).body.accounts).toHaveLength(before);
  });

  it('refuses a second account for one email (409 naming email)', async () => {
    const answer = await admin.post('/api/accounts', { email: 'ADA@example.org', name: 'Ada Again', role: 'member' });
    expect(answer.status).toBe(409);
    expect(answer.body.errors[0].field).toBe('email');
  });

  it.each([
    ['a password of the wrong length', { token: 'x', password: 'short' }, 'password'],
    ['no token', { password: PASSWORD }, 'token'],
  ])('refuses an invitation answer with %s (400)', async (_, body, field) => {
    const answer = await browserOn(client.app).post('/api/invitation', body);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].field).toBe(field);
  });

  it('keeps only an argon2id hash of a password, and never answers with it', async () => {
    const rows = await db.rows<{ password_hash: string }>(sql`SELECT password_hash FROM accounts WHERE id = ${adminId}`);
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const answers = [await admin.get('/api/accounts'), await admin.get(`/api/accounts/${adminId}`), await admin.get('/api/me')];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.body)).not.toMatch(/argon2|password_?hash|a long enough passphrase/i);
    }
  });

  it.each([
    ['anonymous', null, 401],
    ['a member', 'member', 403],
    ['an editor', 'editor', 403],
  ] as const)('refuses the accounts to %s', async (_, role, status) => {
    const visitor = browserOn(client.app);
    if (role) {
      await invite({ email: `${role}-visitor@example.org`, name: `A ${role}`, role, password: PASSWORD });
      expect((await visitor.signIn(`${role}-visitor@example.org`, PASSWORD)).status).toBe(200);
    }
    expect((await visitor.get('/api/accounts')).status).toBe(status);
    expect((await visitor.post('/api/accounts', { email: `made-by-${role}@example.org`, name: 'X', role: 'admin' })).status).toBe(status);
  });

  it("records the account's id and name in the history of every write", async () => {
    const { account } = await invite({ email: 'historian@example.org', name: 'Héloïse Historian', role: 'editor', password: PASSWORD });
    const editor = browserOn(client.app);
    await editor.signIn('historian@example.org', PASSWORD);
    const id = (await editor.post('/api/companies', courmayeurSpa)).body.id;
    await editor.patch(`/api/companies/${id}`, { employees: 9 });
    const entries = (await editor.get(`/api/companies/${id}/history`)).body.entries;
    expect(entries).toHaveLength(2);
    for (const entry of entries) expect(entry.by).toEqual({ tokenId: null, accountId: account.id, label: 'Héloïse Historian' });
  });

  it('admin API tokens still manage accounts, for scripts', async () => {
    const answer = await client.get('/api/accounts', ADMIN_TOKEN);
    expect(answer.status).toBe(200);
    expect(answer.body.accounts.length).toBeGreaterThan(0);
  });
});
