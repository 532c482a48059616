/**
 * `/embed.js`, the one script a host page loads up front: it defines `<mont-blanc-atlas>`, reserves
 * the widget's space, and fetches the widget (MapLibre and the rest, from the Atlas host) only when
 * an element comes near the viewport. The build makes it a classic script wrapped in a function,
 * checked to stay under 10 KB gzipped: it adds no global but the element's definition.
 */
import { EMBED_ATTRIBUTES, fillsHost, isOn, parseHeight, themeOf, totalHeight } from '../../shared/embed/attributes.ts';
import { embedLanguage } from './language.ts';
import { LOADER_TEXT } from './loader-text.ts';
import type { Widget } from './widget.ts';

/** The widget module's path under the Atlas root, hashed; the build puts it in. */
declare const __ATLAS_WIDGET__: string;

const TAG = 'mont-blanc-atlas';

/** Where this script came from (the Atlas), not the host page: every other file comes from there. */
function atlasRoot(): URL {
  const script = document.currentScript as HTMLScriptElement | null;
  const src = script?.src || document.querySelector<HTMLScriptElement>('script[src*="/embed.js"]')?.src || location.href;
  return new URL('/', src);
}

const root = atlasRoot();
let widgetModule: Promise<typeof import('./widget.ts')> | undefined;
/** One download for every widget of the page. */
const loadWidget = () => (widgetModule ??= import(/* @vite-ignore */ new URL(__ATLAS_WIDGET__, root).href));

const placeholderSheet = () => {
  const sheet = new CSSStyleSheet();
  // `all: initial` keeps the host page's inherited styles out; the colour is the basemap's.
  sheet.replaceSync(`:host{display:block}:host([hidden]){display:none}
.placeholder{all:initial;display:flex;box-sizing:border-box;align-items:center;justify-content:center;gap:.4em;
border:1px solid #dde2e6;border-radius:10px;background:#e9ece6;color:#5f6b73;font:14px/1.4 system-ui,sans-serif;text-align:center;padding:1em}
.placeholder a{color:#1b4965;font-weight:600}
.placeholder.dark{background:#1c242a;border-color:#33414b;color:#a9b3bb}.placeholder.dark a{color:#8cc4ee}`);
  return sheet;
};
let sheet: CSSStyleSheet | undefined;

class MontBlancAtlas extends HTMLElement {
  static observedAttributes = EMBED_ATTRIBUTES;

  /** Resolves when the widget has rendered its firms for the first time. */
  readonly ready: Promise<void>;
  #resolve!: () => void;
  #reject!: (error: unknown) => void;
  readonly #internals = this.attachInternals();
  readonly #shadow = this.attachShadow({ mode: 'open' });
  /** Sizes the host in a `:host` rule, which the page's own CSS may override (an inline style could not be). */
  readonly #hostSheet = new CSSStyleSheet();
  #widget: Widget | null = null;
  #observer: IntersectionObserver | null = null;
  #updateQueued = false;

  constructor() {
    super();
    this.ready = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // A page that never awaits `ready` must not see an unhandled rejection in its console.
    this.ready.catch(() => {});
    this.#internals.role = 'region';
  }

  /** The widget's MapLibre map once it is shown (for the page's own scripts), else null. */
  get map() {
    return this.#widget?.map ?? null;
  }

  /** Resolves when the latest attribute change has been rendered. */
  async settled(): Promise<void> {
    await this.ready;
    await this.#widget?.settled();
  }

  connectedCallback() {
    this.#label();
    this.#showPlaceholder();
    if (!('IntersectionObserver' in window)) return void this.#load();
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        this.#observer?.disconnect();
        void this.#load();
      },
      // A little ahead of the viewport, so the map is usually there when it scrolls in.
      { rootMargin: '300px' },
    );
    // The placeholder, not the host: a page's CSS may make the host inline or zero-sized.
    this.#observer.observe(this.#shadow.firstElementChild!);
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
    this.#widget?.destroy();
    this.#widget = null;
  }

  attributeChangedCallback() {
    if (!this.isConnected) return;
    this.#label();
    this.#size();
    if (!this.#widget) return;
    // Several attributes set one after the other make one update.
    if (this.#updateQueued) return;
    this.#updateQueued = true;
    queueMicrotask(() => {
      this.#updateQueued = false;
      this.#widget?.update();
    });
  }

  #label() {
    this.#internals.ariaLabel = LOADER_TEXT[embedLanguage(this)].label;
  }

  #showPlaceholder() {
    // The widget adds its own sheets after these two.
    this.#shadow.adoptedStyleSheets = [(sheet ??= placeholderSheet()), this.#hostSheet];
    const placeholder = document.createElement('div');
    placeholder.className = 'placeholder';
    this.#shadow.replaceChildren(placeholder);
    this.#size();
  }

  #size() {
    const height = parseHeight(this.getAttribute('height'));
    this.#hostSheet.replaceSync(fillsHost(height) ? `:host{height:${height}}` : '');
    const placeholder = this.#shadow.querySelector<HTMLElement>('.placeholder');
    if (!placeholder) return;
    placeholder.style.height = totalHeight(height, isOn(this.getAttribute('list'), false));
    // A dark widget does not flash white while it loads.
    placeholder.classList.toggle('dark', themeOf(this.getAttribute('theme')) === 'dark');
  }

  async #load() {
    this.#shadow.firstElementChild?.setAttribute('aria-busy', 'true');
    try {
      const { mountWidget } = await loadWidget();
      if (!this.isConnected || this.#widget) return;
      const widget = mountWidget(this, this.#shadow);
      this.#widget = widget;
      widget.ready.then(this.#resolve, this.#reject);
    } catch (error) {
      this.#showFailure();
      this.#reject(error);
    }
  }

  #showFailure() {
    const text = LOADER_TEXT[embedLanguage(this)];
    const link = Object.assign(document.createElement('a'), { href: root.href, target: '_blank', rel: 'noopener', textContent: text.open });
    this.#shadow.querySelector('.placeholder')?.replaceChildren(text.failed, link);
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, MontBlancAtlas);
