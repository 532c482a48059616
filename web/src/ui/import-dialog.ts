import type { ImportProfileValue, ImportReport, ImportStreamLine, SavedImportMappingValue } from '../../../shared/api/wire.ts';
import { IMPORT_FIELDS } from '../../../shared/import-mapping.ts';
import { SECTORS } from '../../../shared/vocabulary.ts';
import { clear, h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import { download, toCsv } from './csv.ts';

type Mapping = Record<string, string | null>;

type SavedMapping = SavedImportMappingValue;

type Profile = ImportProfileValue;

type Problem = { detail?: string };

// Kept for the tab only: an editor's token should not outlive the browser session.
const TOKEN_KEY = 'atlas-editor-token';

/**
 * Sends the file with XMLHttpRequest, whose upload events (unlike fetch's) give the progress of a
 * large file, and reads the server's progress lines as they arrive, then its report.
 */
function send(files: { file: File; legalUnits: File | null }, query: URLSearchParams, token: string, onProgress: (phase: 'sending' | 'reading' | 'checking' | 'writing', share: number | null) => void): Promise<{ result: ImportReport } | { problem: Problem }> {
  const { file, legalUnits } = files;
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    let read = 0;
    let outcome: { result: ImportReport } | { problem: Problem } | undefined;
    const readLines = () => {
      const text = request.responseText;
      const end = text.lastIndexOf('\n') + 1;
      for (const line of text.slice(read, end).split('\n')) {
        if (!line) continue;
        const parsed = JSON.parse(line) as ImportStreamLine;
        if ('phase' in parsed) onProgress(parsed.phase, parsed.total === 0 ? 1 : parsed.done / parsed.total);
        else outcome = parsed;
      }
      read = end;
    };
    request.open('POST', `/api/imports?${query}`);
    if (token) request.setRequestHeader('Authorization', `Bearer ${token}`);
    // With a second file, both go as multipart/form-data (the browser sets its boundary).
    if (!legalUnits) request.setRequestHeader('Content-Type', file.name.endsWith('json') ? 'application/geo+json' : 'text/csv');
    request.setRequestHeader('Accept', 'application/x-ndjson');
    request.upload.onprogress = (e) => e.lengthComputable && onProgress('sending', e.loaded / e.total);
    // Sent: the server reads the file before its first progress line.
    request.upload.onload = () => onProgress('reading', null);
    request.onprogress = () => request.status === 200 && readLines();
    request.onload = () => {
      if (request.status !== 200) {
        let problem: Problem = { detail: String(request.status) };
        try {
          problem = JSON.parse(request.responseText);
        } catch {
          // Not a problem document (a proxy's error page): the status says enough.
        }
        return resolve({ problem });
      }
      try {
        readLines();
      } catch {
        outcome = undefined;
      }
      if (outcome) resolve(outcome);
      else reject(new Error('the answer ended before the report'));
    };
    request.onerror = () => reject(new Error('network'));
    if (!legalUnits) return request.send(file);
    const form = new FormData();
    form.append('file', file);
    form.append('legalUnits', legalUnits);
    request.send(form);
  });
}

/** The registers' layouts the server recognises (public). */
async function importProfiles(): Promise<Profile[]> {
  try {
    const response = await fetch('/api/import-profiles');
    return response.ok ? ((await response.json()) as { profiles: Profile[] }).profiles : [];
  } catch {
    return [];
  }
}

/** A token typed in the dialog, for scripts' owners; a signed-in editor needs none (the session cookie goes along). */
const bearer = (token: string): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {});

/** The mappings saved on the server; none for a caller who may not read them. */
async function savedMappings(token: string, signedIn: boolean): Promise<SavedMapping[]> {
  if (!token && !signedIn) return [];
  try {
    const response = await fetch('/api/import-mappings', { headers: bearer(token) });
    return response.ok ? ((await response.json()) as { mappings: SavedMapping[] }).mappings : [];
  } catch {
    return [];
  }
}

