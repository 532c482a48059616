import { z } from '@hono/zod-openapi';
import { COUNTRIES, LINK_KINDS } from '../../shared/vocabulary.ts';
import { EVENT_KINDS, INTRODUCTION_STAGES, OUTCOMES } from '../../shared/prospecting/vocabulary.ts';
import { isoDate } from './company.ts';

/** What the introductions endpoints read and answer (issue 27). */

const companyId = z.number().int().positive('must be a company id');
const note = z.string().trim().min(1, 'must not be blank').max(2000, 'at most 2000 characters');
const nextStep = z.string().trim().min(1, 'must not be blank').max(300, 'at most 300 characters');
const stage = z.enum(INTRODUCTION_STAGES, { message: `expected one of ${INTRODUCTION_STAGES.join(', ')}` });

export const IntroductionInput = z
  .object({
    from: companyId.openapi({ description: 'The firm introduced: one of your countries when your account is scoped' }),
    to: companyId.optional().openapi({ description: 'The firm it is introduced to, in any country (or give `toActor`)' }),
    toActor: z.number().int().positive('must be a support organisation id').optional().openapi({ description: 'A support organisation (see /api/actors) instead of a firm' }),
    note: note.optional(),
    nextStep: nextStep.optional(),
    dueOn: isoDate.optional().openapi({ description: 'When the next step is due, YYYY-MM-DD' }),
    fromSuggestion: z.boolean().optional().openapi({ description: 'Keep the current partner suggestion (score, rank, reasons) for `to` with the introduction' }),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.to === undefined) === (body.toActor === undefined)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'give exactly one of to (a firm) and toActor (a support organisation)' });
    if (body.to !== undefined && body.to === body.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a firm cannot be introduced to itself' });
    if (body.fromSuggestion && body.to === undefined) ctx.addIssue({ code: 'custom', path: ['fromSuggestion'], message: 'suggestions are firms: needs to' });
  })
  .openapi('IntroductionInput');

export const IntroductionPatch = z
  .object({
    stage: stage.optional(),
    nextStep: nextStep.nullable().optional(),
    dueOn: isoDate.nullable().optional(),
    note: note.optional().openapi({ description: 'Added to the timeline' }),
    owner: z.number().int().positive('must be an account id').nullable().optional().openapi({ description: 'The account now in charge' }),
    outcome: z.enum(OUTCOMES, { message: `expected one of ${OUTCOMES.join(', ')}` }).optional(),
    linkKind: z.enum(LINK_KINDS, { message: `expected one of ${LINK_KINDS.join(', ')}` }).optional().openapi({ description: 'With stage cooperating: the link the cooperation creates' }),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.linkKind !== undefined && body.stage !== 'cooperating') ctx.addIssue({ code: 'custom', path: ['linkKind'], message: 'only with stage cooperating' });
  })
  .openapi('IntroductionPatch');

const Party = z.object({ type: z.enum(['company', 'actor']), id: z.number().int(), name: z.string(), country: z.enum(COUNTRIES) });

export const IntroductionSchema = z
  .object({
    id: z.number().int(),
    from: Party,
    to: Party,
    crossBorder: z.boolean(),
    sample: z.boolean().openapi({ description: 'Either firm is of the sample registry: fictitious' }),
    stage,
    stages: z.array(z.object({ stage, at: z.string() })).openapi({ description: 'Each stage reached, with its date, oldest first' }),
    owner: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    nextStep: z.string().nullable(),
    dueOn: z.string().nullable(),
    overdue: z.boolean(),
    outcome: z.enum(OUTCOMES).nullable(),
    followUpDue: z.boolean().openapi({ description: 'The outcome rating is asked (on reaching met, and ATLAS_FOLLOW_UP_MONTHS later)' }),
    dormantProposed: z.boolean().openapi({ description: 'Open, without activity for ATLAS_DORMANT_DAYS: proposed as dormant' }),
    suggestion: z.unknown().openapi({ description: 'The partner suggestion when made from one: score, rank, reasons, as they were' }),
    linkId: z.number().int().nullable(),
    createdAt: z.string(),
    lastActivityAt: z.string(),
  })
  .openapi('Introduction');

export const IntroductionEventSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    kind: z.enum(EVENT_KINDS),
    by: z.object({ accountId: z.number().int().nullable(), label: z.string() }),
    data: z.record(z.string(), z.unknown()),
  })
  .openapi('IntroductionEvent');

export const IntroductionDetail = IntroductionSchema.extend({ timeline: z.array(IntroductionEventSchema) }).openapi('IntroductionDetail');
export const IntroductionList = z
  .object({
    introductions: z.array(IntroductionSchema).openapi({ description: 'One page, overdue first' }),
    numberMatched: z.number().int().openapi({ description: 'How many introductions match, on every page' }),
  })
  .openapi('IntroductionList');
