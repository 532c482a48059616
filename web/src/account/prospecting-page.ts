import type { IntroductionDetailValue, IntroductionListValue, IntroductionValue } from '../../../shared/api/wire.ts';
import { INTRODUCTION_STAGES, OUTCOMES } from '../../../shared/prospecting/vocabulary.ts';
import { LINK_KINDS } from '../../../shared/vocabulary.ts';
import { clear, h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import { download, toCsv } from '../ui/csv.ts';
import { type Problem, fetchMe, sendJson } from './session.ts';

type Introduction = IntroductionValue;

const problemText = (t: Translator, problem: Problem | null) =>
  t.t('prospecting.refused', { detail: problem?.errors?.map((e) => `${e.field}: ${e.message}`).join('; ') ?? problem?.detail ?? '—' });

function exportCsv(t: Translator, rows: Introduction[]) {
  const separator = t.lang === 'en' ? ',' : ';';
  const header = ['id', t.t('prospecting.stage'), t.t('prospecting.from'), t.t('country'), t.t('prospecting.to'), t.t('country'), t.t('crossBorder'),
    t.t('prospecting.owner'), t.t('prospecting.nextStep'), t.t('prospecting.dueOn'), t.t('prospecting.overdue'), t.t('prospecting.outcome')];
  const body = rows.map((i) => [i.id, t.t(`prospecting.stage.${i.stage}`), i.from.name, i.from.country, i.to.name, i.to.country, i.crossBorder,
    i.owner?.name ?? null, i.nextStep, i.dueOn, i.overdue, i.outcome && t.t(`prospecting.outcome.${i.outcome}`)]);
  download(`introductions-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(header, body, separator));
}

/** One introduction: its timeline, and the form that moves it on. */
function detailView(t: Translator, item: IntroductionDetailValue, editable: boolean, saved: (id: number) => void): HTMLElement {
  const stage = h('select', { name: 'stage' }, INTRODUCTION_STAGES.map((s) => h('option', { value: s, selected: s === item.stage }, t.t(`prospecting.stage.${s}`))));
  const linkKind = h('select', { name: 'linkKind' }, LINK_KINDS.map((k) => h('option', { value: k }, t.t(`kind.${k}`))));
  const linkLabel = h('label', { hidden: true }, `${t.t('prospecting.linkKind')} `, linkKind);
  stage.addEventListener('change', () => (linkLabel.hidden = !(stage.value === 'cooperating' && item.stage !== 'cooperating' && item.to.type === 'company')));
  const nextStep = h('input', { name: 'nextStep', type: 'text', value: item.nextStep ?? '', maxlength: 300 });
  const dueOn = h('input', { name: 'dueOn', type: 'date', value: item.dueOn ?? '' });
  const note = h('textarea', { name: 'note', rows: 2, maxlength: 2000 });
  const outcome = h('select', { name: 'outcome' }, h('option', { value: '' }, '—'), OUTCOMES.map((o) => h('option', { value: o, selected: o === item.outcome }, t.t(`prospecting.outcome.${o}`))));
  const notice = h('p', { class: 'row-notice', role: 'status' });
  const form = h('form', { class: 'introduction-form' },
    h('label', {}, `${t.t('prospecting.stage')} `, stage), linkLabel,
    h('label', {}, `${t.t('prospecting.nextStep')} `, nextStep),
    h('label', {}, `${t.t('prospecting.dueOn')} `, dueOn),
    h('label', {}, `${t.t('prospecting.outcome')} `, outcome),
    h('label', {}, `${t.t('prospecting.note')} `, note),
    h('button', { type: 'submit' }, t.t('prospecting.save')), notice);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    // Only what changed: an unchanged field adds nothing to the timeline.
    const change: Record<string, unknown> = {};
    if (stage.value !== item.stage) change.stage = stage.value;
    if (!linkLabel.hidden) change.linkKind = linkKind.value;
    if (nextStep.value.trim() !== (item.nextStep ?? '')) change.nextStep = nextStep.value.trim() || null;
    if (dueOn.value !== (item.dueOn ?? '')) change.dueOn = dueOn.value || null;
    if (outcome.value && outcome.value !== item.outcome) change.outcome = outcome.value;
    if (note.value.trim()) change.note = note.value.trim();
    const answer = await sendJson<Problem>('PATCH', `/api/introductions/${item.id}`, change);
    if (answer.ok) saved(item.id);
    else notice.textContent = problemText(t, answer.body);
  });
  const timeline = h('ol', { class: 'timeline' }, item.timeline.map((e) => {
    const data = e.data as Record<string, any>;
    const what = e.kind === 'stage' ? `${t.t(`prospecting.stage.${data.from}` as never)} → ${t.t(`prospecting.stage.${data.to}` as never)}`
      : e.kind === 'note' ? String(data.text)
      : e.kind === 'next_step' ? `${t.t('prospecting.nextStep')}: ${data.after?.nextStep ?? '—'} (${data.after?.dueOn ?? '—'})`
      : e.kind === 'outcome' ? `${t.t('prospecting.outcome')}: ${t.t(`prospecting.outcome.${data.after}` as never)}`
      : e.kind === 'created' ? t.t('prospecting.stage.proposed')
      : e.kind;
    return h('li', { 'data-kind': e.kind }, h('time', { datetime: e.at }, t.dateTime(e.at)), ` · ${e.by.label} · `, what);
  }));
  return h('section', { class: 'introduction-detail', 'data-id': item.id },
    h('h2', {}, `${item.from.name} ↔ ${item.to.name}`),
    item.followUpDue && h('p', { class: 'badge' }, t.t('prospecting.followUp')),
    editable && form,
    h('h3', {}, t.t('prospecting.timeline')), timeline);
}

/** The list's rows: overdue first, as the API orders them. */
function introductionTable(t: Translator, rows: Introduction[], open: (id: number) => void): HTMLElement {
  return h('table', {},
    h('thead', {}, h('tr', {}, [t.t('prospecting.stage'), t.t('prospecting.from'), t.t('prospecting.to'), t.t('prospecting.nextStep'), t.t('prospecting.dueOn'), t.t('prospecting.owner')].map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.map((i) => h('tr', { 'data-id': i.id, 'data-stage': i.stage, class: i.overdue ? 'overdue' : undefined },
      h('td', {}, t.t(`prospecting.stage.${i.stage}`), i.overdue && h('span', { class: 'badge' }, ` ${t.t('prospecting.overdue')}`), i.dormantProposed && h('span', { class: 'badge' }, ` ${t.t('prospecting.dormantProposed')}`)),
      h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => open(i.id) }, `${i.from.name} (${i.from.country})`)),
      h('td', {}, `${i.to.name} (${i.to.country})`, i.crossBorder && h('span', { class: 'badge' }, ` ${t.t('crossBorder')}`), i.sample && h('span', { class: 'sample-tag' }, ` ${t.t('source.sample')}`)),
      h('td', {}, i.nextStep ?? ''), h('td', {}, i.dueOn ? t.date(i.dueOn) : ''), h('td', {}, i.owner?.name ?? '')))));
}

/** The list's page size: enough for a screenful and more, small enough at 10,000 introductions. */
const PAGE = 100;

/**
 * The Prospecting page (/prospecting): the introductions, overdue first, with filters (stage,
 * mine, overdue, proposed as dormant), one introduction's timeline and form, and a CSV export.
 * Members read; editors move introductions on. Nothing for anonymous visitors.
 */
export async function renderProspectingPage(t: Translator): Promise<Node> {
  const me = await fetchMe();
  if (!me) return h('p', {}, h('a', { href: `/sign-in?lang=${t.lang}` }, t.t('prospecting.signIn')));
  const editable = me.role !== 'member';
  const stage = h('select', { name: 'stage' }, h('option', { value: '' }, t.t('prospecting.allStages')), INTRODUCTION_STAGES.map((s) => h('option', { value: s }, t.t(`prospecting.stage.${s}`))));
  const mine = h('input', { type: 'checkbox', name: 'mine', checked: editable });
  const overdue = h('input', { type: 'checkbox', name: 'overdue' });
  const dormant = h('input', { type: 'checkbox', name: 'dormant' });
  const list = h('div', { id: 'introductions', 'aria-live': 'polite' });
  const detail = h('div', { id: 'introduction' });
  let rows: Introduction[] = [];
  let matched = 0;

  const open = async (id: number) => {
    const answer = await sendJson<IntroductionDetailValue>('GET', `/api/introductions/${id}`);
    if (answer.ok) clear(detail, detailView(t, answer.body, editable, (saved) => void refresh().then(() => open(saved))));
  };
  const filters = () => {
    const query = new URLSearchParams();
    if (stage.value) query.set('stage', stage.value);
    if (mine.checked) query.set('owner', 'me');
    if (overdue.checked) query.set('overdue', 'true');
    if (dormant.checked) query.set('dormant', 'proposed');
    return query;
  };
  const draw = () => {
    const more = rows.length < matched && h('button', { type: 'button', class: 'secondary', id: 'more-introductions', onclick: () => void load(rows.length) }, t.t('prospecting.more'));
    clear(list, rows.length === 0 ? h('p', { class: 'muted' }, t.t('prospecting.none')) : [
      introductionTable(t, rows, (id) => void open(id)),
      h('p', { class: 'muted', id: 'introductions-shown' }, t.t('prospecting.shown', { shown: t.number(rows.length), matched: t.number(matched) }), ' ', more),
    ]);
  };
  /** One page of the matches of the filters, from `offset`. */
  const fetchPage = async (offset: number, limit: number): Promise<IntroductionListValue> => {
    const query = filters();
    query.set('limit', String(limit));
    query.set('offset', String(offset));
    const answer = await sendJson<IntroductionListValue>('GET', `/api/introductions?${query}`);
    return answer.ok ? answer.body : { introductions: [], numberMatched: 0 };
  };
  /** The page of the list from `offset` (0: the list anew). */
  const load = async (offset: number) => {
    const page = await fetchPage(offset, PAGE);
    rows = offset === 0 ? page.introductions : [...rows, ...page.introductions];
    matched = page.numberMatched;
    draw();
  };
  const refresh = () => load(0);
  /** Every match, for the CSV export: the list shows one page at a time. */
  const everyMatch = async () => {
    const all: Introduction[] = [];
    for (let total = 1; all.length < total; ) {
      const page = await fetchPage(all.length, 1000);
      if (page.introductions.length === 0) break;
      all.push(...page.introductions);
      total = page.numberMatched;
    }
    return all;
  };
  for (const control of [stage, mine, overdue, dormant]) control.addEventListener('change', () => void refresh());
  await refresh();
  const asked = Number(new URLSearchParams(location.search).get('introduction'));
  if (asked) await open(asked);
  return h('div', { class: 'prospecting' },
    rows.some((i) => i.sample) && h('p', { class: 'sample-tag' }, t.t('prospecting.sampleNotice')),
    h('form', { class: 'filters', onsubmit: (e: Event) => e.preventDefault() },
      h('label', {}, `${t.t('prospecting.stage')} `, stage),
      h('label', {}, mine, ` ${t.t('prospecting.mine')}`),
      h('label', {}, overdue, ` ${t.t('prospecting.overdueOnly')}`),
      h('label', {}, dormant, ` ${t.t('prospecting.dormantOnly')}`),
      h('button', { type: 'button', class: 'secondary', onclick: async () => exportCsv(t, await everyMatch()) }, t.t('prospecting.csv'))),
    list, detail);
}
