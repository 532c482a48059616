import { IMPORT_FIELDS } from '../../../server/import/mapping.ts';
import { clear, h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import { download, toCsv } from './csv.ts';

/** The parts of the server's import report the page shows. */
type Report = {
  dryRun: boolean;
  file: { rows: number; encoding: string; separator: string | null };
  mapping: Record<string, string | null>;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  approximate: number;
  rejected: { line: number; field: string; reason: string }[];
  duplicates: { line: number; officialId: string | null; of: string }[];
};

// Kept for the tab only: an editor's token should not outlive the browser session.
const TOKEN_KEY = 'atlas-editor-token';

/**
 * A mapping corrected by hand is saved in this browser under the file's columns, and used again
 * for the next file with the same columns (the same tool's export, month after month).
 */
const mappingKey = (columns: string[]) => `atlas-import-mapping:${JSON.stringify([...columns].sort())}`;

function savedMapping(columns: string[]): Record<string, string | null> | null {
  try {
    return JSON.parse(localStorage.getItem(mappingKey(columns)) ?? 'null');
  } catch {
    return null;
  }
}

/**
 * Sends the file with XMLHttpRequest, whose upload events (unlike fetch's) give the progress of a
 * large file; the server then checks and writes it in one go.
 */
function send(file: File, query: URLSearchParams, token: string, onUpload: (share: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/imports?${query}`);
    request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.setRequestHeader('Content-Type', file.name.endsWith('json') ? 'application/geo+json' : 'text/csv');
    request.upload.onprogress = (e) => e.lengthComputable && onUpload(e.loaded / e.total);
    request.upload.onload = () => onUpload(1);
    request.onload = () => {
      try {
        resolve({ status: request.status, body: JSON.parse(request.responseText) });
      } catch {
        resolve({ status: request.status, body: null });
      }
    };
    request.onerror = () => reject(new Error('network'));
    request.send(file);
  });
}

/** The upload page: choose a file, check it (dry run) with the column mapping shown and editable, then import it. */
export function openImportDialog(t: Translator): HTMLDialogElement {
  const fileInput = h('input', { type: 'file', name: 'file', accept: '.csv,.txt,.geojson,.json,text/csv,application/geo+json', required: true });
  const tokenInput = h('input', { type: 'password', name: 'token', autocomplete: 'off', value: sessionStorage.getItem(TOKEN_KEY) ?? '', required: true });
  const progress = h('progress', { max: 1, hidden: true });
  const status = h('p', { class: 'import-status', role: 'status', 'aria-live': 'polite' });
  const result = h('div', { class: 'import-result' });
  const check = h('button', { type: 'button', class: 'primary' }, t.t('import.check'));
  const apply = h('button', { type: 'button', class: 'primary', disabled: true }, t.t('import.apply'));
  let mapping: Record<string, string | null> = {};
  /** Whether the mapping was chosen (by hand, or saved before) rather than suggested. */
  let edited = false;

  const fieldOptions = (selected: string | null) => [
    h('option', { value: '', selected: selected === null }, t.t('import.ignore')),
    ...Object.keys(IMPORT_FIELDS).map((field) => h('option', { value: field, selected: field === selected }, field)),
  ];

  /** Shows a report; false when a saved mapping applies and the file must be checked again with it. */
  function showReport(report: Report): boolean {
    const columns = Object.keys(report.mapping);
    const saved = savedMapping(columns);
    // A first check of a file whose columns have a saved mapping: check again with it.
    if (!edited && saved && JSON.stringify(saved) !== JSON.stringify(report.mapping)) {
      mapping = saved;
      edited = true;
      return false;
    }
    mapping = report.mapping;
    if (edited) localStorage.setItem(mappingKey(columns), JSON.stringify(mapping));
    const rejectedRows = [
      ...report.rejected.map((r) => [r.line, r.field, r.reason]),
      ...report.duplicates.map((d) => [d.line, 'officialId', `duplicate of ${d.of}`]),
    ].sort((a, b) => Number(a[0]) - Number(b[0])) as (string | number)[][];
    clear(result,
      h('p', {}, t.t(report.dryRun ? 'import.dryRun' : 'import.done'), ' ',
        t.t('import.summary', { rows: report.file.rows, created: report.created, updated: report.updated, unchanged: report.unchanged, skipped: report.skipped, approximate: report.approximate })),
      rejectedRows.length > 0 &&
        h('button', { type: 'button', class: 'secondary', onclick: () => download('rejected-rows.csv', toCsv(['line', 'field', 'reason'], rejectedRows)) },
          t.t('import.rejected', { count: rejectedRows.length })),
      h('h3', {}, t.t('import.mapping')),
      h('table', { class: 'import-mapping' },
        Object.entries(report.mapping).map(([column, field]) =>
          h('tr', {},
            h('th', { scope: 'row' }, column),
            h('td', {}, h('select', {
              'aria-label': column,
              onchange: (e) => {
                mapping = { ...mapping, [column]: (e.target as HTMLSelectElement).value || null };
                edited = true;
                // The report was for the former mapping: check again before importing.
                apply.disabled = true;
              },
            }, fieldOptions(field)))))),
    );
    apply.disabled = !report.dryRun || report.created + report.updated === 0;
    return true;
  }

  async function run(dryRun: boolean): Promise<void> {
    const file = fileInput.files?.[0];
    if (!file || !tokenInput.value) {
      status.textContent = t.t('import.missing');
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, tokenInput.value);
    check.disabled = apply.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    status.textContent = t.t('import.sending');
    const query = new URLSearchParams({ dryRun: String(dryRun), name: file.name.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '-').slice(0, 80) || 'upload' });
    if (Object.keys(mapping).length) query.set('mapping', JSON.stringify(mapping));
    try {
      const { status: code, body } = await send(file, query, tokenInput.value, (share) => {
        progress.value = share;
        // The upload is done: the server is reading the rows, for an unknown time.
        if (share >= 1) {
          progress.removeAttribute('value');
          status.textContent = t.t(dryRun ? 'import.checking' : 'import.writing');
        }
      });
      if (code === 200) {
        status.textContent = '';
        if (!showReport(body as Report)) return await run(true);
      } else {
        status.textContent = t.t('import.error', { detail: (body as { detail?: string } | null)?.detail ?? String(code) });
      }
    } catch {
      status.textContent = t.t('import.error', { detail: t.t('error') });
    } finally {
      progress.hidden = true;
      check.disabled = false;
    }
  }

  check.addEventListener('click', () => void run(true));
  apply.addEventListener('click', () => void run(false));
  fileInput.addEventListener('change', () => {
    mapping = {};
    edited = false;
    apply.disabled = true;
    result.replaceChildren();
  });

  const dialog = h('dialog', { class: 'share import', 'aria-labelledby': 'import-title' },
    h('header', {},
      h('h2', { id: 'import-title' }, t.t('import.title')),
      h('button', { type: 'button', class: 'close', 'aria-label': t.t('close'), onclick: () => dialog.close() }, '×')),
    h('p', { class: 'muted' }, t.t('import.help')),
    h('label', { class: 'field' }, h('span', {}, t.t('import.file')), fileInput),
    h('label', { class: 'field' }, h('span', {}, t.t('import.token')), tokenInput),
    h('p', { class: 'import-actions' }, check, ' ', apply),
    progress,
    status,
    result);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
