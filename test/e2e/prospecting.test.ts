import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../support/app.ts';
import { BROWSER_TEST_TIMEOUT, recordProblems } from '../support/browser.ts';
import { ARTIFACTS, useChromiumSession } from './chromium-session.ts';

const session = useChromiumSession();
const ADVISER = { email: 'prospector@example.org', password: 'prospecting passphrase' };

const asAdmin = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${session.server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
};

describe('prospecting in Chromium', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it('an adviser turns a suggested partner into an introduction in one click, then moves it on the Prospecting page', async () => {
    await asAdmin('POST', '/api/accounts', { email: ADVISER.email, name: 'Paola Prospector', role: 'editor', password: ADVISER.password });
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = (session.page = await context.newPage());
    recordProblems(page, session.problems);
    await page.goto(`${session.server.url}/sign-in?lang=en`);
    await page.fill('input[name=email]', ADVISER.email);
    await page.fill('input[name=password]', ADVISER.password);
    await Promise.all([page.waitForURL(`${session.server.url}/`), page.click('#sign-in button[type=submit]')]);
    await page.evaluate(() => window.atlas.settled());

    await page.goto(`${session.server.url}/?lang=en&firm=1`);
    await page.evaluate(() => window.atlas.settled());
    await page.evaluate(() => window.atlas.settled());
    const first = page.locator('.partner-suggestions li.suggestion').first();
    await first.locator('.propose-introduction').waitFor();
    const partner = Number(await first.locator('button[data-id]').getAttribute('data-id'));
    await first.locator('.propose-introduction').click();
    const link = first.locator('.introduction-status a[href^="/prospecting"]');
    await link.waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/prospecting-proposed.png` });

    // The sample's own introductions have no owner: the adviser's are those they made here.
    const made = async (query = '') => (await asAdmin('GET', `/api/introductions${query}`)).introductions.filter((i: { owner: { name: string } | null }) => i.owner?.name === 'Paola Prospector');
    expect((await asAdmin('GET', '/api/introductions')).introductions.length).toBeGreaterThan(1);
    const listed = await made();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ from: { id: 1 }, to: { id: partner }, stage: 'proposed', owner: { name: 'Paola Prospector' } });
    expect(listed[0].suggestion.score).toEqual(expect.any(Number));

    await Promise.all([page.waitForURL(/\/prospecting\?/), link.click()]);
    await page.locator(`#introductions tr[data-id="${listed[0].id}"]`).waitFor();
    const form = page.locator('.introduction-detail form');
    await form.waitFor();
    await form.locator('select[name=stage]').selectOption('met');
    await form.locator('input[name=nextStep]').fill('Visit the workshop');
    await form.locator('input[name=dueOn]').fill('2030-05-06');
    await form.locator('textarea[name=note]').fill('Good first call');
    await form.locator('button[type=submit]').click();
    await page.locator(`#introductions tr[data-id="${listed[0].id}"][data-stage="met"]`).waitFor();
    await page.locator('.introduction-detail .timeline li[data-kind="note"]').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/prospecting-page.png` });

    const moved = await asAdmin('GET', `/api/introductions/${listed[0].id}`);
    expect(moved).toMatchObject({ stage: 'met', nextStep: 'Visit the workshop', dueOn: '2030-05-06', followUpDue: true });
    expect(moved.timeline.map((e: { kind: string }) => e.kind)).toEqual(['created', 'stage', 'next_step', 'note']);

    // The firm's panel lists it for staff, and proposes another one by searching the partner's name.
    const target = await asAdmin('GET', `/api/companies/${partner === 2 ? 3 : 2}`);
    expect(target.properties.name).toEqual(expect.any(String));
    await page.goto(`${session.server.url}/?lang=en&firm=1`);
    await page.evaluate(() => window.atlas.settled());
    await page.locator(`.firm-introductions li[data-id="${listed[0].id}"][data-stage="met"]`).waitFor();
    await page.locator('.propose-introduction-form summary').click();
    await page.fill('input[name=introduce-to]', target.properties.name);
    await page.locator(`.introduce-results button[data-id="${target.id}"]`).click();
    await page.locator('.firm-introductions .introduction-status a[href^="/prospecting"]').waitFor();
    await page.locator(`.firm-introductions li[data-id]`).nth(1).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/prospecting-panel.png` });
    const both = await made('?company=1');
    expect(both.map((i: { to: { id: number } }) => i.to.id).sort()).toEqual([partner, target.id].sort());

    // The observatory's figures per pair of territories, for staff, in the statistics panel and in the profile.
    const stats = await asAdmin('GET', '/api/stats/introductions?by=territory');
    await page.goto(`${session.server.url}/?lang=en&stats=partner`);
    const pairs = page.locator('#introductions-table tbody tr');
    await pairs.first().waitFor();
    const shown = await pairs.locator('th').evaluateAll((cells) => cells.map((c) => `${(c as HTMLElement).dataset.from}>${(c as HTMLElement).dataset.to}`));
    const known = new Set(stats.groups.map((g: { from: string | null; to: string | null }) => `${g.from ?? ''}>${g.to ?? ''}`));
    expect(shown.length).toBeGreaterThan(0);
    for (const pair of shown) expect(known.has(pair), pair).toBe(true);
    await page.locator('#introductions-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/prospecting-stats.png` });
    const home = shown.map((pair) => pair.split('>')[0]).find(Boolean);
    expect(home).toEqual(expect.any(String));
    await page.goto(`${session.server.url}/profile/${home}?lang=en`);
    await page.locator(`#introductions-table tbody th[data-from="${home}"]`).first().waitFor();
    await context.close();
    session.page = undefined;
  });

  it('shows anonymous visitors no button and no introductions', async () => {
    const page = (session.page = await session.browser.newPage());
    recordProblems(page, session.problems);
    await page.goto(`${session.server.url}/?lang=en&firm=1`);
    await page.evaluate(() => window.atlas.settled());
    await page.evaluate(() => window.atlas.settled());
    await page.locator('.partner-suggestions li.suggestion').first().waitFor();
    expect(await page.locator('.propose-introduction').count()).toBe(0);
    expect(await page.locator('.firm-introductions').isHidden()).toBe(true);
    expect(await page.locator('.firm-introductions li, .propose-introduction-form').count()).toBe(0);
    await page.goto(`${session.server.url}/?lang=en&stats=partner`);
    await page.locator('#stats-network').waitFor();
    expect(await page.locator('#introductions-table').count()).toBe(0);
    await page.goto(`${session.server.url}/prospecting?lang=en`);
    await page.locator('#page a[href^="/sign-in"]').waitFor();
    expect(await page.locator('#introductions').count()).toBe(0);
  });
});
