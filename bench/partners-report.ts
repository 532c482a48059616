import { existsSync, readFileSync } from 'node:fs';
import type { Evaluation } from './evaluate-partners.ts';

const file = new URL('./partners-evaluation.json', import.meta.url);

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

/** The bench report's section on the held-out evaluation of the partner suggestions (`npm run bench:partners`). */
export function partnersSection(): string[] {
  if (!existsSync(file)) return [];
  const runs = JSON.parse(readFileSync(file, 'utf8')) as Evaluation[];
  const lines = [
    '', '## Partner suggestions on held-out links', '',
    '`npm run bench:partners`: a fifth of the links, drawn at random, is held out; relatedness is learned from the other four fifths; for every firm with a held-out cross-border partner, ' +
      'its cross-border suggestions (radius 100 km) are compared with those partners. Precision@10: share of the first 10 that are held-out partners; recall@50: share of its held-out partners among the first 50; averaged over the firms.',
    '',
    '**The links of these registries are synthetic** (`db/seed/links.ts`): each firm draws partners at random, across a border about a third of the time, favouring near ones (the chance halves every 15 km) and ignoring the activities altogether. ' +
      'A held-out link carries distance and country, and, through them, geography: each territory has its own mix of activities, so pairs of activities that sit a few kilometres apart across a border get more links than chance, and that is all the relatedness can learn here — places, not production chains. ' +
      'The nearest-firms baseline measures the generator itself. The hits are given beside the shares: with so few held-out links, a hit or two decides a verdict (one hit among 200 firms is 0.05 points of precision@10). ' +
      'These figures show that the evaluation runs and where the suggestions stand on such data; they say nothing of how the suggestions would do on real links, where activities matter.',
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
  return lines;
}
