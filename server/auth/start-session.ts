import type { Context } from 'hono';
import type { Database } from '../../db/database.ts';
import { createSession } from '../../db/queries/sessions.ts';
import type { Config } from '../config.ts';
import { reachedOverHttps } from './request-origin.ts';
import { setSessionCookie } from './session-cookie.ts';

/** Opens a session for an account and sets its cookie on the answer. */
export async function startSession(c: Context, db: Database, config: Config, accountId: number, via: 'password' | 'oidc'): Promise<void> {
  const secret = await createSession(db, accountId, via, config.sessions);
  setSessionCookie(c, secret, { secure: reachedOverHttps(c, config.trustProxy), maxAgeMs: config.sessions.absoluteMs });
  // No cache anywhere may keep an answer that opens a session.
  c.header('Cache-Control', 'no-store');
}
