import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

/** Who can sign in at the test provider: the dev login form takes the key as its login. */
export type ProviderUser = { email?: string; email_verified?: boolean };

export const OIDC_CLIENT = { id: 'atlas-test', secret: 'atlas-test-secret-0123456789' };

export type TestOidcProvider = {
  issuer: string;
  /** Starts answering, for a client whose one redirect URI is `redirectUri` (known once the Atlas runs). */
  start(redirectUri: string): void;
  close(): Promise<void>;
};

/**
 * A real OpenID provider (oidc-provider, the certified implementation) on a free loopback port.
 * It listens first so the Atlas can be configured with its issuer, and starts once the Atlas's
 * redirect URI is known. Its dev interactions serve a login form that takes any password;
 * `loadExistingGrant` grants `openid email` at once, so no consent page follows the login.
 */
export async function listenOidcProvider(users: Record<string, ProviderUser>): Promise<TestOidcProvider> {
  let handler: ((req: any, res: any) => void) | undefined;
  const server: Server = createServer((req, res) => {
    if (handler) return handler(req, res);
    res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  const start = (redirectUri: string) => {
    const provider = new Provider(issuer, {
      clients: [{ client_id: OIDC_CLIENT.id, client_secret: OIDC_CLIENT.secret, redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      features: { devInteractions: { enabled: true } },
      cookies: { keys: ['test-provider-cookie-key'] },
      // Fixed lifetimes (seconds), so the provider does not warn about its defaults in every test.
      ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
      async findAccount(_ctx: unknown, sub: string) {
        const user = users[sub];
        if (!user) return undefined;
        return { accountId: sub, claims: async () => ({ sub, ...user }) };
      },
      async loadExistingGrant(ctx: any) {
        const accountId = ctx.oidc.session?.accountId;
        if (!accountId) return undefined;
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
        grant.addOIDCScope('openid email');
        await grant.save();
        return grant;
      },
    });
    // The dev interactions and the missing signing keys are what this test provider is for.
    provider.on('server_error', (_ctx: unknown, error: unknown) => console.error('test OIDC provider:', error));
    handler = provider.callback();
  };

  return {
    issuer,
    start,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * Goes through the provider's login form as a browser would: follows redirects from `url`,
 * keeping each host's cookies, posts `login` on the form, and stops at the first address on
 * `stopAt` (the Atlas), which is returned with the cookies the provider set on the way.
 */
export async function signInAtProvider(url: string, login: string, stopAt: string): Promise<URL> {
  const jar = new Map<string, Map<string, string>>();
  const cookiesFor = (target: URL) => [...(jar.get(target.host) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (target: URL, response: Response) => {
    const cookies = jar.get(target.host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    jar.set(target.host, cookies);
  };
  let target = new URL(url);
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (target.href.startsWith(stopAt)) return target;
    const response = await fetch(target, { method: body ? 'POST' : 'GET', body, redirect: 'manual', headers: { Cookie: cookiesFor(target) } });
    keep(target, response);
    body = undefined;
    const location = response.headers.get('Location');
    if (location) {
      target = new URL(location, target);
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error(`the provider answered ${response.status} without a form: ${page.slice(0, 300)}`);
    body = new URLSearchParams({ prompt: 'login', login, password: 'any' });
    target = new URL(action, target);
  }
  throw new Error('too many redirects at the provider');
}
