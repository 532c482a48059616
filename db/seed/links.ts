import * as turf from '@turf/turf';
import type { LinkInput } from '../queries/links.ts';
import { LINK_KINDS, type LinkKind } from '../../shared/vocabulary.ts';
import type { Random } from './random.ts';

export type LinkableFirm = { id: number; country: string; location: [number, number]; founded: number | null };

const KIND_WEIGHTS: Record<LinkKind, number> = {
  supplier: 0.3,
  customer: 0.15,
  partner: 0.25,
  rnd: 0.12,
  joint_project: 0.18,
};

/** About a third of the programme's links cross a border: it is what the programme is for. */
const CROSS_BORDER_RATE = 0.35;
const CANDIDATES = 24;
/** Firms mostly work with neighbours: the chance to pick a candidate halves every 15 km. */
const DISTANCE_SCALE_KM = 15;

function pickPartner(random: Random, firm: LinkableFirm, pool: LinkableFirm[]): LinkableFirm {
  const candidates = Array.from({ length: CANDIDATES }, () => random.pick(pool));
  return random.weighted(candidates, (c) =>
    Math.pow(0.5, turf.distance(firm.location, c.location) / DISTANCE_SCALE_KM),
  );
}

/** `count` distinct links between the firms, near ones and cross-border ones favoured. */
export function sampleLinks(random: Random, firms: LinkableFirm[], count: number): LinkInput[] {
  const byCountry = new Map<string, LinkableFirm[]>();
  for (const firm of firms) {
    const group = byCountry.get(firm.country);
    if (group) group.push(firm);
    else byCountry.set(firm.country, [firm]);
  }
  const abroad = (country: string) => firms.filter((f) => f.country !== country);
  const abroadByCountry = new Map([...byCountry.keys()].map((c) => [c, abroad(c)]));

  const seen = new Set<string>();
  const links: LinkInput[] = [];
  for (let attempt = 0; links.length < count && attempt < count * 20; attempt++) {
    const from = random.pick(firms);
    const crossBorder = random.next() < CROSS_BORDER_RATE;
    const pool = crossBorder ? abroadByCountry.get(from.country)! : byCountry.get(from.country)!;
    const to = pickPartner(random, from, pool);
    const kind = random.weighted(LINK_KINDS, (k) => KIND_WEIGHTS[k]);
    const key = `${from.id}-${to.id}-${kind}`;
    if (to.id === from.id || seen.has(key)) continue;
    seen.add(key);
    const start = Math.max(from.founded ?? 2000, to.founded ?? 2000, 2000);
    links.push({ fromId: from.id, toId: to.id, kind, since: random.int(start, 2025), note: null });
  }
  return links;
}
