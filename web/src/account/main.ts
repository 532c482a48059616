import '../styles.css';
import './account.css';
import { clear, h } from '../dom.ts';
import { type Lang, LANGUAGES, type MessageKey, type Translator, browserLanguage, translator } from '../i18n.ts';
import { renderAccountMenu } from '../ui/account-menu.ts';
import { renderAccountsPage } from './accounts-page.ts';
import { renderInvitationPage } from './invitation-page.ts';
import { renderProspectingPage } from './prospecting-page.ts';
import { fetchMe, signOut } from './session.ts';
import { renderSignInPage } from './sign-in-page.ts';

/** The staff pages, one entry for all three: each path's page, in the language of `?lang=` or the browser's. */
const PAGES: Record<string, { title: MessageKey; render: (t: Translator) => Promise<Node> }> = {
  '/sign-in': { title: 'account.signInTitle', render: renderSignInPage },
  '/invitation': { title: 'account.invitationTitle', render: renderInvitationPage },
  '/accounts': { title: 'accounts.title', render: renderAccountsPage },
  '/prospecting': { title: 'prospecting.title', render: renderProspectingPage },
};

const $ = (id: string) => document.getElementById(id)!;
const params = new URLSearchParams(location.search);
const asked = params.get('lang');
let lang: Lang = LANGUAGES.includes(asked as Lang) ? (asked as Lang) : browserLanguage();

async function render(): Promise<void> {
  const t = translator(lang);
  const page = PAGES[location.pathname.replace(/\/$/, '')] ?? PAGES['/sign-in']!;
  document.documentElement.lang = lang;
  document.title = `${t.t(page.title)} · ${t.t('title')}`;
  $('brand-title').textContent = t.t('title');
  $('title').textContent = t.t(page.title);
  clear($('language'), LANGUAGES.map((code) => h('option', { value: code, selected: code === lang }, code.toUpperCase())));
  $('language').setAttribute('aria-label', t.t('language'));
  const me = await fetchMe();
  clear($('account'), location.pathname.startsWith('/sign-in') ? null : renderAccountMenu(me, t, () => void signOut().then(() => location.assign('/'))));
  $('page').setAttribute('aria-busy', 'true');
  clear($('page'), await page.render(t));
  $('page').removeAttribute('aria-busy');
}

$('language').addEventListener('change', (event) => {
  lang = (event.target as HTMLSelectElement).value as Lang;
  params.set('lang', lang);
  history.replaceState(null, '', `?${params}${location.hash}`);
  void render();
});

void render();
