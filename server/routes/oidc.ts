import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Database } from '../../db/database.ts';
import { accountForSignIn, stampSignIn } from '../../db/queries/accounts.ts';
import type { Logger } from '../logging/logger.ts';
import { oidcClient, OidcRefusal } from '../auth/oidc.ts';
import { clearFlowCookie, flowOf, setFlowCookie } from '../auth/oidc-flow-cookie.ts';
import { publicOrigin, reachedOverHttps } from '../auth/request-origin.ts';
import { safeNext } from '../auth/safe-next.ts';
import { startSession } from '../auth/start-session.ts';
import type { Config } from '../config.ts';
import { createRouter } from '../http/router.ts';

const START_PATH = '/session/oidc';
const CALLBACK_PATH = '/session/oidc/callback';
/** What the sign-in page shows as "sign-in with your organisation failed"; the log says why. */
const FAILED = '/sign-in?error=oidc';

const redirect = (description: string) => ({ description, headers: z.object({ Location: z.string() }) });

const start = createRoute({
  method: 'get',
  path: START_PATH,
  tags: ['Accounts'],
  summary: 'Sign in with the organisation’s OpenID provider (when ATLAS_OIDC_ISSUER is set; 404 otherwise): a browser navigation, not a call',
  request: { query: z.object({ next: z.string().max(2000).optional().openapi({ description: 'The Atlas path to land on once signed in' }) }) },
  responses: { 302: redirect('To the provider’s sign-in, or to /sign-in?error=oidc when the provider cannot be reached') },
});

const callback = createRoute({
  method: 'get',
  path: CALLBACK_PATH,
  tags: ['Accounts'],
  summary: 'Where the OpenID provider sends the browser back: the redirect URI to register at the provider',
  responses: { 302: redirect('Signed in, to `next`; or to /sign-in?error=oidc with nothing signed in') },
});

/**
 * The routes are in every installation's OpenAPI document, so that it does not depend on the
 * configuration; they answer only where OIDC is configured.
 */
export function documentOidc(api: OpenAPIHono): void {
  api.openAPIRegistry.registerPath(start);
  api.openAPIRegistry.registerPath(callback);
}

/** Sign-in through an OpenID provider, mapped by verified email to an account that exists. */
export function oidcRoutes({ db, config, logger }: { db: Database; config: Config; logger: Logger }) {
  const router = createRouter();
  if (!config.oidc) return router;
  const provider = oidcClient(config.oidc);
  const origin = (c: Context) => publicOrigin(c, { publicUrl: config.publicUrl, trustedProxies: config.trustProxy });
  const secure = (c: Context) => reachedOverHttps(c, config.trustProxy);
  const refuse = (c: Context, error: unknown) => {
    if (!(error instanceof OidcRefusal)) throw error;
    logger.info(`OIDC sign-in refused: ${error.reason}`);
    c.header('Cache-Control', 'no-store');
    return c.redirect(FAILED, 302);
  };

  router.get(START_PATH, async (c) => {
    try {
      const { url, flow } = await provider.start(`${origin(c)}/api${CALLBACK_PATH}`, safeNext(c.req.query('next')));
      setFlowCookie(c, flow, secure(c));
      c.header('Cache-Control', 'no-store');
      return c.redirect(url.href, 302);
    } catch (error) {
      return refuse(c, error);
    }
  });

  router.get(CALLBACK_PATH, async (c) => {
    const flow = flowOf(c);
    // Whatever the outcome, this flow's state and nonce are not to be used again.
    clearFlowCookie(c, secure(c));
    try {
      if (!flow) throw new OidcRefusal('the callback came without the cookie of a sign-in this browser started (expired, or not started here)');
      // The address the provider redirected to, as the browser saw it (behind a proxy too).
      const currentUrl = new URL(`${origin(c)}/api${CALLBACK_PATH}${new URL(c.req.url).search}`);
      const { email } = await provider.finish(currentUrl, flow);
      const account = await accountForSignIn(db, email);
      if (!account) throw new OidcRefusal(`no account has the email ${email} (accounts are made by an administrator first)`);
      if (account.disabled) throw new OidcRefusal(`the account ${email} is disabled`);
      await startSession(c, db, config, account.id, 'oidc');
      await stampSignIn(db, account.id);
      logger.info(`OIDC sign-in of account ${account.id}`);
      return c.redirect(safeNext(flow.next), 302);
    } catch (error) {
      return refuse(c, error);
    }
  });
  return router;
}
