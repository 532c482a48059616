import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { courmayeurSpa, chamonixGuides } from '../fixtures/companies.ts';
import { ADMIN_TOKEN, type AtlasServer } from '../support/app.ts';
import { emptyRegistry, openTestDb } from '../support/databases.ts';
import { OIDC_CLIENT, type TestOidcProvider, listenOidcProvider } from '../support/oidc-provider.ts';
import { BROWSER_TEST_TIMEOUT, recordProblems } from '../support/browser.ts';
import { serveAtlas } from './atlas-server.ts';
import { ARTIFACTS, useChromiumSession } from './chromium-session.ts';

const session = useChromiumSession();
const ADMIN = { email: 'ada@example.org', password: 'admin passphrase 2026' };
const NOTE = 'Met at the Aosta fair: wants a French distributor';

const asAdmin = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${session.server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
};

/** The browser logs a refused request that a test makes on purpose: that is its point, not a page error. */
const forgive = (status: RegExp) => session.problems.splice(0, session.problems.length, ...session.problems.filter((p) => !(/Failed to load resource/.test(p) && status.test(p))));

/** A page in a browser context of its own: its own cookie jar, as another person's browser. */
async function person(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  recordProblems(page, session.problems);
  return { context, page };
}

async function signIn(page: Page, email: string, password: string, lang = 'en') {
  await page.goto(`${session.server.url}/sign-in?lang=${lang}`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL(`${session.server.url}/`), page.click('#sign-in button[type=submit]')]);
  await page.evaluate(() => window.atlas.settled());
}

describe('people sign in', () => {
  it('an adviser receives an invitation, sets a password, sees a firm’s contact, and cannot change a firm of another country', async () => {
    await asAdmin('POST', '/api/accounts', { email: ADMIN.email, name: 'Ada Admin', role: 'admin', password: ADMIN.password });
    const italian = await asAdmin('POST', '/api/companies', { ...courmayeurSpa, name: 'Test Terme private', note: NOTE, contact: { email: 'terme@example.it', phone: null } });
    const french = await asAdmin('POST', '/api/companies', { ...chamonixGuides, name: 'Test Guides private' });

    // The admin makes the account on the Accounts page.
    const admin = await person();
    await signIn(admin.page, ADMIN.email, ADMIN.password);
    await admin.page.click('a[href^="/accounts"]');
    await admin.page.waitForSelector('#accounts tbody tr');
    await admin.page.fill('#new-account input[name=email]', 'giulia.rossi@example.org');
    await admin.page.fill('#new-account input[name=name]', 'Giulia Rossi');
    await admin.page.selectOption('#new-account select[name=role]', 'editor');
    await admin.page.check('#new-account input[value=IT]');
    await admin.page.click('#new-account button[type=submit]');
    const link = await admin.page.inputValue('#new-account-result .one-time-link');
    expect(link).toMatch(new RegExp(`^${session.server.url}/invitation#[A-Za-z0-9_-]{43}$`));
    await admin.page.waitForSelector('#accounts tr:has-text("Giulia Rossi")');
    await admin.page.screenshot({ path: `${ARTIFACTS}/accounts-page.png`, fullPage: true });

    // The adviser, in a browser of her own, opens the link.
    const adviser = await person();
    await adviser.page.goto(`${link.replace('/invitation', '/invitation?lang=it')}`);
    await adviser.page.waitForSelector('#invitation');
    expect(await adviser.page.textContent('#invitation')).toContain('Giulia Rossi');
    await adviser.page.fill('input[name=password]', 'giulia passphrase 1');
    await adviser.page.fill('input[name=password-again]', 'giulia passphrase 1');
    await Promise.all([adviser.page.waitForURL(`${session.server.url}/`), adviser.page.click('#invitation button[type=submit]')]);
    await adviser.page.evaluate(() => window.atlas.settled());
    await adviser.page.waitForSelector('#account-name');
    expect(await adviser.page.textContent('#account-name')).toBe('Giulia Rossi');

    const [cookie] = await adviser.context.cookies();
    expect(cookie).toMatchObject({ name: 'atlas_session', httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(await adviser.page.evaluate(() => document.cookie)).not.toContain('atlas_session');

    // Her firm panel shows the contact and the note.
    await adviser.page.goto(`${session.server.url}/?firm=${italian.id}&lang=en`);
    await adviser.page.evaluate(() => window.atlas.settled());
    await adviser.page.waitForSelector('.private-fields');
    const privateText = await adviser.page.textContent('.private-fields');
    expect(privateText).toContain(NOTE);
    expect(privateText).toContain('terme@example.it');
    await adviser.page.screenshot({ path: `${ARTIFACTS}/signed-in-panel.png` });

    // Writes: her country yes, another no.
    const write = (id: number) => adviser.page.evaluate(async (path) => (await fetch(path, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ employees: 7 }) })).status, `/api/companies/${id}`);
    expect(await write(italian.id)).toBe(200);
    expect(await write(french.id)).toBe(403);
    forgive(/403/);

    // A visitor's browser sees neither the note nor the contact.
    const visitor = await person();
    await visitor.page.goto(`${session.server.url}/?firm=${italian.id}&lang=en`);
    await visitor.page.evaluate(() => window.atlas.settled());
    await visitor.page.waitForSelector('#company-name');
    expect(await visitor.page.locator('.private-fields').count()).toBe(0);
    expect(await visitor.page.content()).not.toContain(NOTE);
    expect(await visitor.page.isVisible('#sign-in-link')).toBe(true);

    // The admin disables her: her next request is anonymous.
    const row = admin.page.locator('#accounts tr', { hasText: 'Giulia Rossi' });
    await row.getByRole('button', { name: 'Disable' }).click();
    await admin.page.waitForSelector('#accounts tr.disabled:has-text("Giulia Rossi")');
    await adviser.page.reload();
    await adviser.page.evaluate(() => window.atlas.settled());
    await adviser.page.waitForSelector('#sign-in-link');
    expect(await adviser.page.locator('.private-fields').count()).toBe(0);

    for (const p of [admin, adviser, visitor]) await p.context.close();
  }, BROWSER_TEST_TIMEOUT * 2);

  it('signs out: the header offers sign-in again and the old cookie opens nothing', async () => {
    const { context, page } = await person();
    await signIn(page, ADMIN.email, ADMIN.password);
    const [before] = await context.cookies();
    await Promise.all([page.waitForEvent('load'), page.click('#sign-out')]);
    await page.evaluate(() => window.atlas.settled());
    await page.waitForSelector('#sign-in-link');
    const replay = await fetch(`${session.server.url}/api/me`, { headers: { Cookie: `atlas_session=${before!.value}` } });
    expect(replay.status).toBe(401);
    await context.close();
  }, BROWSER_TEST_TIMEOUT);

  it.each([
    ['fr', 'Se connecter', 'Adresse e-mail'],
    ['it', 'Accedi', 'Indirizzo e-mail'],
    ['en', 'Sign in', 'Email'],
  ])('the sign-in page in %s, and a wrong password said in its language', async (lang, button, label) => {
    const { context, page } = await person();
    await page.goto(`${session.server.url}/sign-in?lang=${lang}`);
    expect(await page.textContent('#sign-in button[type=submit]')).toBe(button);
    expect(await page.textContent('label[for=email]')).toContain(label);
    await page.fill('input[name=email]', ADMIN.email);
    await page.fill('input[name=password]', 'not the password');
    await page.click('#sign-in button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#sign-in-error')?.textContent !== '');
    expect(await page.textContent('#sign-in-error')).not.toBe('');
    if (lang === 'en') await page.screenshot({ path: `${ARTIFACTS}/sign-in-refused.png` });
    forgive(/401/);
    await context.close();
  }, BROWSER_TEST_TIMEOUT);
});

