import { existsSync, readFileSync } from 'node:fs';
import type { BandOutcome } from '../db/queries/suggestion-outcomes.ts';
import type { Evaluation } from './evaluate-partners.ts';

const file = new URL('./partners-evaluation.json', import.meta.url);
const outcomesFile = new URL('./partners-outcomes.json', import.meta.url);

const METHODS = [
  ['suggestions', 'suggestions (relatedness + shared partners + distance)'],
  ['suggestionsWithoutRelatedness', 'suggestions without the relatedness term'],
  ['nearestAcrossBorder', 'baseline: nearest firms across the border, any activity'],
  ['randomAcrossBorder', 'baseline: random firms across the border'],
] as const;

// Two decimals: one hit among 200 firms moves precision@10 by 0.05 points.
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const points = (d: number) => `${(Math.abs(d) * 100).toFixed(2)} points`;

type Scores = Evaluation['methods']['suggestions'];

/** How one measure of the suggestions compares with a baseline's, in words: a tie only when equal. */
export function comparison(ours: number, theirs: number): string {
  const d = ours - theirs;
  if (Math.abs(d) < 1e-9) return 'tie with it';
  return d > 0 ? `beat it by ${points(d)}` : `fall short of it by ${points(d)}`;
}

/** The verdict of the suggestions against a baseline on both measures, with the hits behind them where recorded. */
export function verdict(name: string, ours: Scores, other: Scores): string {
  const hits = (s: Scores, key: 'hitsAt10' | 'hitsAt50') => (s[key] === undefined ? '' : ` (${s[key]} ${s[key] === 1 ? 'hit' : 'hits'} against ${other[key]})`);
  return `against ${name}, the suggestions ${comparison(ours.precisionAt10, other.precisionAt10)} on precision@10${hits(ours, 'hitsAt10')} ` +
    `and ${comparison(ours.recallAt50, other.recallAt50)} on recall@50${hits(ours, 'hitsAt50')}`;
}

const hitCell = (s: Scores, key: 'hitsAt10' | 'hitsAt50') => (s[key] === undefined ? '–' : String(s[key]));

/** A share with what it is of, or a dash when there is nothing to share. */
const shareOf = (part: number, whole: number) => (whole === 0 ? '–' : `${((part / whole) * 100).toFixed(0)} % (${part})`);

/** The rows of the outcome table: the decided introductions are those no longer proposed or contacted. */
export function outcomeRows(bands: BandOutcome[]): string[] {
  return bands.map((b) => {
    const decided = b.followed - b.open;
    return `| ${b.band} | ${b.followed} | ${b.open} | ${shareOf(b.met, decided)} | ${shareOf(b.cooperating, decided)} |`;
  });
}

/** The section on the suggestions judged on recorded introductions (`npm run bench:partners`). */
function outcomesSection(): string[] {
  const lines = ['', '## Partner suggestions judged on recorded introductions', ''];
  if (!existsSync(outcomesFile)) {
    return [...lines, 'Not measured yet: `npm run bench:partners` reads them from the Atlas\'s own database (`EVAL_OUTCOMES_DATABASE_URL` or `EVAL_OUTCOMES_DATA_DIR`).'];
  }
  const { at, source, bands } = JSON.parse(readFileSync(outcomesFile, 'utf8')) as { at: string; source: string; bands: BandOutcome[] };
  const followed = bands.reduce((n, b) => n + b.followed, 0);
  lines.push(
    `${at}, ${source}: of the introductions an adviser made from a suggestion ("Propose an introduction" on a suggested partner, which keeps the suggestion's score as it was), ` +
      'per band of that score (0 to 3), how many reached `met` and how many `cooperating`, as shares of those already decided (no longer proposed or contacted). ' +
      'The sample registry\'s introductions were not made from suggestions and their stages are drawn at random: they are not counted.',
    '',
  );
  if (followed === 0) return [...lines, 'No introduction in that database was made from a suggestion yet.'];
  lines.push('| score band | followed | still open | reached met | reached cooperating |', '| --- | --- | --- | --- | --- |', ...outcomeRows(bands));
  return lines;
}

/** The bench report's section on the held-out evaluation of the partner suggestions (`npm run bench:partners`). */
export function partnersSection(): string[] {
  if (!existsSync(file)) return [];
  const runs = JSON.parse(readFileSync(file, 'utf8')) as Evaluation[];
  const lines = [
    '', '## Partner suggestions on held-out links', '',
    '`npm run bench:partners`: a fifth of the links, drawn at random, is held out; relatedness is learned from the other four fifths; for every firm with a held-out cross-border partner, ' +
      'its cross-border suggestions (radius 100 km) are compared with those partners. Precision@10: share of the first 10 that are held-out partners; recall@50: share of its held-out partners among the first 50; averaged over the firms.',
    '',
    '**The links of these registries are synthetic** (`db/seed/links.ts`), drawn from a declared structure of activities that work together (`db/seed/working-together.ts`: carpentry ↔ architects ↔ insulation, textiles ↔ sports-goods makers ↔ outdoor retail and guiding, plant growers ↔ essential oils ↔ cosmetics ↔ spas…): ' +
      '85 % of the links join two such activities, the rest any two firms; a partner is drawn among 96 candidates, weighted so that the chance halves every 15 km; about a third cross a border. ' +
      'So the evaluation asks whether the suggestions recover a structure that is known to be there, which the nearest-firms and random baselines ignore. Most evaluated firms have one held-out partner, so precision@10 cannot pass 10 %. ' +
      'The hits are given beside the shares: with so few held-out links, a hit or two decides a verdict (one hit among 200 firms is 0.05 points of precision@10). ' +
      'These figures say how the suggestions do on links that follow activities; on real links they have still to be measured.',
  ];
  for (const run of runs) {
    lines.push('', `### ${run.size.toLocaleString('en')} firms, ${run.links.toLocaleString('en')} links (${run.heldOut} held out), ${run.firmsEvaluated} firms evaluated — ${run.at}`, '');
    lines.push(`Pairs of activities with enough links (≥ 5) learned from the kept links: ${run.supportedPairs.class} classes, ${run.supportedPairs.group} groups, ${run.supportedPairs.division} divisions.`, '');
    lines.push('| method | precision@10 | hits in the first 10 | recall@50 | hits in the first 50 |', '| --- | --- | --- | --- | --- |');
    for (const [key, label] of METHODS) {
      const m = run.methods[key];
      lines.push(`| ${label} | ${pct(m.precisionAt10)} | ${hitCell(m, 'hitsAt10')} | ${pct(m.recallAt50)} | ${hitCell(m, 'hitsAt50')} |`);
    }
    const ours = run.methods.suggestions;
    lines.push('', `Verdict: ${verdict('the nearest firms', ours, run.methods.nearestAcrossBorder)}; ${verdict('random firms', ours, run.methods.randomAcrossBorder)}.`);
  }
  return [...lines, ...outcomesSection()];
}
