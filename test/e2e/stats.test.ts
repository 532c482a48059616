import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT, recordProblems } from '../support/browser.ts';
import { parseCsv, spreadsheetNumber } from '../support/csv.ts';
import { ARTIFACTS, useChromiumSession } from './chromium-session.ts';

/** What each language must show, written out here rather than read from the app's dictionary. */
const LABELS = {
  fr: { locale: 'fr-FR', title: 'Statistiques', sample: 'Données d’exemple', firms: 'Entreprises', lq: 'QL', level: 'Territoires partenaires', chart: 'Quotient de localisation par territoire et filière', export: 'Exporter en CSV', separator: ';' },
  it: { locale: 'it-IT', title: 'Statistiche', sample: 'Dati di esempio', firms: 'Imprese', lq: 'QL', level: 'Territori partner', chart: 'Quoziente di localizzazione per territorio e filiera', export: 'Esporta in CSV', separator: ';' },
  en: { locale: 'en-GB', title: 'Statistics', sample: 'Sample data', firms: 'Firms', lq: 'LQ', level: 'Partner territories', chart: 'Location quotient by territory and sector', export: 'Export as CSV', separator: ',' },
} as const;
type Lang = keyof typeof LABELS;

type Row = { territory: string | null; sector: string; firms: number; employees: number; share: number | null; lq: number | null };

const session = useChromiumSession();
let page: Page;

async function api(path: string) {
  return (await fetch(`${session.server.url}${path}`)).json();
}

async function open(path: string, viewport = { width: 1280, height: 860 }) {
  page = session.page = await session.browser.newPage({ viewport, acceptDownloads: true });
  recordProblems(page, session.problems);
  await page.goto(`${session.server.url}${path}`);
  await page.evaluate(() => window.atlas.settled());
  await settle();
}

const settle = () => page.evaluate(() => window.atlas.settled());
const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}/${name}.png` });

/** The ids of the territories drawn by a statistics layer, each once. */
const drawn = (layer: string) =>
  page.evaluate((id) => [...new Set(window.atlas.map.queryRenderedFeatures({ layers: [id] }).map((f) => String(f.properties.id)))].sort(), layer);

async function downloadCsv(tableId: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`#${tableId} button.export`).click()]);
  return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8') };
}

