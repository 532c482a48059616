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
  await page.evaluate(() => window.atlas.settled());
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

describe('an editor keeps a firm\'s links current from its panel', () => {
  const linksOf = async (id: number) => (await asAdmin('GET', `/api/links?company=${id}`)).body.features;

  it('adds a link to a partner found by name, sees a refused year at its field, then edits and removes it', async () => {
    const guides = await asAdmin('POST', '/api/companies', { ...chamonixGuides, name: 'Test Link Guides', officialId: null });
    const spa = await asAdmin('POST', '/api/companies', { ...courmayeurSpa, name: 'Test Link Terme Zyx' });
    expect([guides.status, spa.status]).toEqual([201, 201]);
    const { context, page } = await editorOn(guides.body.id);
    try {
      // The form waits behind its button: a panel opens on the firm, not on an empty form.
      expect(await page.isVisible('.add-link-form')).toBe(false);
      await page.click('button.add-link');
      expect(await page.isVisible('button.add-link')).toBe(false);
      await page.fill('.add-link-form input[name=partnerSearch]', 'Link Terme Zyx');
      await page.click(`.partner-results button[data-id="${spa.body.id}"]`);
      expect(await page.textContent('.partner-chosen')).toBe('Test Link Terme Zyx');
      await page.selectOption('.add-link-form select[name=kind]', 'supplier');
      await page.fill('.add-link-form input[name=since]', '3000');
      await page.click('.add-link-form button[type=submit]');
      await page.waitForSelector('.add-link-form [data-field=since] .field-error');
      forgive(/400/);
      expect(await linksOf(guides.body.id)).toEqual([]);

      await page.fill('.add-link-form input[name=since]', '2019');
      await page.fill('.add-link-form textarea[name=note]', 'thermal gear');
      await page.click('.add-link-form button[type=submit]');
      await page.waitForSelector(`.links button.row[data-id="${spa.body.id}"]`);
      const [added] = await linksOf(guides.body.id);
      expect(added.properties).toMatchObject({ kind: 'supplier', since: 2019, note: 'thermal gear', crossBorder: true });
      expect(added.properties.to.id).toBe(spa.body.id);
      await page.screenshot({ path: `${ARTIFACTS}/edit-link-added.png` });

      await page.click('.links .link-tools button.edit-link');
      await page.selectOption('.edit-link-form select[name=kind]', 'rnd');
      await page.click('.edit-link-form button[type=submit]');
      await page.waitForSelector('.links .link-tools button.edit-link');
      const [edited] = await linksOf(guides.body.id);
      // Only the field changed is written: the note and the year stay.
      expect(edited.properties).toMatchObject({ kind: 'rnd', since: 2019, note: 'thermal gear' });

      await page.click('.links .link-tools button.remove-link');
      expect(await linksOf(guides.body.id)).toHaveLength(1);
      await page.click('.links .link-tools button.confirm-remove');
      await page.waitForSelector('.links button.row', { state: 'detached' });
      expect(await linksOf(guides.body.id)).toEqual([]);
    } finally {
      await context.close();
    }
  }, BROWSER_TEST_TIMEOUT);

  it('picks the partner by clicking it on the map', async () => {
    const guides = await asAdmin('POST', '/api/companies', { ...chamonixGuides, name: 'Test Pick Guides', officialId: null });
    // Alone on the map at street zoom, 300 m off the first: the click lands on it and nothing else.
    const partnerAt: [number, number] = [chamonixGuides.location.coordinates[0]! + 0.004, chamonixGuides.location.coordinates[1]! + 0.001];
    const partner = await asAdmin('POST', '/api/companies', { ...chamonixGuides, name: 'Test Pick Partner', officialId: null, location: { type: 'Point', coordinates: partnerAt } });
    const { context, page } = await editorOn(guides.body.id);
    try {
      await page.click('button.add-link');
      await page.click('.add-link-form button.pick-partner');
      await page.evaluate((at) => window.atlas.map.jumpTo({ center: at, zoom: 18 }), partnerAt);
      await page.evaluate(() => window.atlas.settled());
      const point = await page.evaluate((at) => window.atlas.map.project(at), partnerAt);
      const under = await page.evaluate((p) => window.atlas.map.queryRenderedFeatures([p.x, p.y], { layers: ['companies'] }).map((f) => f.id), point);
      expect(under).toContain(partner.body.id);
      const box = (await page.locator('#map canvas').boundingBox())!;
      await page.mouse.click(box.x + point.x, box.y + point.y);
      await page.waitForFunction(() => document.querySelector('.partner-chosen')?.textContent === 'Test Pick Partner');
      // The click chose the partner: the panel is still the first firm's.
      expect(await page.textContent('#company-name')).toBe('Test Pick Guides');
      await page.click('.add-link-form button[type=submit]');
      await page.waitForSelector(`.links button.row[data-id="${partner.body.id}"]`);
      expect((await linksOf(guides.body.id)).map((l: { properties: { kind: string; crossBorder: boolean } }) => l.properties)).toMatchObject([{ kind: 'partner', crossBorder: false }]);
    } finally {
      await context.close();
    }
  }, BROWSER_TEST_TIMEOUT);

  it('moves a firm by dragging its marker', async () => {
    const created = await asAdmin('POST', '/api/companies', { ...chamonixGuides, name: 'Test Drag Guides', officialId: null });
    const { context, page } = await editorOn(created.body.id);
    try {
      const before = await firm(created.body.id);
      await page.click('.firm-actions button.edit');
      // The map may still be flying to the firm: the marker is grabbed where it comes to rest.
      await page.evaluate(() => window.atlas.settled());
      const marker = (await page.locator('.edit-marker').boundingBox())!;
      expect(marker.width).toBeGreaterThan(0);
      const lonBefore = await page.inputValue('form.company-edit input[name="location.lon"]');
      await page.mouse.move(marker.x + marker.width / 2, marker.y + marker.height / 2);
      await page.mouse.down();
      for (let step = 1; step <= 10; step++) await page.mouse.move(marker.x + marker.width / 2 - step * 12, marker.y + marker.height / 2);
      await page.mouse.up();
      await page.waitForFunction((lon) => (document.querySelector('input[name="location.lon"]') as HTMLInputElement).value !== lon, lonBefore);
      await page.click('form.company-edit button[type=submit]');
      await page.waitForSelector('.firm-actions button.edit');
      const moved = await firm(created.body.id);
      // Dragged left (the panel is on the right): west of where it was, at the same latitude.
      expect(moved.geometry.coordinates[0]).toBeLessThan(before.geometry.coordinates[0]);
      expect(moved.geometry.coordinates[1]).toBeCloseTo(before.geometry.coordinates[1], 3);
      expect(moved.properties.locationApproximate).toBe(false);
    } finally {
      await context.close();
    }
  }, BROWSER_TEST_TIMEOUT);
});
