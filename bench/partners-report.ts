import { existsSync, readFileSync } from 'node:fs';
import type { Evaluation } from './evaluate-partners.ts';

const file = new URL('./partners-evaluation.json', import.meta.url);

const METHODS = [
  ['suggestions', 'suggestions (relatedness + shared partners + distance)'],
  ['suggestionsWithoutRelatedness', 'suggestions without the relatedness term'],
  ['nearestAcrossBorder', 'baseline: nearest firms across the border, any activity'],
  ['randomAcrossBorder', 'baseline: random firms across the border'],
] as const;

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

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
      'The nearest-firms baseline measures the generator itself. With so few held-out links per firm, one hit more or less moves precision@10 by several tenths of a point. ' +
      'These figures show that the evaluation runs and where the suggestions stand on such data; they say nothing of how the suggestions would do on real links, where activities matter.',
  ];
  for (const run of runs) {
    lines.push('', `### ${run.size.toLocaleString('en')} firms, ${run.links.toLocaleString('en')} links (${run.heldOut} held out), ${run.firmsEvaluated} firms evaluated — ${run.at}`, '');
    lines.push(`Pairs of activities with enough links (≥ 5) learned from the kept links: ${run.supportedPairs.class} classes, ${run.supportedPairs.group} groups, ${run.supportedPairs.division} divisions.`, '');
    lines.push('| method | precision@10 | recall@50 |', '| --- | --- | --- |');
    for (const [key, label] of METHODS) lines.push(`| ${label} | ${pct(run.methods[key].precisionAt10)} | ${pct(run.methods[key].recallAt50)} |`);
    const ours = run.methods.suggestions;
    const verdict = (name: string, other: { precisionAt10: number; recallAt50: number }) => {
      const p = ours.precisionAt10 - other.precisionAt10;
      const r = ours.recallAt50 - other.recallAt50;
      const word = (d: number) => (Math.abs(d) < 0.0005 ? 'tie with it' : d > 0 ? `beat it by ${(d * 100).toFixed(1)} points` : `fall short of it by ${(-d * 100).toFixed(1)} points`);
      return `against ${name}, the suggestions ${word(p)} on precision@10 and ${word(r)} on recall@50`;
    };
    lines.push('', `Verdict: ${verdict('the nearest firms', run.methods.nearestAcrossBorder)}; ${verdict('random firms', run.methods.randomAcrossBorder)}.`);
  }
  return lines;
}
