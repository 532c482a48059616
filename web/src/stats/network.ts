import type { NetworkValue } from '../../../shared/api/wire.ts';
import { naceTitle } from '../../../shared/nace-titles.ts';
import type { Translator } from '../i18n.ts';
import type { Cell, Table } from './tables.ts';

/**
 * The network indicators of the statistics panel (/api/stats/network): links within, out of and
 * across the borders of each territory with the E–I index, the brokers between countries, and the
 * missing chains. Tables like the others, so the CSV says what the screen says.
 */

export type NetworkStats = NetworkValue;

type CsvValue = string | number | null;
const cell = (text: string, csv: CsvValue = text, className?: string): Cell => ({ text, csv, ...(className ? { className } : {}) });
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function label(network: NetworkStats, id: string, t: Translator): string {
  return network.territories.find((x) => x.id === id)?.shortNames[t.lang] ?? id;
}

/** Links per territory: within it, out of it, across a border, their share and the E–I index. */
export function indicatorTable(network: NetworkStats, t: Translator, fileStem: string): Table {
  const n = (value: number) => cell(t.number(value), value);
  const ratio = (value: number | null, format: (v: number) => string, digits: number) =>
    cell(value === null ? '–' : format(value), value === null ? null : round(value, digits));
  return {
    id: 'stats-network',
    title: t.t('network.title'),
    note: t.t('network.help'),
    header: [t.t('territory'), t.t('links'), t.t('network.internal'), t.t('network.external'), t.t('crossBorderLinks'), t.t('network.crossBorderShare'), t.t('network.ei')],
    rows: network.rows.map((r) => ({
      header: cell(label(network, r.territory, t)),
      cells: [n(r.links), n(r.internal), n(r.external), n(r.crossBorder),
        ratio(r.crossBorderShare, (v) => t.percent(v), 4), ratio(r.eiIndex, (v) => t.decimal(v, 2), 3)],
    })),
    filename: `${fileStem}-network-indicators.csv`,
  };
}

/** The firms of each territory on the most two-step paths between firms of two countries not linked directly. */
export function brokerTable(network: NetworkStats, t: Translator, fileStem: string): Table {
  return {
    id: 'stats-brokers',
    title: t.t('network.brokers'),
    note: t.t('network.brokersHelp'),
    header: [t.t('territory'), t.t('name'), t.t('country'), t.t('network.paths')],
    rows: network.rows.flatMap((r) =>
      r.brokers.map((b, i) => ({
        className: i === 0 ? 'group-start' : '',
        header: cell(label(network, r.territory, t), label(network, r.territory, t), 'repeat'),
        cells: [cell(b.name, b.name, 'text'), cell(t.t(`country.${b.country}`), b.country, 'text'), cell(t.number(b.paths), b.paths)],
      }))),
    filename: `${fileStem}-brokers.csv`,
  };
}

/** An activity of any level by its code, with its official title where the Atlas knows it. */
function activity(code: string, t: Translator): Cell {
  const title = naceTitle(code, t.lang);
  const text = title ? `${code} — ${title}` : code;
  return cell(text, text, 'text activity');
}

/** Strongly related activities present on both sides of a border with no link across it yet. */
export function missingChainTable(network: NetworkStats, t: Translator, fileStem: string): Table {
  return {
    id: 'stats-missing-chains',
    title: t.t('network.missing'),
    note: t.t('network.missingHelp', { level: t.t(`network.level.${network.activityLevel}`), ratio: t.decimal(network.minRatio, 1), links: network.minLinks }),
    header: [t.t('territory'), t.t('network.here'), t.t('network.across'), 'R', t.t('links'), t.t('network.firmsHere'), t.t('network.firmsAcross'), t.t('network.where')],
    rows: network.rows.flatMap((r) =>
      r.missingChains.map((m, i) => ({
        className: i === 0 ? 'group-start' : '',
        header: cell(label(network, r.territory, t), label(network, r.territory, t), 'repeat'),
        cells: [
          activity(m.from, t), activity(m.to, t), cell(t.decimal(m.ratio, 1), round(m.ratio, 3)), cell(t.number(m.links), m.links),
          cell(t.number(m.firmsHere), m.firmsHere), cell(t.number(m.firmsAcross), m.firmsAcross),
          cell(m.territoriesAcross.map((id) => label(network, id, t)).join(', '), m.territoriesAcross.join(' '), 'text'),
        ],
      }))),
    filename: `${fileStem}-missing-chains.csv`,
  };
}

export function networkTables(network: NetworkStats, t: Translator, fileStem: string): Table[] {
  return [indicatorTable(network, t, fileStem), brokerTable(network, t, fileStem), missingChainTable(network, t, fileStem)];
}
