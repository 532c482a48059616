import type { Company } from '../src/api.ts';
import type { Translator } from '../src/i18n.ts';
import { renderVisibleList } from '../src/ui/visible-list.ts';

const MOVES: Record<string, (index: number, last: number) => number> = {
  ArrowDown: (i, last) => Math.min(i + 1, last),
  ArrowUp: (i) => Math.max(i - 1, 0),
  Home: () => 0,
  End: (_, last) => last,
};

/**
 * The firms in view under the map, as buttons. One tab stop for the whole list (a host page's
 * keyboard users should not tab through a hundred firms to get past the widget); the arrows,
 * Home and End move along it, Enter opens a firm.
 */
export function firmList(companies: Company[], total: number, t: Translator, onSelect: (company: Company, row: HTMLButtonElement) => void): HTMLElement {
  const byId = new Map(companies.map((company) => [company.id, company]));
  const section = renderVisibleList(companies, total, t, (id) => onSelect(byId.get(id)!, rows.find((row) => Number(row.dataset.id) === id)!));
  const rows = [...section.querySelectorAll<HTMLButtonElement>('button.row')];
  rows.forEach((row, i) => (row.tabIndex = i === 0 ? 0 : -1));
  section.addEventListener('keydown', (event) => {
    const index = rows.indexOf(event.target as HTMLButtonElement);
    const move = MOVES[event.key];
    if (index < 0 || !move) return;
    event.preventDefault();
    const next = rows[move(index, rows.length - 1)]!;
    rows[index]!.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });
  return section;
}
