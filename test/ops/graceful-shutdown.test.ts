import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { registryCsv, registryRows } from '../fixtures/registry-csv.ts';
import { ADMIN_TOKEN } from '../support/app.ts';
import { useAtlasProcesses } from '../support/atlas-processes.ts';
import { registryNames } from '../support/http.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An import whose file arrives in two parts: the request is in flight (headers in, body coming)
 * until `finish` sends the rest.
 */
function slowImport(url: string, file: Buffer) {
  const req = request(`${url}/api/imports?dryRun=false&name=drain`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'text/csv' },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
    req.on('error', reject);
  });
  answer.catch(() => {});
  const half = Math.floor(file.length / 2);
  req.write(file.subarray(0, half));
  return { answer, finish: () => req.end(file.subarray(half)) };
}

describe('SIGTERM', () => {
  const processes = useAtlasProcesses();
  const rows = registryRows(20);
  const file = registryCsv(rows, rows.map(() => null));

  it('stops accepting connections, lets the request in flight finish, then exits cleanly', async () => {
    const store = await processes.store('pglite');
    const first = processes.start(store);
    const url = await first.ready;
    const upload = slowImport(url, file);
    await pause(300);
    first.child.kill('SIGTERM');
    await pause(300);
    await expect(fetch(`${url}/api/live`)).rejects.toThrow();
    upload.finish();
    const { status, body } = await upload.answer;
    expect(status).toBe(200);
    const { created } = JSON.parse(body) as { created: number };
    expect(created).toBe(rows.length);
    expect(await first.exited).toBe(0);
    expect(first.output()).not.toMatch(/Grace period over/);

    const names = await registryNames(await processes.start(store).ready);
    expect(names.size).toBe(created);
  }, 120_000);

  it('cuts a request that outlasts the grace period, then exits', async () => {
    const atlas = processes.start({ ...(await processes.store('pglite')), ATLAS_SHUTDOWN_GRACE_SECONDS: '1' });
    const url = await atlas.ready;
    const upload = slowImport(url, file);
    await pause(300);
    const signalled = Date.now();
    atlas.child.kill('SIGTERM');
    expect(await atlas.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(atlas.output()).toMatch(/Grace period over: cut 1 connection\(s\) still busy/);
    await expect(upload.answer).rejects.toThrow();
  }, 120_000);
});
