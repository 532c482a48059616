import { describe, expect, it } from 'vitest';
import { INTRODUCTION_STAGES } from '../../shared/prospecting/vocabulary.ts';
import { sampleCompanies } from './companies.ts';
import { SAMPLE_EXTRACT_DATE } from './dates.ts';
import { sampleIntroductions } from './introductions.ts';
import { sampleLinks } from './links.ts';
import { createRandom } from './random.ts';
import { workingPartners } from './working-together.ts';

const firms = sampleCompanies(createRandom(7), 3000)
  .slice(0, 3000)
  .map((f, i) => ({ id: i + 1, country: f.country, nace: f.activity.nace, location: f.location, founded: f.founded }));
const links = sampleLinks(createRandom(7), firms, 400);
const introductions = sampleIntroductions(createRandom(9), firms, links, 120);
const firm = (id: number) => firms[id - 1]!;

describe('the sample introductions', () => {
  it('are as many as asked, each pair once', () => {
    expect(introductions).toHaveLength(120);
    expect(new Set(introductions.map((i) => [i.fromId, i.toId].sort().join('-'))).size).toBe(120);
  });

  it('reach every stage, through dated steps before the extract', () => {
    expect(new Set(introductions.map((i) => i.stages.at(-1)!.stage))).toEqual(new Set(INTRODUCTION_STAGES));
    for (const item of introductions) {
      expect(item.stages[0]!.stage).toBe('proposed');
      const times = item.stages.map((s) => s.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.at(-1)!).toBeLessThanOrEqual(Date.parse(`${SAMPLE_EXTRACT_DATE}T23:59:59Z`));
    }
  });

  it('cross a border, between activities that work together', () => {
    const partners = workingPartners();
    for (const item of introductions) {
      expect(firm(item.fromId).country).not.toBe(firm(item.toId).country);
      if (item.linkIndex === null) expect(partners.get(firm(item.fromId).nace!)?.has(firm(item.toId).nace!)).toBe(true);
    }
  });

  it('stand for a sample link when they led to a cooperation, and only then', () => {
    for (const item of introductions) {
      const cooperating = item.stages.at(-1)!.stage === 'cooperating';
      expect(item.linkIndex !== null).toBe(cooperating);
      if (item.linkIndex !== null) expect([links[item.linkIndex]!.fromId, links[item.linkIndex]!.toId]).toEqual([item.fromId, item.toId]);
      if (cooperating) expect(item.outcome).toBe('cooperation_agreed');
    }
  });

  it('leave a next step with a due date to the open ones only', () => {
    for (const item of introductions) {
      const open = ['proposed', 'contacted', 'met'].includes(item.stages.at(-1)!.stage);
      expect(item.dueOn !== null).toBe(open);
    }
  });
});
