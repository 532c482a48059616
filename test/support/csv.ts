/**
 * Reads CSV as a spreadsheet program does (RFC 4180: quoted fields may hold the separator, quotes
 * doubled, CRLF line ends), written here independently of the app's writer.
 */
export function parseCsv(text: string, separator: ',' | ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** A number as a French or Italian spreadsheet reads it (decimal comma), or an English one. */
export const spreadsheetNumber = (cell: string, decimalComma: boolean) => Number(decimalComma ? cell.replace(',', '.') : cell);
