import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { ADMIN_TOKEN, testClient, type TestClient } from '../support/app.ts';
import { emptyRegistry, openTestDb, testEngines } from '../support/databases.ts';
import { OIDC_CLIENT, type TestOidcProvider, listenOidcProvider, signInAtProvider } from '../support/oidc-provider.ts';

const ATLAS = 'http://localhost';
const CALLBACK = `${ATLAS}/api/session/oidc/callback`;
const FAILED = '/sign-in?error=oidc';

/** The provider's users, by login: which emails it vouches for, verified or not. */
const USERS = {
  ana: { email: 'ana@example.org', email_verified: true },
  unverified: { email: 'una@example.org', email_verified: false },
  stranger: { email: 'nobody@example.org', email_verified: true },
  disabled: { email: 'dis@example.org', email_verified: true },
  noEmail: {},
};

const cookieHeader = (response: Response) => response.headers.getSetCookie().map((line) => line.split(';')[0]!).filter((pair) => !pair.endsWith('=')).join('; ');
const sessionCookie = (response: Response) => response.headers.getSetCookie().find((line) => line.startsWith('atlas_session=') && !line.startsWith('atlas_session=;'));

describe.each(testEngines())('OpenID Connect sign-in on %s', (engine) => {
  let db: Database;
  let provider: TestOidcProvider;
  let client: TestClient;

  beforeAll(async () => {
    db = await openTestDb(engine);
    await emptyRegistry(db);
    provider = await listenOidcProvider(USERS);
    client = testClient(db, {
      ATLAS_OIDC_ISSUER: provider.issuer,
      ATLAS_OIDC_CLIENT_ID: OIDC_CLIENT.id,
      ATLAS_OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
      ATLAS_OIDC_LABEL: 'Test Identity',
    });
    provider.start(CALLBACK);
    for (const [email, name] of [['ana@example.org', 'Ana'], ['dis@example.org', 'Dis'], ['una@example.org', 'Una']]) {
      expect((await client.post('/api/accounts', { email, name, role: 'member' })).status).toBe(201);
    }
    const listed = (await client.get('/api/accounts', ADMIN_TOKEN)).body.accounts as { id: number; email: string }[];
    const id = listed.find((a) => a.email === 'dis@example.org')?.id;
    expect(id).toEqual(expect.any(Number));
    expect((await client.patch(`/api/accounts/${id}`, { disabled: true })).status).toBe(200);
  });
  afterAll(async () => {
    await provider?.close();
    await db?.close();
  });

  const request = (url: string, cookie = '') => client.app.request(url, { headers: cookie ? { Cookie: cookie } : {} });

  /** Starts a sign-in at the Atlas: the provider's address, and the flow cookie the browser keeps. */
  const begin = async (next?: string) => {
    const started = await request(`${ATLAS}/api/session/oidc${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`);
    expect(started.status).toBe(302);
    const location = started.headers.get('Location')!;
    expect(location.startsWith(provider.issuer)).toBe(true);
    return { location, flowCookie: cookieHeader(started) };
  };

  /** The whole round: start, sign in at the provider as `login`, come back; the Atlas's last answer. */
  const signIn = async (login: string, next?: string) => {
    const { location, flowCookie } = await begin(next);
    const back = await signInAtProvider(location, login, CALLBACK);
    return request(back.href, flowCookie);
  };

  const me = async (response: Response) => {
    const cookie = sessionCookie(response);
    if (!cookie) return null;
    const answer = await request(`${ATLAS}/api/me`, cookie.split(';')[0]);
    return answer.status === 200 ? ((await answer.json()) as { email: string }) : null;
  };

  it('offers the provider on the sign-in page', async () => {
    const options = await (await request(`${ATLAS}/api/session/options`)).json();
    expect(options.oidc).toEqual({ label: 'Test Identity', url: '/api/session/oidc' });
  });

  it('sends the browser to the provider with PKCE, a state and a nonce, and a short-lived HttpOnly flow cookie', async () => {
    const started = await request(`${ATLAS}/api/session/oidc`);
    const url = new URL(started.headers.get('Location')!);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    for (const name of ['code_challenge', 'state', 'nonce']) expect(url.searchParams.get(name)?.length ?? 0).toBeGreaterThan(20);
    expect(url.searchParams.get('scope')).toBe('openid email');
    expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK);
    const flow = started.headers.getSetCookie().find((line) => line.startsWith('atlas_oidc='))!;
    expect(flow).toMatch(/HttpOnly/);
    expect(flow).toMatch(/SameSite=Lax/);
    expect(flow).toMatch(/Path=\/api\/session\/oidc/);
    expect(flow).toMatch(/Max-Age=600/);
  });

  it('signs in the account whose verified email the provider vouches for', async () => {
    const back = await signIn('ana');
    expect(back.status).toBe(302);
    expect(back.headers.get('Location')).toBe('/');
    expect(sessionCookie(back)).toMatch(/HttpOnly/);
    expect((await me(back))?.email).toBe('ana@example.org');
  });

  it('lands on the Atlas page asked for, never on another site', async () => {
    expect((await signIn('ana', '/prospecting?lang=it')).headers.get('Location')).toBe('/prospecting?lang=it');
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      expect((await signIn('ana', next)).headers.get('Location'), next).toBe('/');
    }
  });

  it.each([
    ['an email no account has (no self-registration)', 'stranger'],
    ['an email the provider has not verified', 'unverified'],
    ['a disabled account', 'disabled'],
    ['an ID token without an email', 'noEmail'],
  ])('refuses %s: back to the sign-in page, no session', async (_name, login) => {
    const back = await signIn(login);
    expect(back.status).toBe(302);
    expect(back.headers.get('Location')).toBe(FAILED);
    expect(sessionCookie(back)).toBeUndefined();
  });

  it('refuses a callback whose state was tampered with', async () => {
    const { location, flowCookie } = await begin();
    const back = await signInAtProvider(location, 'ana', CALLBACK);
    back.searchParams.set('state', 'forged-state-of-another-sign-in-0123456789');
    const answer = await request(back.href, flowCookie);
    expect(answer.headers.get('Location')).toBe(FAILED);
    expect(sessionCookie(answer)).toBeUndefined();
  });

  it('refuses a callback without the flow cookie of a sign-in this browser started', async () => {
    const { location } = await begin();
    const back = await signInAtProvider(location, 'ana', CALLBACK);
    const answer = await request(back.href);
    expect(answer.headers.get('Location')).toBe(FAILED);
    expect(sessionCookie(answer)).toBeUndefined();
  });

  it("refuses another browser's code: a flow cookie of another sign-in", async () => {
    const victim = await begin();
    const attacker = await begin();
    const back = await signInAtProvider(victim.location, 'ana', CALLBACK);
    const answer = await request(back.href, attacker.flowCookie);
    expect(answer.headers.get('Location')).toBe(FAILED);
    expect(sessionCookie(answer)).toBeUndefined();
  });

  it('refuses a replayed callback: a code is redeemed once', async () => {
    const { location, flowCookie } = await begin();
    const back = await signInAtProvider(location, 'ana', CALLBACK);
    const first = await request(back.href, flowCookie);
    expect((await me(first))?.email).toBe('ana@example.org');
    const again = await request(back.href, flowCookie);
    expect(again.headers.get('Location')).toBe(FAILED);
    expect(sessionCookie(again)).toBeUndefined();
  });
});

describe('without OpenID Connect configured', () => {
  it('answers 404 on its routes and offers passwords only', async () => {
    const db = await openTestDb('pglite');
    try {
      const client = testClient(db);
      expect((await client.get('/api/session/oidc')).status).toBe(404);
      expect((await client.get('/api/session/oidc/callback?code=x&state=y')).status).toBe(404);
      expect((await client.get('/api/session/options')).body).toEqual({ password: true, oidc: null });
    } finally {
      await db.close();
    }
  });
});
