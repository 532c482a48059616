import type { IntroductionDetailValue } from '../../../shared/api/wire.ts';
import { type Me, type Problem, fetchMe, sendJson } from '../account/session.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';

let me: Promise<Me | null> | undefined;
/** Asked once per page: whether the visitor is an editor decides if the buttons appear at all. */
const signedIn = () => (me ??= fetchMe());

const isEditor = (person: Me | null) => person !== null && (person.role === 'editor' || person.role === 'admin');

/**
 * Adds "Propose an introduction" to each suggested partner of `from` in `box`, for signed-in
 * editors only: one click records it with the suggestion's snapshot, and the answer links to the
 * Prospecting page. Anonymous visitors and members get nothing.
 */
export async function addIntroductionButtons(box: HTMLElement, from: number, t: Translator): Promise<void> {
  if (!isEditor(await signedIn())) return;
  for (const item of box.querySelectorAll<HTMLElement>('li.suggestion')) {
    const to = Number(item.querySelector<HTMLElement>('button[data-id]')?.dataset.id);
    if (!to || item.querySelector('.propose-introduction')) continue;
    const status = h('span', { class: 'introduction-status', role: 'status' });
    const button = h('button', { type: 'button', class: 'secondary propose-introduction' }, t.t('prospecting.propose'));
    button.addEventListener('click', async () => {
      button.disabled = true;
      const answer = await sendJson<IntroductionDetailValue & Problem>('POST', '/api/introductions', { from, to, fromSuggestion: true });
      if (answer.ok) {
        status.replaceChildren(t.t('prospecting.proposed'), ' · ', h('a', { href: `/prospecting?lang=${t.lang}&introduction=${answer.body.id}` }, t.t('prospecting.open')));
      } else {
        button.disabled = false;
        status.textContent = t.t('prospecting.refused', { detail: answer.body?.detail ?? String(answer.status) });
      }
    });
    item.append(h('p', { class: 'propose' }, button, ' ', status));
  }
}
