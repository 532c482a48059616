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

/**
 * The NACE revision a national code refines: Rev. 2 (NAF, ATECO 2007, NOGA 2008) or Rev. 2.1
 * (ATECO 2025), whose classes are not all those of Rev. 2 under the same numbers.
 */
export const NACE_SCHEMES = ['nace2', 'nace21'] as const;
export type NaceScheme = (typeof NACE_SCHEMES)[number];

/**
 * A line of the sector table: a NACE class (`93.19`) of a revision (`scheme`, Rev. 2 when the
 * column is blank), or a whole division (`43`), which both revisions number alike.
 */
export type SectorRule = { nace: string; sector: Sector; label: string; scheme: NaceScheme };

/**
 * Reads the sector-suggestion table (server/import/sector-suggestions.csv, documented in
 * docs/operator/imports.md): editors keep it in a spreadsheet, so a bad line stops the start with its number.
 */
export function readSectorRules(file: URL | string = projectPath('server', 'import', 'sector-suggestions.csv')): SectorRule[] {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  return rows.map((row, i) => {
    const scheme = (row.scheme || 'nace2') as NaceScheme;
    if (!/^\d{2}(\.\d{2})?$/.test(row.nace ?? '') || !SECTORS.includes(row.sector as Sector) || !NACE_SCHEMES.includes(scheme)) {
      throw new Error(`${String(file)} line ${i + 2}: expected a NACE class (93.19) or division (43), one of ${SECTORS.join(', ')}, and a scheme ${NACE_SCHEMES.join(' or ')} (blank: nace2)`);
    }
    return { nace: row.nace!, sector: row.sector as Sector, label: row.label ?? '', scheme };
  });
}

/** The sector the table suggests for a class of a revision: its own line, else its division's; null when neither. */
export function suggestSector(rules: SectorRule[], nace: string, scheme: NaceScheme = 'nace2'): Sector | null {
  return (rules.find((r) => r.nace === nace && r.scheme === scheme) ?? rules.find((r) => r.nace === nace.slice(0, 2)))?.sector ?? null;
}
