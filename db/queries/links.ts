import { type SQL, and, eq, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../database.ts';
import { type CompanyFilter, closedBy, companyConditions, envelope, openedBy } from '../filters.ts';
import { links } from '../schema.ts';
import { type Country, type LinkKind, type StatusFilter } from '../../shared/vocabulary.ts';
import { type Author, recordHistory } from './history.ts';
import { type LinkRecord, linkState } from './link-state.ts';
import type { WriteOutcome } from './write-outcome.ts';

export type LinkEnd = {
  id: number;
  name: string;
  country: Country;
  commune: { code: string; name: string };
  location: [number, number];
};

export type Link = {
  id: number;
  from: LinkEnd;
  to: LinkEnd;
  kind: LinkKind;
  since: number | null;
  note: string | null;
  /** Derived from the two firms' countries, never stored. */
  crossBorder: boolean;
  /** Raised by one on every change (db/sql/record-versions.sql): the ETag of the link's reads. */
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type LinkInput = { fromId: number; toId: number; kind: LinkKind; since: number | null; note: string | null };

export type LinkFilter = {
  /** A link matches when at least one of its two firms matches (bbox and status aside: see below). */
  companies?: Omit<CompanyFilter, 'bbox' | 'status' | 'asOf'>;
  /** `active` (the default): both firms active; `closed`: either is closed; `all`. With `asOf`, on that date. */
  status?: StatusFilter | undefined;
  /** The links as they stood on this date (YYYY-MM-DD): see `linkLifeCondition`. */
  asOf?: string | undefined;
  /** Keeps the links whose straight line crosses the box. */
  bbox?: CompanyFilter['bbox'];
  crossBorder?: boolean | undefined;
  kinds?: LinkKind[] | undefined;
  /** Only the links of this firm, either way. */
  companyId?: number | undefined;
};

/**
 * The link filter of a company filter: status, date and box are the link's own; the rest, when
 * given, are about its firms.
 */
export function linkFilterOf(filter: CompanyFilter): Pick<LinkFilter, 'companies' | 'status' | 'asOf' | 'bbox'> {
  const { bbox, status, asOf, ...companies } = filter;
  const filtersCompanies = Object.values(companies).some((value) => value !== undefined);
  return { companies: filtersCompanies ? companies : undefined, status, asOf, bbox };
}

type LinkRow = {
  id: number;
  kind: LinkKind;
  since: number | null;
  note: string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  a_id: number;
  a_name: string;
  a_country: Country;
  a_commune_code: string;
  a_commune_name: string;
  a_lon: number;
  a_lat: number;
  b_id: number;
  b_name: string;
  b_country: Country;
  b_commune_code: string;
  b_commune_name: string;
  b_lon: number;
  b_lat: number;
};

function fromRow(r: LinkRow): Link {
  return {
    id: r.id,
    from: { id: r.a_id, name: r.a_name, country: r.a_country, commune: { code: r.a_commune_code, name: r.a_commune_name }, location: [r.a_lon, r.a_lat] },
    to: { id: r.b_id, name: r.b_name, country: r.b_country, commune: { code: r.b_commune_code, name: r.b_commune_name }, location: [r.b_lon, r.b_lat] },
    kind: r.kind,
    since: r.since,
    note: r.note,
    crossBorder: r.a_country !== r.b_country,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The status condition of a link filter, on whether both of its firms are active (kept by db/sql/link-ends.sql). */
export function linkStatusCondition(status: StatusFilter | undefined): SQL | null {
  const wanted = status ?? 'active';
  return wanted === 'all' ? null : wanted === 'active' ? sql`l.ends_active` : sql`NOT l.ends_active`;
}

/**
 * With `asOf`: links made by its year (or in an unknown year) between firms opened by then, both
 * still open (`active`), either closed (`closed`), or whatever they became (`all`). Needs the two
 * firms joined as `a` and `b` (FROM_LINKS).
 */
export function linkLifeCondition(status: StatusFilter | undefined, asOf: string): SQL {
  const [a, b] = [sql.raw('a'), sql.raw('b')];
  const made = sql`(l.since IS NULL OR l.since <= ${Number(asOf.slice(0, 4))}) AND ${openedBy(asOf, a)} AND ${openedBy(asOf, b)}`;
  const wanted = status ?? 'active';
  if (wanted === 'all') return made;
  const closed = sql`(${closedBy(asOf, a)} OR ${closedBy(asOf, b)})`;
  return sql`${made} AND ${wanted === 'active' ? sql`NOT ${closed}` : closed}`;
}

export function linkConditions(filter: LinkFilter) {
  const conditions = [sql`TRUE`];
  const status = filter.asOf === undefined ? linkStatusCondition(filter.status) : linkLifeCondition(filter.status, filter.asOf);
  if (status) conditions.push(status);
  if (filter.companies) {
    conditions.push(
      sql`((${companyConditions({ ...filter.companies, status: 'all' }, 'a')}) OR (${companyConditions({ ...filter.companies, status: 'all' }, 'b')}))`,
    );
  }
  if (filter.bbox) {
    conditions.push(sql`ST_Intersects(ST_MakeLine(a.location, b.location), ${envelope(filter.bbox)})`);
  }
  if (filter.crossBorder !== undefined) {
    conditions.push(filter.crossBorder ? sql`l.from_country <> l.to_country` : sql`l.from_country = l.to_country`);
  }
  if (filter.kinds?.length) {
    conditions.push(sql`l.kind IN (${sql.join(filter.kinds.map((k) => sql`${k}::link_kind`), sql`, `)})`);
  }
  if (filter.companyId !== undefined) {
    conditions.push(sql`(l.from_id = ${filter.companyId} OR l.to_id = ${filter.companyId})`);
  }
  return sql.join(conditions, sql` AND `);
}

export const FROM_LINKS = sql`FROM links l JOIN companies a ON a.id = l.from_id JOIN companies b ON b.id = l.to_id`;

const LINK_COLUMNS = sql`l.id, l.kind::text AS kind, l.since, l.note, l.version, l.created_at, l.updated_at,
  a.id AS a_id, a.name AS a_name, a.country::text AS a_country, a.commune_code AS a_commune_code, a.commune_name AS a_commune_name, ST_X(a.location) AS a_lon, ST_Y(a.location) AS a_lat,
  b.id AS b_id, b.name AS b_name, b.country::text AS b_country, b.commune_code AS b_commune_code, b.commune_name AS b_commune_name, ST_X(b.location) AS b_lon, ST_Y(b.location) AS b_lat`;

export async function listLinks(
  db: Database,
  filter: LinkFilter,
  page: { limit: number; afterId?: number | undefined },
): Promise<{ links: Link[]; numberMatched: number }> {
  const where = linkConditions(filter);
  const after = page.afterId === undefined ? sql`TRUE` : sql`l.id > ${page.afterId}`;
  const [rows, [count]] = await Promise.all([
    db.rows<LinkRow>(sql`SELECT ${LINK_COLUMNS} ${FROM_LINKS} WHERE ${where} AND ${after} ORDER BY l.id LIMIT ${page.limit}`),
    db.rows<{ n: number }>(sql`SELECT count(*)::int AS n ${FROM_LINKS} WHERE ${where}`),
  ]);
  return { links: rows.map(fromRow), numberMatched: count?.n ?? 0 };
}

export async function getLink(db: Database, id: number): Promise<Link | undefined> {
  const [row] = await db.rows<LinkRow>(sql`SELECT ${LINK_COLUMNS} ${FROM_LINKS} WHERE l.id = ${id}`);
  return row && fromRow(row);
}

/** The id of the link of this kind between these two firms in this direction, if there is one. */
export async function findLink(db: Database, input: Pick<LinkInput, 'fromId' | 'toId' | 'kind'>) {
  const [row] = await db.drizzle
    .select({ id: links.id })
    .from(links)
    .where(and(eq(links.fromId, input.fromId), eq(links.toId, input.toId), eq(links.kind, input.kind)));
  return row?.id;
}


/** Records a link's change in the history of both its firms (before and after), in the write's transaction. */
async function recordLinkChange(tx: Drizzle, author: Author, before: LinkRecord | null, after: LinkRecord | null) {
  const change = { link: { before: before && linkState(before), after: after && linkState(after) } };
  const firms = new Set([before?.fromId, before?.toId, after?.fromId, after?.toId].filter((id): id is number => id !== undefined));
  await recordHistory(tx, author, [...firms].map((companyId) => ({ companyId, action: 'link' as const, changes: change })));
}

export async function createLink(db: Database, input: LinkInput, author: Author): Promise<Link> {
  const id = await db.drizzle.transaction((tx) => insertLinkIn(tx, input, author));
  return (await getLink(db, id))!;
}

/** Adds a link and its history inside the caller's transaction (an introduction's cooperation); its id. */
export async function insertLinkIn(tx: Drizzle, input: LinkInput, author: Author): Promise<number> {
  const [row] = await tx.insert(links).values(input).returning();
  await recordLinkChange(tx, author, null, row!);
  return row!.id;
}

/** Inserts the links as they are (no history: for the sample and the tests); their ids, in order. */
export async function insertLinks(db: Database['drizzle'], inputs: LinkInput[]): Promise<number[]> {
  if (inputs.length === 0) return [];
  return (await db.insert(links).values(inputs).returning({ id: links.id })).map((row) => row.id);
}

/** Changes a link, with the row locked; with `matches`, only if it accepts the current version. */
export async function updateLink(
  db: Database,
  id: number,
  input: LinkInput,
  author: Author,
  { matches }: { matches?: (version: number) => boolean } = {},
): Promise<WriteOutcome> {
  return db.drizzle.transaction(async (tx) => {
    const [before] = await tx.select().from(links).where(eq(links.id, id)).for('update');
    if (!before) return 'missing';
    if (matches && !matches(before.version)) return 'stale';
    const [after] = await tx.update(links).set({ ...input, updatedAt: sql`now()` }).where(eq(links.id, id)).returning();
    await recordLinkChange(tx, author, before, after!);
    return 'done';
  });
}

/** Deletes a link, with the row locked; with `matches`, only if it accepts the current version. */
export async function deleteLink(
  db: Database,
  id: number,
  author: Author,
  { matches }: { matches?: (version: number) => boolean } = {},
): Promise<WriteOutcome> {
  return db.drizzle.transaction(async (tx) => {
    const [current] = await tx.select().from(links).where(eq(links.id, id)).for('update');
    if (!current) return 'missing';
    if (matches && !matches(current.version)) return 'stale';
    await tx.delete(links).where(eq(links.id, id));
    await recordLinkChange(tx, author, current, null);
    return 'done';
  });
}
