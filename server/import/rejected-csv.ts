import { stringify } from 'csv-stringify/sync';
import type { ImportReport } from './report.ts';

/** The rejected rows and duplicates as a spreadsheet, for whoever fixes the file. */
export function rejectedCsv(report: ImportReport): string {
  const rows = [
    ...report.rejected.map((r) => [r.line, r.field, r.reason]),
    ...report.duplicates.map((d) => [d.line, 'officialId', `duplicate of ${d.of}`]),
  ].sort((a, b) => Number(a[0]) - Number(b[0]));
  return `\uFEFF${stringify([['line', 'field', 'reason'], ...rows], { record_delimiter: 'windows' })}`;
}
