import { destination } from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { testClient } from '../support/app.ts';
import { testEngines, useTestDb } from '../support/databases.ts';
import { vincentyDistance } from '../support/vincenty.ts';
import { chamonixGuides } from '../fixtures/companies.ts';

const ORIGIN: [number, number] = [6.8694, 45.9237];

/**
 * Firms on a circle around the origin, all at the same distance on the sphere: the index walk sees
 * them as a tie, while on the ellipsoid they differ by up to a few metres with their bearing. The
 * walk alone cannot prove which are the nearest, so this is the case the exact ranking is for.
 */
const RING = Array.from({ length: 60 }, (_, i) => ({
  ...chamonixGuides,
  name: `Test ring firm ${i}`,
  location: { type: 'Point', coordinates: destination(ORIGIN, 3, i * 6, { units: 'kilometers' }).geometry.coordinates },
}));

describe.each(testEngines())('nearby search among sphere-distance ties on %s', (engine) => {
  const holder = useTestDb(engine);
  let client: ReturnType<typeof testClient>;
  let expected: number[];

  beforeAll(async () => {
    client = testClient(holder.db);
    const created = [];
    for (const body of RING) created.push((await client.post('/api/companies', body)).body);
    expected = created
      .map((f: { id: number; geometry: { coordinates: [number, number] } }) => ({ id: f.id, d: vincentyDistance(ORIGIN, f.geometry.coordinates) }))
      .sort((a, b) => a.d - b.d || a.id - b.id)
      .map((x) => x.id);
  });

  it('ranks a ring of firms by ellipsoidal distance, not by the sphere’s tie order', async () => {
    const response = await client.get(`/api/nearby?lon=${ORIGIN[0]}&lat=${ORIGIN[1]}&radius=10000&limit=20`);
    expect(response.body.features.map((f: { id: number }) => f.id)).toEqual(expected.slice(0, 20));
  });

  it('keeps only the ring firms the radius reaches on the ellipsoid', async () => {
    const response = await client.get(`/api/nearby?lon=${ORIGIN[0]}&lat=${ORIGIN[1]}&radius=2999&limit=100`);
    const inside = RING.filter((f) => vincentyDistance(ORIGIN, f.location.coordinates as [number, number]) <= 2999).length;
    expect(inside).toBeGreaterThan(0);
    expect(inside).toBeLessThan(RING.length);
    expect(response.body.features).toHaveLength(inside);
  });
});
