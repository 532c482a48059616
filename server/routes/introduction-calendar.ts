import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Database } from '../../db/database.ts';
import { calendarTokenAccount, issueCalendarToken, revokeCalendarToken } from '../../db/queries/calendar-tokens.ts';
import { type FollowUpRules, listIntroductions } from '../../db/queries/introductions.ts';
import { CLOSED_STAGES, INTRODUCTION_STAGES } from '../../shared/prospecting/vocabulary.ts';
import type { Config } from '../config.ts';
import { publicOrigin } from '../auth/request-origin.ts';
import { callerOf, requireRole } from '../http/auth.ts';
import { ApiError } from '../http/problem.ts';
import { createRouter, jsonContent, problems, writeProblems } from '../http/router.ts';
import { calendarOf } from '../prospecting/icalendar.ts';

const OPEN_STAGES = INTRODUCTION_STAGES.filter((stage) => !CLOSED_STAGES.includes(stage));

const calendar = createRoute({
  method: 'get',
  path: '/introductions.ics',
  tags: ['Prospecting'],
  summary: "The adviser's next steps as iCalendar to-dos (RFC 5545)",
  description: 'Signed in, or with `token` from POST /api/introductions/calendar-token (for calendar apps, which send no cookie): the open introductions the account is in charge of that have a due date.',
  request: { query: z.object({ token: z.string().min(1).max(100).optional().openapi({ description: 'A private subscription token' }) }) },
  responses: { 200: { description: 'An iCalendar of VTODOs', content: { 'text/calendar': { schema: z.string() } } }, 401: writeProblems[401], 400: problems[400] },
});

const CalendarSubscription = z.object({ url: z.string().openapi({ description: 'Shown once: only its hash is kept. A new one replaces the previous.' }) }).openapi('CalendarSubscription');

const issue = createRoute({
  method: 'post',
  path: '/introductions/calendar-token',
  tags: ['Prospecting'],
  summary: 'A private calendar subscription URL for the signed-in account',
  responses: { 201: { description: 'The URL', ...jsonContent(CalendarSubscription) }, ...writeProblems },
});

const revoke = createRoute({
  method: 'delete',
  path: '/introductions/calendar-token',
  tags: ['Prospecting'],
  summary: "Revokes the signed-in account's calendar subscription URL",
  responses: { 204: { description: 'Revoked' }, ...writeProblems },
});

/** The signed-in account: a token has no calendar of its own. */
function accountOf(c: Context): { id: number; name: string } {
  const caller = callerOf(c);
  if (caller.accountId === null) throw new ApiError(403, 'A calendar belongs to a signed-in account, not to an API token');
  return { id: caller.accountId, name: caller.label };
}

export function introductionCalendarRoutes({ db, config, rules }: { db: Database; config: Config; rules: FollowUpRules }) {
  const router = createRouter();
  router.use('/introductions/calendar-token', requireRole('member'));
  const origin = (c: Context) => publicOrigin(c, { publicUrl: config.publicUrl, trustedProxies: config.trustProxy });

  router.openapi(calendar, async (c) => {
    const { token } = c.req.valid('query');
    const account = token !== undefined ? await calendarTokenAccount(db, token) : callerOf(c).role === 'anonymous' ? undefined : accountOf(c);
    if (!account) throw new ApiError(401, token !== undefined ? 'This calendar URL is not valid (revoked or replaced)' : 'Sign in, or use your private calendar URL');
    const { introductions: mine } = await listIntroductions(db, { ownerId: account.id, stages: [...OPEN_STAGES] }, rules);
    const base = origin(c);
    const todos = mine
      .filter((i) => i.dueOn !== null)
      .map((i) => ({
        uid: `introduction-${i.id}@${new URL(base).host}`,
        summary: `${i.nextStep ?? 'Next step'}: ${i.from.name} ↔ ${i.to.name}`,
        description: `Introduction ${i.id} (${i.stage}), ${i.from.name} (${i.from.country}) ↔ ${i.to.name} (${i.to.country})`,
        due: i.dueOn!,
        url: `${base}/prospecting?introduction=${i.id}`,
        stamp: new Date(i.lastActivityAt),
      }));
    c.header('Cache-Control', 'private, no-store');
    return c.body(calendarOf(`Atlas: ${account.name}`, todos), 200, { 'Content-Type': 'text/calendar; charset=utf-8' });
  });

  router.openapi(issue, async (c) => {
    const token = await issueCalendarToken(db, accountOf(c).id);
    return c.json({ url: `${origin(c)}/api/introductions.ics?token=${token}` }, 201);
  });

  router.openapi(revoke, async (c) => {
    await revokeCalendarToken(db, accountOf(c).id);
    return c.body(null, 204);
  });

  return router;
}
