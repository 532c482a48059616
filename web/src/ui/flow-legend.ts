import { COLORS } from '../../../shared/style/palette.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import type { FlowPair } from '../map/flows/flow-pairs.ts';
import type { FlowSummary } from '../map/flows/flows-view.ts';

/** Flows listed by name at first; the others drawn are a click away (and named on hover on the map). */
const LISTED = 5;

const line = (colour: string, width: number, dashed: boolean) =>
  h('span', { class: 'flow-swatch', 'aria-hidden': 'true', style: `border-top:${width}px ${dashed ? 'dashed' : 'solid'} ${colour}` });

/**
 * What the flows in view mean: the strongest flows as a list (each names its places and count;
 * hovering or focusing one points it out on the map), how many smaller flows are not drawn, then
 * their level and the kinds of line. The list comes first: it answers "which are the most
 * connected" on the sidebar's first screen.
 */
export function renderFlowLegend(summary: FlowSummary, t: Translator, focus: (pair: FlowPair | null) => void, open: boolean): HTMLElement {
  const top = summary.shown[0]?.count ?? 0;
  return h('details', { class: 'flow-legend', open, 'data-level': summary.level },
    h('summary', { id: 'flow-legend-title' }, t.t('flows.title')),
    summary.level !== 'link' && (summary.shown.length === 0
      ? h('p', { class: 'muted' }, t.t('flows.none'))
      : [
          h('p', { class: 'flow-list-title' }, t.t('flows.strongest')),
          h('ol', { class: 'flow-list' },
            summary.shown.map((pair, i) =>
              h('li', { class: i >= LISTED ? 'more' : undefined },
                h('button', {
                  type: 'button',
                  class: `flow-item${pair.crossBorder ? ' cross-border' : ''}`,
                  'data-key': pair.key,
                  'data-count': pair.count,
                  onmouseenter: () => focus(pair),
                  onfocus: () => focus(pair),
                  onmouseleave: () => focus(null),
                  onblur: () => focus(null),
                },
                h('span', { class: 'flow-bar', 'aria-hidden': 'true', style: `width:${Math.max(4, (28 * pair.count) / top)}px;background:${pair.crossBorder ? COLORS.links : COLORS.domesticLinks}` }),
                h('span', { class: 'flow-names' }, `${pair.aName} ↔ ${pair.bName}`),
                h('span', { class: 'flow-count' }, t.number(pair.count)))))),
          summary.shown.length > LISTED && h('button', {
            type: 'button',
            class: 'link-button flow-more',
            'aria-expanded': 'false',
            onclick: (e) => {
              const list = (e.target as HTMLElement).closest('.flow-legend')!;
              const all = list.classList.toggle('all-flows');
              (e.target as HTMLElement).setAttribute('aria-expanded', String(all));
            },
          }, t.t('flows.all', { count: summary.shown.length })),
        ]),
    summary.folded.flows > 0 && h('p', { class: 'muted flow-folded' }, t.t('flows.folded', { flows: summary.folded.flows, links: summary.folded.links })),
    summary.outside > 0 && h('p', { class: 'muted' }, t.t('flows.outside', { links: summary.outside })),
    h('p', { class: 'muted flow-level' }, t.t(`flows.${summary.level}`)),
    h('ul', { class: 'flow-keys' },
      h('li', {}, line(COLORS.links, 4, false), t.t('flows.crossBorder')),
      h('li', {}, line(COLORS.domesticLinks, 3, true), t.t('flows.domestic')),
      summary.level !== 'link' && h('li', { class: 'wide' }, t.t('flows.width')),
      summary.level === 'territory' && h('li', { class: 'wide' }, h('span', { class: 'flow-arrow-key', 'aria-hidden': 'true' }, '➜'), t.t('flows.arrow')),
      summary.level === 'link' && h('li', { class: 'wide flow-stub-key' }, h('span', { class: 'flow-arrow-key', 'aria-hidden': 'true' }, '→ ·'), t.t('flows.stub'))));
}
