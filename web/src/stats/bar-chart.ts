import { niceTicks } from './figures.ts';

/** Grouped horizontal bars as plain SVG: one group per category, one bar per series. */

export type BarGroup = { label: string; title: string; bars: { series: string; value: number | null; title: string }[] };

export type BarChartOptions = {
  /** Accessible name and description of the chart (the table beside it has the same figures). */
  title: string;
  description: string;
  axisLabel: string;
  colours: Record<string, string>;
  format(value: number): string;
  /** A vertical line to read the bars against (LQ: 1, the area average). */
  reference?: number | undefined;
};

const WIDTH = 520;
const LABEL_WIDTH = 150;
const VALUE_ROOM = 54;
const BAR = 11;
const BAR_GAP = 2;
const GROUP_GAP = 12;
const TOP = 8;
const AXIS = 34;

const NS = 'http://www.w3.org/2000/svg';

function s(tag: string, attributes: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

const titled = (element: SVGElement, title: string) => {
  element.prepend(s('title', {}, title));
  return element;
};

const LINE = 21;

/** A label on at most two lines of about LINE characters, cut with an ellipsis beyond. */
function wrap(text: string): string[] {
  if (text.length <= LINE) return [text];
  const cut = text.lastIndexOf(' ', LINE);
  const [first, rest] = cut > 0 ? [text.slice(0, cut), text.slice(cut + 1)] : [text.slice(0, LINE), text.slice(LINE)];
  return [first, rest.length > LINE ? `${rest.slice(0, LINE - 1)}…` : rest];
}

let chartCount = 0;

export function barChart(groups: BarGroup[], options: BarChartOptions): SVGElement {
  const id = `chart-${++chartCount}`;
  const values = groups.flatMap((g) => g.bars.map((b) => b.value ?? 0));
  const ticks = niceTicks(Math.max(...values, options.reference ?? 0), 4);
  const max = ticks.at(-1)!;
  const plot = WIDTH - LABEL_WIDTH - VALUE_ROOM;
  const x = (value: number) => LABEL_WIDTH + (value / max) * plot;
  const groupHeight = (g: BarGroup) => g.bars.length * (BAR + BAR_GAP) - BAR_GAP;
  const plotHeight = groups.reduce((sum, g) => sum + groupHeight(g) + GROUP_GAP, 0);
  const height = TOP + plotHeight + AXIS;

  const grid = ticks.map((tick) =>
    s('g', { class: 'tick' },
      s('line', { x1: x(tick), x2: x(tick), y1: TOP - 4, y2: TOP + plotHeight, stroke: '#e3e7ea' }),
      s('text', { x: x(tick), y: TOP + plotHeight + 14, 'text-anchor': 'middle', class: 'tick-label' }, options.format(tick))));

  let y = TOP;
  const rows = groups.map((group) => {
    const top = y;
    y += groupHeight(group) + GROUP_GAP;
    return s('g', { class: 'bar-group' },
      titled(
        s('text', { x: 0, y: top + groupHeight(group) / 2 + 4, class: 'group-label' },
          ...wrap(group.label).map((line, i, lines) => s('tspan', { x: 0, dy: i === 0 ? -(lines.length - 1) * 7 : 14 }, line))),
        group.title),
      ...group.bars.map((bar, i) => {
        const barTop = top + i * (BAR + BAR_GAP);
        if (bar.value === null) {
          return titled(s('text', { x: LABEL_WIDTH + 3, y: barTop + BAR - 2, class: 'bar-value none' }, '–'), bar.title);
        }
        const width = Math.max(x(bar.value) - LABEL_WIDTH, bar.value > 0 ? 1 : 0);
        return titled(
          s('g', { class: 'bar', 'data-series': bar.series },
            s('rect', { x: LABEL_WIDTH, y: barTop, width, height: BAR, fill: options.colours[bar.series] ?? '#888', rx: 1.5 }),
            s('text', { x: LABEL_WIDTH + width + 4, y: barTop + BAR - 2, class: 'bar-value' }, options.format(bar.value))),
          bar.title);
      }));
  });

  const reference = options.reference === undefined
    ? null
    : s('line', { x1: x(options.reference), x2: x(options.reference), y1: TOP - 6, y2: TOP + plotHeight, stroke: '#333', 'stroke-dasharray': '4 3', class: 'reference' });

  return s('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`,
    width: '100%',
    role: 'img',
    class: 'bar-chart',
    'aria-labelledby': `${id}-title ${id}-desc`,
  },
  s('title', { id: `${id}-title` }, options.title),
  s('desc', { id: `${id}-desc` }, options.description),
  ...grid,
  ...rows,
  ...(reference ? [reference] : []),
  s('text', { x: LABEL_WIDTH + plot / 2, y: height - 4, 'text-anchor': 'middle', class: 'axis-label' }, options.axisLabel));
}
