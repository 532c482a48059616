import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import { type Company, deleteCompany, getCompany, updateCompany } from '../../db/queries/companies.ts';
import { type HistoryEntry, historyEntry, laterEntries } from '../../db/queries/history.ts';
import { assertInScope, authorOf, callerOf, requireRole } from '../http/auth.ts';
import { idParam } from '../http/params.ts';
import { ApiError } from '../http/problem.ts';
import { conflictProblem, createRouter, fieldErrors, jsonContent, writeProblems } from '../http/router.ts';
import { CompanyBody, toBody, toInput } from '../schemas/company.ts';
import { CompanyFeature, companyFeature } from '../schemas/features.ts';

const undo = createRoute({
  method: 'post',
  path: '/history/{id}/undo',
  tags: ['Companies'],
  summary: 'Undo one change of a firm: its fields back to what they were before it (editors)',
  description:
    'Refused (409, naming the fields and who changed them) when a field of the change has been changed since. ' +
    'Undoing a creation deletes the firm, if nothing changed it since. A deletion or a link change is not undone here: ' +
    'add the firm or the link again. The undo is itself a change in the history.',
  security: [{ bearer: [] }],
  request: { params: idParam },
  responses: {
    200: { description: 'The firm as it now is (null: the undone creation deleted it)', ...jsonContent(z.object({ entryId: z.number().int(), company: CompanyFeature.nullable() })) },
    ...writeProblems,
    409: conflictProblem,
  },
});

/** JSON with its keys sorted: the history is stored as jsonb, which keeps no key order. */
const canonical = (value: unknown): string =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`
    : Array.isArray(value) ? `[${value.map(canonical).join(',')}]` : JSON.stringify(value ?? null);
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** "website (by Eve Editor on 2026-12-07)": who changed a field since the entry. */
function changedSince(later: HistoryEntry[], fields: string[]): string {
  return fields.map((field) => {
    const by = later.filter((entry) => field in entry.changes).at(-1);
    return by ? `${field} (by ${by.by.label} on ${by.at.slice(0, 10)})` : field;
  }).join(', ');
}

/** The firm with the change's fields set back, checked as any write is. */
function restored(current: Company, entry: HistoryEntry, later: HistoryEntry[]) {
  const fields = Object.keys(entry.changes);
  const moved = fields.filter((field) => !same((current as Record<string, unknown>)[field], entry.changes[field]!.after));
  if (moved.length > 0) throw new ApiError(409, `Changed since: ${changedSince(later, moved)}. Change them back by hand, or undo the later changes first.`);
  const before = Object.fromEntries(fields.map((field) => [field, entry.changes[field]!.before]));
  const result = CompanyBody.safeParse(toBody({ ...current, ...before } as Company));
  if (!result.success) throw new ApiError(409, `The earlier values no longer pass the rules: ${fieldErrors(result.error, 'json').map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  return { ...toInput(result.data, current.source, current.locationApproximate), provenance: current.provenance };
}

export function historyUndoRoutes({ db }: { db: Database }) {
  const router = createRouter();
  router.use('/history/:id/undo', requireRole('editor'));
  router.openapi(undo, async (c) => {
    const { id } = c.req.valid('param');
    const entry = await historyEntry(db, id);
    if (!entry) throw ApiError.notFound(`History entry ${id}`);
    const caller = callerOf(c);
    const current = await getCompany(db, entry.companyId);
    if (!current) throw new ApiError(409, `Firm ${entry.companyId} has been deleted since: add it again instead.`);
    assertInScope(caller, current.country, `firm ${entry.companyId}`);
    const later = await laterEntries(db, entry);
    if (entry.action === 'create') {
      if (later.length > 0) throw new ApiError(409, `The firm has been changed since it was added (${changedSince(later, [...new Set(later.flatMap((e) => Object.keys(e.changes)))])}): delete it instead.`);
      const outcome = await deleteCompany(db, entry.companyId, authorOf(c), { matches: (version) => version === current.version });
      if (outcome !== 'done') throw new ApiError(409, 'The firm changed while the undo was made: look at its history again.');
      return c.json({ entryId: id, company: null }, 200);
    }
    if (entry.action !== 'update' && entry.action !== 'import') throw new ApiError(409, `A ${entry.action} is not undone here: add the firm or the link again.`);
    const company = await updateCompany(db, entry.companyId, (locked) => restored(locked, entry, later), authorOf(c));
    if (!company) throw new ApiError(409, `Firm ${entry.companyId} has been deleted since: add it again instead.`);
    return c.json({ entryId: id, company: companyFeature(company, { withPrivate: true }) }, 200);
  });
  return router;
}
