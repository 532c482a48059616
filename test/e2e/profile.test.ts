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

type Row = { territory: string | null; sector: string; firms: number; employees: number; employeesMin: number; employeesMax: number | null; share: number | null; lq: number | null };
type TrendRow = { territory: string | null; sector: string; year: number; firmsStart: number; opened: number; closed: number; firmsEnd: number; openingUnknown: number };
type ShiftRow = { territory: string | null; sector: string; firmsFrom: number; firmsTo: number; change: number; areaGrowth: number; industryMix: number; local: number };

/** The `data-value`s of a table's rows, by the row's key attribute and each cell's `data-name`. */
const tableValues = (selector: string, key: string) =>
  page.locator(`${selector} tbody tr`).evaluateAll((rows, key) => Object.fromEntries(rows.map((tr) => [tr.getAttribute(key),
    Object.fromEntries([...tr.querySelectorAll('td[data-name]')].map((td) => [td.getAttribute('data-name'), Number(td.getAttribute('data-value'))]))])), key);

/** What a profile should show of a territory's period, computed here from /api/stats/trends rows. */
function expectedTrend(rows: TrendRow[], from: number, to: number) {
  const at = (year: number) => rows.filter((r) => r.year === year);
  const sum = (list: TrendRow[], pick: (r: TrendRow) => number) => list.reduce((s, r) => s + pick(r), 0);
  const firmsStart = sum(at(from), (r) => r.firmsStart);
  const firmsEnd = sum(at(to), (r) => r.firmsEnd);
  return { firmsStart, opened: sum(rows, (r) => r.opened), closed: sum(rows, (r) => r.closed), firmsEnd, net: firmsEnd - firmsStart, openingUnknown: sum(at(to), (r) => r.openingUnknown) };
}

