import type { SignInOptionsValue } from '../../../shared/api/wire.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import { type Problem, sendJson } from './session.ts';

type SignInOptions = SignInOptionsValue;

/** Where to go once signed in: a path of the Atlas only (`//evil.example` is another site). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/** What a refused sign-in tells the person, in their language. */
export function refusal(t: Translator, status: number, retryAfter: number | null, problem: Problem | null): string {
  if (status === 401) return t.t('account.wrong');
  if (status === 429) return t.t('account.locked', { minutes: Math.max(1, Math.ceil((retryAfter ?? 60) / 60)) });
  return t.t('account.failed', { detail: problem?.detail ?? String(status) });
}

/** `/sign-in`: email and password, or the organisation's provider when the Atlas has one. */
export async function renderSignInPage(t: Translator): Promise<Node> {
  const params = new URLSearchParams(location.search);
  const next = safeNext(params.get('next'));
  const options = (await (await fetch('/api/session/options')).json()) as SignInOptions;
  const email = h('input', { type: 'email', name: 'email', id: 'email', autocomplete: 'username', required: true, maxlength: 254 });
  const password = h('input', { type: 'password', name: 'password', id: 'password', autocomplete: 'current-password', required: true });
  const message = h('p', { class: 'form-error', role: 'alert', id: 'sign-in-error' }, params.get('error') === 'oidc' ? t.t('account.oidcFailed') : '');
  const submit = h('button', { type: 'submit', class: 'primary' }, t.t('account.signIn'));

  const form = h('form', { class: 'account-form', id: 'sign-in', novalidate: false },
    h('label', { class: 'field', for: 'email' }, h('span', {}, t.t('account.email')), email),
    h('label', { class: 'field', for: 'password' }, h('span', {}, t.t('account.password')), password),
    message,
    submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    message.textContent = '';
    try {
      const answer = await sendJson<Problem>('POST', '/api/session', { email: email.value, password: password.value });
      if (answer.ok) return location.assign(next);
      message.textContent = refusal(t, answer.status, answer.retryAfter, answer.body);
      password.select();
    } catch {
      message.textContent = t.t('account.failed', { detail: '—' });
    } finally {
      submit.disabled = false;
    }
  });

  const oidc = options.oidc && h('p', { class: 'oidc' },
    h('a', { class: 'button', id: 'oidc-sign-in', href: `${options.oidc.url}?next=${encodeURIComponent(next)}` }, t.t('account.withOidc', { name: options.oidc.label })));
  return h('section', { class: 'account-card' },
    h('p', { class: 'muted' }, t.t('account.signInHelp')),
    oidc,
    oidc && h('p', { class: 'or' }, t.t('account.or')),
    form,
    h('p', {}, h('a', { href: '/' }, t.t('account.backToMap'))));
}
