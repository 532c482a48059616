import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chamonixGuides, courmayeurSpa } from '../fixtures/companies.ts';
import { ADMIN_TOKEN } from '../support/app.ts';
import { BROWSER_TEST_TIMEOUT, recordProblems } from '../support/browser.ts';
import { ARTIFACTS, useChromiumSession } from './chromium-session.ts';

const session = useChromiumSession();
const EDITOR = { email: 'eve.editor@example.org', password: 'editor passphrase 2026', name: 'Eve Editor' };

const asAdmin = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${session.server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
};

/** The browser logs a refused request that a test makes on purpose: that is its point, not a page error. */
const forgive = (status: RegExp) => session.problems.splice(0, session.problems.length, ...session.problems.filter((p) => !(/Failed to load resource/.test(p) && status.test(p))));

let editorReady: Promise<unknown> | null = null;
const ensureEditor = () => (editorReady ??= asAdmin('POST', '/api/accounts', { email: EDITOR.email, name: EDITOR.name, role: 'editor', countries: ['FR'], password: EDITOR.password }));

/** The editor signed in, in a browser of their own, on the firm's panel. */
async function editorOn(firm: number): Promise<{ context: BrowserContext; page: Page }> {
  await ensureEditor();
  const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  recordProblems(page, session.problems);
  await page.goto(`${session.server.url}/sign-in?lang=en`);
  await page.fill('input[name=email]', EDITOR.email);
  await page.fill('input[name=password]', EDITOR.password);
  await Promise.all([page.waitForURL(`${session.server.url}/`), page.click('#sign-in button[type=submit]')]);
  await page.goto(`${session.server.url}/?lang=en&firm=${firm}`);
  await page.evaluate(() => window.atlas.ready);
  await page.waitForSelector('.firm-actions button.edit');
  return { context, page };
}

const firm = async (id: number) => (await asAdmin('GET', `/api/companies/${id}`)).body;

