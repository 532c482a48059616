import type { Me } from '../account/session.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';

const SVG = 'http://www.w3.org/2000/svg';

/** A person's outline: on a phone the account buttons show it, their words kept for screen readers. */
function personIcon(): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M8 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm-5.5 6.5c0-3 2.5-5 5.5-5s5.5 2 5.5 5z');
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

/**
 * The header's account corner: a sign-in link for visitors (back to this page afterwards); the
 * person's name, the Accounts page for admins, and a sign-out once signed in.
 */
export function renderAccountMenu(me: Me | null, t: Translator, onSignOut: () => void): HTMLElement {
  if (!me) {
    const next = encodeURIComponent(`${location.pathname}${location.search}${location.hash}`);
    return h('span', { class: 'account-menu' },
      h('a', { class: 'tool', href: `/sign-in?next=${next}&lang=${t.lang}`, id: 'sign-in-link', title: t.t('account.signIn') },
        personIcon(), h('span', { class: 'tool-label' }, t.t('account.signIn'))));
  }
  return h('span', { class: 'account-menu' },
    h('span', { class: 'account-name', id: 'account-name', title: me.email }, me.name),
    me.role === 'admin' && h('a', { class: 'tool', href: `/accounts?lang=${t.lang}`, title: t.t('account.accounts') },
      personIcon(), h('span', { class: 'tool-label' }, t.t('account.accounts'))),
    h('button', { type: 'button', class: 'tool', id: 'sign-out', title: `${t.t('account.signOut')} (${me.name})`, onclick: onSignOut },
      h('span', { 'aria-hidden': 'true' }, '⎋'), ' ', h('span', { class: 'tool-label' }, t.t('account.signOut'))));
}
