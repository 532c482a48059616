import { BAR_HEIGHT, LIST_HEIGHT } from '../../../shared/embed/attributes.ts';
import { type EmbedOptions, embedAttributes } from '../../embed/options.ts';
import { embedPageUrl, iframeSnippet, scriptSnippet } from '../../../shared/embed/snippet.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import type { AtlasState } from '../state.ts';

/** The view being shared: the app's state, its camera and its URL. */
export type SharedView = { state: AtlasState; center: [number, number]; zoom: number; url: string };

type Settings = { height: number; list: boolean; interactive: boolean; theme: 'light' | 'dark'; accent: string };

/** The widget's own accent; choosing it leaves the attribute out of the snippet. */
const DEFAULT_ACCENT = '#1b4965';
const PREVIEW_DELAY = 400;

/** Copies a field's text: the Clipboard API where the page may use it, else the field's selection. */
async function copyField(field: HTMLInputElement | HTMLTextAreaElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(field.value);
  } catch {
    field.select();
    document.execCommand('copy');
  }
}

function copyable(field: HTMLInputElement | HTMLTextAreaElement, t: Translator): HTMLElement {
  const status = h('span', { class: 'copied', role: 'status' });
  const button = h('button', {
    type: 'button',
    class: 'secondary',
    'aria-describedby': field.id,
    onclick: async () => {
      await copyField(field);
      status.textContent = t.t('share.copied');
      setTimeout(() => (status.textContent = ''), 2000);
    },
  }, t.t('share.copy'));
  return h('div', { class: 'copy-row' }, field, h('div', { class: 'copy-actions' }, button, status));
}

/**
 * The Share / Embed dialog: a link to this view, and the snippet that embeds it on another site
 * (script or iframe) with a live preview. Built from the current view and filters; closed with
 * Escape or its button, and removed then.
 */
export function openShareDialog(view: SharedView, t: Translator): HTMLDialogElement {
  const settings: Settings = { height: 400, list: false, interactive: true, theme: 'light', accent: DEFAULT_ACCENT };
  const { lang, sectors, countries, sizes, q, layers, asOf } = view.state;
  const options = (): EmbedOptions => ({
    view: { lang, sectors, countries, sizes, q, layers, asOf },
    camera: { center: view.center, zoom: view.zoom },
    height: `${settings.height}px`,
    theme: settings.theme,
    accent: settings.accent === DEFAULT_ACCENT ? null : settings.accent,
    interactive: settings.interactive,
    list: settings.list,
  });

  const link = h('input', { id: 'share-link', class: 'code', readonly: true, value: view.url, 'aria-label': t.t('share.link') });
  const script = h('textarea', { id: 'share-script', class: 'code', readonly: true, rows: 4, spellcheck: 'false', 'aria-label': t.t('share.script') });
  const iframe = h('textarea', { id: 'share-iframe', class: 'code', readonly: true, rows: 3, spellcheck: 'false', 'aria-label': t.t('share.iframe') });
  const preview = h('iframe', { class: 'share-preview', title: t.t('share.preview') });
  let previewTimer: ReturnType<typeof setTimeout> | undefined;

  function refresh() {
    const attributes = embedAttributes(options());
    script.value = scriptSnippet(location.origin, attributes, { href: view.url, text: t.t('title') });
    iframe.value = iframeSnippet(location.origin, attributes, t.t('title'), settings.height);
    clearTimeout(previewTimer);
    // Typing a height should not reload the preview at every key.
    previewTimer = setTimeout(() => {
      preview.height = String(settings.height + BAR_HEIGHT + (settings.list ? LIST_HEIGHT : 0));
      preview.src = embedPageUrl(location.origin, attributes);
    }, preview.src ? PREVIEW_DELAY : 0);
  }

  const change = (partial: Partial<Settings>) => {
    Object.assign(settings, partial);
    refresh();
  };
  const checkbox = (name: 'list' | 'interactive', label: string) =>
    h('label', { class: 'check' },
      h('input', { type: 'checkbox', name, checked: settings[name], onchange: (e) => change({ [name]: (e.target as HTMLInputElement).checked }) }),
      label);

  const dialog = h('dialog', { class: 'share', 'aria-labelledby': 'share-title' },
    h('header', {},
      h('h2', { id: 'share-title' }, t.t('share.title')),
      h('button', { type: 'button', class: 'close', 'aria-label': t.t('close'), onclick: () => dialog.close() }, '×')),
    h('p', { class: 'muted' }, t.t('share.intro')),
    h('div', { class: 'share-body' },
      h('div', { class: 'share-form' },
        h('h3', {}, t.t('share.link')),
        copyable(link, t),
        h('fieldset', { class: 'share-options' },
          h('legend', {}, t.t('share.options')),
          h('label', { class: 'field' }, h('span', {}, t.t('share.height')),
            h('input', {
              type: 'number', name: 'height', min: 200, max: 1200, step: 20, value: settings.height,
              oninput: (e) => {
                const height = Number((e.target as HTMLInputElement).value);
                if (height >= 200 && height <= 1200) change({ height });
              },
            })),
          checkbox('list', t.t('share.list')),
          checkbox('interactive', t.t('share.interactive')),
          h('label', { class: 'field' }, h('span', {}, t.t('share.theme')),
            h('select', { name: 'theme', onchange: (e) => change({ theme: (e.target as HTMLSelectElement).value as Settings['theme'] }) },
              h('option', { value: 'light' }, t.t('share.light')),
              h('option', { value: 'dark' }, t.t('share.dark')))),
          h('label', { class: 'field' }, h('span', {}, t.t('share.accent')),
            h('input', { type: 'color', name: 'accent', value: settings.accent, oninput: (e) => change({ accent: (e.target as HTMLInputElement).value }) }))),
        h('h3', {}, t.t('share.script')),
        copyable(script, t),
        h('h3', {}, t.t('share.iframe')),
        copyable(iframe, t)),
      h('figure', { class: 'share-preview-box' }, h('figcaption', {}, t.t('share.preview')), preview)));

  dialog.addEventListener('close', () => {
    clearTimeout(previewTimer);
    dialog.remove();
  });
  document.body.append(dialog);
  refresh();
  dialog.showModal();
  return dialog;
}
