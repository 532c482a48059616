import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config.ts';
import { ADMIN_TOKEN, testClient } from '../support/app.ts';
import { testEngines, useTestDb } from '../support/databases.ts';
import { chamonixGuides } from '../fixtures/companies.ts';

const LIMITS = { ATLAS_BODY_LIMIT: '2kB', ATLAS_UPLOAD_LIMIT: '64kB' };

/** A CSV of `rows` firms (about 60 bytes a row). */
const csvOf = (rows: number) =>
  ['Raison sociale;Code INSEE;Longitude;Latitude;Secteur', ...Array.from({ length: rows }, (_, i) => `Firme ${i};74056;6.87;45.92;outdoor`)].join('\n');

describe.each(testEngines())('request body limits on %s', (engine) => {
  const holder = useTestDb(engine);
  const send = (path: string, body: BodyInit, type = 'application/json', init: RequestInit = {}) =>
    testClient(holder.db, LIMITS).app.request(`http://localhost${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': type },
      body,
      ...init,
    });

  it('refuses a body over ATLAS_BODY_LIMIT with a 413 problem naming the body, writing nothing', async () => {
    const response = await send('/api/companies', JSON.stringify({ ...chamonixGuides, note: 'x'.repeat(3000) }));
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 413, title: 'Request body too large', errors: [{ field: 'body', message: 'larger than 2 kB' }] });
    const list = await testClient(holder.db).get('/api/companies');
    expect(list.body.numberMatched).toBe(0);
  });

  it('refuses a body sent without a length once it passes ATLAS_BODY_LIMIT', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 100) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await send('/api/companies', stream, 'application/json', { duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(100);
  });

  it('takes an import file past ATLAS_BODY_LIMIT, up to ATLAS_UPLOAD_LIMIT', async () => {
    const file = csvOf(100);
    expect(file.length).toBeGreaterThan(2048);
    const response = await send('/api/imports?dryRun=true', file, 'text/csv');
    expect(response.status).toBe(200);
    expect((await response.json()).file.rows).toBe(100);
  });

  it('refuses an import file over ATLAS_UPLOAD_LIMIT with a 413 problem saying so', async () => {
    const response = await send('/api/imports?dryRun=true', csvOf(2000), 'text/csv');
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect((await response.json()).detail).toBe('The file is larger than 64 kB (ATLAS_UPLOAD_LIMIT)');
  });
});

describe('ATLAS_BODY_LIMIT and ATLAS_UPLOAD_LIMIT', () => {
  it('default to 1 MB and 200 MB', () => {
    expect(parseConfig({})).toMatchObject({ bodyLimit: 1024 ** 2, uploadLimit: 200 * 1024 ** 2 });
  });

  it('read bytes, or sizes in kB, MB and GB', () => {
    expect(parseConfig({ ATLAS_BODY_LIMIT: '4096', ATLAS_UPLOAD_LIMIT: '0.5 GB' })).toMatchObject({ bodyLimit: 4096, uploadLimit: 512 * 1024 ** 2 });
    expect(parseConfig({ ATLAS_BODY_LIMIT: '512kb' }).bodyLimit).toBe(512 * 1024);
  });

  it('refuse what is not a size, naming the variable', () => {
    expect(() => parseConfig({ ATLAS_BODY_LIMIT: 'ten megabytes' })).toThrow(ConfigError);
    expect(() => parseConfig({ ATLAS_UPLOAD_LIMIT: '0' })).toThrow(/ATLAS_UPLOAD_LIMIT: expected a size/);
  });
});
