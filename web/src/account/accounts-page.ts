import { COUNTRIES, type Country, ROLES, type Role } from '../../../shared/vocabulary.ts';
import { clear, h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import type { AccountValue, OneTimeLinkValue } from '../../../shared/api/wire.ts';
import { type Problem, fetchMe, sendJson } from './session.ts';
import { renderTokensSection } from './tokens-section.ts';

type Account = AccountValue;
type OneTimeLink = OneTimeLinkValue;

const problemText = (t: Translator, problem: Problem | null) =>
  t.t('account.failed', { detail: problem?.errors?.map((e) => `${e.field}: ${e.message}`).join('; ') ?? problem?.detail ?? '—' });

function linkNotice(t: Translator, name: string, link: OneTimeLink): HTMLElement {
  const input = h('input', { type: 'text', readonly: true, value: link.url, class: 'one-time-link', 'aria-label': t.t('accounts.reset') });
  return h('div', { class: 'link-notice', role: 'status' },
    h('p', {}, t.t('accounts.linkMade', { name, date: t.date(link.expiresAt.slice(0, 10)) })),
    input,
    h('button', { type: 'button', onclick: () => void navigator.clipboard?.writeText(link.url) }, t.t('accounts.copy')));
}

function countryBoxes(t: Translator, chosen: Country[] | null, prefix: string): { element: HTMLElement; value(): Country[] | null } {
  const boxes = COUNTRIES.map((code) => h('input', { type: 'checkbox', name: `${prefix}-country`, value: code, checked: chosen?.includes(code) ?? false }));
  const element = h('span', { class: 'country-boxes' }, COUNTRIES.map((code, i) => h('label', {}, boxes[i]!, ` ${t.t(`country.${code}`)}`)));
  const value = () => {
    const picked = boxes.filter((box) => box.checked).map((box) => box.value as Country);
    return picked.length ? picked : null;
  };
  return { element, value };
}

const roleSelect = (t: Translator, role: Role, name: string) =>
  h('select', { name }, ROLES.map((r) => h('option', { value: r, selected: r === role }, t.t(`role.${r}`))));

function accountRow(t: Translator, account: Account, self: boolean, refresh: () => void): HTMLElement {
  const role = roleSelect(t, account.role, 'role');
  const scope = countryBoxes(t, account.countries, `a${account.id}`);
  const notice = h('td', { class: 'row-notice' });
  const act = async (method: string, path: string, body?: unknown) => {
    const answer = await sendJson<Problem & OneTimeLink>(method, path, body);
    if (!answer.ok) return clear(notice, h('span', { class: 'form-error' }, problemText(t, answer.body)));
    if (answer.body && 'url' in answer.body) return clear(notice, linkNotice(t, account.name, answer.body));
    refresh();
  };
  const status = account.disabled ? t.t('accounts.disabled') : account.hasPassword ? t.t('accounts.active') : t.t('accounts.invited');
  return h('tr', { 'data-account': account.id, class: account.disabled ? 'disabled' : '' },
    h('td', {}, h('strong', {}, account.name), h('br'), h('span', { class: 'muted' }, account.email)),
    h('td', {}, role),
    h('td', {}, scope.element),
    h('td', {}, status),
    h('td', {}, account.lastSignInAt ? t.dateTime(account.lastSignInAt) : t.t('accounts.never')),
    h('td', { class: 'row-actions' },
      h('button', { type: 'button', onclick: () => void act('PATCH', `/api/accounts/${account.id}`, { role: role.value, countries: role.value === 'admin' ? null : scope.value() }) }, t.t('accounts.save')),
      !self && h('button', { type: 'button', onclick: () => void act('PATCH', `/api/accounts/${account.id}`, { disabled: !account.disabled }) }, account.disabled ? t.t('accounts.enable') : t.t('accounts.disable')),
      !account.disabled && h('button', { type: 'button', onclick: () => void act('POST', `/api/accounts/${account.id}/reset`) }, t.t('accounts.reset'))),
    notice);
}

function newAccountForm(t: Translator, refresh: () => void): HTMLElement {
  const email = h('input', { type: 'email', name: 'email', required: true, autocomplete: 'off' });
  const name = h('input', { type: 'text', name: 'name', required: true, maxlength: 100 });
  const role = roleSelect(t, 'editor', 'role');
  const scope = countryBoxes(t, null, 'new');
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', minlength: 10 });
  const result = h('div', { id: 'new-account-result' });
  const form = h('form', { class: 'account-form wide', id: 'new-account' },
    h('h2', {}, t.t('accounts.new')),
    h('label', { class: 'field' }, h('span', {}, t.t('account.email')), email),
    h('label', { class: 'field' }, h('span', {}, t.t('accounts.name')), name),
    h('label', { class: 'field' }, h('span', {}, t.t('accounts.role')), role),
    h('fieldset', { class: 'field' }, h('legend', {}, t.t('accounts.countries')), scope.element),
    h('label', { class: 'field' }, h('span', {}, t.t('accounts.passwordOptional')), password),
    h('button', { type: 'submit', class: 'primary' }, t.t('accounts.create')),
    result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { email: email.value, name: name.value, role: role.value, countries: role.value === 'admin' ? undefined : (scope.value() ?? undefined), password: password.value || undefined };
    const answer = await sendJson<Problem & { account: Account; invitation: OneTimeLink | null }>('POST', '/api/accounts', body);
    if (!answer.ok) return clear(result, h('p', { class: 'form-error', role: 'alert' }, problemText(t, answer.body)));
    form.reset();
    clear(result, answer.body.invitation ? linkNotice(t, answer.body.account.name, answer.body.invitation) : h('p', { role: 'status' }, t.t('accounts.saved')));
    refresh();
  });
  return form;
}

/** `/accounts`, for admins: the people (role, scope, disable, reset links), a new account, and the API tokens. */
export async function renderAccountsPage(t: Translator): Promise<Node> {
  const me = await fetchMe();
  if (!me) {
    location.assign(`/sign-in?next=${encodeURIComponent('/accounts')}&lang=${t.lang}`);
    return h('p', {});
  }
  if (me.role !== 'admin') return h('p', { class: 'form-error', role: 'alert' }, t.t('accounts.onlyAdmins'));
  const body = h('tbody');
  const refresh = async () => {
    const { accounts } = (await (await fetch('/api/accounts')).json()) as { accounts: Account[] };
    clear(body, accounts.map((account) => accountRow(t, account, account.id === me.id, () => void refresh())));
  };
  await refresh();
  return h('div', { class: 'accounts' },
    h('section', {},
      h('h2', {}, t.t('accounts.people')),
      h('div', { class: 'table-scroll' },
        h('table', { class: 'accounts-table', id: 'accounts' },
          h('thead', {}, h('tr', {}, [t.t('accounts.name'), t.t('accounts.role'), t.t('accounts.countries'), t.t('accounts.status'), t.t('accounts.lastSignIn'), t.t('accounts.actions'), ''].map((label) => h('th', { scope: 'col' }, label)))),
          body))),
    newAccountForm(t, () => void refresh()),
    await renderTokensSection(t));
}
