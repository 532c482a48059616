import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';

/** The first year the slider reaches: before it, too few of the registry's opening dates are known to mean much. */
export const FIRST_YEAR = 1980;
/** Between two years while playing: long enough for the tiles of a year to arrive and be seen. */
const PLAY_STEP_MS = 1500;
/** While the thumb is dragged, the map follows once it rests this long. */
const SETTLE_MS = 250;

const yearOf = (asOf: string | null, today: number) => (asOf ? Number(asOf.slice(0, 4)) : today);
/** A year of the slider as the API's date: its 31 December; the last position is today (no date). */
const asOfYear = (year: number, today: number) => (year >= today ? null : `${year}-12-31`);

export type TimeSlider = {
  /** Draws the slider for this date and language (the date is the app's, the URL's). */
  render(asOf: string | null, t: Translator): void;
};

/**
 * The time slider: a year from FIRST_YEAR to today, keyboard operable (arrows, Page keys, Home,
 * End), with play and pause; each year puts the registry as it stood on its 31 December on every
 * layer and list through `change`.
 */
export function createTimeSlider(container: HTMLElement, change: (asOf: string | null) => void, today = new Date().getFullYear()): TimeSlider {
  let timer: ReturnType<typeof setInterval> | undefined;
  let settle: ReturnType<typeof setTimeout> | undefined;
  let current: { asOf: string | null; t: Translator } | undefined;

  const label = (asOf: string | null, t: Translator) => (asOf ? t.t('time.asOf', { date: t.date(asOf) }) : t.t('time.today'));

  function stop() {
    clearInterval(timer);
    timer = undefined;
  }

  function set(year: number) {
    clearTimeout(settle);
    change(asOfYear(year, today));
  }

  function play() {
    if (!current) return;
    // From the start when at the end, as a video player does.
    let year = yearOf(current.asOf, today) >= today ? FIRST_YEAR : yearOf(current.asOf, today);
    set(year);
    timer = setInterval(() => {
      year += 1;
      set(year);
      if (year >= today) stop();
      if (current) render(current.asOf, current.t);
    }, PLAY_STEP_MS);
  }

  let elements: { range: HTMLInputElement; output: HTMLOutputElement; button: HTMLButtonElement; t: Translator } | undefined;

  /** Built once per language: re-building under a dragged thumb or a focused control would drop them. */
  function build(t: Translator) {
    const output = h('output', { class: 'time-value', id: 'time-value', 'aria-live': 'polite' });
    const range = h('input', {
      type: 'range', id: 'time-year', name: 'asOf', min: FIRST_YEAR, max: today, step: 1, 'aria-label': t.t('time.label'),
      oninput: (e) => {
        const year = Number((e.target as HTMLInputElement).value);
        stop();
        output.textContent = label(asOfYear(year, today), t);
        clearTimeout(settle);
        settle = setTimeout(() => set(year), SETTLE_MS);
      },
      onchange: (e) => set(Number((e.target as HTMLInputElement).value)),
    });
    const button = h('button', {
      type: 'button', id: 'time-play', class: 'time-play',
      onclick: () => {
        if (timer) stop();
        else play();
        if (current) render(current.asOf, current.t);
      },
    });
    container.replaceChildren(
      h('span', { class: 'time-label', id: 'time-label' }, t.t('time.label')),
      button,
      h('span', { class: 'time-end', 'aria-hidden': 'true' }, String(FIRST_YEAR)),
      range,
      h('span', { class: 'time-end', 'aria-hidden': 'true' }, t.t('time.now')),
      output,
    );
    return { range, output, button, t };
  }

  function render(asOf: string | null, t: Translator) {
    current = { asOf, t };
    if (elements?.t !== t) elements = build(t);
    const { range, output, button } = elements;
    const text = label(asOf, t);
    range.value = String(yearOf(asOf, today));
    range.setAttribute('aria-valuetext', text);
    output.textContent = text;
    const playing = timer !== undefined;
    button.setAttribute('aria-pressed', String(playing));
    button.setAttribute('aria-label', t.t(playing ? 'time.pause' : 'time.play'));
    button.title = t.t(playing ? 'time.pause' : 'time.play');
    button.textContent = playing ? '❚❚' : '▶';
  }

  return { render };
}