const sameColumns = (a: string[], b: string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/**
 * The upload page: choose a file, check it (dry run) with the column mapping shown and editable,
 * choose or save a named mapping (kept on the server for everyone importing), then import it.
 */
export function openImportDialog(t: Translator, signedIn: boolean): HTMLDialogElement {
  const fileInput = h('input', { type: 'file', name: 'file', accept: '.csv,.txt,.geojson,.json,text/csv,application/geo+json', required: true });
  const tokenInput = h('input', { type: 'password', name: 'token', autocomplete: 'off', value: sessionStorage.getItem(TOKEN_KEY) ?? '', required: !signedIn });
  const savedSelect = h('select', { name: 'saved-mapping' });
  const profileSelect = h('select', { name: 'profile' });
  const legalUnitsInput = h('input', { type: 'file', name: 'legal-units', accept: '.csv,.txt,text/csv' });
  const extractDateInput = h('input', { type: 'date', name: 'extract-date' });
  const sectorSelect = h('select', { name: 'sector' },
    h('option', { value: '' }, t.t('import.sectorFromFile')),
    ...SECTORS.map((sector) => h('option', { value: sector }, t.t(`sector.${sector}`))));
  let profiles: Profile[] = [];
  /** The mapping a report came with: with a profile, only the changes made to it are sent. */
  let reported: Mapping = {};
  let reportedProfile: string | null = null;
  const progress = h('progress', { max: 1, hidden: true });
  const status = h('p', { class: 'import-status', role: 'status', 'aria-live': 'polite' });
  const result = h('div', { class: 'import-result' });
  const check = h('button', { type: 'button', class: 'primary' }, t.t('import.check'));
  const apply = h('button', { type: 'button', class: 'primary', disabled: true }, t.t('import.apply'));
  let saved: SavedMapping[] = [];
  /** The mapping of the last report, with the changes made by hand since. */
  let mapping: Mapping = {};
  /** Whether the mapping was chosen (by hand, or a saved one) rather than suggested from the header. */
  let chosen = false;
  let notice = '';

  function fillSaved(selected = savedSelect.value) {
    savedSelect.replaceChildren(
      h('option', { value: '' }, t.t('import.suggested')),
      ...saved.map((s) => h('option', { value: s.name, selected: s.name === selected }, s.name)),
    );
  }

  async function loadProfiles() {
    profiles = await importProfiles();
    profileSelect.replaceChildren(
      h('option', { value: '' }, t.t('import.profileAuto')),
      ...profiles.map((p) => h('option', { value: p.id }, p.name)),
      h('option', { value: 'none' }, t.t('import.profileNone')),
    );
  }

  async function loadSaved() {
    saved = await savedMappings(tokenInput.value, signedIn);
    fillSaved();
  }

  const fieldOptions = (selected: string | null) => [
    h('option', { value: '', selected: selected === null }, t.t('import.ignore')),
    ...Object.keys(IMPORT_FIELDS).map((field) => h('option', { value: field, selected: field === selected }, field)),
  ];

  const nameInput = h('input', { type: 'text', name: 'mapping-name', maxlength: 80, required: true });

  async function save() {
    const name = nameInput.value.trim();
    if (!name) return nameInput.focus();
    const response = await fetch(`/api/import-mappings/${encodeURIComponent(name)}`, {
      method: 'PUT',
      headers: { ...bearer(tokenInput.value), 'Content-Type': 'application/json' },
      body: JSON.stringify({ mapping }),
    }).catch(() => null);
    if (!response?.ok) {
      const problem = ((await response?.json().catch(() => null)) ?? {}) as Problem;
      status.textContent = t.t('import.error', { detail: problem.detail ?? String(response?.status ?? t.t('error')) });
      return;
    }
    await loadSaved();
    fillSaved(name);
    status.textContent = t.t('import.savedAs', { name });
  }

  /** Shows a report; false when a saved mapping for these very columns applies and the file must be checked again with it. */
  function showReport(report: ImportReport): boolean {
    const columns = Object.keys(report.mapping);
    // A first check of a file with the columns of a saved mapping: check again with the latest such
    // one (a register's profile reads its own columns).
    const match = chosen || report.profile ? undefined : saved.filter((s) => sameColumns(Object.keys(s.mapping), columns)).sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0];
    if (match) {
      fillSaved(match.name);
      chosen = true;
      notice = t.t('import.usingSaved', { name: match.name });
      if (columns.some((column) => match.mapping[column] !== report.mapping[column])) {
        mapping = match.mapping;
        return false;
      }
    }
    mapping = report.mapping;
    reported = report.mapping;
    reportedProfile = report.profile;
    const profile = profiles.find((p) => p.id === report.profile);
    const rejectedRows = [
      ...report.rejected.map((r) => [r.line, r.field, r.reason]),
      ...report.duplicates.map((d) => [d.line, 'officialId', `duplicate of ${d.of}`]),
    ].sort((a, b) => Number(a[0]) - Number(b[0])) as (string | number)[][];
    clear(result,
      notice && h('p', { class: 'muted' }, notice),
      profile && h('p', { class: 'import-profile' }, t.t('import.readWith', { name: profile.name })),
      h('p', {}, t.t(report.dryRun ? 'import.dryRun' : 'import.done'), ' ',
        t.t('import.summary', { rows: report.file.rows, created: report.created, updated: report.updated, unchanged: report.unchanged, skipped: report.skipped, approximate: report.approximate })),
      report.outsideScope + report.outsideArea > 0 && h('p', { class: 'import-outside' }, t.t('import.outside', { scope: report.outsideScope, area: report.outsideArea })),
      profile && h('details', { class: 'import-notes' },
        h('summary', {}, t.t('import.notes')),
        h('p', {}, profile.description[t.lang]),
        h('ul', {}, profile.notes.map((note) => h('li', {}, note[t.lang]))),
        h('ul', { class: 'muted' }, profile.sources.map((source) => h('li', {}, source.url ? h('a', { href: source.url, rel: 'noopener noreferrer', target: '_blank' }, source.title) : source.title)))),
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
              // A column whose codes the profile translates is read its way only.
              disabled: profile?.translates.some((name) => column === name || column.startsWith(`${name} - `)) ?? false,
              onchange: (e) => {
                mapping = { ...mapping, [column]: (e.target as HTMLSelectElement).value || null };
                chosen = true;
                // The report was for the former mapping: check again before importing.
                apply.disabled = true;
              },
            }, fieldOptions(field)))))),
      h('p', { class: 'import-save' },
        h('label', { class: 'field' }, h('span', {}, t.t('import.saveAs')), nameInput),
        h('button', { type: 'button', class: 'secondary', onclick: () => void save() }, t.t('import.save'))),
    );
    apply.disabled = !report.dryRun || report.created + report.updated === 0;
    return true;
  }

  const PHASES = { sending: 'import.sending', reading: 'import.reading', checking: 'import.checking', writing: 'import.writing' } as const;

  async function run(dryRun: boolean): Promise<void> {
    const file = fileInput.files?.[0];
    if (!file || (!tokenInput.value && !signedIn)) {
      status.textContent = t.t('import.missing');
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, tokenInput.value);
    check.disabled = apply.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    status.textContent = t.t('import.sending');
    const query = new URLSearchParams({ dryRun: String(dryRun), name: file.name.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '-').slice(0, 80) || 'upload', fileName: file.name.slice(0, 200) });
    if (profileSelect.value) query.set('profile', profileSelect.value);
    if (extractDateInput.value) query.set('extractDate', extractDateInput.value);
    if (sectorSelect.value) query.set('sector', sectorSelect.value);
    // The columns are known after a first check: until then a saved mapping goes by its name, and
    // the server applies it to the columns the file has. A profile's mapping is the profile's:
    // only what was changed in it by hand overrides it.
    const overrides = reportedProfile ? Object.fromEntries(Object.entries(mapping).filter(([column, field]) => reported[column] !== field)) : mapping;
    if (Object.keys(overrides).length) query.set('mapping', JSON.stringify(overrides));
    else if (savedSelect.value && !reportedProfile) query.set('savedMapping', savedSelect.value);
    try {
      const outcome = await send({ file, legalUnits: legalUnitsInput.files?.[0] ?? null }, query, tokenInput.value, (phase, share) => {
        if (share === null) progress.removeAttribute('value');
        else progress.value = share;
        status.textContent = share === null ? t.t(PHASES[phase]) : `${t.t(PHASES[phase])} ${t.percent(share)}`;
      });
      if ('result' in outcome) {
        status.textContent = '';
        if (!showReport(outcome.result)) return await run(true);
      } else {
        status.textContent = t.t('import.error', { detail: outcome.problem.detail ?? t.t('error') });
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
  /** Back to a file not checked yet; `byHand` when the mapping was just chosen in the list, even "suggested". */
  const restart = (byHand: boolean) => {
    mapping = {};
    reported = {};
    reportedProfile = null;
    chosen = byHand;
    notice = '';
    apply.disabled = true;
    result.replaceChildren();
  };
  fileInput.addEventListener('change', () => {
    savedSelect.value = '';
    restart(false);
  });
  savedSelect.addEventListener('change', () => {
    restart(true);
    if (fileInput.files?.length) void run(true);
  });
  for (const input of [profileSelect, legalUnitsInput, extractDateInput, sectorSelect]) {
    input.addEventListener('change', () => {
      restart(false);
      if (fileInput.files?.length) void run(true);
    });
  }
  tokenInput.addEventListener('change', () => void loadSaved());

  const dialog = h('dialog', { class: 'share import', 'aria-labelledby': 'import-title' },
    h('header', {},
      h('h2', { id: 'import-title' }, t.t('import.title')),
      h('button', { type: 'button', class: 'close', 'aria-label': t.t('close'), onclick: () => dialog.close() }, '×')),
    h('p', { class: 'muted' }, t.t('import.help')),
    h('label', { class: 'field' }, h('span', {}, t.t('import.file')), fileInput),
    h('label', { class: 'field' }, h('span', {}, t.t('import.profile')), profileSelect),
    h('label', { class: 'field' }, h('span', {}, t.t('import.legalUnits')), legalUnitsInput),
    h('label', { class: 'field' }, h('span', {}, t.t('import.extractDate')), extractDateInput),
    h('label', { class: 'field' }, h('span', {}, t.t('import.sector')), sectorSelect),
    !signedIn && h('label', { class: 'field' }, h('span', {}, t.t('import.token')), tokenInput),
    h('label', { class: 'field' }, h('span', {}, t.t('import.saved')), savedSelect),
    h('p', { class: 'import-actions' }, check, ' ', apply),
    progress,
    status,
    result);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  fillSaved();
  void loadSaved();
  void loadProfiles();
  return dialog;
}