describe('the statistics panel in Chromium', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  it.each(Object.keys(LABELS) as Lang[])('renders in %s with its labels, the API’s figures and the choropleth', async (lang) => {
    const labels = LABELS[lang];
    await open(`/?lang=${lang}&stats=partner&figure=lq&figureSector=outdoor`);
    const stats = await api('/api/stats?by=territory,sector&level=partner');
    expect(await page.locator('#stats-title').textContent()).toBe(labels.title);
    expect(await page.locator('.stats-sample').textContent()).toContain(labels.sample);
    expect(await page.locator('#stats-chart-title').textContent()).toBe(labels.chart);
    expect(await page.locator('select[name="stats-level"] option:checked').textContent()).toBe(labels.level);
    expect(await page.locator('#stats-firms thead th').allTextContents()).toEqual(expect.arrayContaining([labels.firms, labels.lq]));
    expect(await page.locator('#stats-firms button.export').textContent()).toBe(labels.export);
    expect(Number(await page.locator('.stats-summary').getAttribute('data-total'))).toBe(stats.total);
    // A figure as the API gives it, in the language's number format.
    const chamonix = stats.rows.find((r: Row) => r.territory === 'fr-cc-chamonix' && r.sector === 'outdoor');
    const line = page.locator('#stats-firms tbody tr', { has: page.locator('td[data-sector="outdoor"]') }).first();
    expect(await line.locator('td.firms').textContent()).toBe(new Intl.NumberFormat(labels.locale).format(chamonix.firms));
    expect(await line.locator('td.lq').textContent()).toBe(new Intl.NumberFormat(labels.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(chamonix.lq));
    expect(await page.locator('#stats .bar-chart .bar').count()).toBe(6 * 3);
    // The partner territories have no outline: one circle each, none invented.
    expect(await drawn('stats-circles')).toEqual(stats.territories.map((t: { id: string }) => t.id).sort());
    expect(await drawn('stats-fill')).toEqual([]);
    await shot(`stats-${lang}`);
  });

  it('opens from the top bar on the location quotients of the outdoor industry, and the URL keeps it', async () => {
    await open('/?lang=en');
    await page.getByRole('button', { name: 'Statistics' }).click();
    await settle();
    expect(await page.locator('#stats').isVisible()).toBe(true);
    expect(await page.locator('#stats-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('select[name="stats-figure"]').inputValue()).toBe('lq');
    expect(await page.locator('select[name="stats-sector"]').inputValue()).toBe('outdoor');
    expect(page.url()).toContain('stats=partner&figure=lq&figureSector=outdoor');
  });

  it('opens on the map’s sector when the map shows only one, from the top bar and from a shared URL', async () => {
    await open('/?lang=en&sector=phyto_wellbeing');
    await page.getByRole('button', { name: 'Statistics' }).click();
    await settle();
    expect(await page.locator('select[name="stats-sector"]').inputValue()).toBe('phyto_wellbeing');
    expect(page.url()).toContain('figureSector=phyto_wellbeing');
    await open('/?lang=en&sector=building_renovation&stats=partner&figure=lq');
    expect(await page.locator('select[name="stats-sector"]').inputValue()).toBe('building_renovation');
    await open('/?lang=en&sector=outdoor,building_renovation&stats=partner&figure=lq');
    expect(await page.locator('select[name="stats-sector"]').inputValue()).toBe('outdoor');
  });

  it('follows the map’s filters', async () => {
    await open('/?lang=en&stats=partner&figure=firms');
    await page.getByLabel('Switzerland').check();
    await settle();
    const { numberMatched } = await api('/api/companies?country=CH&limit=1');
    expect(Number(await page.locator('.stats-summary').getAttribute('data-total'))).toBe(numberMatched);
    const stats = await api('/api/stats?by=territory,sector&level=partner&country=CH');
    const martigny = stats.rows.filter((r: Row) => r.territory === 'ch-martigny').reduce((s: number, r: Row) => s + r.firms, 0);
    expect(await page.locator('#stats-matrix').count()).toBe(1);
    const label = await page.evaluate(() => window.atlas.map.querySourceFeatures('stats-points').find((f) => f.properties.id === 'ch-martigny')?.properties.label);
    expect(label).toBe(`Martigny\n${martigny}`);
  });

  it.each([['fr', ';'], ['en', ',']] as const)('exports the firm table in %s as a CSV a spreadsheet reads', async (lang, separator) => {
    await open(`/?lang=${lang}&stats=partner&figure=lq&figureSector=outdoor`);
    const stats = await api('/api/stats?by=territory,sector&level=partner');
    const { name, text } = await downloadCsv('stats-firms');
    expect(name).toBe(`atlas-partner-v${stats.dataVersion}-sample-data-firms-by-territory-and-sector.csv`);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1), separator);
    expect(header).toHaveLength(7);
    expect(rows).toHaveLength(stats.rows.length);
    expect(rows.every((r) => r.length === header!.length)).toBe(true);
    const decimalComma = separator === ';';
    expect(rows.reduce((s, r) => s + spreadsheetNumber(r[2]!, decimalComma), 0)).toBe(stats.total);
    rows.forEach((r, i) => {
      const row: Row = stats.rows[i];
      expect(spreadsheetNumber(r[2]!, decimalComma)).toBe(row.firms);
      expect(spreadsheetNumber(r[3]!, decimalComma)).toBe(row.employees);
      expect(spreadsheetNumber(r[5]!, decimalComma)).toBeCloseTo(row.share! * 100, 2);
      expect(spreadsheetNumber(r[6]!, decimalComma)).toBeCloseTo(row.lq!, 3);
    });
  });

  it('exports the link matrix with its totals', async () => {
    await open('/?lang=it&stats=partner&figure=firms');
    const matrix = await api('/api/stats/links?by=territory&level=partner');
    const { text } = await downloadCsv('stats-matrix');
    const [header, ...rows] = parseCsv(text.slice(1), ';');
    expect(header).toHaveLength(1 + 6 + 1);
    expect(rows).toHaveLength(6 + 1);
    expect(Number(rows.at(-1)!.at(-1))).toBe(matrix.total);
    const cell = (from: string, to: string) =>
      matrix.rows.filter((r: { from: string; to: string }) => r.from === from && r.to === to).reduce((s: number, r: { links: number }) => s + r.links, 0);
    // Row 1 is the first territory in the list order: the CC de la Vallée de Chamonix-Mont-Blanc.
    expect(Number(rows[0]![3])).toBe(cell('fr-cc-chamonix', 'it-valle-aosta'));
  });

  it('fills the regions’ outlines by the chosen figure', async () => {
    await open('/?lang=en&stats=region&figure=firms');
    expect(await drawn('stats-fill')).toEqual(['CH-VS', 'FR-73', 'FR-74', 'IT-AO']);
    const colours = await page.evaluate(() =>
      Object.fromEntries(window.atlas.map.querySourceFeatures('stats-areas').map((f) => [f.properties.id, f.properties.colour])));
    // Savoie has no sample firm: it is in the lowest class, unlike Haute-Savoie.
    expect(colours['FR-73']).not.toBe(colours['FR-74']);
    expect(await page.locator('#stats-legend').isVisible()).toBe(true);
    await shot('stats-regions-en');
  });

  it('gives the map its firms and links back when the panel closes', async () => {
    await open('/?lang=en&stats=partner&figure=lq&figureSector=outdoor#map=8.2/45.9/7.05');
    const visibility = () => page.evaluate(() => ['clusters', 'links-cross-border'].map((id) => window.atlas.map.getLayoutProperty(id, 'visibility')));
    expect(await visibility()).toEqual(['none', 'none']);
    await page.locator('#stats button.close').click();
    await settle();
    expect(await page.locator('#stats').isHidden()).toBe(true);
    expect(await visibility()).toEqual(['visible', 'visible']);
    expect(await page.evaluate(() => window.atlas.map.queryRenderedFeatures({ layers: ['clusters'] }).length)).toBeGreaterThan(0);
    expect(page.url()).not.toContain('stats=');
  });
});