describe('an editor keeps a firm current from its panel', () => {
  it('edits, sees a refused field next to the field, fixes it and saves; the history names them', async () => {
    const created = await asAdmin('POST', '/api/companies', { ...chamonixGuides, name: 'Test Edit Guides', officialId: null });
    expect(created.status).toBe(201);
    const { context, page } = await editorOn(created.body.id);
    try {
      await page.click('.firm-actions button.edit');
      await page.waitForSelector('form.company-edit');
      expect(await page.textContent('label[for="edit-name"]')).toBe('Name');
      await page.fill('form.company-edit input[name=name]', 'Test Edit Guides et Cimes');
      await page.fill('form.company-edit input[name=website]', 'not a web address');
      await page.click('form.company-edit button[type=submit]');
      await page.waitForSelector('[data-field=website] .field-error');
      forgive(/400/);
      expect(await page.textContent('[data-field=website] .field-error')).toMatch(/http/);
      expect(await page.getAttribute('form.company-edit input[name=website]', 'aria-invalid')).toBe('true');
      // Nothing was written by the refused save.
      expect((await firm(created.body.id)).properties.name).toBe('Test Edit Guides');
      await page.screenshot({ path: `${ARTIFACTS}/edit-firm-400.png` });

      await page.fill('form.company-edit input[name=website]', 'https://cimes.example.org');
      await page.selectOption('form.company-edit select[name=headcount]', 'band');
      await page.fill('form.company-edit input[name="employeesRange.min"]', '10');
      await page.fill('form.company-edit input[name="employeesRange.max"]', '19');
      await page.click('form.company-edit button[type=submit]');
      await page.waitForSelector('#company-name:has-text("Test Edit Guides et Cimes")');
      const saved = await firm(created.body.id);
      expect(saved.properties).toMatchObject({ name: 'Test Edit Guides et Cimes', website: 'https://cimes.example.org', employees: null, employeesRange: { min: 10, max: 19 } });
      // What was not touched stays as it was.
      expect(saved.properties.description).toEqual({ fr: 'Guides de haute montagne', it: null, en: 'Mountain guides' });

      await page.click('.firm-history summary');
      await page.waitForSelector('.firm-history li[data-entry]');
      const history = await page.textContent('.firm-history');
      expect(history).toContain(EDITOR.name);
      expect(history).toContain('Test Edit Guides et Cimes');
      await page.screenshot({ path: `${ARTIFACTS}/edit-firm-saved.png` });
    } finally {
      await context.close();
    }
  }, BROWSER_TEST_TIMEOUT);

  it('cancels without writing, places the firm by a click on the map, and closes it on a date', async () => {
    const created = await asAdmin('POST', '/api/companies', { ...chamonixGuides, name: 'Test Edit Moved', officialId: null });
    const { context, page } = await editorOn(created.body.id);
    try {
      const before = await firm(created.body.id);
      await page.click('.firm-actions button.edit');
      await page.fill('form.company-edit input[name=name]', 'Typed then cancelled');
      await page.click('form.company-edit .edit-actions button[type=button]');
      await page.waitForSelector('.firm-actions button.edit');
      expect(await firm(created.body.id)).toEqual(before);

      await page.click('.firm-actions button.edit');
      const lonBefore = await page.inputValue('form.company-edit input[name="location.lon"]');
      await page.click('form.company-edit button.place');
      const box = (await page.locator('#map canvas').boundingBox())!;
      // A spot left of the middle: the map is centred on the firm.
      await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.5);
      await page.waitForFunction((lon) => (document.querySelector('input[name="location.lon"]') as HTMLInputElement).value !== lon, lonBefore);
      // The click placed the firm: it opened no other panel.
      expect(await page.isVisible('form.company-edit')).toBe(true);
      await page.click('form.company-edit button[type=submit]');
      await page.waitForSelector('.firm-actions button.edit');
      const moved = await firm(created.body.id);
      expect(moved.geometry.coordinates[0]).toBeLessThan(before.geometry.coordinates[0]);

      await page.click('.firm-actions .close-firm-open');
      await page.fill('.close-firm input[name=closingDate]', '2026-06-30');
      await page.click('.close-firm button[type=submit]');
      await page.waitForSelector('.closed-tag');
      expect((await firm(created.body.id)).properties).toMatchObject({ status: 'closed', closedOn: '2026-06-30' });
      await page.click('.firm-actions button.reopen');
      await page.waitForSelector('.firm-actions .close-firm-open');
      expect((await firm(created.body.id)).properties).toMatchObject({ status: 'active', closedOn: null });
    } finally {
      await context.close();
    }
  }, BROWSER_TEST_TIMEOUT);

  it('an editor of France gets no Edit button on an Italian firm, and says why', async () => {
    const italian = await asAdmin('POST', '/api/companies', { ...courmayeurSpa, name: 'Test Edit Terme' });
    await ensureEditor();
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    recordProblems(page, session.problems);
    try {
      await page.goto(`${session.server.url}/sign-in?lang=en`);
      await page.fill('input[name=email]', EDITOR.email);
      await page.fill('input[name=password]', EDITOR.password);
      await Promise.all([page.waitForURL(`${session.server.url}/`), page.click('#sign-in button[type=submit]')]);
      await page.goto(`${session.server.url}/?lang=en&firm=${italian.body.id}`);
      await page.waitForSelector('.edit-scope');
      expect(await page.textContent('.edit-scope')).toContain('FR');
      expect(await page.$('.firm-actions button.edit')).toBeNull();
    } finally {
      await context.close();
    }
  }, BROWSER_TEST_TIMEOUT);

  it('adds a firm from the header, warned of a look-alike first', async () => {
    await ensureEditor();
    const existing = await asAdmin('POST', '/api/companies', { ...chamonixGuides, name: 'Test Twin Guides', officialId: null });
    const { context, page } = await editorOn(existing.body.id);
    try {
      await page.click('#add-firm');
      await page.waitForSelector('form.company-edit');
      await page.fill('form.company-edit input[name=name]', 'Test Twin Guides');
      await page.check('form.company-edit input[name=sectors][value=outdoor]');
      await page.fill('form.company-edit input[name="commune.name"]', 'Chamonix-Mont-Blanc');
      // Picking the commune by its name fills its official code.
      await page.press('form.company-edit input[name="commune.name"]', 'Tab');
      await page.waitForFunction(() => (document.querySelector('input[name="commune.code"]') as HTMLInputElement).value === '74056');
      await page.fill('form.company-edit input[name="location.lon"]', String(chamonixGuides.location.coordinates[0]! + 0.0005));
      await page.fill('form.company-edit input[name="location.lat"]', String(chamonixGuides.location.coordinates[1]));
      await page.click('form.company-edit button[type=submit]');
      await page.waitForSelector('.duplicates');
      expect(await page.textContent('.duplicates')).toContain('Test Twin Guides');
      await page.click('form.company-edit button[type=submit]');
      await page.waitForSelector('#company-name:has-text("Test Twin Guides")');
      const id = await page.evaluate(() => window.atlas.state().firm);
      expect(id).not.toBe(existing.body.id);
      expect((await firm(id as number)).properties).toMatchObject({ name: 'Test Twin Guides', source: 'manual' });
    } finally {
      await context.close();
    }
  }, BROWSER_TEST_TIMEOUT);

  it('two editors on one firm: the second sees what the first changed beside what they typed, and reapplies it', async () => {
    const created = await asAdmin('POST', '/api/companies', { ...chamonixGuides, name: 'Test Edit Shared', officialId: null });
    const first = await editorOn(created.body.id);
    const second = await editorOn(created.body.id);
    try {
      await Promise.all([first, second].map(({ page }) => page.click('.firm-actions button.edit')));
      await first.page.fill('form.company-edit input[name=name]', 'Test Edit Shared by the first');
      await first.page.click('form.company-edit button[type=submit]');
      await first.page.waitForSelector('#company-name:has-text("Test Edit Shared by the first")');

      await second.page.fill('form.company-edit input[name=website]', 'https://second.example.org');
      await second.page.click('form.company-edit button[type=submit]');
      await second.page.waitForSelector('.conflict');
      forgive(/412/);
      // Nothing of the second's was written, and the first's change is shown beside it.
      expect((await firm(created.body.id)).properties.website).toBe(chamonixGuides.website);
      expect(await second.page.textContent('.conflict tr[data-field=name] .theirs')).toBe('Test Edit Shared by the first');
      expect(await second.page.textContent('.conflict tr[data-field=website] .mine')).toBe('https://second.example.org');
      await second.page.screenshot({ path: `${ARTIFACTS}/edit-firm-conflict.png` });

      await second.page.click('.conflict button.primary');
      expect(await second.page.inputValue('form.company-edit input[name=name]')).toBe('Test Edit Shared by the first');
      expect(await second.page.inputValue('form.company-edit input[name=website]')).toBe('https://second.example.org');
      await second.page.click('form.company-edit button[type=submit]');
      await second.page.waitForSelector('.firm-actions button.edit');
      expect((await firm(created.body.id)).properties).toMatchObject({ name: 'Test Edit Shared by the first', website: 'https://second.example.org' });
    } finally {
      await first.context.close();
      await second.context.close();
    }
  }, BROWSER_TEST_TIMEOUT);
});
