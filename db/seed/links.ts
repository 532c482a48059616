import * as turf from '@turf/turf';
import type { LinkInput } from '../queries/links.ts';
import { LINK_KINDS, type LinkKind } from '../../shared/vocabulary.ts';
import type { Random } from './random.ts';
import { workingPartners } from './working-together.ts';

export type LinkableFirm = { id: number; country: string; nace: string | null; location: [number, number]; founded: number | null };

const KIND_WEIGHTS: Record<LinkKind, number> = {
  supplier: 0.3,
  customer: 0.15,
  partner: 0.25,
  rnd: 0.12,
  joint_project: 0.18,
};

/** About a third of the programme's links cross a border: it is what the programme is for. */
const CROSS_BORDER_RATE = 0.35;
/**
 * Most links join activities that work together (db/seed/working-together.ts); the rest join any
 * two firms, as the odd link of a real registry does.
 */
const STRUCTURED_RATE = 0.85;
/** Enough candidates that a partner is usually among the near firms of the activities it works with. */
const CANDIDATES = 96;
/** Firms mostly work with neighbours: the chance to pick a candidate halves every 15 km. */
const DISTANCE_SCALE_KM = 15;

function pickPartner(random: Random, firm: LinkableFirm, pool: LinkableFirm[]): LinkableFirm {
  const candidates = Array.from({ length: CANDIDATES }, () => random.pick(pool));
  return random.weighted(candidates, (c) =>
    Math.pow(0.5, turf.distance(firm.location, c.location) / DISTANCE_SCALE_KM),
  );
}

/** Firms grouped by a key, in their order. */
function groupBy(firms: LinkableFirm[], key: (firm: LinkableFirm) => string): Map<string, LinkableFirm[]> {
  const groups = new Map<string, LinkableFirm[]>();
  for (const firm of firms) {
    const k = key(firm);
    const group = groups.get(k);
    if (group) group.push(firm);
    else groups.set(k, [firm]);
  }
  return groups;
}

/**
 * Where a firm's partner is drawn from: firms of its own country or of the others, and, for a
 * structured link, only those whose activity works with the firm's (none there: any firm).
 */
function partnerPool(firms: LinkableFirm[]) {
  const partners = workingPartners();
  const cache = new Map<string, LinkableFirm[]>();
  return (from: LinkableFirm, crossBorder: boolean, structured: boolean): LinkableFirm[] => {
    const key = `${from.country}|${crossBorder}|${structured ? from.nace : '*'}`;
    let pool = cache.get(key);
    if (!pool) {
      const sides = firms.filter((f) => (f.country !== from.country) === crossBorder);
      const related = partners.get(from.nace ?? '');
      const working = structured && related ? sides.filter((f) => f.nace !== null && related.has(f.nace)) : [];
      pool = working.length > 0 ? working : sides;
      cache.set(key, pool);
    }
    return pool;
  };
}

/**
 * `count` distinct links between the firms: most between activities that work together, near
 * ones favoured, a third across a border.
 */
export function sampleLinks(random: Random, firms: LinkableFirm[], count: number): LinkInput[] {
  const countries = groupBy(firms, (f) => f.country);
  const poolOf = partnerPool(firms);
  const seen = new Set<string>();
  const links: LinkInput[] = [];
  for (let attempt = 0; links.length < count && attempt < count * 20; attempt++) {
    const from = random.pick(firms);
    const crossBorder = countries.size > 1 && random.next() < CROSS_BORDER_RATE;
    const structured = random.next() < STRUCTURED_RATE;
    const to = pickPartner(random, from, poolOf(from, crossBorder, structured));
    const kind = random.weighted(LINK_KINDS, (k) => KIND_WEIGHTS[k]);
    const key = `${from.id}-${to.id}-${kind}`;
    if (to.id === from.id || seen.has(key)) continue;
    seen.add(key);
    const start = Math.max(from.founded ?? 2000, to.founded ?? 2000, 2000);
    links.push({ fromId: from.id, toId: to.id, kind, since: random.int(start, 2025), note: null });
  }
  return links;
}
