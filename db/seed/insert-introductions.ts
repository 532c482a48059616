import type { Database } from '../database.ts';
import { introductionEvents, introductions } from '../schema.ts';
import type { SampleIntroduction } from './introductions.ts';

/** The author the sample's timelines name: no account, and a label that says what it is. */
const SAMPLE_AUTHOR = 'Sample data (fictitious)';

type Event = { kind: 'created' | 'stage' | 'note' | 'next_step' | 'outcome' | 'link'; at: Date; data: Record<string, unknown> };

function timeline(item: SampleIntroduction, linkId: number | null): Event[] {
  const [first, ...rest] = item.stages;
  const last = item.stages.at(-1)!;
  const events: Event[] = [
    { kind: 'created', at: first!.at, data: { stage: 'proposed', fromSuggestion: false } },
    { kind: 'note', at: first!.at, data: { text: 'Sample introduction (fictitious).' } },
  ];
  rest.forEach((step, i) => events.push({ kind: 'stage', at: step.at, data: { from: item.stages[i]!.stage, to: step.stage } }));
  if (linkId !== null) events.push({ kind: 'link', at: last.at, data: { linkId, kind: 'partner', created: false } });
  if (item.outcome) events.push({ kind: 'outcome', at: last.at, data: { before: null, after: item.outcome } });
  if (item.nextStep) events.push({ kind: 'next_step', at: last.at, data: { before: null, after: { nextStep: item.nextStep, dueOn: item.dueOn } } });
  return events;
}

/** Writes the sample introductions and their timelines, dated as generated. */
export async function insertSampleIntroductions(tx: Database['drizzle'], items: SampleIntroduction[], linkIds: number[]): Promise<void> {
  for (const item of items) {
    const last = item.stages.at(-1)!;
    const reached = (stage: string) => item.stages.find((s) => s.stage === stage)?.at ?? null;
    const linkId = item.linkIndex === null ? null : (linkIds[item.linkIndex] ?? null);
    const [row] = await tx
      .insert(introductions)
      .values({
        fromId: item.fromId,
        toCompanyId: item.toId,
        stage: last.stage,
        stageChangedAt: last.at,
        metAt: reached('met'),
        cooperatingAt: reached('cooperating'),
        nextStep: item.nextStep,
        dueOn: item.dueOn,
        outcome: item.outcome,
        outcomeAt: item.outcome ? last.at : null,
        linkId,
        createdAt: item.stages[0]!.at,
        lastActivityAt: last.at,
      })
      .returning({ id: introductions.id });
    await tx.insert(introductionEvents).values(timeline(item, linkId).map((e) => ({ introductionId: row!.id, at: e.at, kind: e.kind, accountId: null, label: SAMPLE_AUTHOR, data: e.data })));
  }
}
