import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPgliteDb } from '../db/engines/pglite.ts';
import { testClient } from './support/app.ts';
import { browserOn } from './support/browser-session.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `npm run account` as an operator runs it, the password piped on standard input. */
describe('the account command', { timeout: 120_000 }, () => {
  let dir: string;
  let dataDir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-cli-account-'));
    dataDir = join(dir, 'data');
    cpSync(inject('pgliteTemplate'), dataDir, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (input: string, ...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'cli/account.ts', ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ATLAS_DATA_DIR: dataDir },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(input);
    });

  it('creates the first admin with the password read from standard input; it signs in', async () => {
    const created = await run('first admin passphrase\n', 'create', '--email', 'Ops@Example.org', '--name', 'Ops Team', '--role', 'admin');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Account 1 created: ops@example.org \(Ops Team\), admin/);
    expect(created.stdout).not.toContain('first admin passphrase');
    const db = await createPgliteDb(dataDir);
    try {
      const browser = browserOn(testClient(db).app);
      expect((await browser.signIn('ops@example.org', 'first admin passphrase')).status).toBe(200);
    } finally {
      await db.close();
    }
  });

  it('takes no password as an argument, where other users of the machine would see it', async () => {
    const refused = await run('', 'create', '--email', 'x@example.org', '--name', 'X', '--role', 'member', '--password', 'visible passphrase');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Unknown option '--password'/);
  });

  it.each([
    ['a short password', 'short\n', ['--email', 'y@example.org', '--name', 'Y', '--role', 'member'], /--password: at least 10 characters/],
    ['an unknown country', 'long enough passphrase\n', ['--email', 'z@example.org', '--name', 'Z', '--role', 'editor', '--countries', 'IT,DE'], /--countries.1: expected one of FR, IT, CH/],
  ])('refuses %s, naming the option', async (_, input, args, message) => {
    const refused = await run(input, 'create', ...args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(message);
  });

  it('prints a one-time reset link for an email', async () => {
    const reset = await run('', 'reset', 'ops@example.org', '--url', 'https://atlas.example.org');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/^https:\/\/atlas\.example\.org\/invitation#[A-Za-z0-9_-]{43}\n\(works once, until /);
  });
});
