import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../support/app.ts';
import { BROWSER_TEST_TIMEOUT, recordProblems } from '../support/browser.ts';
import { parseCsv, spreadsheetNumber } from '../support/csv.ts';
import { ARTIFACTS, useChromiumSession } from './chromium-session.ts';

/** Written out here rather than read from the app's dictionary. */
const LABELS = {
  fr: { title: 'Partenaires suggérés', crossBorder: 'transfrontalier', separator: ';' },
  it: { title: 'Partner suggeriti', crossBorder: 'transfrontaliero', separator: ';' },
  en: { title: 'Suggested partners', crossBorder: 'cross-border', separator: ',' },
} as const;
type Lang = keyof typeof LABELS;

const session = useChromiumSession();
let page: Page;

async function open(path: string) {
  page = session.page = await session.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  recordProblems(page, session.problems);
  await page.goto(`${session.server.url}${path}`);
  await page.evaluate(() => window.atlas.settled());
  await page.evaluate(() => window.atlas.settled());
}

describe('suggested partners in Chromium', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it.each(Object.keys(LABELS) as Lang[])('a firm’s panel shows ten cross-border suggestions with reasons adding up, and exports them (%s)', async (lang) => {
    const labels = LABELS[lang];
    await open(`/?lang=${lang}&firm=1`);
    const api = await (await fetch(`${session.server.url}/api/companies/1/partners?crossBorder=true&lang=${lang}`)).json();
    expect(api.features).toHaveLength(10);
    const section = page.locator('.partner-suggestions');
    expect(await section.locator('h3').textContent()).toBe(labels.title);
    const items = section.locator('li.suggestion');
    expect(await items.count()).toBe(10);
    expect(await items.evaluateAll((li) => li.map((x) => Number(x.querySelector('button')!.dataset.id)))).toEqual(api.features.map((f: { id: number }) => f.id));
    for (let i = 0; i < 10; i++) {
      const item = items.nth(i);
      expect(await item.locator('.badge').textContent()).toBe(labels.crossBorder);
      const points = (await item.locator('.reasons li').evaluateAll((li) => li.map((x) => Number((x as HTMLElement).dataset.points))));
      expect(points).toHaveLength(3);
      expect(Math.round(points.reduce((s, p) => s + p, 0) * 1e4) / 1e4).toBe(Number(await item.getAttribute('data-score')));
      expect(await item.locator('.reasons li').nth(2).textContent()).toContain(api.features[i].properties.reasons[2].text);
    }
    expect(await section.locator('.sample-tag').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/partners-firm-${lang}.png` });

    const [download] = await Promise.all([page.waitForEvent('download'), section.locator('button.secondary').click()]);
    expect(download.suggestedFilename()).toMatch(/^partners-firm-1-v\d+-sample-data\.csv$/);
    const rows = parseCsv(readFileSync((await download.path())!, 'utf8'), labels.separator);
    expect(rows).toHaveLength(11);
    const decimalComma = labels.separator === ';';
    rows.slice(1).forEach((row, i) => {
      expect(Number(row[1])).toBe(api.features[i].id);
      const [score, ...terms] = row.slice(8, 12).map((cell) => spreadsheetNumber(cell, decimalComma));
      expect(score).toBe(api.features[i].properties.score);
      expect(Math.round(terms.reduce((s, x) => s + x!, 0) * 1e4) / 1e4).toBe(score);
    });
    expect(session.problems).toEqual([]);
  });

  it('switching to both sides of the border reloads the list, and a suggestion opens its firm', async () => {
    await open('/?lang=en&firm=1');
    const section = page.locator('.partner-suggestions');
    await section.locator('input[name="partners-cross-border"]').uncheck();
    await page.evaluate(() => window.atlas.settled());
    const both = await (await fetch(`${session.server.url}/api/companies/1/partners`)).json();
    const shown = await section.locator('li.suggestion button').evaluateAll((b) => b.map((x) => Number((x as HTMLElement).dataset.id)));
    expect(shown).toEqual(both.features.map((f: { id: number }) => f.id));
    await section.locator('li.suggestion button').first().click();
    await page.evaluate(() => window.atlas.settled());
    expect(await page.evaluate(() => window.atlas.state().firm)).toBe(shown[0]);
  });

  it('offers a loaded relatedness matrix by its source, and its reasons name it', async () => {
    const firm = await (await fetch(`${session.server.url}/api/companies/1`)).json();
    const nace = firm.properties.activity.nace;
    const matrix = (body: string | null, method: string) => fetch(`${session.server.url}/api/relatedness/matrix?source=E2E%20matrix`, {
      method, body, headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect((await matrix(`nace_a,nace_b,ratio\n${nace},32.30,9\n`, 'PUT')).status).toBe(200);
    try {
      await open('/?lang=en&firm=1');
      const section = page.locator('.partner-suggestions');
      expect(await section.locator('select[name="partners-relatedness"] option').allTextContents()).toEqual(['learned from the registry’s links', 'E2E matrix']);
      await section.locator('select[name="partners-relatedness"]').selectOption('loaded');
      await page.evaluate(() => window.atlas.settled());
      expect(await section.locator('p.muted', { hasText: 'Relatedness according to: E2E matrix' }).count()).toBe(1);
      const first = section.locator('li.suggestion').first();
      expect(await first.locator('.reasons li[data-term="relatedness"]').textContent()).toContain('“E2E matrix”');
    } finally {
      expect((await matrix(null, 'DELETE')).status).toBe(204);
    }
  });

  it('the nearby tool from a place asks for the newcomer’s activity, then suggests', async () => {
    await open('/?lang=en&near=6.86940,45.92370&radius=20000');
    const section = page.locator('.partner-suggestions');
    expect(await section.locator('p.muted').last().textContent()).toBe('Choose an activity to get suggestions.');
    await section.locator('select[name="partners-nace"]').selectOption('43.32');
    expect(await section.locator('select[name="partners-nace"] option:checked').textContent()).toBe('NACE 43.32 — Joinery installation');
    await page.evaluate(() => window.atlas.settled());
    const api = await (await fetch(`${session.server.url}/api/partners?lon=6.8694&lat=45.9237&nace=43.32&radius=20000&crossBorder=true`)).json();
    expect(api.features.length).toBeGreaterThan(0);
    const shown = await section.locator('li.suggestion button').evaluateAll((b) => b.map((x) => Number((x as HTMLElement).dataset.id)));
    expect(shown).toEqual(api.features.map((f: { id: number }) => f.id));
    await page.screenshot({ path: `${ARTIFACTS}/partners-nearby.png` });
  });

  it('the statistics panel shows the network indicators, brokers and missing chains', async () => {
    await open('/?lang=en&stats=partner&figure=lq&figureSector=outdoor');
    const network = await (await fetch(`${session.server.url}/api/stats/network?level=partner`)).json();
    const rows = page.locator('#stats-network tbody tr');
    expect(await rows.count()).toBe(network.rows.length);
    expect(await rows.first().locator('td').first().textContent()).toBe(String(network.rows[0].links));
    expect(await page.locator('#stats-brokers tbody tr').count()).toBe(network.rows.reduce((s: number, r: { brokers: unknown[] }) => s + r.brokers.length, 0));
    const chains = network.rows.reduce((s: number, r: { missingChains: unknown[] }) => s + r.missingChains.length, 0);
    expect(chains).toBeGreaterThan(0);
    expect(await page.locator('#stats-missing-chains tbody tr').count()).toBe(chains);
    // Both activities of a chain by code and title (every division of the sample registry has one).
    const activities = await page.locator('#stats-missing-chains tbody tr').evaluateAll((rows) => rows.flatMap((row) => [...row.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)));
    expect(activities).toHaveLength(2 * chains);
    for (const text of activities) expect(text).toMatch(/^\d{2} — [A-Z]/);
    // The codes are the API's, in its order, each with its own title (not the neighbour's).
    const codes = network.rows.flatMap((r: { missingChains: { from: string; to: string }[] }) => r.missingChains.flatMap((m) => [m.from, m.to]));
    expect(activities.map((text) => text!.split(' — ')[0])).toEqual(codes);
    if (codes.includes('43')) expect(activities).toContain('43 — Specialised construction activities');
    await page.locator('#stats-network').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/stats-network.png` });
  });
});
