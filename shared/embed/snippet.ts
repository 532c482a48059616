import { BAR_HEIGHT, type EmbedAttribute, LIST_HEIGHT } from './attributes.ts';

/** The HTML a site pastes to embed the Atlas, for the Share dialog and the iframe page. */

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** `<mont-blanc-atlas ...>`, with an optional link shown where scripts do not run. */
export function elementMarkup(attributes: [EmbedAttribute, string][], fallback?: { href: string; text: string }): string {
  const attrs = attributes.map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`)).join('');
  const inside = fallback ? `<a href="${escapeHtml(fallback.href)}">${escapeHtml(fallback.text)}</a>` : '';
  return `<mont-blanc-atlas${attrs}>${inside}</mont-blanc-atlas>`;
}

export function scriptSnippet(origin: string, attributes: [EmbedAttribute, string][], fallback?: { href: string; text: string }): string {
  return `<script src="${origin}/embed.js" async></script>\n${elementMarkup(attributes, fallback)}`;
}

/** The iframe form: the same options as query parameters (commas left readable). */
export function embedPageUrl(origin: string, attributes: [EmbedAttribute, string][]): string {
  const query = attributes
    .filter(([name]) => name !== 'height')
    .map(([name, value]) => (value === '' ? name : `${name}=${encodeURIComponent(value).replace(/%2C/g, ',')}`))
    .join('&');
  return `${origin}/embed${query ? `?${query}` : ''}`;
}

/** An iframe as tall as the element form would be: the map, its bar, and the list when asked for. */
export function iframeSnippet(origin: string, attributes: [EmbedAttribute, string][], title: string, mapHeight: number): string {
  const list = attributes.some(([name]) => name === 'list');
  const height = mapHeight + BAR_HEIGHT + (list ? LIST_HEIGHT : 0);
  return `<iframe src="${escapeHtml(embedPageUrl(origin, attributes))}" title="${escapeHtml(title)}" width="100%" height="${height}" style="border:0" loading="lazy"></iframe>`;
}
