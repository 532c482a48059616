import { FileError, streamSourceFile } from './read-file.ts';
import { type ImportProfile, fileColumn } from './profile.ts';
import type { LegalNames } from './translate.ts';

/**
 * The legal names a profile's second file gives (SIRENE's StockUniteLegale: siren →
 * denominationUniteLegale, or a sole proprietor's first name and name), read as it streams in;
 * only the names are kept. A file without the profile's columns is refused, naming them.
 */
export async function readLegalNames(chunks: AsyncIterable<Uint8Array>, profile: ImportProfile): Promise<LegalNames> {
  const spec = profile.legalUnits;
  if (!spec) throw new FileError(`the profile ${profile.id} takes no second file`);
  const file = await streamSourceFile(chunks);
  const missing = spec.recognise.filter((name) => fileColumn(file.columns, name) === undefined);
  if (missing.length) throw new FileError(`not a file of legal units for ${profile.name}: no column ${missing.join(', ')}`);
  const key = fileColumn(file.columns, spec.key)!;
  const groups = spec.name.map((group) => group.map((name) => fileColumn(file.columns, name)));
  const blanks = new Set(profile.blanks);
  const names: LegalNames = new Map();
  for await (const rows of file.batches()) {
    for (const row of rows) {
      const cell = (column: string | undefined) => {
        const text = column === undefined ? '' : (row.values[column] ?? '').trim();
        return blanks.has(text) ? '' : text;
      };
      // A group names the unit only when each of its columns is given (a first name alone is no name).
      const name = groups.map((group) => group.map(cell)).find((cells) => cells.every((text) => text !== ''));
      if (name && cell(key)) names.set(cell(key), name.join(' '));
    }
  }
  return names;
}
