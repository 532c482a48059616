import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { ADMIN_TOKEN, type AtlasServer, serveApp } from '../support/app.ts';
import { openTestDb, testEngines, urlOf } from '../support/databases.ts';
import { openSse, type SseEvent, type SseStream } from '../support/sse-client.ts';
import { chamonixGuides } from '../fixtures/companies.ts';

const isVersion = (event: SseEvent) => event.event === 'version';
const dataOf = (event: SseEvent) => JSON.parse(event.data ?? 'null') as { version: number; firms: number[] | 'many'; links: number[] | 'many' };

describe.each(testEngines())('GET /api/events on %s', (engine) => {
  let db: Database;
  let server: AtlasServer | undefined;
  let shutdown: AbortController;
  const streams: SseStream[] = [];

  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    await server?.close();
    server = undefined;
  });
  afterAll(() => db?.close());

  const serve = async (events = {}) => {
    shutdown = new AbortController();
    server = await serveApp(db, {}, { events: { heartbeatMs: 60_000, ...events }, shutdown: shutdown.signal });
    return server;
  };
  const open = async (headers: Record<string, string> = {}) => {
    const stream = await openSse(`${server!.url}/api/events`, headers);
    streams.push(stream);
    return stream;
  };
  const createFirm = async (name: string) => {
    const response = await fetch(`${server!.url}/api/companies`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...chamonixGuides, name }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: number }).id;
  };

  it('sends the current version at once, with its id, the retry delay and the headers proxies need', async () => {
    await serve();
    const stream = await open();
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.headers.get('cache-control')).toBe('no-cache');
    const first = await stream.next(isVersion);
    const health = (await (await fetch(`${server!.url}/api/health`)).json()) as { dataVersion: number };
    expect(first.id).toBe(String(health.dataVersion));
    expect(first.retry).toBeGreaterThan(0);
    expect(dataOf(first)).toEqual({ version: health.dataVersion, firms: [], links: [] });
  });

  it('announces a write through the API within 2 s, naming the firm, to an anonymous reader', async () => {
    await serve();
    const stream = await open();
    const first = dataOf(await stream.next(isVersion));
    const id = await createFirm('Guides annoncés');
    const event = await stream.next((e) => isVersion(e) && dataOf(e).firms !== 'many' && (dataOf(e).firms as number[]).includes(id), 2_000);
    expect(Number(event.id)).toBeGreaterThan(first.version);
    expect(event.data).not.toContain('Guides annoncés');
  });

  it('gives a reconnecting client (Last-Event-ID) the current version at once, "many" for what it missed', async () => {
    await serve();
    const stream = await open();
    const first = await stream.next(isVersion);
    stream.close();
    await createFirm('Écrit pendant la coupure');
    const again = await open({ 'Last-Event-ID': first.id! });
    const event = await again.next(isVersion);
    expect(Number(event.id)).toBeGreaterThan(Number(first.id));
    expect(dataOf(event)).toMatchObject({ firms: 'many', links: 'many' });
    const current = await open({ 'Last-Event-ID': event.id! });
    expect(dataOf(await current.next(isVersion))).toMatchObject({ version: Number(event.id), firms: [] });
  });

  it('refuses a stream beyond the bound per client address with a 429 problem', async () => {
    await serve({ perClient: 2 });
    await open();
    await open();
    const refused = await fetch(`${server!.url}/api/events`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(await refused.json()).toMatchObject({ status: 429 });
    streams.pop()!.close();
    await expect.poll(async () => {
      const stream = await open();
      return stream.status;
    }).toBe(200);
  });

  it('refuses a stream beyond the global bound', async () => {
    await serve({ perClient: 10, total: 1 });
    await open();
    expect((await fetch(`${server!.url}/api/events`)).status).toBe(429);
  });

  it('sends a heartbeat comment on an idle stream', async () => {
    await serve({ heartbeatMs: 100 });
    const stream = await open();
    const beat = await stream.next((e) => e.comment !== undefined, 1_000);
    expect(beat.comment).toBe('heartbeat');
  });

  it('ends the open streams when the server shuts down', async () => {
    await serve();
    const stream = await open();
    await stream.next(isVersion);
    shutdown.abort();
    await stream.ended(2_000);
    expect((await fetch(`${server!.url}/api/events`)).status).toBe(503);
  });

  it.runIf(engine === 'postgres')('announces a write made by another connection to the database', async () => {
    await serve();
    const stream = await open();
    await stream.next(isVersion);
    const id = await createFirm('Avant');
    await stream.next((e) => isVersion(e) && Array.isArray(dataOf(e).firms) && (dataOf(e).firms as number[]).includes(id));
    const other = postgres(urlOf(db), { max: 1, onnotice: () => {} });
    try {
      await other`UPDATE companies SET name = 'Renommée ailleurs' WHERE id = ${id}`;
    } finally {
      await other.end();
    }
    const event = await stream.next((e) => isVersion(e) && Array.isArray(dataOf(e).firms) && (dataOf(e).firms as number[]).includes(id), 2_000);
    expect(dataOf(event).links).toEqual([]);
  });
  it('fails no write that races the first subscription (the LISTEN) of a new process', async () => {
    const failures: string[] = [];
    let writes = 0;
    for (let round = 0; round < 4; round++) {
      await serve();
      const post = async (n: number) => {
        const response = await fetch(`${server!.url}/api/companies`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...chamonixGuides, name: `Race ${round}.${n}` }),
        });
        writes++;
        if (response.status !== 201) failures.push(`${response.status} ${await response.text()}`);
      };
      await Promise.all([...Array.from({ length: 6 }, (_, n) => post(n)), open().then((stream) => stream.close())]);
      await server!.close();
      server = undefined;
    }
    expect(writes).toBe(24);
    expect(failures).toEqual([]);
  });
});
