/**
 * RFC 4180 CSV, with a BOM so that spreadsheet programs read the accents right. `separator` `;`
 * is what Excel expects where the decimal mark is a comma (French, Italian).
 */
export function toCsv(header: string[], rows: (string | number | boolean | null)[][], separator: ',' | ';' = ','): string {
  const cell = (value: string | number | boolean | null) => {
    const text = value === null ? '' : String(value);
    // A leading = + - @ would be run as a formula by spreadsheets: quote it as text.
    const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
    return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(separator)).join('\r\n')}\r\n`;
}

export function download(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
