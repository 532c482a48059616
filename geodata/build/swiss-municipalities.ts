import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Territory } from '../types.ts';
import { readDbf, type DbfRow } from './dbf.ts';
import type { Member } from './member.ts';

const VALAIS = '23'; // canton number (KTNR)

/**
 * The municipality table of swiss-maps has no district column, so membership comes from the BFS
 * numbering: within a canton, municipality numbers are allotted in one block per district (new
 * municipalities from mergers get a free number in their district's block). Valais blocks:
 * Entremont 6031-6050, Martigny 6131-6150, Saint-Maurice 6211-6230; the next district starts
 * right after each block. Checked against GeoNames' district codes for all Valais towns.
 */
const DISTRICTS = [
  {
    id: 'ch-entremont',
    district: '2303',
    numbers: [6031, 6050],
    names: { fr: "District d'Entremont", it: 'Distretto di Entremont', en: 'Entremont District' },
  },
  {
    id: 'ch-martigny',
    district: '2307',
    numbers: [6131, 6150],
    names: { fr: 'District de Martigny', it: 'Distretto di Martigny', en: 'Martigny District' },
  },
  {
    id: 'ch-saint-maurice',
    district: '2310',
    numbers: [6211, 6230],
    names: {
      fr: 'District de Saint-Maurice',
      it: 'Distretto di Saint-Maurice',
      en: 'Saint-Maurice District',
    },
  },
] as const;

function tables(dir: string, layer: 'municipalities' | 'districts'): DbfRow[][] {
  // Snapshot folders are years ("2024") or months ("2022-05"); string order is time order.
  const snapshots = readdirSync(dir).filter((name) => /^\d{4}(-\d{2})?$/.test(name)).sort();
  return snapshots.map((snapshot) => readDbf(readFileSync(join(dir, snapshot, `${layer}.dbf`))));
}

// The newest snapshots ship numbers without names (empty name field), so names come from the
// newest snapshot that still has them.
function newestNamed(snapshots: DbfRow[][]): Map<string, string> {
  const named = snapshots.findLast((rows) => rows.some((row) => row.name));
  if (!named) throw new Error('No swiss-maps snapshot has names');
  return new Map(named.map((row) => [row.id ?? '', row.name ?? '']));
}

/**
 * Municipalities of the three partner districts of Valais, read from the .dbf attribute tables
 * only (numbers and names): swiss-maps' geometry is not used.
 */
export function swissTerritories(swissMapsDir: string): { territories: Territory[]; members: Member[] } {
  const municipalitySnapshots = tables(swissMapsDir, 'municipalities');
  const current = municipalitySnapshots.at(-1) ?? [];
  const municipalityNames = newestNamed(municipalitySnapshots);
  const districtNames = newestNamed(tables(swissMapsDir, 'districts'));

  const territories: Territory[] = [];
  const members: Member[] = [];
  for (const { id, district, numbers, names } of DISTRICTS) {
    const codes = current
      .filter((row) => row.KTNR === VALAIS)
      .map((row) => row.id ?? '')
      .filter((code) => Number(code) >= numbers[0] && Number(code) <= numbers[1])
      .sort();
    if (codes.length === 0) throw new Error(`No municipality found for district ${district}`);
    for (const code of codes) {
      const name = municipalityNames.get(code);
      // A number created after the last named snapshot would otherwise get no name.
      if (!name) throw new Error(`BFS ${code} has no name in any swiss-maps snapshot`);
      members.push({ code, name, country: 'CH', territory: id, population: null, postcodes: [] });
    }
    territories.push({
      id,
      name: districtNames.get(district) ?? names.fr,
      names,
      country: 'CH',
      kind: 'district',
      officialCode: district,
      members: codes,
    });
  }
  return { territories, members };
}
