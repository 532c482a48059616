import { h } from '../dom.ts';

/** A table that scrolls sideways inside its box on a narrow screen, rather than the page. */
export const wrapped = (table: HTMLElement) => h('div', { class: 'table-wrap' }, table);
