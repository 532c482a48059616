import type { Company, Link, NearbyCompany } from '../api.ts';
import { h } from '../dom.ts';
import type { Translator } from '../i18n.ts';
import { companyRow } from './company-row.ts';

/** What an editor gets in the links section: Add a link, and tools beside each link. */
export type LinkEditingTools = { add: Node; itemTools(link: Link): Node };

export type CompanyPanelActions = {
  select(id: number): void;
  nearbyFrom(company: Company): void;
  close(): void;
};

function field(label: string, value: Node | string | number | null | undefined) {
  if (value === null || value === undefined || value === '') return null;
  return [h('dt', {}, label), h('dd', {}, value)];
}

/** The headcount as the registry gives it: an exact figure, or a band (never a guessed figure), with its year. */
function headcount(p: Company['properties'], t: Translator): string | null {
  const range = p.employeesRange;
  if (!range) return null;
  const count = range.max === range.min ? t.number(range.min)
    : range.max === null ? t.t('employees.open', { min: t.number(range.min) })
    : t.t('employees.band', { min: t.number(range.min), max: t.number(range.max) });
  return p.employeesYear ? t.t('employees.year', { count, year: String(p.employeesYear) }) : count;
}

/**
 * The contact and the internal note, which the API sends to members and above only: shown under
 * a heading that says so, never for a visitor (whose answer has neither field).
 */
function privateFields(p: Company['properties'], t: Translator): HTMLElement | null {
  const email = p.contact?.email;
  const contact = [email && h('a', { href: `mailto:${email}` }, email), p.contact?.phone].filter(Boolean);
  if (contact.length === 0 && !p.note) return null;
  const joined = contact.flatMap((item, i) => (i === 0 ? [item] : [' · ', item]));
  return h('section', { class: 'private-fields', 'aria-labelledby': 'private-heading' },
    h('h3', { id: 'private-heading' }, t.t('private.heading')),
    h('dl', {},
      contact.length > 0 && field(t.t('private.contact'), h('span', {}, ...joined)),
      field(t.t('private.note'), p.note)));
}

/** Details of one firm, its links (click to fly to the partner) and a few nearby firms. */
export function renderCompanyPanel(
  company: Company,
  links: Link[],
  nearby: NearbyCompany[],
  t: Translator,
  actions: CompanyPanelActions,
  suggestions: Node | null = null,
  staffTools: Node | null = null,
  linkEditing: LinkEditingTools | null = null,
): HTMLElement {
  const p = company.properties;
  const description = p.description[t.lang] ?? p.description.en ?? p.description.fr ?? p.description.it;
  const national = p.activity.national ? `${p.activity.national.scheme} ${p.activity.national.code}` : null;
  const activity = p.activity.nace ? `NACE ${p.activity.nace}${national ? ` · ${national}` : ''}` : national;
  const date = (iso: string) => t.date(iso);
  const closed = p.status === 'closed' && (p.closedOn ? t.t('closedOn', { date: date(p.closedOn) }) : t.t('closedUnknown'));
  const provenance = p.provenance
    && [p.provenance.profile, p.provenance.file, p.provenance.extractDate && t.t('provenance.extract', { date: date(p.provenance.extractDate) })].filter(Boolean).join(' · ');
  const website = p.website && /^https?:\/\//.test(p.website)
    ? h('a', { href: p.website, rel: 'noopener noreferrer nofollow', target: '_blank' }, p.website.replace(/^https?:\/\//, ''))
    : null;
  const sourceLabel = p.source === 'sample' ? t.t('source.sample') : p.source === 'manual' ? t.t('source.manual') : p.source;

  const linkItems = links.map((link) => {
    const outgoing = link.properties.from.id === company.id;
    const partner = outgoing ? link.properties.to : link.properties.from;
    return h('li', {},
      h('button', { type: 'button', class: 'row', 'data-id': partner.id, onclick: () => actions.select(partner.id) },
        h('span', { class: 'row-main' },
          h('span', { class: 'row-name' }, partner.name),
          h('span', { class: 'row-sub' },
            `${t.t(`kind.${link.properties.kind as 'partner'}`)}${link.properties.since ? ` · ${link.properties.since}` : ''} · ${partner.commune.name}`)),
        link.properties.crossBorder && h('span', { class: 'badge' }, t.t('crossBorder'))),
      linkEditing?.itemTools(link));
  });

  return h('article', { class: 'company', 'aria-labelledby': 'company-name', 'data-company': company.id },
    h('header', {},
      h('h2', { id: 'company-name' }, p.name),
      h('button', { type: 'button', class: 'close', 'aria-label': t.t('close'), onclick: actions.close }, '×')),
    p.source === 'sample' && h('p', { class: 'sample-tag' }, t.t('source.sample')),
    closed && h('p', { class: 'closed-tag', role: 'note' }, closed),
    staffTools,
    description && h('p', { class: 'description' }, description),
    h('dl', {},
      field(t.t('sectors'), p.sectors.map((s) => t.t(`sector.${s as 'outdoor'}`)).join(', ')),
      field(t.t('commune'), `${p.commune.name} (${p.commune.code}) · ${t.t(`country.${p.country as 'FR'}`)}`),
      field(t.t('activity'), activity),
      field(t.t('employees'), headcount(p, t)),
      field(t.t('founded'), p.founded),
      field(t.t('openedOn'), p.openedOn && date(p.openedOn)),
      field(t.t('website'), website),
      field(t.t('source'), sourceLabel),
      field(t.t('provenance'), provenance)),
    privateFields(p, t),
    h('button', { type: 'button', class: 'primary', onclick: () => actions.nearbyFrom(company) }, t.t('nearbyHere')),
    h('h3', {}, `${t.t('links')} (${links.length})`),
    linkEditing?.add,
    links.length ? h('ul', { class: 'rows links' }, linkItems) : h('p', { class: 'muted' }, t.t('noLinks')),
    suggestions,
    h('h3', {}, t.t('nearbyFirms')),
    h('ul', { class: 'rows nearby-firms' },
      nearby.map((n) => companyRow(n, t, actions.select, h('span', { class: 'distance' }, t.distance(n.properties.distance_m))))));
}
