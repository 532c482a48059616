import type { IntroductionDetailValue, IntroductionValue } from '../../../shared/api/wire.ts';
import { type Me, type Problem, fetchMe, sendJson } from '../account/session.ts';
import { clear, h } from '../dom.ts';
import type { Translator } from '../i18n.ts';

let me: Promise<Me | null> | undefined;
/** Asked once per page: staff see the section, anonymous visitors get nothing (not even an empty heading). */
const signedIn = () => (me ??= fetchMe());

type Found = { features: { id: number; properties: { name: string; country: string; commune: { name: string } } }[] };

function introductionRow(item: IntroductionValue, companyId: number, t: Translator): HTMLElement {
  const other = item.from.id === companyId && item.from.type === 'company' ? item.to : item.from;
  return h('li', { 'data-id': item.id, 'data-stage': item.stage },
    h('a', { href: `/prospecting?lang=${t.lang}&introduction=${item.id}` }, `${other.name} (${other.country})`),
    ` · ${t.t(`prospecting.stage.${item.stage}`)}`,
    item.crossBorder && h('span', { class: 'badge' }, t.t('crossBorder')),
    item.overdue && h('span', { class: 'badge' }, t.t('prospecting.overdue')),
    item.owner && h('span', { class: 'muted' }, ` · ${item.owner.name}`));
}

/**
 * "Propose an introduction" from the panel: the adviser searches the other firm by name (any
 * country) and one click records the introduction.
 */
function proposeForm(companyId: number, t: Translator, proposed: () => void): HTMLElement {
  const search = h('input', { type: 'search', name: 'introduce-to', autocomplete: 'off', placeholder: t.t('prospecting.searchPartner'), 'aria-label': t.t('prospecting.searchPartner') });
  const results = h('ul', { class: 'rows introduce-results' });
  const status = h('p', { class: 'introduction-status', role: 'status' });
  const propose = async (to: number, name: string) => {
    const answer = await sendJson<IntroductionDetailValue & Problem>('POST', '/api/introductions', { from: companyId, to });
    if (answer.ok) {
      clear(results);
      search.value = '';
      status.replaceChildren(t.t('prospecting.proposedWith', { name }), ' · ', h('a', { href: `/prospecting?lang=${t.lang}&introduction=${answer.body.id}` }, t.t('prospecting.open')));
      proposed();
    } else {
      status.textContent = t.t('prospecting.refused', { detail: answer.body?.errors?.[0]?.message ?? answer.body?.detail ?? String(answer.status) });
    }
  };
  let asked = 0;
  search.addEventListener('input', async () => {
    const query = search.value.trim();
    const ask = ++asked;
    if (query.length < 2) return void clear(results);
    const answer = await sendJson<Found>('GET', `/api/companies?${new URLSearchParams({ q: query, limit: '6' })}`);
    if (ask !== asked || !answer.ok) return;
    clear(results, answer.body.features.filter((f) => f.id !== companyId).map((f) =>
      h('li', {}, h('button', { type: 'button', class: 'row', 'data-id': f.id, onclick: () => void propose(f.id, f.properties.name) },
        h('span', { class: 'row-main' }, h('span', { class: 'row-name' }, f.properties.name), h('span', { class: 'row-sub' }, `${f.properties.commune.name} · ${f.properties.country}`))))));
  });
  return h('details', { class: 'propose-introduction-form' }, h('summary', {}, t.t('prospecting.propose')), search, results, status);
}

/**
 * The introductions a firm is part of, on either side, for signed-in staff; editors may propose
 * a new one. Filled in once the page knows who is signed in: until then (and for anonymous
 * visitors) the section stays empty and hidden.
 */
export function firmIntroductions(companyId: number, t: Translator): HTMLElement {
  const section = h('section', { class: 'firm-introductions', 'aria-labelledby': 'introductions-heading', hidden: true });
  const list = h('div', {});
  const refresh = async () => {
    const answer = await sendJson<{ introductions: IntroductionValue[] }>('GET', `/api/introductions?company=${companyId}`);
    const rows = answer.ok ? answer.body.introductions : [];
    clear(list, rows.length === 0
      ? h('p', { class: 'muted' }, t.t('prospecting.noneForFirm'))
      : h('ul', { class: 'introductions' }, rows.map((item) => introductionRow(item, companyId, t))));
  };
  void signedIn().then(async (person) => {
    if (!person) return;
    await refresh();
    const editor = person.role === 'editor' || person.role === 'admin';
    section.append(h('h3', { id: 'introductions-heading' }, t.t('prospecting.ofFirm')), list, editor ? proposeForm(companyId, t, () => void refresh()) : '');
    section.hidden = false;
  });
  return section;
}
