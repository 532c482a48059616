import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import { INTRODUCTION_STAGES } from '../../shared/prospecting/vocabulary.ts';
import { requireRole } from '../http/auth.ts';
import { createRouter, jsonContent, problems, writeProblems } from '../http/router.ts';
import { rememberedIntroductionStats } from '../prospecting/remembered-stats.ts';

const Figures = {
  introductions: z.number().int(),
  stages: z.object(Object.fromEntries(INTRODUCTION_STAGES.map((s) => [s, z.number().int()])) as Record<(typeof INTRODUCTION_STAGES)[number], z.ZodNumber>),
  cooperations: z.number().int().openapi({ description: 'Introductions that reached cooperating' }),
  conversion: z.number().nullable().openapi({ description: 'cooperations / introductions' }),
  medianDaysToCooperation: z.number().nullable().openapi({ description: 'Median days from proposed to cooperating' }),
  crossBorderShare: z.number().nullable(),
};

const IntroductionStats = z
  .object({
    by: z.enum(['territory', 'country', 'sector']),
    overall: z.object(Figures),
    groups: z.array(z.object({ ...Figures, from: z.string().nullable().optional(), to: z.string().nullable().optional(), sector: z.string().optional() })),
  })
  .openapi('IntroductionStats');

const route = createRoute({
  method: 'get',
  path: '/stats/introductions',
  tags: ['Prospecting'],
  summary: 'What the introductions led to: per stage, conversion, time to cooperation, cross-border share (members and editors)',
  description: '`by=territory` or `country`: per pair (the introduced firm’s, the other end’s); `by=sector`: per filière of either end. An introduction counts once in each group it belongs to.',
  request: { query: z.object({ by: z.enum(['territory', 'country', 'sector'], { message: 'expected territory, country or sector' }).optional().openapi({ default: 'country' }) }) },
  responses: { 200: { description: 'The figures', ...jsonContent(IntroductionStats) }, 400: problems[400], 401: writeProblems[401], 403: writeProblems[403] },
});

export function introductionStatsRoutes({ db }: { db: Database }) {
  const router = createRouter();
  const stats = rememberedIntroductionStats(db);
  router.use('/stats/introductions', requireRole('member'));
  router.openapi(route, async (c) => {
    const by = c.req.valid('query').by ?? 'country';
    c.header('Cache-Control', 'private, no-store');
    return c.json({ by, ...(await stats(by)) }, 200);
  });
  return router;
}
