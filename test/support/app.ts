import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import type { Database } from '../../db/database.ts';
import { type AppDeps, createApp } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { createLogger, silentLogger } from '../../server/logging/logger.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/**
 * A one-page stand-in for the built web app: a test that needs the real build asks for it
 * (web-build.ts), so none reads whatever an earlier run left in dist/web.
 */
const STAND_IN_WEB_DIR = fileURLToPath(new URL('../fixtures/web', import.meta.url));

/** The tests call far faster than any visitor: no rate limit unless a test sets one. */
export const testConfig = (env: Record<string, string> = {}) =>
  parseConfig({ ATLAS_ADMIN_TOKEN: ADMIN_TOKEN, ATLAS_SEED: 'never', ATLAS_RATE_LIMIT: '0', ATLAS_WEB_DIR: STAND_IN_WEB_DIR, ...env });

const silent = silentLogger();

/** The real app over a real database, called in-process (no port, no mocks). */
export function testClient(db: Database, env: Record<string, string> = {}) {
  const app = createApp({ db, config: testConfig(env), logger: silent });
  const call = async (method: string, path: string, body?: unknown, token: string | null = ADMIN_TOKEN) => {
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await app.request(`http://localhost${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  };
  return {
    app,
    get: (path: string, token: string | null = null) => call('GET', path, undefined, token),
    post: (path: string, body: unknown, token?: string | null) => call('POST', path, body, token),
    put: (path: string, body: unknown, token?: string | null) => call('PUT', path, body, token),
    patch: (path: string, body: unknown, token?: string | null) => call('PATCH', path, body, token),
    delete: (path: string, token?: string | null) => call('DELETE', path, undefined, token),
  };
}

export type TestClient = ReturnType<typeof testClient>;

export type AtlasServer = { url: string; db: Database; close(): Promise<void> };

/** The real app over `db`, configured by `env`, on a free port; closing it leaves the database open. */
export async function serveApp(db: Database, env: Record<string, string> = {}, deps: Pick<AppDeps, 'events' | 'shutdown' | 'metrics'> = {}): Promise<AtlasServer> {
  const app = createApp({ db, config: testConfig(env), logger: createLogger({ level: 'error' }), ...deps });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    db,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
