/** What `npm run import` shows on a terminal: a progress bar while it runs, a summary when done. */
import type { ImportProfile } from './profile.ts';
import type { ImportProgress, ImportReport } from './report.ts';

/**
 * A bar redrawn in place when stderr is a terminal, a line every tenth otherwise (logs, CI). Each
 * phase counts what is really done: rows checked (and matched with the registry), firms written.
 */
export function progressBar(out: NodeJS.WriteStream) {
  const started = Date.now();
  let logged = '';
  return (progress: ImportProgress) => {
    const { phase, done, total } = progress;
    const share = total === 0 ? 1 : done / total;
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    // The checking goes through the file's bytes; it says how many rows that made.
    const count = progress.phase === 'checking' ? `${progress.rows.toLocaleString('en')} rows` : `${done.toLocaleString('en')}/${total.toLocaleString('en')}`;
    if (out.isTTY) {
      const width = 30;
      const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
      const percent = `${Math.floor(share * 100)} %`.padStart(5);
      out.write(`\r${phase.padEnd(9)} ${bar} ${percent} ${count} ${seconds} s\x1b[K${done === total ? '\n' : ''}`);
      return;
    }
    const line = `${phase} ${Math.floor(share * 10) * 10} %`;
    if (line !== logged) out.write(`${line} (${count}, ${seconds} s)\n`);
    logged = line;
  };
}

/** The report's summary as the command line prints it. */
export function importSummary(path: string, report: ImportReport, profile: ImportProfile | null, milliseconds: number): string {
  const seconds = (milliseconds / 1000).toFixed(1);
  const verb = report.dryRun ? 'would be' : 'were';
  return (
    `${path} (${report.file.format}, ${report.file.encoding}${report.file.separator ? `, '${report.file.separator === '\t' ? '\\t' : report.file.separator}'` : ''}): ` +
      `${report.file.rows} rows in ${seconds} s${report.dryRun ? ', dry run: nothing written' : ''}\n` +
      `  profile: ${profile ? `${profile.id} (${profile.name})` : 'none, columns mapped by their names'}${report.file.extractDate ? `, extract of ${report.file.extractDate}` : ''}\n` +
      `  ${report.created} ${verb} created, ${report.updated} updated, ${report.unchanged} unchanged, ` +
      `${report.skipped} skipped (${new Set(report.rejected.map((r) => r.line)).size} rejected, ${report.duplicates.length} duplicates), ` +
      `${report.approximate} placed at their commune\n` +
      `  ${report.outsideScope} outside the scope (another trade), ${report.outsideArea} outside the service area`
  );
}
