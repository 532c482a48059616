import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import { type Problem, sendJson } from './session.ts';

// The server's rule (server/auth/passwords.ts), repeated for the hint and the browser's own check.
const PASSWORD_MIN_LENGTH = 10;

/**
 * `/invitation#SECRET`: an invited person (or one whose password was reset) chooses a password
 * and is signed in. The secret is in the fragment, which no request, log or Referer carries.
 */
export async function renderInvitationPage(t: Translator): Promise<Node> {
  const token = location.hash.slice(1);
  const owner = token ? await fetch(`/api/invitation?token=${encodeURIComponent(token)}`) : null;
  if (!owner?.ok) {
    return h('section', { class: 'account-card' }, h('p', { class: 'form-error', role: 'alert', id: 'link-gone' }, t.t('account.linkGone')), h('p', {}, h('a', { href: '/' }, t.t('account.backToMap'))));
  }
  const { name, email } = (await owner.json()) as { name: string; email: string };
  const attributes = { type: 'password', autocomplete: 'new-password', required: true, minlength: PASSWORD_MIN_LENGTH, maxlength: 200 } as const;
  const password = h('input', { ...attributes, name: 'password', id: 'password' });
  const again = h('input', { ...attributes, name: 'password-again', id: 'password-again' });
  // For password managers: the account the new password belongs to.
  const username = h('input', { type: 'email', name: 'email', autocomplete: 'username', value: email, readonly: true, hidden: true });
  const message = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t.t('account.setPassword'));
  const form = h('form', { class: 'account-form', id: 'invitation' },
    h('p', {}, t.t('account.invitationFor', { name, email })),
    username,
    h('label', { class: 'field', for: 'password' }, h('span', {}, t.t('account.password')), password),
    h('label', { class: 'field', for: 'password-again' }, h('span', {}, t.t('account.passwordAgain')), again),
    h('p', { class: 'muted' }, t.t('account.passwordRule', { min: PASSWORD_MIN_LENGTH })),
    message,
    submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (password.value !== again.value) {
      message.textContent = t.t('account.mismatch');
      return again.focus();
    }
    submit.disabled = true;
    const answer = await sendJson<Problem>('POST', '/api/invitation', { token, password: password.value }).catch(() => null);
    submit.disabled = false;
    if (answer?.ok) return location.assign('/');
    message.textContent = answer?.status === 410 ? t.t('account.linkGone')
      : t.t('account.failed', { detail: answer?.body?.errors?.map((e) => e.message).join('; ') ?? answer?.body?.detail ?? '—' });
  });
  return h('section', { class: 'account-card' }, form);
}
