/** The headers an editor's page sends with each request once signed in (web/src/edit/edit-api.ts). */
export type EditorSession = { cookie: string; origin: string };

const PASSWORD = 'loadtest editor passphrase';

/**
 * Creates an editor account with the admin token (as an administrator does beforehand), then
 * signs in through POST /api/session as the sign-in page does: the writes of the load are then
 * the app's own, session cookie and same-origin headers, not a script's bearer token.
 */
export async function signInEditor(base: string, adminToken: string): Promise<EditorSession> {
  const email = `loadtest-editor-${Date.now()}@example.org`;
  const created = await fetch(`${base}/api/accounts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, name: 'Load test editor', role: 'editor', password: PASSWORD }),
  });
  if (!created.ok) throw new Error(`creating the editor account: ${created.status} ${await created.text()}`);
  const origin = new URL(base).origin;
  const signedIn = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin, 'Sec-Fetch-Site': 'same-origin' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const cookie = /^(atlas_session=[^;]+)/.exec(signedIn.headers.get('Set-Cookie') ?? '')?.[1];
  if (!signedIn.ok || !cookie) throw new Error(`signing in: ${signedIn.status} ${await signedIn.text()}`);
  return { cookie, origin };
}

/** A read of the page: the cookie only. */
export const pageReadHeaders = (session: EditorSession) => ({ cookie: session.cookie, accept: 'application/json' });

/** A write of the page: the cookie and what a same-origin fetch adds. */
export const pageWriteHeaders = (session: EditorSession) => ({ ...pageReadHeaders(session), origin: session.origin, 'sec-fetch-site': 'same-origin' });