const SECTOR_IDS = ['outdoor', 'phyto_wellbeing', 'building_renovation'];

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
        sectors: [...section.querySelectorAll('.profile-table.sectors tr[data-sector]')].map((tr) => ({
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

  it('shows the trends and shift-share /api/stats/trends and /api/stats/shift-share give for the territory', async () => {
    await open('/profile/it-valle-aosta?lang=it&years=2005-2025');
    const span = 'by=territory,sector&territory=it-valle-aosta&from=2005&to=2025';
    const trends = await api(`/api/stats/trends?${span}`);
    const own: TrendRow[] = trends.rows.filter((r: TrendRow) => r.territory === 'it-valle-aosta');
    expect(own).toHaveLength(3 * 21);
    const expected = Object.fromEntries([...SECTOR_IDS.map((sector) => [sector, expectedTrend(own.filter((r) => r.sector === sector), 2005, 2025)]), ['all', expectedTrend(own, 2005, 2025)]]);
    // The period moved firms: openings and closings both happened, so a swapped figure shows.
    expect(expected['all']!.opened).toBeGreaterThan(0);
    expect(expected['all']!.closed).toBeGreaterThan(0);
    const shown = await tableValues('.profile-table.trends', 'data-trend');
    for (const [key, figures] of Object.entries(expected) as [string, ReturnType<typeof expectedTrend>][]) expect(shown[key], key).toMatchObject(figures);
    // The sparkline says each year's firms on 31 December.
    const line = await page.locator('.profile-table.trends tr[data-trend="outdoor"] svg').getAttribute('aria-label');
    expect(line).toContain(`2005 ${own.find((r) => r.sector === 'outdoor' && r.year === 2005)!.firmsEnd}`);
    expect(await page.locator('.profile-block.trends .note').first().textContent()).toContain(`${expected['all']!.openingUnknown} delle ${expected['all']!.firmsEnd} imprese`);

    const shift = await api(`/api/stats/shift-share?${span}`);
    const ownShift: ShiftRow[] = shift.rows.filter((r: ShiftRow) => r.territory === 'it-valle-aosta');
    expect(ownShift).toHaveLength(3);
    const shownShift = await tableValues('.profile-table.shift-share', 'data-sector');
    for (const r of ownShift) {
      expect(shownShift[r.sector]).toMatchObject({ firmsFrom: r.firmsFrom, firmsTo: r.firmsTo, change: r.change });
      for (const part of ['areaGrowth', 'industryMix', 'local'] as const) expect(shownShift[r.sector]![part]).toBeCloseTo(r[part], 9);
    }
  });

  it('shows every figure as of the map’s date, and says so', async () => {
    const asOf = '2010-12-31';
    await open(`/profile/fr-cc-chamonix?lang=fr&asOf=${asOf}`);
    const [then, today] = await Promise.all([
      api(`/api/stats?by=territory,sector&territory=fr-cc-chamonix&asOf=${asOf}`),
      api('/api/stats?by=territory,sector&territory=fr-cc-chamonix'),
    ]);
    const own: Row[] = then.rows.filter((r: Row) => r.territory === 'fr-cc-chamonix');
    const firms = own.reduce((s, r) => s + r.firms, 0);
    // The date matters: fewer firms then than today, or this test could not tell the two apart.
    expect(firms).toBeGreaterThan(10);
    expect(firms).toBeLessThan(today.rows.filter((r: Row) => r.territory === 'fr-cc-chamonix').reduce((s: number, r: Row) => s + r.firms, 0));
    const value = (name: string, attribute = 'data-value') => page.locator(`[data-figure="${name}"]`).getAttribute(attribute).then(Number);
    expect(await value('firms')).toBe(firms);
    expect(await value('share')).toBeCloseTo(firms / then.total, 12);
    expect(await value('employees', 'data-min')).toBe(own.reduce((s, r) => s + r.employeesMin, 0));
    const sectors = await page.locator('.profile-table.sectors tr[data-sector]').evaluateAll((rows) =>
      rows.map((tr) => ({ sector: tr.getAttribute('data-sector'), firms: Number(tr.querySelector('td[data-value]')!.getAttribute('data-value')), lq: Number(tr.querySelector('td.lq')!.getAttribute('data-value')) })));
    expect(sectors).toEqual(own.map((r) => ({ sector: r.sector, firms: r.firms, lq: r.lq })));
    const links = await api(`/api/stats/links?by=territory&asOf=${asOf}&territory=fr-cc-chamonix,fr-cc-pays-mont-blanc,it-valle-aosta,ch-entremont,ch-martigny,ch-saint-maurice`);
    const touching = links.rows.filter((r: { from: string; to: string }) => r.from === 'fr-cc-chamonix' || r.to === 'fr-cc-chamonix');
    expect(await value('cross-border')).toBe(touching.filter((r: { crossBorder: boolean }) => r.crossBorder).reduce((s: number, r: { links: number }) => s + r.links, 0));
    // The trends end on that day: their last 31 December is the page's date, with the same firms.
    expect((await tableValues('.profile-table.trends', 'data-trend'))['all']!.firmsEnd).toBe(firms);
    expect(await page.locator('.profile-as-of').textContent()).toContain('tel qu’il était au 31 décembre 2010');
    expect(await page.locator('.profile-links a').first().getAttribute('href')).toBe(`/?lang=fr&stats=partner&asOf=${asOf}`);
    await page.screenshot({ path: `${ARTIFACTS}/profile-chamonix-2010.png`, fullPage: true });
    await page.close();
    await open('/profile/fr-cc-chamonix?lang=en&asOf=2010-02-30');
    expect(await page.locator('.profile-error').textContent()).toContain('asOf=2010-02-30');
  });

  it('shows known employees as the range their bands give, as the statistics panel does', async () => {
    const firm = (await api('/api/companies?within=ch-martigny&limit=1')).features[0];
    const auth = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };
    const patch = (body: object) => fetch(`${session.server.url}/api/companies/${firm.id}`, { method: 'PATCH', headers: auth, body: JSON.stringify(body) });
    expect((await patch({ employees: null, employeesRange: { min: 20, max: 49 } })).status).toBe(200);
    try {
      await open('/profile?compare=ch-martigny,ch-entremont&lang=en');
      const stats = await api('/api/stats?by=territory,sector&territory=ch-martigny');
      const own: Row[] = stats.rows.filter((r: Row) => r.territory === 'ch-martigny');
      const [min, max] = [own.reduce((s, r) => s + r.employeesMin, 0), own.reduce((s, r) => s + r.employeesMax!, 0)];
      expect(max - min).toBe(29);
      const figure = page.locator('[data-territory="ch-martigny"] [data-figure="employees"]');
      expect([Number(await figure.getAttribute('data-min')), Number(await figure.getAttribute('data-max'))]).toEqual([min, max]);
      const range = `${min.toLocaleString('en')}–${max.toLocaleString('en')}`;
      expect(await figure.locator('.value').textContent()).toBe(range);
      expect(await page.locator('.compare tr[data-row="employees"] td').first().textContent()).toBe(range);
      const sector = own.find((r) => r.employeesMin !== r.employeesMax)!;
      expect(await page.locator(`[data-territory="ch-martigny"] .sectors tr[data-sector="${sector.sector}"] td[data-min]`).textContent())
        .toBe(`${sector.employeesMin.toLocaleString('en')}–${sector.employeesMax!.toLocaleString('en')}`);
      await page.screenshot({ path: `${ARTIFACTS}/profile-compare-bands.png` });
    } finally {
      const { employees, employeesRange } = firm.properties;
      expect((await patch({ employees, employeesRange })).status).toBe(200);
    }
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
    // With the time slider set, the profile opens on the same date.
    await page.goto(`${session.server.url}/?lang=en&stats=partner&asOf=2010-12-31`);
    await page.evaluate(() => window.atlas.settled());
    expect(await page.locator('#stats .profile-links-list a[data-territory="ch-martigny"]').getAttribute('href')).toBe('/profile/ch-martigny?lang=en&asOf=2010-12-31');
  });
});
