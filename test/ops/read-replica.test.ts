import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { createPostgresDb } from '../../db/engines/postgres.ts';
import { createApp } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { chamonixGuides, courmayeurSpa } from '../fixtures/companies.ts';
import { ADMIN_TOKEN, testClient, testConfig } from '../support/app.ts';
import { openTestDb, testEngines } from '../support/databases.ts';
import { silentLogger } from '../../server/logging/logger.ts';

const silent = silentLogger();

const version = async (db: Database) => Number((await db.rows<{ version: string }>(sql`SELECT version FROM data_version`))[0]!.version);
const setVersion = (db: Database, v: number) => db.rows(sql`UPDATE data_version SET version = ${v}`);

/**
 * DATABASE_READ_URL. The "replica" is a second database standing in for a streaming replica:
 * it holds a firm the primary has not, so an answer shows where it came from, and setting its
 * data version plays the replica catching up or lagging.
 */
describe.skipIf(!testEngines().includes('postgres'))('reads from a read replica', () => {
  let primary: Database;
  let replica: Database;
  let app: ReturnType<typeof createApp>;
  const names = async () => {
    const response = await app.request('http://localhost/api/companies?format=geojson');
    const body = (await response.json()) as { features: { properties: { name: string } }[] };
    return { version: Number(response.headers.get('X-Data-Version')), names: body.features.map((f) => f.properties.name) };
  };

  beforeAll(async () => {
    [primary, replica] = await Promise.all([openTestDb('postgres'), openTestDb('postgres')]);
    expect((await testClient(replica).post('/api/companies', courmayeurSpa)).status).toBe(201);
    // No response cache: the stand-in replica holds other firms than the primary at the same data
    // version, which a real replica never does, and a cached answer would hide where it came from.
    app = createApp({ db: primary, readDb: replica, config: testConfig({ ATLAS_CACHE_MB: '0' }), logger: silent });
  });
  afterAll(async () => {
    await Promise.all([primary?.close(), replica?.close()]);
  });

  it('answers reads from the replica when it has caught up with the primary', async () => {
    await setVersion(replica, await version(primary));
    expect(await names()).toEqual({ version: await version(primary), names: [courmayeurSpa.name] });
  });

  it('answers a client that has just written from the primary while the replica lags, then from the replica again', async () => {
    await setVersion(replica, await version(primary));
    const created = await app.request('http://localhost/api/companies', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(chamonixGuides),
    });
    expect(created.status).toBe(201);
    const written = await version(primary);
    expect(await names()).toEqual({ version: written, names: [chamonixGuides.name] });

    await setVersion(replica, written);
    expect(await names()).toEqual({ version: written, names: [courmayeurSpa.name] });
  });

  it('answers from the primary when the replica is out of reach', async () => {
    const unreachable = await createPostgresDb('postgres://atlas@127.0.0.1:1/none', 1, { migrate: false });
    const fallback = createApp({ db: primary, readDb: unreachable, config: testConfig(), logger: silent });
    try {
      const response = await fallback.request('http://localhost/api/companies?format=geojson');
      expect(response.status).toBe(200);
      expect((await response.json()).features.map((f: { properties: { name: string } }) => f.properties.name)).not.toContain(courmayeurSpa.name);
    } finally {
      await unreachable.close();
    }
  });
});

describe('DATABASE_READ_URL', () => {
  it('is refused without DATABASE_URL, naming the variable', () => {
    expect(() => parseConfig({ DATABASE_READ_URL: 'postgres://replica/atlas' })).toThrow(/DATABASE_READ_URL: needs DATABASE_URL/);
  });
});
