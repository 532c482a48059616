import * as client from 'openid-client';
import type { Config } from '../config.ts';
import type { OidcFlow } from './oidc-flow-cookie.ts';

type OidcSettings = NonNullable<Config['oidc']>;

/** A sign-in that cannot go on; `reason` is for the log only (never a token or a code). */
export class OidcRefusal extends Error {
  override name = 'OidcRefusal';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The verified email the provider vouches for. */
export type OidcIdentity = { email: string; subject: string };

/**
 * http:// is refused by openid-client, as it should be in production; a provider on this very
 * machine (the tests', or one a developer runs) has no network to be attacked on.
 */
function onLoopbackOverHttp(issuer: URL): boolean {
  return issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
}

/** A public client proves itself with PKCE alone; a confidential one also with its secret. */
const clientAuth = (settings: OidcSettings) => (settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None());

/**
 * The OpenID provider as the Atlas talks to it. Discovery happens on the first sign-in, not at
 * start, so the Atlas serves its map while the provider is down; a failed discovery is retried
 * at the next sign-in rather than cached.
 */
export function oidcClient(settings: OidcSettings) {
  let discovered: Promise<client.Configuration> | undefined;

  const configuration = (): Promise<client.Configuration> => {
    if (!discovered) {
      const issuer = new URL(settings.issuer);
      discovered = client
        .discovery(issuer, settings.clientId, settings.clientSecret, clientAuth(settings), {
          execute: onLoopbackOverHttp(issuer) ? [client.allowInsecureRequests] : [],
          timeout: 10,
        })
        .catch((error: unknown) => {
          discovered = undefined;
          throw new OidcRefusal(`the provider ${settings.issuer} could not be reached or described: ${messageOf(error)}`);
        });
    }
    return discovered;
  };

  /** Where to send the browser, and what the callback must find again. */
  async function start(redirectUri: string, next: string): Promise<{ url: URL; flow: OidcFlow }> {
    const config = await configuration();
    const flow: OidcFlow = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier(), next };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, flow };
  }

  /**
   * Redeems the code the provider sent back to `currentUrl`. openid-client checks the state, the
   * issuer, the audience, the nonce and the ID token's signature; this only reads its claims.
   */
  async function finish(currentUrl: URL, flow: OidcFlow): Promise<OidcIdentity> {
    const config = await configuration();
    let claims: client.IDToken | undefined;
    let email: unknown;
    let verified: unknown;
    try {
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
      if (!claims) throw new OidcRefusal('the provider sent no ID token');
      ({ email, email_verified: verified } = claims);
      // Many providers put the email claims in the UserInfo answer only (OpenID Connect Core
      // 5.4): ask for it, for the same subject (openid-client checks that it is).
      if (typeof email !== 'string') ({ email, email_verified: verified } = await client.fetchUserInfo(config, tokens.access_token, claims.sub));
    } catch (error) {
      if (error instanceof OidcRefusal) throw error;
      throw new OidcRefusal(`the provider's answer was refused: ${messageOf(error)}`);
    }
    if (typeof email !== 'string' || email === '') throw new OidcRefusal(`the provider names no email for subject ${claims.sub}`);
    if (verified !== true) throw new OidcRefusal(`the provider has not verified the email ${email}`);
    return { email, subject: claims.sub };
  }

  return { start, finish };
}

export type OidcClient = ReturnType<typeof oidcClient>;

/** An error's own words: openid-client's errors say which check failed, and hold no token. */
function messageOf(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError) return `${error.error}${error.error_description ? ` (${error.error_description})` : ''}`;
  return error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error);
}
