import type { MeValue } from '../../../shared/api/wire.ts';

/** The signed-in person, as `GET /api/me` gives it. */
export type Me = MeValue;

/** The signed-in person, or null for an anonymous visitor (or when the Atlas cannot be reached). */
export async function fetchMe(): Promise<Me | null> {
  // Not /api/me, whose 401 for a visitor every browser would log as an error.
  const response = await fetch('/api/session', { headers: { Accept: 'application/json' } }).catch(() => null);
  return response?.ok ? ((await response.json()) as { me: Me | null }).me : null;
}

export async function signOut(): Promise<void> {
  await fetch('/api/session', { method: 'DELETE' });
}

/** A same-origin JSON write with the session cookie; the answer's body parsed (null when empty). */
export async function sendJson<T>(method: string, path: string, body?: unknown): Promise<{ ok: boolean; status: number; body: T; retryAfter: number | null }> {
  const response = await fetch(path, {
    method,
    headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const retry = response.headers.get('Retry-After');
  return { ok: response.ok, status: response.status, body: (text ? JSON.parse(text) : null) as T, retryAfter: retry ? Number(retry) : null };
}

/** The problem details of a refused request (RFC 9457), as the API answers them. */
export type Problem = { status: number; detail?: string; errors?: { field: string; message: string }[] };
