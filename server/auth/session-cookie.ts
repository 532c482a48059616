import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/** The cookie that holds a session's secret (db/queries/sessions.ts keeps only its hash). */
export const SESSION_COOKIE = 'atlas_session';

export const sessionSecretOf = (c: Context) => getCookie(c, SESSION_COOKIE);

/**
 * `HttpOnly` (no script reads it), `SameSite=Lax` (not sent with another site's requests but a
 * link followed to the Atlas), `Secure` when the Atlas is reached over HTTPS, for the session's
 * absolute lifetime (the idle one is checked on the server).
 */
export function setSessionCookie(c: Context, secret: string, { secure, maxAgeMs }: { secure: boolean; maxAgeMs: number }): void {
  setCookie(c, SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: Math.floor(maxAgeMs / 1000) });
}

export function clearSessionCookie(c: Context, { secure }: { secure: boolean }): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', secure, path: '/' });
}

/** The `Set-Cookie` value that clears the cookie, for a response already made. */
export function clearingCookieHeader(secure: boolean): string {
  return `${SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
