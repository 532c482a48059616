import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT } from '../support/browser.ts';
import { parseCsv } from '../support/csv.ts';
import { ARTIFACTS, atlasPages, useChromiumSession } from './chromium-session.ts';
import { renderedFirms as firmsOnMap } from './rendered.ts';

/** The whole sample registry in view at this camera, so every firm is rendered somewhere. */
const WHOLE_AREA = '#map=8.2/45.9/7.05';

const session = useChromiumSession();
const atlas = atlasPages(session);
const { api, settle } = atlas;
let page: Page;
const open = async (path: string) => {
  page = await atlas.open(path);
};
const count = async (asOf: string) => (await api(`/api/companies?asOf=${asOf}&limit=1`)).numberMatched as number;

describe('the time slider in Chromium', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it('moves the map, the count and the list to the registry of a year, and back to today', async () => {
    await open(`/?lang=en${WHOLE_AREA}`);
    await settle();
    const today = (await api('/api/companies?limit=1')).numberMatched as number;
    expect(await firmsOnMap(page)).toBe(today);
    await page.locator('#time-year').fill('2010');
    await settle();
    const in2010 = await count('2010-12-31');
    expect(in2010).toBeGreaterThan(100);
    expect(in2010).toBeLessThan(today);
    expect(page.url()).toContain('asOf=2010-12-31');
    expect(await firmsOnMap(page)).toBe(in2010);
    expect(await page.locator('#total').getAttribute('data-count')).toBe(String(in2010));
    expect(await page.locator('#total').textContent()).toContain('on 31 December 2010');
    expect(await page.locator('#time-value').textContent()).toBe('on 31 December 2010');
    await page.screenshot({ path: `${ARTIFACTS}/time-2010.png` });

    // The keyboard: one year back, then End for today.
    await page.locator('#time-year').focus();
    await page.keyboard.press('ArrowLeft');
    await settle();
    expect(page.url()).toContain('asOf=2009-12-31');
    expect(await firmsOnMap(page)).toBe(await count('2009-12-31'));
    await page.keyboard.press('End');
    await settle();
    expect(page.url()).not.toContain('asOf');
    expect(await firmsOnMap(page)).toBe(today);
  });

  it('opens on the date of a shared URL, and plays year by year until paused', async () => {
    await open(`/?lang=fr&asOf=2000-12-31${WHOLE_AREA}`);
    await settle();
    expect(await firmsOnMap(page)).toBe(await count('2000-12-31'));
    expect(await page.locator('#time-year').inputValue()).toBe('2000');
    await page.getByRole('button', { name: 'Faire défiler les années' }).click();
    await page.waitForFunction(() => Number(new URL(location.href).searchParams.get('asOf')?.slice(0, 4)) >= 2002, null, { timeout: 20_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    await settle();
    const year = new URL(page.url()).searchParams.get('asOf')!;
    expect(await firmsOnMap(page)).toBe(await count(year));
  });

  it('gives the statistics of the date, the trends and the shift-share, with their CSV exports', async () => {
    await open(`/?lang=it&asOf=2010-12-31&stats=partner&figure=firms&figureSector=outdoor&years=2005-2020${WHOLE_AREA}`);
    await settle();
    const stats = await api('/api/stats?asOf=2010-12-31&level=partner');
    expect(await page.locator('.stats-summary').getAttribute('data-total')).toBe(String(stats.total));
    expect(await page.locator('.stats-as-of').textContent()).toContain('31 dicembre 2010');
    expect(await page.locator('#stats-trends-title').textContent()).toBe('Andamento 2005–2020');
    const trends = await api('/api/stats/trends?level=partner&sector=outdoor&from=2005&to=2020');
    const chamonix = (year: number) => trends.rows.find((r: { territory: string; sector: string; year: number }) => r.territory === 'fr-cc-chamonix' && r.sector === 'outdoor' && r.year === year);
    const row = page.locator('#stats-trends tbody tr').filter({ has: page.locator('th[data-territory="fr-cc-chamonix"]') });
    expect(await row.locator('td.firms').textContent()).toBe(new Intl.NumberFormat('it-IT').format(chamonix(2020).firmsEnd));
    expect(await page.locator('#stats-trends svg.sparkline').count()).toBe(6);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Esporta anno per anno (CSV)' }).click()]);
    const lines = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(1 + 6 * 16);
    expect(lines.find((l) => l.startsWith('Valle di Chamonix') || l.includes(';2020;'))).toBeTruthy();
    const shift = await api('/api/stats/shift-share?level=partner&sector=outdoor&from=2005&to=2020');
    const [ssDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#stats-shift-share button.export').click()]);
    const ssLines = parseCsv(readFileSync((await ssDownload.path())!, 'utf8').replace(/^\uFEFF/, '').trim(), ';').slice(1);
    const outdoor = shift.rows.filter((r: { sector: string }) => r.sector === 'outdoor');
    expect(ssLines).toHaveLength(outdoor.length);
    for (const [i, line] of ssLines.entries()) {
      // Territory; sector; firms then; firms now; change; area growth; industry mix; local — the three add up to the change.
      const [, , , , change, area, mix, local] = line.map((v) => Number(v.replace(',', '.')));
      expect(change).toBe(outdoor[i].change);
      expect(Math.abs(area! + mix! + local! - change!), line.join(';')).toBeLessThan(1e-9);
    }
    await page.locator('#stats-shift-share').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/time-stats-it.png` });
  });
});
