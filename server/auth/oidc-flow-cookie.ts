import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/** What the callback needs to check that it answers the sign-in this browser started. */
export type OidcFlow = { state: string; nonce: string; codeVerifier: string; next: string };

const FLOW_COOKIE = 'atlas_oidc';
/** Sent back only to the two OIDC routes, and only while a sign-in at the provider may take. */
const PATH = '/api/session/oidc';
const LIFETIME_SECONDS = 10 * 60;

/**
 * Kept in the browser rather than on the server: the values are random, the cookie is HttpOnly
 * and set by the Atlas's own origin only, so another site can neither read nor plant it, and a
 * sign-in nobody finishes leaves nothing behind. Lax: the provider's redirect back is a
 * top-level navigation, which carries it.
 */
export function setFlowCookie(c: Context, flow: OidcFlow, secure: boolean): void {
  const value = Buffer.from(JSON.stringify(flow)).toString('base64url');
  setCookie(c, FLOW_COOKIE, value, { httpOnly: true, sameSite: 'Lax', secure, path: PATH, maxAge: LIFETIME_SECONDS });
}

/** The flow this browser started, or undefined when there is none or it is not ours. */
export function flowOf(c: Context): OidcFlow | undefined {
  const value = getCookie(c, FLOW_COOKIE);
  if (!value) return undefined;
  try {
    const flow = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<OidcFlow>;
    const fields = [flow.state, flow.nonce, flow.codeVerifier, flow.next];
    return fields.every((field) => typeof field === 'string' && field.length > 0) ? (flow as OidcFlow) : undefined;
  } catch {
    return undefined;
  }
}

/** A flow is used once, whatever its outcome. */
export function clearFlowCookie(c: Context, secure: boolean): void {
  deleteCookie(c, FLOW_COOKIE, { httpOnly: true, sameSite: 'Lax', secure, path: PATH });
}