describe('sign-in through an organisation\'s OpenID provider', () => {
  // An Atlas of its own, configured for a real OpenID provider started here.
  let db: Database;
  let provider: TestOidcProvider;
  let atlas: AtlasServer;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    await emptyRegistry(db);
    provider = await listenOidcProvider({ marta: { email: 'marta@example.ch', email_verified: true }, stranger: { email: 'nobody@example.ch', email_verified: true } });
    atlas = await serveAtlas(db, { ATLAS_OIDC_ISSUER: provider.issuer, ATLAS_OIDC_CLIENT_ID: OIDC_CLIENT.id, ATLAS_OIDC_CLIENT_SECRET: OIDC_CLIENT.secret, ATLAS_OIDC_LABEL: 'Canton ID' });
    provider.start(`${atlas.url}/api/session/oidc/callback`);
    const made = await fetch(`${atlas.url}/api/accounts`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'marta@example.ch', name: 'Marta Zen Ruffinen', role: 'editor', countries: ['CH'] }),
    });
    expect(made.status).toBe(201);
  });
  afterAll(async () => {
    await atlas?.close();
    await provider?.close();
    await db?.close();
  });

  /**
   * Clicks "Sign in with Canton ID" on the sign-in page and logs in at the provider as `login`.
   * The provider's own development login page asks for a web font and a favicon that this
   * offline machine does not have: answered empty, as they are the provider's and not the Atlas's.
   */
  async function throughProvider(page: Page, login: string, next: string) {
    await page.context().route('https://fonts.googleapis.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/css', body: '' }));
    await page.context().route(`${provider.issuer}/favicon.ico`, (route) => route.fulfill({ status: 204, body: '' }));
    await page.goto(`${atlas.url}/sign-in?lang=en&next=${encodeURIComponent(next)}`);
    expect(await page.textContent('#oidc-sign-in')).toContain('Canton ID');
    await Promise.all([page.waitForURL(`${provider.issuer}/**`), page.click('#oidc-sign-in')]);
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'any');
    await Promise.all([page.waitForURL(`${atlas.url}/**`), page.click('button[type=submit]')]);
  }

  it('signs in the adviser whose verified email the provider vouches for, on the page she asked for', async () => {
    const { context, page } = await person();
    await throughProvider(page, 'marta', '/prospecting');
    await page.waitForURL(`${atlas.url}/prospecting`);
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me).toMatchObject({ email: 'marta@example.ch', name: 'Marta Zen Ruffinen', role: 'editor', countries: ['CH'] });
    const cookie = (await context.cookies(atlas.url)).find((c) => c.name === 'atlas_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await context.close();
  }, BROWSER_TEST_TIMEOUT);

  it('brings a person the provider knows but the Atlas does not back to the sign-in page, with a message and no session', async () => {
    const { context, page } = await person();
    await throughProvider(page, 'stranger', '/');
    await page.waitForURL(`${atlas.url}/sign-in?error=oidc`);
    await page.waitForFunction(() => document.querySelector('#sign-in-error')?.textContent !== '');
    expect(await page.textContent('#sign-in-error')).toMatch(/organisation/i);
    expect(await page.isVisible('input[name=password]')).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/sign-in-oidc-refused.png` });
    expect((await context.cookies(atlas.url)).some((c) => c.name === 'atlas_session')).toBe(false);
    forgive(/401/);
    await context.close();
  }, BROWSER_TEST_TIMEOUT);
});
