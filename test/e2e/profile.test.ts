import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../support/app.ts';
import { BROWSER_TEST_TIMEOUT, recordProblems } from '../support/browser.ts';
import { ARTIFACTS, useChromiumSession } from './chromium-session.ts';

const session = useChromiumSession();
let page: Page;

async function open(path: string, viewport = { width: 1280, height: 900 }) {
  page = session.page = await session.browser.newPage({ viewport });
  recordProblems(page, session.problems);
  await page.goto(`${session.server.url}${path}`);
  await page.evaluate(() => window.profile.ready);
}

const api = async (path: string) => (await fetch(`${session.server.url}${path}`)).json();

/** A4 pages of a PDF, counted from its page objects (not the /Pages tree). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

type Row = { territory: string | null; sector: string; firms: number; employees: number; share: number | null; lq: number | null };

describe('territory profiles', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it('shows the figures /api/stats gives for the territory', async () => {
    await open('/profile/it-valle-aosta?lang=en');
    const stats = await api('/api/stats?by=territory,sector&territory=it-valle-aosta');
    const own: Row[] = stats.rows.filter((r: Row) => r.territory === 'it-valle-aosta');
    const firms = own.reduce((s, r) => s + r.firms, 0);
    expect(firms).toBeGreaterThan(100);
    const shown = await page.evaluate(() => {
      const section = document.querySelector('[data-territory="it-valle-aosta"]')!;
      const value = (name: string) => Number(section.querySelector(`[data-figure="${name}"]`)!.getAttribute('data-value'));
      return {
        firms: value('firms'),
        employees: value('employees'),
        share: value('share'),
        sectors: [...section.querySelectorAll('tr[data-sector]')].map((tr) => ({
          sector: tr.getAttribute('data-sector'),
          firms: Number(tr.querySelector('td[data-value]')!.getAttribute('data-value')),
          lq: Number(tr.querySelector('td.lq')!.getAttribute('data-value')),
        })),
      };
    });
    expect(shown.firms).toBe(firms);
    expect(shown.employees).toBe(own.reduce((s, r) => s + r.employees, 0));
    expect(shown.share).toBeCloseTo(firms / stats.total, 12);
    expect(shown.sectors).toEqual(own.map((r) => ({ sector: r.sector, firms: r.firms, lq: r.lq })));
    expect(await page.locator('#sample-notice').isVisible()).toBe(true);
    expect(await page.locator('.profile-meta').textContent()).toContain(`data version ${stats.dataVersion}`);
    // Links: cross-border partners first, and the totals of /api/stats/links for the territory.
    const links = await api('/api/stats/links?by=territory&territory=it-valle-aosta,fr-cc-chamonix,fr-cc-pays-mont-blanc,ch-entremont,ch-martigny,ch-saint-maurice');
    const touching = links.rows.filter((r: { from: string; to: string }) => r.from === 'it-valle-aosta' || r.to === 'it-valle-aosta');
    const partnerTotals = await page.locator('.profile-table.links tbody tr:not(.within) td[data-value]').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
    const within = Number(await page.locator('.profile-table.links tr.within td[data-value]').getAttribute('data-value'));
    expect(partnerTotals.reduce((a, b) => a + b, 0) + within).toBe(touching.reduce((s: number, r: { links: number }) => s + r.links, 0));
    const badges = await page.locator('.profile-table.links tbody tr:not(.within)').evaluateAll((rows) => rows.map((r) => r.classList.contains('cross-border')));
    expect(badges.indexOf(false) === -1 || badges.slice(badges.indexOf(false)).every((b) => !b)).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/profile-aosta.png`, fullPage: true });
  });

  it('prints a territory on at most two A4 pages, and a comparison of three on at most six', async () => {
    for (const [path, territories] of [['/profile/fr-cc-chamonix?lang=fr', 1], ['/profile?compare=fr-cc-pays-mont-blanc,it-valle-aosta,ch-martigny&lang=it', 3]] as const) {
      await open(path);
      expect(await page.locator('section.profile').count()).toBe(territories);
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdfPages(pdf), path).toBeGreaterThanOrEqual(territories);
      expect(pdfPages(pdf), path).toBeLessThanOrEqual(2 * territories);
      await page.close();
    }
  });

  it('profiles a custom territory and a country, and says so for an unknown one', async () => {
    await open('/profile/no-such-territory?lang=en');
    expect(await page.locator('.profile-error').textContent()).toContain('no-such-territory');
    await page.close();
    const created = await fetch(`${session.server.url}/api/territories`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'Feature', geometry: null, properties: { id: 'test-courmayeur-la-thuile', name: 'Courmayeur – La Thuile', members: ['007022', '007041'] } }),
    });
    expect(created.status).toBe(201);
    for (const id of ['test-courmayeur-la-thuile', 'CH']) {
      await open(`/profile/${id}?lang=en`);
      const stats = await api(`/api/stats?by=territory&territory=${id}`);
      const firms = stats.rows.find((r: Row) => r.territory === id).firms;
      expect(firms).toBeGreaterThan(0);
      expect(Number(await page.locator('[data-figure="firms"]').getAttribute('data-value'))).toBe(firms);
      await page.close();
    }
    await fetch(`${session.server.url}/api/territories/test-courmayeur-la-thuile`, { method: 'DELETE', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  });

  it('fits a phone', async () => {
    await open('/profile?compare=fr-cc-chamonix,ch-martigny&lang=fr', { width: 360, height: 780 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  });

  it('is linked from the statistics panel, which the profile links back to', async () => {
    page = session.page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    recordProblems(page, session.problems);
    await page.goto(`${session.server.url}/?lang=en&stats=partner`);
    await page.evaluate(() => window.atlas.settled());
    const href = await page.locator('#stats .profile-links-list a[data-territory="ch-martigny"]').getAttribute('href');
    expect(href).toBe('/profile/ch-martigny?lang=en');
    expect(await page.locator('#stats .compare-link').getAttribute('href')).toMatch(/^\/profile\?lang=en&compare=fr-cc-chamonix,/);
    await page.goto(`${session.server.url}${href}`);
    await page.evaluate(() => window.profile.ready);
    expect(await page.locator('.profile-links a').first().getAttribute('href')).toBe('/?lang=en&stats=partner');
  });
});
