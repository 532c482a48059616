import type { ApiTokenValue } from '../../../shared/api/wire.ts';
import { ROLES } from '../../../shared/vocabulary.ts';
import { clear, h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import { type Problem, sendJson } from './session.ts';

type ApiToken = ApiTokenValue;

/** The API tokens scripts use: listed with their last use, created (shown once) and revoked by admins. */
export async function renderTokensSection(t: Translator): Promise<HTMLElement> {
  const body = h('tbody');
  const shown = h('div', { id: 'new-token' });
  const refresh = async () => {
    const { tokens } = (await (await fetch('/api/tokens')).json()) as { tokens: ApiToken[] };
    clear(body, tokens.map((token) => h('tr', { 'data-token': token.id },
      h('td', {}, token.label),
      h('td', {}, t.t(`role.${token.role}`)),
      h('td', {}, token.lastUsedAt ? t.dateTime(token.lastUsedAt) : t.t('accounts.never')),
      h('td', {}, token.revokedAt
        ? t.t('tokens.revoked')
        : h('button', { type: 'button', onclick: async () => { await sendJson('DELETE', `/api/tokens/${token.id}`); await refresh(); } }, t.t('tokens.revoke'))))));
  };
  const label = h('input', { type: 'text', name: 'label', required: true, maxlength: 100 });
  const role = h('select', { name: 'token-role' }, ROLES.map((r) => h('option', { value: r }, t.t(`role.${r}`))));
  const form = h('form', { class: 'inline-form', id: 'token-form' },
    h('label', { class: 'field' }, h('span', {}, t.t('tokens.label')), label),
    h('label', { class: 'field' }, h('span', {}, t.t('accounts.role')), role),
    h('button', { type: 'submit' }, t.t('tokens.create')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await sendJson<Problem & { token: string }>('POST', '/api/tokens', { label: label.value, role: role.value });
    if (!answer.ok) return clear(shown, h('p', { class: 'form-error', role: 'alert' }, t.t('account.failed', { detail: answer.body.detail ?? '—' })));
    form.reset();
    clear(shown, h('div', { class: 'link-notice', role: 'status' }, h('p', {}, t.t('tokens.shownOnce')), h('input', { type: 'text', readonly: true, value: answer.body.token, class: 'one-time-link', 'aria-label': t.t('tokens.label') })));
    await refresh();
  });
  await refresh();
  return h('section', { class: 'tokens' },
    h('h2', {}, t.t('tokens.title')),
    h('div', { class: 'table-scroll' },
      h('table', { class: 'accounts-table', id: 'tokens' },
        h('thead', {}, h('tr', {}, [t.t('tokens.label'), t.t('accounts.role'), t.t('tokens.lastUsed'), ''].map((text) => h('th', { scope: 'col' }, text)))),
        body)),
    form,
    shown);
}
