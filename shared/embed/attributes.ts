/**
 * The attributes of `<mont-blanc-atlas>`, which are also the query parameters of the iframe form
 * (`/embed?...`). Dependency-free: the loader, the widget and the server all read this list.
 */
export const EMBED_ATTRIBUTES = [
  'sector',
  'country',
  'size',
  'q',
  'as-of',
  'layers',
  'lang',
  'center',
  'zoom',
  'bbox',
  'height',
  'theme',
  'accent',
  'interactive',
  'list',
] as const;

export type EmbedAttribute = (typeof EMBED_ATTRIBUTES)[number];

export const DEFAULT_HEIGHT = '400px';

/**
 * The bar under the map and the list under it have fixed heights, so the loader reserves exactly
 * the space the widget will take before it is fetched: the host page does not jump.
 */
export const BAR_HEIGHT = 40;
export const LIST_HEIGHT = 240;
/** The widget's frame border (widget.css), around all of it but in the iframe. */
const FRAME_BORDER = 1;

const LENGTH = /^(\d{1,4}(?:\.\d+)?)(px|em|rem|vh|svh|dvh|%)?$/;

/** The map's CSS height from the `height` attribute: pixels (`420`) or a CSS length (`60vh`, `100%`). */
export function parseHeight(value: string | null): string {
  const match = LENGTH.exec((value ?? '').trim());
  if (!match) return DEFAULT_HEIGHT;
  const [, number, unit = 'px'] = match;
  // Under 160 px the controls cover the map; the cap keeps a typo from making a page kilometres long.
  return unit === 'px' ? `${Math.min(Math.max(Number(number), 160), 4000)}px` : `${number}${unit}`;
}

/** A percentage height fills the host (the iframe page, or a box the host page sizes). */
export const fillsHost = (height: string) => height.endsWith('%');

/** A boolean attribute: present means on, except the explicit `"false"` (and `"0"`, `"no"`, `"off"`). */
export function isOn(value: string | null, fallback: boolean): boolean {
  if (value === null) return fallback;
  return !['false', '0', 'no', 'off'].includes(value.trim().toLowerCase());
}

export const themeOf = (value: string | null): 'light' | 'dark' => (value?.trim().toLowerCase() === 'dark' ? 'dark' : 'light');

/** Everything the widget takes on the page: the map, the bar, and the list when asked for. */
export function totalHeight(height: string, list: boolean): string {
  if (fillsHost(height)) return height;
  return `calc(${height} + ${BAR_HEIGHT + (list ? LIST_HEIGHT : 0) + 2 * FRAME_BORDER}px)`;
}
