import type { RelatednessEvidence } from './relatedness.ts';

/**
 * The score of a suggested partner: three terms, each from 0 to its weight, added up.
 *
 * - relatedness: (R − 1) / (R + 1) for R > 1 (0 at chance, towards 1 as R grows; below chance, 0);
 * - shared partners: AA / (1 + AA), AA the Adamic–Adar index (Σ 1 / ln(degree) over the partners
 *   the two firms share: a shared partner with few links says more than a hub);
 * - distance: 2^(−d / halfDistance), halving every `halfDistanceM`.
 *
 * Each term is rounded to 4 decimals and the score is the sum of the rounded terms, so the
 * reasons shown always add up to the score shown.
 */
export const SCORE_WEIGHTS = { relatedness: 1, sharedPartners: 1, distance: 1 } as const;

/** About half an hour by road in the valleys; a choice, not fitted to any data. */
export const HALF_DISTANCE_M = 20_000;

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

export type RelatednessReason = {
  term: 'relatedness';
  points: number;
  /** Null when no pair of the two activities has enough links (or the firm's activity is unknown). */
  evidence: RelatednessEvidence | null;
  /** The two classes compared (null when unknown). */
  fromClass: string | null;
  toClass: string | null;
};
export type SharedPartnersReason = { term: 'sharedPartners'; points: number; partners: number; adamicAdar: number };
export type DistanceReason = { term: 'distance'; points: number; distanceM: number; halfDistanceM: number };
export type Reason = RelatednessReason | SharedPartnersReason | DistanceReason;

export type ScoreInput = {
  fromClass: string | null;
  toClass: string | null;
  evidence: RelatednessEvidence | null;
  sharedPartners: number;
  adamicAdar: number;
  distanceM: number;
};

export function relatednessPoints(ratio: number | null): number {
  if (ratio === null || !(ratio > 1)) return 0;
  return round4(SCORE_WEIGHTS.relatedness * ((ratio - 1) / (ratio + 1)));
}

export function sharedPartnersPoints(adamicAdar: number): number {
  return round4(SCORE_WEIGHTS.sharedPartners * (adamicAdar / (1 + adamicAdar)));
}

export function distancePoints(distanceM: number, halfDistanceM = HALF_DISTANCE_M): number {
  return round4(SCORE_WEIGHTS.distance * 2 ** (-distanceM / halfDistanceM));
}

/** The score and its three reasons, whose points add up to it. */
export function scoreCandidate(input: ScoreInput): { score: number; reasons: [RelatednessReason, SharedPartnersReason, DistanceReason] } {
  const reasons: [RelatednessReason, SharedPartnersReason, DistanceReason] = [
    { term: 'relatedness', points: relatednessPoints(input.evidence?.ratio ?? null), evidence: input.evidence, fromClass: input.fromClass, toClass: input.toClass },
    { term: 'sharedPartners', points: sharedPartnersPoints(input.adamicAdar), partners: input.sharedPartners, adamicAdar: round4(input.adamicAdar) },
    { term: 'distance', points: distancePoints(input.distanceM), distanceM: input.distanceM, halfDistanceM: HALF_DISTANCE_M },
  ];
  return { score: round4(reasons.reduce((sum, r) => sum + r.points, 0)), reasons };
}

