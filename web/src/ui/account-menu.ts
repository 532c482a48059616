import type { Me } from '../account/session.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';

/**
 * The header's account corner: a sign-in link for visitors (back to this page afterwards); the
 * person's name, the Accounts page for admins, and a sign-out once signed in.
 */
export function renderAccountMenu(me: Me | null, t: Translator, onSignOut: () => void): HTMLElement {
  if (!me) {
    const next = encodeURIComponent(`${location.pathname}${location.search}${location.hash}`);
    return h('span', { class: 'account-menu' }, h('a', { class: 'tool', href: `/sign-in?next=${next}&lang=${t.lang}`, id: 'sign-in-link' }, t.t('account.signIn')));
  }
  return h('span', { class: 'account-menu' },
    h('span', { class: 'account-name', id: 'account-name', title: me.email }, me.name),
    me.role === 'admin' && h('a', { class: 'tool', href: `/accounts?lang=${t.lang}` }, t.t('account.accounts')),
    h('button', { type: 'button', class: 'tool', id: 'sign-out', onclick: onSignOut }, t.t('account.signOut')));
}
