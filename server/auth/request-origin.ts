import type { Context } from 'hono';

/**
 * Whether the browser reached the Atlas over HTTPS: the request's own scheme, or behind trusted
 * proxies (`ATLAS_TRUST_PROXY`) the scheme the outermost one was reached by (`X-Forwarded-Proto`).
 */
export function reachedOverHttps(c: Context, trustedProxies: number): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (trustedProxies === 0) return false;
  const forwarded = (c.req.header('X-Forwarded-Proto') ?? '').split(',').map((entry) => entry.trim().toLowerCase());
  return forwarded[0] === 'https';
}

/** The origin browsers see the Atlas at: `ATLAS_PUBLIC_URL` when set, else the request's scheme and host. */
export function publicOrigin(c: Context, { publicUrl, trustedProxies }: { publicUrl: string | undefined; trustedProxies: number }): string {
  if (publicUrl) return new URL(publicUrl).origin;
  const host = (trustedProxies > 0 && c.req.header('X-Forwarded-Host')?.split(',')[0]?.trim()) || new URL(c.req.url).host;
  return `${reachedOverHttps(c, trustedProxies) ? 'https' : 'http'}://${host}`;
}
