import { api } from '../api.ts';
import { clear, h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import { addIntroductionButtons } from './propose-introduction.ts';
import { activitySelect, crossBorderSwitch, relatednessSelect, renderSuggestions } from './partner-suggestions.ts';

export type SuggestionsDeps = {
  /** Registers work that `window.atlas.settled()` waits for. */
  track<T>(work: Promise<T>): Promise<T>;
  select(id: number): void;
};

/**
 * Suggested partners in a box of their own, loaded after the panel that holds them: the panel
 * shows at once, and the cross-border switch or the newcomer's activity reload the box only.
 * Both choices are kept from one panel to the next.
 */
export function createSuggestionsView({ track, select }: SuggestionsDeps) {
  let crossBorderOnly = true;
  let nace: string | null = null;
  let source: 'learned' | 'loaded' = 'learned';
  let request: AbortController | undefined;

  /**
   * A box of suggestions for `params`: `company`, or `lon` and `lat` (then the newcomer's activity
   * is asked for), with `radius` and `sector` if any.
   */
  function mount(params: URLSearchParams, t: Translator): HTMLElement {
    const box = h('div', { class: 'suggestions-box' });
    const fromPlace = !params.has('company');
    const load = async (): Promise<void> => {
      request?.abort();
      const controller = (request = new AbortController());
      const reload = () => void track(load());
      const controls: Node[] = [crossBorderSwitch(crossBorderOnly, t, (checked) => {
        crossBorderOnly = checked;
        reload();
      })];
      // Asked for each time: an administrator may load or remove a matrix at any moment.
      const info = await api.relatedness();
      if (controller.signal.aborted) return;
      if (!info.loaded) source = 'learned';
      else {
        controls.push(relatednessSelect(source, info.loaded.source, t, (chosen) => {
          source = chosen;
          reload();
        }));
      }
      if (fromPlace) {
        controls.push(activitySelect(info.classes, nace, t, (code) => {
          nace = code;
          reload();
        }));
        if (nace === null) return clear(box, renderSuggestions(null, t, { select }, controls, t.t('partners.chooseActivity')));
      }
      clear(box, renderSuggestions(null, t, { select }, controls));
      const query = new URLSearchParams(params);
      query.set('lang', t.lang);
      if (crossBorderOnly) query.set('crossBorder', 'true');
      if (source === 'loaded') query.set('relatedness', 'loaded');
      if (fromPlace) query.set('nace', nace!);
      try {
        const result = await api.partners(query, controller.signal);
        if (controller.signal.aborted) return;
        clear(box, renderSuggestions(result, t, { select }, controls));
        // Prospecting (issue 27): editors turn a suggestion into an introduction.
        if (!fromPlace) await addIntroductionButtons(box, Number(params.get('company')), t);
      } catch (error) {
        if ((error as Error).name !== 'AbortError') clear(box, h('p', { class: 'muted' }, t.t('error')));
      }
    };
    void track(load());
    return box;
  }

  return { mount };
}
