import type { LinkInput } from '../queries/links.ts';
import type { IntroductionStage, Outcome } from '../../shared/prospecting/vocabulary.ts';
import type { LinkableFirm } from './links.ts';
import type { Random } from './random.ts';
import { SAMPLE_EXTRACT_DATE } from './dates.ts';
import { workingPartners } from './working-together.ts';

/** A sample introduction: who to whom, the stages it went through with their dates, its outcome. */
export type SampleIntroduction = {
  fromId: number;
  toId: number;
  stages: { stage: IntroductionStage; at: Date }[];
  outcome: Outcome | null;
  nextStep: string | null;
  dueOn: string | null;
  /** For a cooperation: the index, in the sample links, of the link it led to. */
  linkIndex: number | null;
};

/** How far each sample introduction got: most are still open, a few led to a cooperation. */
const FINAL_STAGES: Record<IntroductionStage, number> = { proposed: 0.22, contacted: 0.2, met: 0.18, cooperating: 0.15, declined: 0.15, dormant: 0.1 };
/** The path to each final stage. */
const PATHS: Record<IntroductionStage, IntroductionStage[]> = {
  proposed: ['proposed'],
  contacted: ['proposed', 'contacted'],
  met: ['proposed', 'contacted', 'met'],
  cooperating: ['proposed', 'contacted', 'met', 'cooperating'],
  declined: ['proposed', 'contacted', 'declined'],
  dormant: ['proposed', 'contacted', 'dormant'],
};
const OUTCOMES_AFTER_MET: Outcome[] = ['knowledge_gained', 'valuable_contact', 'negotiation_started'];
const DAY_MS = 86_400_000;
/** The sample's introductions were made over the two years before its extract. */
const SPAN_DAYS = 730;

const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);

function stagesOf(random: Random, final: IntroductionStage, end: Date): { stage: IntroductionStage; at: Date }[] {
  const path = PATHS[final];
  // Each step takes from a week to two months; the whole path ends before the extract.
  const gaps = path.slice(1).map(() => random.int(7, 60));
  const length = gaps.reduce((a, b) => a + b, 0);
  let at = addDays(end, -random.int(length, SPAN_DAYS));
  return path.map((stage, i) => {
    if (i > 0) at = addDays(at, gaps[i - 1]!);
    return { stage, at };
  });
}

/**
 * `count` introductions between the sample firms, across a border, between activities that work
 * together (db/seed/working-together.ts), in every stage. A cooperation stands for one of the
 * sample's cross-border links (the link it led to); the others join firms not yet linked.
 */
export function sampleIntroductions(random: Random, firms: LinkableFirm[], links: LinkInput[], count: number): SampleIntroduction[] {
  const end = new Date(`${SAMPLE_EXTRACT_DATE}T12:00:00Z`);
  const byId = new Map(firms.map((f) => [f.id, f]));
  const partners = workingPartners();
  const crossLinks = links.map((l, i) => ({ l, i })).filter(({ l }) => byId.get(l.fromId)?.country !== byId.get(l.toId)?.country);
  const linked = new Set(links.map((l) => `${Math.min(l.fromId, l.toId)}-${Math.max(l.fromId, l.toId)}`));
  const seen = new Set<string>();
  const result: SampleIntroduction[] = [];
  for (let attempt = 0; result.length < count && attempt < count * 50; attempt++) {
    const final = random.weighted(Object.keys(FINAL_STAGES) as IntroductionStage[], (s) => FINAL_STAGES[s]);
    let pair: { fromId: number; toId: number; linkIndex: number | null } | null = null;
    if (final === 'cooperating') {
      if (crossLinks.length === 0) continue;
      const { l, i } = random.pick(crossLinks);
      pair = { fromId: l.fromId, toId: l.toId, linkIndex: i };
    } else {
      const from = random.pick(firms);
      const related = partners.get(from.nace ?? '');
      const pool = firms.filter((f) => f.country !== from.country && f.nace !== null && related?.has(f.nace));
      if (pool.length === 0) continue;
      const to = random.pick(pool);
      if (linked.has(`${Math.min(from.id, to.id)}-${Math.max(from.id, to.id)}`)) continue;
      pair = { fromId: from.id, toId: to.id, linkIndex: null };
    }
    const key = `${Math.min(pair.fromId, pair.toId)}-${Math.max(pair.fromId, pair.toId)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const stages = stagesOf(random, final, end);
    const open = final === 'proposed' || final === 'contacted' || final === 'met';
    const met = stages.some((s) => s.stage === 'met');
    const due = open ? addDays(stages.at(-1)!.at, random.int(14, 120)).toISOString().slice(0, 10) : null;
    result.push({
      ...pair,
      stages,
      outcome: final === 'cooperating' ? 'cooperation_agreed' : met ? random.pick(OUTCOMES_AFTER_MET) : final === 'declined' ? 'no_further_contact' : null,
      nextStep: due ? (final === 'proposed' ? 'Call both firms' : final === 'contacted' ? 'Arrange a meeting' : 'Follow up the meeting') : null,
      dueOn: due,
    });
  }
  return result;
}
