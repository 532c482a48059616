import { type SQL, and, eq, or, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../database.ts';
import { introductionEvents, introductions, links } from '../schema.ts';
import type { Country, LinkKind, Sector } from '../../shared/vocabulary.ts';
import { CLOSED_STAGES, type IntroductionEventKind, type IntroductionStage, type Outcome } from '../../shared/prospecting/vocabulary.ts';
import type { Author } from './history.ts';
import { insertLinkIn } from './links.ts';

/** How long an introduction may go without activity before it is proposed as dormant, and when the follow-up comes back. */
export type FollowUpRules = { dormantDays: number; followUpMonths: number };

export type IntroductionParty = { type: 'company' | 'actor'; id: number; name: string; country: Country };

export type Introduction = {
  id: number;
  from: IntroductionParty;
  to: IntroductionParty;
  crossBorder: boolean;
  /** Either firm is of the sample registry: the introduction is sample data too. */
  sample: boolean;
  stage: IntroductionStage;
  /** Each stage reached, oldest first (`proposed` at creation). */
  stages: { stage: IntroductionStage; at: string }[];
  owner: { id: number; name: string } | null;
  nextStep: string | null;
  dueOn: string | null;
  overdue: boolean;
  outcome: Outcome | null;
  /** The outcome rating is asked: on reaching `met`, and again after the follow-up months. */
  followUpDue: boolean;
  /** No activity for the dormant days while still open: proposed as dormant. */
  dormantProposed: boolean;
  suggestion: unknown;
  linkId: number | null;
  createdAt: string;
  lastActivityAt: string;
};

export type IntroductionEvent = { id: number; at: string; kind: IntroductionEventKind; by: { accountId: number | null; label: string }; data: Record<string, unknown> };

export type IntroductionFilter = {
  stages?: IntroductionStage[] | undefined;
  ownerId?: number | undefined;
  countries?: Country[] | undefined;
  sectors?: Sector[] | undefined;
  territory?: string | undefined;
  /** Either party is this firm. */
  companyId?: number | undefined;
  overdue?: boolean | undefined;
  dormantProposed?: boolean | undefined;
};

export type NewIntroduction = {
  fromId: number;
  to: { companyId: number } | { actorId: number };
  note: string | null;
  nextStep: string | null;
  dueOn: string | null;
  suggestion: unknown;
  ownerId: number | null;
};

export type IntroductionChange = {
  stage?: IntroductionStage | undefined;
  nextStep?: string | null | undefined;
  dueOn?: string | null | undefined;
  note?: string | undefined;
  ownerId?: number | null | undefined;
  outcome?: Outcome | undefined;
  /** With `stage: cooperating`: the kind of the link the cooperation creates between two firms. */
  linkKind?: LinkKind | undefined;
};

const closedList = sql.join(CLOSED_STAGES.map((s) => sql`${s}::introduction_stage`), sql`, `);

function flags(rules: FollowUpRules) {
  const open = sql`i.stage NOT IN (${closedList})`;
  return {
    overdue: sql`(${open} AND i.due_on IS NOT NULL AND i.due_on < current_date)`,
    dormant: sql`(${open} AND i.last_activity_at < now() - make_interval(days => ${rules.dormantDays}))`,
    // Asked once `met` was reached and no rating was given since; again once the months have
    // passed since `met` when the last rating came before them.
    followUp: sql`(i.met_at IS NOT NULL AND (i.outcome_at IS NULL OR (now() >= i.met_at + make_interval(months => ${rules.followUpMonths}) AND i.outcome_at < i.met_at + make_interval(months => ${rules.followUpMonths}))))`,
  };
}

const FROM = sql`FROM introductions i
  JOIN companies f ON f.id = i.from_id
  LEFT JOIN companies tc ON tc.id = i.to_company_id
  LEFT JOIN actors ta ON ta.id = i.to_actor_id
  LEFT JOIN accounts o ON o.id = i.owner_id`;

/**
 * What the filters read: the introducing firm (always there: `from_id` is required) joined as
 * the other ends are, by LEFT JOIN on a unique key, which PostgreSQL leaves out of the plan when
 * no filter reads it. A list filtered by stage, owner or date then reads the introductions alone,
 * not 100,000 firms.
 */
const MATCHING = sql`FROM introductions i
  LEFT JOIN companies f ON f.id = i.from_id
  LEFT JOIN companies tc ON tc.id = i.to_company_id
  LEFT JOIN actors ta ON ta.id = i.to_actor_id`;

function columns(rules: FollowUpRules) {
  const f = flags(rules);
  return sql`i.id, i.stage::text AS stage, i.next_step, i.due_on::text AS due_on, i.outcome::text AS outcome, i.suggestion, i.link_id,
    i.created_at, i.last_activity_at,
    f.id AS from_id, f.name AS from_name, f.country::text AS from_country,
    CASE WHEN tc.id IS NULL THEN 'actor' ELSE 'company' END AS to_type,
    coalesce(tc.id, ta.id) AS to_id, coalesce(tc.name, ta.name) AS to_name, coalesce(tc.country, ta.country)::text AS to_country,
    o.id AS owner_id, o.name AS owner_name, (f.source = 'sample' OR coalesce(tc.source = 'sample', FALSE)) AS sample,
    ${f.overdue} AS overdue, ${f.dormant} AS dormant, ${f.followUp} AS follow_up,
    (SELECT json_agg(json_build_object('stage', coalesce(e.data->>'to', e.data->>'stage'), 'at', e.at) ORDER BY e.id)
       FROM introduction_events e WHERE e.introduction_id = i.id AND e.kind IN ('created', 'stage')) AS stages`;
}

type Row = {
  id: number; stage: IntroductionStage; next_step: string | null; due_on: string | null; outcome: Outcome | null; suggestion: unknown; link_id: number | null;
  created_at: Date | string; last_activity_at: Date | string;
  from_id: number; from_name: string; from_country: Country;
  to_type: 'company' | 'actor'; to_id: number; to_name: string; to_country: Country;
  owner_id: number | null; owner_name: string | null; sample: boolean;
  overdue: boolean; dormant: boolean; follow_up: boolean;
  stages: { stage: IntroductionStage; at: string }[] | string | null;
};

const iso = (value: Date | string) => new Date(value).toISOString();
const parsed = <T>(value: T | string): T => (typeof value === 'string' ? JSON.parse(value) : value);

function fromRow(r: Row): Introduction {
  return {
    id: r.id,
    from: { type: 'company', id: r.from_id, name: r.from_name, country: r.from_country },
    to: { type: r.to_type, id: r.to_id, name: r.to_name, country: r.to_country },
    crossBorder: r.from_country !== r.to_country,
    sample: r.sample,
    stage: r.stage,
    stages: (parsed(r.stages) ?? []).map((s) => ({ stage: s.stage, at: iso(s.at) })),
    owner: r.owner_id === null ? null : { id: r.owner_id, name: r.owner_name! },
    nextStep: r.next_step,
    dueOn: r.due_on,
    overdue: r.overdue,
    outcome: r.outcome,
    followUpDue: r.follow_up,
    dormantProposed: r.dormant,
    suggestion: r.suggestion === null ? null : parsed(r.suggestion),
    linkId: r.link_id,
    createdAt: iso(r.created_at),
    lastActivityAt: iso(r.last_activity_at),
  };
}

/** Either party matches (the introducing firm, or the firm it is introduced to). */
function partyCondition(condition: (alias: SQL) => SQL): SQL {
  return sql`(${condition(sql.raw('f'))} OR (tc.id IS NOT NULL AND ${condition(sql.raw('tc'))}))`;
}

function conditions(filter: IntroductionFilter, rules: FollowUpRules): SQL {
  const f = flags(rules);
  const all: SQL[] = [sql`TRUE`];
  if (filter.stages?.length) all.push(sql`i.stage IN (${sql.join(filter.stages.map((s) => sql`${s}::introduction_stage`), sql`, `)})`);
  if (filter.ownerId !== undefined) all.push(sql`i.owner_id = ${filter.ownerId}`);
  if (filter.countries?.length) {
    const list = sql.join(filter.countries.map((c) => sql`${c}::country`), sql`, `);
    all.push(sql`(f.country IN (${list}) OR coalesce(tc.country, ta.country) IN (${list}))`);
  }
  if (filter.sectors?.length) {
    const list = sql`ARRAY[${sql.join(filter.sectors.map((s) => sql`${s}::sector`), sql`, `)}]`;
    all.push(partyCondition((a) => sql`${a}.sectors && ${list}`));
  }
  if (filter.territory !== undefined) {
    all.push(partyCondition((a) => sql`EXISTS (SELECT 1 FROM company_territories ct WHERE ct.company_id = ${a}.id AND ct.territory_id = ${filter.territory})`));
  }
  if (filter.companyId !== undefined) all.push(partyCondition((a) => sql`${a}.id = ${filter.companyId}`));
  if (filter.overdue !== undefined) all.push(filter.overdue ? f.overdue : sql`NOT ${f.overdue}`);
  if (filter.dormantProposed !== undefined) all.push(filter.dormantProposed ? f.dormant : sql`NOT ${f.dormant}`);
  return sql.join(all, sql` AND `);
}

/**
 * The introductions matching `filter` (overdue first, then by due date, none last, then newest
 * first), or one `page` of them, and how many match in all.
 */
export async function listIntroductions(
  db: Database,
  filter: IntroductionFilter,
  rules: FollowUpRules,
  page?: { limit: number; offset: number },
): Promise<{ introductions: Introduction[]; numberMatched: number }> {
  const f = flags(rules);
  const where = conditions(filter, rules);
  // The page's ids first, then their columns: the stages' timeline is gathered for the page only,
  // not for every match the sort has to see.
  const rows = await db.rows<Row>(sql`WITH page AS MATERIALIZED (
      SELECT i.id, ${f.overdue} AS late, i.due_on AS due ${MATCHING} WHERE ${where}
      ORDER BY late DESC, due ASC NULLS LAST, i.id DESC ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``})
    SELECT ${columns(rules)} ${FROM} JOIN page ON page.id = i.id
    ORDER BY page.late DESC, page.due ASC NULLS LAST, i.id DESC`);
  return { introductions: rows.map(fromRow), numberMatched: await countMatches(db, where, page, rows.length) };
}

/** How many match: known from the page when it is the last one, and counted otherwise. */
async function countMatches(db: Database, where: SQL, page: { limit: number; offset: number } | undefined, onPage: number): Promise<number> {
  if (!page) return onPage;
  if (onPage < page.limit && (onPage > 0 || page.offset === 0)) return page.offset + onPage;
  const [count] = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n ${MATCHING} WHERE ${where}`);
  return Number(count?.n ?? 0);
}

export async function getIntroduction(db: Database, id: number, rules: FollowUpRules): Promise<Introduction | undefined> {
  const [row] = await db.rows<Row>(sql`SELECT ${columns(rules)} ${FROM} WHERE i.id = ${id}`);
  return row && fromRow(row);
}

/** The timeline of an introduction, oldest first. */
export async function introductionTimeline(db: Database, id: number): Promise<IntroductionEvent[]> {
  const rows = await db.drizzle.select().from(introductionEvents).where(eq(introductionEvents.introductionId, id)).orderBy(introductionEvents.id);
  return rows.map((r) => ({ id: r.id, at: r.at.toISOString(), kind: r.kind, by: { accountId: r.accountId, label: r.label }, data: r.data as Record<string, unknown> }));
}

async function addEvents(tx: Drizzle, id: number, author: Author, events: { kind: IntroductionEventKind; data: Record<string, unknown> }[]) {
  if (events.length === 0) return;
  await tx.insert(introductionEvents).values(events.map((e) => ({ introductionId: id, kind: e.kind, data: e.data, accountId: author.accountId, label: author.label })));
}

/** Records a new introduction and the first entry of its timeline together; its id. */
export async function createIntroduction(db: Database, input: NewIntroduction, author: Author): Promise<number> {
  return db.drizzle.transaction(async (tx) => {
    const [row] = await tx
      .insert(introductions)
      .values({
        fromId: input.fromId,
        toCompanyId: 'companyId' in input.to ? input.to.companyId : null,
        toActorId: 'actorId' in input.to ? input.to.actorId : null,
        nextStep: input.nextStep,
        dueOn: input.dueOn,
        suggestion: input.suggestion,
        ownerId: input.ownerId,
      })
      .returning({ id: introductions.id });
    const id = row!.id;
    const events: { kind: IntroductionEventKind; data: Record<string, unknown> }[] = [
      { kind: 'created', data: { stage: 'proposed', fromSuggestion: input.suggestion !== null } },
    ];
    if (input.note) events.push({ kind: 'note', data: { text: input.note } });
    if (input.nextStep || input.dueOn) events.push({ kind: 'next_step', data: { before: null, after: { nextStep: input.nextStep, dueOn: input.dueOn } } });
    await addEvents(tx, id, author, events);
    return id;
  });
}

/**
 * Applies a change and writes each part of it to the timeline, in one transaction. Reaching
 * `cooperating` between two firms links them (unless a link of that kind joins them either way
 * already), with the introduction named as the link's source, in both firms' history.
 * Returns false when the introduction does not exist.
 */
export async function changeIntroduction(db: Database, id: number, change: IntroductionChange, author: Author): Promise<boolean> {
  return db.drizzle.transaction(async (tx) => {
    const [current] = await tx.select().from(introductions).where(eq(introductions.id, id)).for('update');
    if (!current) return false;
    const set: Partial<typeof introductions.$inferInsert> = {};
    const events: { kind: IntroductionEventKind; data: Record<string, unknown> }[] = [];
    if (change.stage !== undefined && change.stage !== current.stage) {
      set.stage = change.stage;
      set.stageChangedAt = sql`now()` as unknown as Date;
      if (change.stage === 'met' && !current.metAt) set.metAt = sql`now()` as unknown as Date;
      if (change.stage === 'cooperating' && !current.cooperatingAt) set.cooperatingAt = sql`now()` as unknown as Date;
      events.push({ kind: 'stage', data: { from: current.stage, to: change.stage } });
      if (change.stage === 'cooperating' && current.toCompanyId !== null && change.linkKind) {
        const pair = (a: number, b: number) => and(eq(links.fromId, a), eq(links.toId, b), eq(links.kind, change.linkKind!));
        const [existing] = await tx
          .select({ id: links.id })
          .from(links)
          .where(or(pair(current.fromId, current.toCompanyId), pair(current.toCompanyId, current.fromId)));
        const linkId =
          existing?.id ??
          (await insertLinkIn(
            tx,
            { fromId: current.fromId, toId: current.toCompanyId, kind: change.linkKind, since: new Date().getUTCFullYear(), note: `From introduction ${id}` },
            author,
          ));
        set.linkId = linkId;
        events.push({ kind: 'link', data: { linkId, kind: change.linkKind, created: existing === undefined } });
      }
    }
    const nextStep = change.nextStep === undefined ? current.nextStep : change.nextStep;
    const dueOn = change.dueOn === undefined ? current.dueOn : change.dueOn;
    if (nextStep !== current.nextStep || dueOn !== current.dueOn) {
      Object.assign(set, { nextStep, dueOn });
      events.push({ kind: 'next_step', data: { before: { nextStep: current.nextStep, dueOn: current.dueOn }, after: { nextStep, dueOn } } });
    }
    if (change.ownerId !== undefined && change.ownerId !== current.ownerId) {
      set.ownerId = change.ownerId;
      events.push({ kind: 'owner', data: { before: current.ownerId, after: change.ownerId } });
    }
    if (change.outcome !== undefined) {
      Object.assign(set, { outcome: change.outcome, outcomeAt: sql`now()` });
      events.push({ kind: 'outcome', data: { before: current.outcome, after: change.outcome } });
    }
    if (change.note) events.push({ kind: 'note', data: { text: change.note } });
    if (events.length === 0) return true;
    await tx.update(introductions).set({ ...set, lastActivityAt: sql`now()` as unknown as Date }).where(eq(introductions.id, id));
    await addEvents(tx, id, author, events);
    return true;
  });
}
