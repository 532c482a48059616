import { describe, expect, it } from 'vitest';
import { chamonixGuides } from '../fixtures/companies.ts';
import { ADMIN_TOKEN } from '../support/app.ts';
import { BROWSER_TEST_TIMEOUT, recordProblems } from '../support/browser.ts';
import { useChromiumSession } from './chromium-session.ts';

const session = useChromiumSession();

const asAdmin = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${session.server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { id: number } };
};

describe('an open map follows the writes of others', () => {
  it('shows a firm renamed through the API in the panel of every open page, without reload', { timeout: BROWSER_TEST_TIMEOUT }, async () => {
    const created = await asAdmin('POST', '/api/companies', { ...chamonixGuides, name: 'Test Live Guides', officialId: null });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const other = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      recordProblems(page, session.problems);
      const watcher = await other.newPage();
      recordProblems(watcher, session.problems);
      for (const p of [page, watcher]) {
        await p.goto(`${session.server.url}/?lang=en&firm=${id}`);
        await p.evaluate(() => window.atlas.settled());
        await p.waitForSelector('#company-name:has-text("Test Live Guides")');
      }
      // Both pages follow the stream: its first event (the current version) has come.
      for (const p of [page, watcher]) await p.waitForFunction(() => performance.getEntriesByName('atlas-live').length > 0);
      const navigations = await page.evaluate(() => performance.getEntriesByType('navigation').length);
      expect((await asAdmin('PATCH', `/api/companies/${id}`, { name: 'Test Live Guides Renamed' })).status).toBe(200);
      // Within 2 s when run alone; the bound leaves room for a loaded test machine (speed belongs to the bench).
      await page.waitForSelector('#company-name:has-text("Test Live Guides Renamed")', { timeout: 10_000 });
      await watcher.waitForSelector('#company-name:has-text("Test Live Guides Renamed")', { timeout: 10_000 });
      expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(navigations);
    } finally {
      await context.close();
      await other.close();
    }
  });
});
