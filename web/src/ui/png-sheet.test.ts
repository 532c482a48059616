import { describe, expect, it } from 'vitest';
import type { FirmStatsValue } from '../../../shared/api/wire.ts';
import { translator } from '../i18n.ts';
import type { FlowPair } from '../map/flows/flow-pairs.ts';
import type { FlowSummary } from '../map/flows/flows-view.ts';
import { readState } from '../state.ts';
import { pngSheet } from './png-sheet.ts';

const t = translator('en');
const stats: FirmStatsValue = {
  by: ['sector'], rows: [], total: 3000, employees: 0, employeesMin: 0, employeesMax: 0, employeesUnknown: 0, inSeveralTerritories: 0,
  sampleFirms: 3000, territories: [], dataVersion: 1, lastChange: '2026-12-03T05:28:00Z',
};

const pair = (i: number): FlowPair => ({
  key: `a${i}|b${i}`, a: `a${i}`, b: `b${i}`, aName: `Place ${i}`, bName: `Other ${i}`, ab: null, ba: null, count: 30 - i, crossBorder: i % 2 === 0,
});

const summary = (shown: number): FlowSummary => ({
  level: 'commune', shown: Array.from({ length: shown }, (_, i) => pair(i)), folded: { flows: 7, links: 9 }, outside: 0,
});

const legendOf = (flows: FlowSummary) =>
  pngSheet({ state: readState('?lang=en', 'en'), filters: new URLSearchParams(), flows, stats, attribution: '© OpenStreetMap contributors', t })
    .legend.map((line) => line.text);

describe('the legend of the map as an image', () => {
  it.each([
    // shown flows, named, the line that counts the others drawn
    [3, 3, undefined],
    [10, 10, undefined],
    [26, 10, '+ 16 weaker flows drawn'],
  ])('with %i flows drawn names %i of them', (shown, named, more) => {
    const legend = legendOf(summary(shown));
    expect(legend.filter((text) => /^\d+\. Place \d+ ↔ Other \d+: \d+$/.test(text))).toHaveLength(named);
    expect(legend.find((text) => text.endsWith('weaker flows drawn'))).toBe(more);
    expect(legend).toContain('+ 7 smaller flows (9 links) not drawn');
  });

  it('draws each named flow with the line of its kind', () => {
    const lines = pngSheet({ state: readState('?lang=en', 'en'), filters: new URLSearchParams(), flows: summary(4), stats, attribution: '', t })
      .legend.filter((line) => /^\d+\. /.test(line.text));
    expect(lines.map((line) => line.swatch?.kind)).toEqual(['line', 'dash', 'line', 'dash']);
  });

  it('carries the date, the sample notice and the attribution', () => {
    const sheet = pngSheet({ state: readState('?lang=en', 'en'), filters: new URLSearchParams(), flows: summary(0), stats, attribution: '© OpenStreetMap contributors', t });
    expect(sheet.date).toMatch(/2026/);
    expect(sheet.sample).toBeTruthy();
    expect(sheet.attribution).toContain('OpenStreetMap');
  });

  it.each([
    ['en', 'firms on 31 December 2010'],
    ['fr', 'entreprises au 31 décembre 2010'],
    ['it', 'imprese al 31 dicembre 2010'],
  ] as const)('names the time slider’s date in its subtitle (%s)', (lang, words) => {
    const sheet = pngSheet({ state: readState(`?lang=${lang}&asOf=2010-12-31`, lang), filters: new URLSearchParams('asOf=2010-12-31'), flows: summary(0), stats, attribution: '', t: translator(lang) });
    expect(sheet.subtitle).toContain(words);
    const today = pngSheet({ state: readState(`?lang=${lang}`, lang), filters: new URLSearchParams(), flows: summary(0), stats, attribution: '', t: translator(lang) });
    expect(today.subtitle).not.toContain('2010');
  });

  it.each([
    // level, what the legend says is drawn, whether it explains a stub
    ['commune', 'Between communes. Zoom in further for each link.', false],
    ['stub', t.t('flows.stub'), true],
    ['link', 'Each line is one link between two firms.', false],
  ] as const)('says what is drawn at the %s level', (level, drawn, stubKey) => {
    const legend = legendOf({ ...summary(0), level });
    expect(legend).toContain(drawn);
    expect(legend.includes(t.t('flows.stubKey'))).toBe(stubKey);
    if (level === 'stub') expect(legend).not.toContain('Each line is one link between two firms.');
  });
});
