import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { projectPath } from '../../project-root.ts';
import { type Country, SECTORS, type Sector } from '../../shared/vocabulary.ts';

/**
 * National activity codes normalised to NACE Rev. 2. NAF (France), ATECO (Italy) and NOGA
 * (Switzerland) all refine NACE: their first four digits are the NACE class, so a code is
 * normalised by its scheme's layout and its class read from it.
 */
export type Activity = { nace: string; national: string };

export function normaliseActivity(country: Country, text: string): Activity | { error: string } {
  const code = text.trim().toUpperCase().replace(/\s/g, '');
  if (country === 'FR') {
    const naf = /^(\d{2})\.?(\d{2})([A-Z])$/.exec(code);
    return naf ? { nace: `${naf[1]}.${naf[2]}`, national: `${naf[1]}.${naf[2]}${naf[3]}` } : { error: `expected a NAF code such as 32.30Z, not '${text}'` };
  }
  if (country === 'IT') {
    const ateco = /^(\d{2})\.?(\d{2})(?:\.?(\d{1,2}))?$/.exec(code);
    if (!ateco) return { error: `expected an ATECO code such as 32.30 or 32.30.00, not '${text}'` };
    return { nace: `${ateco[1]}.${ateco[2]}`, national: `${ateco[1]}.${ateco[2]}${ateco[3] ? `.${ateco[3]}` : ''}` };
  }
  const noga = /^(\d{2})\.?(\d{2})(\d{2})?$/.exec(code);
  if (!noga) return { error: `expected a NOGA code such as 32.30 or 323000, not '${text}'` };
  return { nace: `${noga[1]}.${noga[2]}`, national: noga[3] ? `${noga[1]}${noga[2]}${noga[3]}` : `${noga[1]}.${noga[2]}` };
}

/** A line of the sector table: a NACE class (`93.19`) or a whole division (`43`). */
export type SectorRule = { nace: string; sector: Sector; label: string };

/**
 * Reads the sector-suggestion table (server/import/sector-suggestions.csv, documented in the
 * README): editors keep it in a spreadsheet, so a bad line stops the start with its number.
 */
export function readSectorRules(file: URL | string = projectPath('server', 'import', 'sector-suggestions.csv')): SectorRule[] {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  return rows.map((row, i) => {
    if (!/^\d{2}(\.\d{2})?$/.test(row.nace ?? '') || !SECTORS.includes(row.sector as Sector)) {
      throw new Error(`${String(file)} line ${i + 2}: expected a NACE class (93.19) or division (43) and one of ${SECTORS.join(', ')}`);
    }
    return { nace: row.nace!, sector: row.sector as Sector, label: row.label ?? '' };
  });
}

/** The sector the table suggests for a NACE class: its own line, else its division's; null when neither. */
export function suggestSector(rules: SectorRule[], nace: string): Sector | null {
  return (rules.find((r) => r.nace === nace) ?? rules.find((r) => r.nace === nace.slice(0, 2)))?.sector ?? null;
}
