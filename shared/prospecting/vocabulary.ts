/** The words of prospecting (issue 27), shared by the API, the database and the Prospecting page. */

export const INTRODUCTION_STAGES = ['proposed', 'contacted', 'met', 'cooperating', 'declined', 'dormant'] as const;
export type IntroductionStage = (typeof INTRODUCTION_STAGES)[number];

/** Stages after which nothing more is expected: never overdue, never proposed as dormant. */
export const CLOSED_STAGES: readonly IntroductionStage[] = ['cooperating', 'declined', 'dormant'];

/** The follow-up rating of what an introduction led to, from least to most. */
export const OUTCOMES = ['no_further_contact', 'knowledge_gained', 'valuable_contact', 'negotiation_started', 'cooperation_agreed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** What one entry of an introduction's timeline records. */
export const EVENT_KINDS = ['created', 'stage', 'note', 'next_step', 'owner', 'outcome', 'link'] as const;
export type IntroductionEventKind = (typeof EVENT_KINDS)[number];
