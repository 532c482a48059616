import { DENSITY_CLASSES, DENSITY_RAMPS } from '../../../shared/style/density.ts';
import { COLORS, SECTOR_COLORS } from '../../../shared/style/palette.ts';
import { SECTORS, type Sector } from '../../../shared/vocabulary.ts';
import type { FirmStatsValue } from '../../../shared/api/wire.ts';
import type { Translator } from '../i18n.ts';
import type { Sheet, SheetLine } from '../map/export-png.ts';
import type { FlowSummary } from '../map/flows/flows-view.ts';
import type { AtlasState } from '../state.ts';
import { activeFilters } from './filter-summary.ts';

type SheetInput = {
  state: AtlasState;
  filters: URLSearchParams;
  flows: FlowSummary;
  /** `/api/stats?by=sector` with the filters: the data date and whether it is sample data. */
  stats: FirmStatsValue;
  attribution: string;
  t: Translator;
};

function densityLines(sector: Sector | null, t: Translator): SheetLine[] {
  const ramp = DENSITY_RAMPS[sector ?? 'all'];
  return [
    { text: `${t.t('density.of')} ${sector ? t.t(`sector.${sector}`) : t.t('density.all')} (${t.t('density.unit')})`, bold: true },
    ...DENSITY_CLASSES.map((from, i) => ({
      text: DENSITY_CLASSES[i + 1] === undefined ? `≥ ${t.decimal(from, from < 1 ? 2 : 0)}` : `${t.decimal(from, from < 1 ? 2 : 0)} – ${t.decimal(DENSITY_CLASSES[i + 1]!, 0)}`,
      swatch: { kind: 'box' as const, colours: [ramp[i]!] },
    })),
  ];
}

/** Flows named in the image's legend: more would make it taller than the map (commune flows reach 25). */
const LISTED_FLOWS = 10;

function flowLines(flows: FlowSummary, t: Translator): SheetLine[] {
  return [
    { text: t.t('flows.title'), bold: true },
    { text: t.t(`flows.${flows.level}`) },
    { text: t.t('flows.crossBorder'), swatch: { kind: 'line', colours: [COLORS.links], width: 4 } },
    { text: t.t('flows.domestic'), swatch: { kind: 'dash', colours: [COLORS.domesticLinks], width: 3 } },
    // The image is read without the map's popups: what a stub and its label mean is spelled out.
    ...(flows.level === 'stub' ? [{ text: t.t('flows.stubKey') }] : []),
    ...(flows.shown.length ? [{ text: t.t('flows.strongest'), bold: true }] : []),
    // Each with the line of its kind: which of the strongest cross a border reads without the map.
    ...flows.shown.slice(0, LISTED_FLOWS).map((pair, i) => ({
      text: `${i + 1}. ${pair.aName} ↔ ${pair.bName}: ${t.number(pair.count)}`,
      swatch: pair.crossBorder
        ? { kind: 'line' as const, colours: [COLORS.links], width: 4 }
        : { kind: 'dash' as const, colours: [COLORS.domesticLinks], width: 3 },
    })),
    ...(flows.shown.length > LISTED_FLOWS ? [{ text: t.t('flows.moreDrawn', { count: flows.shown.length - LISTED_FLOWS }) }] : []),
    ...(flows.folded.flows > 0 ? [{ text: t.t('flows.folded', { flows: flows.folded.flows, links: flows.folded.links }) }] : []),
  ];
}

/** The title, date, notices, legend and attribution of the map as an image, in the reader's language. */
export function pngSheet({ state, filters, flows, stats, attribution, t }: SheetInput): Sheet {
  const legend: SheetLine[] = [];
  if (state.layers.includes('companies')) {
    legend.push({ text: t.t('layer.companies'), bold: true });
    legend.push({ text: t.t('legend.clusters'), swatch: { kind: 'ring', colours: SECTORS.map((s) => SECTOR_COLORS[s]) } });
    for (const sector of SECTORS) legend.push({ text: t.t(`sector.${sector}`), swatch: { kind: 'box', colours: [SECTOR_COLORS[sector]] } });
  }
  if (state.layers.includes('density')) legend.push(...densityLines(state.density, t));
  if (state.layers.includes('links') && !state.stats) legend.push(...flowLines(flows, t));
  if (state.layers.includes('actors')) legend.push({ text: t.t('layer.actors'), swatch: { kind: 'box', colours: [COLORS.actor] } });
  return {
    title: t.t('title'),
    // On the time slider's date, the image says which: its firms are those of that day, not today's.
    subtitle: `${state.asOf ? t.t('firmsShownAsOf', { count: stats.total, date: t.date(state.asOf) }) : t.t('firmsShown', { count: stats.total })} · ${t.t('statsFilters', { filters: activeFilters(filters, t) })}`,
    date: t.t('png.date', { date: stats.lastChange ? t.dateTime(stats.lastChange) : '–' }),
    sample: stats.sampleFirms > 0 ? t.t('png.sample') : null,
    attribution,
    legend,
  };
}
