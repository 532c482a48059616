import type { Company, Link } from '../api.ts';
import type { CompanyDraft } from './company-draft.ts';
import type { CommuneChoice } from './company-form.ts';
import type { FieldError } from './field-errors.ts';

/**
 * The write API as the edit form uses it, with the session cookie (same origin). Each answer is
 * one of the outcomes the form shows: saved, refused with field errors, stale (412: someone
 * changed the record since it was read), or refused for another reason (role, scope, gone).
 */
export type WriteOutcome<T> =
  | { kind: 'saved'; value: T; etag: string | null }
  | { kind: 'invalid'; errors: FieldError[]; detail: string }
  | { kind: 'stale'; current: T | null; etag: string | null }
  | { kind: 'refused'; status: number; detail: string };

type Problem = { detail?: string; title?: string; errors?: FieldError[]; current?: unknown };

async function send<T>(method: string, path: string, body?: unknown, etag?: string | null): Promise<WriteOutcome<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (etag) headers['If-Match'] = etag;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : null;
  const version = response.headers.get('ETag');
  if (response.ok) return { kind: 'saved', value: parsed as T, etag: version };
  const problem = (parsed ?? {}) as Problem;
  const detail = problem.detail ?? problem.title ?? String(response.status);
  if (response.status === 400 && problem.errors) return { kind: 'invalid', errors: problem.errors, detail };
  if (response.status === 412) return { kind: 'stale', current: (problem.current ?? null) as T | null, etag: version };
  return { kind: 'refused', status: response.status, detail };
}

/** A firm with its version, as the edit form starts from it. */
export async function companyForEdit(id: number): Promise<{ company: Company; etag: string | null }> {
  const response = await fetch(`/api/companies/${id}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`/api/companies/${id}: ${response.status}`);
  return { company: (await response.json()) as Company, etag: response.headers.get('ETag') };
}

export const saveCompany = (id: number, patch: Partial<CompanyDraft>, etag: string | null) => send<Company>('PATCH', `/api/companies/${id}`, patch, etag);
export const createCompany = (draft: CompanyDraft) => send<Company>('POST', '/api/companies', draft);
export const deleteCompany = (id: number, etag: string | null) => send<null>('DELETE', `/api/companies/${id}`, undefined, etag);

export type LinkDraft = { from: number; to: number; kind: string; since: number | null; note: string | null };
export const createLink = (link: LinkDraft) => send<Link>('POST', '/api/links', link);
export const saveLink = (id: number, patch: Partial<LinkDraft>, etag: string | null) => send<Link>('PATCH', `/api/links/${id}`, patch, etag);
export const deleteLink = (id: number, etag: string | null) => send<null>('DELETE', `/api/links/${id}`, undefined, etag);

/** A link with its version, as its edit form starts from it. */
export async function linkForEdit(id: number): Promise<{ link: Link; etag: string | null }> {
  const response = await fetch(`/api/links/${id}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`/api/links/${id}: ${response.status}`);
  return { link: (await response.json()) as Link, etag: response.headers.get('ETag') };
}

export type HistoryEntry = {
  id: number;
  at: string;
  action: string;
  by: { label: string };
  changes: Record<string, { before: unknown; after: unknown }>;
};

export async function companyHistory(id: number): Promise<HistoryEntry[]> {
  const response = await fetch(`/api/companies/${id}/history`, { headers: { Accept: 'application/json' } });
  if (!response.ok) return [];
  return ((await response.json()) as { entries: HistoryEntry[] }).entries;
}

export const undoChange = (entryId: number) => send<unknown>('POST', `/api/history/${entryId}/undo`);

export async function communesOf(country: string): Promise<CommuneChoice[]> {
  const response = await fetch(`/api/communes?country=${encodeURIComponent(country)}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) return [];
  return ((await response.json()) as { communes: CommuneChoice[] }).communes;
}
