import * as turf from '@turf/turf';
import { sql } from 'drizzle-orm';
import type { Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { builtinTerritories } from '../../db/territories/builtin.ts';
import { seedRegistry } from '../../db/seed/seed.ts';
import { testClient, type TestClient } from '../support/app.ts';
import { emptyRegistry, openSampleDb, testEngines } from '../support/databases.ts';
import { fetchAll } from '../support/registry.ts';

/** The upper Arve valley from Les Houches to Argentière, drawn by hand for the tests. */
const upperArve: Polygon = {
  type: 'Polygon',
  coordinates: [[[6.76, 45.88], [6.99, 45.88], [6.99, 45.99], [6.76, 45.99], [6.76, 45.88]]],
};
/** Overlaps the upper Arve on its eastern half. */
const argentiere: Polygon = {
  type: 'Polygon',
  coordinates: [[[6.88, 45.9], [7.05, 45.9], [7.05, 46.0], [6.88, 46.0], [6.88, 45.9]]],
};

const feature = (geometry: Polygon | null, properties: Record<string, unknown>) => ({ type: 'Feature', geometry, properties });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

describe.each(testEngines())('territories on %s', (engine) => {
  let db: Database;
  let client: TestClient;

  beforeAll(async () => {
    db = await openSampleDb(engine);
    client = testClient(db);
  });
  afterAll(() => db?.close());

  const importing = (body: unknown, query = '') => client.post(`/api/territories${query}`, body);
  const fieldsOf = (response: { body: { errors?: { field: string }[] } }) => response.body.errors?.map((e) => e.field);

  describe('GET /api/territories', () => {
    it('lists the countries, regions and partner territories of geodata with their sources and licences', async () => {
      const { status, body } = await client.get('/api/territories');
      expect(status).toBe(200);
      const builtin = builtinTerritories();
      expect(body.territories.map((t: { id: string }) => t.id).sort()).toEqual(builtin.map((t) => t.id).sort());
      for (const t of builtin) {
        const listed = body.territories.find((x: { id: string }) => x.id === t.id);
        expect(listed).toMatchObject({ kind: t.kind, basis: t.basis, name: t.name, names: t.names, country: t.country, members: t.members, hasGeometry: t.geometry !== null });
        expect(listed.source.length).toBeGreaterThan(10);
        expect(listed.licence.length).toBeGreaterThan(3);
      }
      expect(body.territories.slice(0, 3).map((t: { id: string }) => t.id)).toEqual(['FR', 'IT', 'CH']);
    });

    it('stores the outlines of geodata unchanged, so db/sql/builtin-territories.sql is up to date', async () => {
      const body = await (await client.app.request('http://localhost/api/territories?format=geojson')).json();
      const outlined = builtinTerritories().filter((x) => x.geometry);
      expect(outlined.length).toBeGreaterThan(0);
      for (const t of outlined) {
        const stored = body.features.find((f: { id: string }) => f.id === t.id);
        const expected = t.geometry!.type === 'Polygon' ? [t.geometry!.coordinates] : t.geometry!.coordinates;
        expect(stored.geometry.coordinates, t.id).toEqual(expected);
      }
    });

    it('gives the outlines as GeoJSON for the territories that have one', async () => {
      const response = await client.app.request('http://localhost/api/territories?format=geojson&kind=region,partner');
      expect(response.headers.get('content-type')).toMatch(/^application\/geo\+json/);
      const body = await response.json();
      expect(body.features.map((f: { id: string }) => f.id)).toEqual(['FR-73', 'FR-74', 'IT-AO', 'CH-VS']);
      for (const f of body.features) {
        expect(f.geometry.type).toBe('MultiPolygon');
        expect(turf.booleanPointInPolygon(f.properties.labelPoint, f)).toBe(true);
      }
    });
  });

  describe('POST /api/territories', () => {
    it('loads a boundary file and counts the firms inside each outline, borders included', async () => {
      const response = await importing(collection(feature(upperArve, { name: 'Haute vallée de l’Arve', country: 'FR' })), '?source=Drawn%20for%20the%20tests&licence=CC0');
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body.territories[0]).toMatchObject({ id: 'haute-vallee-de-l-arve', kind: 'custom', basis: 'area', source: 'Drawn for the tests', licence: 'CC0', hasGeometry: true });
      const stats = await client.get('/api/stats?by=territory&level=custom');
      const inside = (await fetchAll(client)).filter((f) => turf.booleanPointInPolygon(f.geometry.coordinates, upperArve)).length;
      expect(inside).toBeGreaterThan(100);
      expect(stats.body.rows.find((r: { territory: string }) => r.territory === 'haute-vallee-de-l-arve').firms).toBe(inside);
      expect(stats.body.total).toBe(3000);
    });

    it('tells HTTP caches that the statistics changed when a territory is loaded or deleted', async () => {
      const path = 'http://localhost/api/stats?by=territory&level=custom';
      const tag = (await client.app.request(path)).headers.get('etag')!;
      expect((await importing(feature(argentiere, { id: 'test-cache', name: 'Test cache' }))).status).toBe(201);
      const loaded = await client.app.request(path, { headers: { 'If-None-Match': tag } });
      expect(loaded.status).toBe(200);
      expect((await client.delete('/api/territories/test-cache')).status).toBe(204);
      expect((await client.app.request(path, { headers: { 'If-None-Match': loaded.headers.get('etag')! } })).status).toBe(200);
    });

    it('reads the name and id from the properties a national boundary file uses', async () => {
      const response = await importing(feature(argentiere, { NOM: 'Argentière (test)', INSEE_COM: 'test-argentiere' }), '?nameProperty=NOM&idProperty=INSEE_COM');
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body.territories[0]).toMatchObject({ id: 'test-argentiere', name: 'Argentière (test)', names: { fr: 'Argentière (test)', it: 'Argentière (test)', en: 'Argentière (test)' } });
    });

    it('counts a firm two custom territories hold once, in the first of the set, and says how many there are', async () => {
      const both = (await fetchAll(client)).filter((f) => turf.booleanPointInPolygon(f.geometry.coordinates, upperArve) && turf.booleanPointInPolygon(f.geometry.coordinates, argentiere)).length;
      expect(both).toBeGreaterThan(0);
      const first = await client.get('/api/stats?by=territory&territory=haute-vallee-de-l-arve,test-argentiere');
      const second = await client.get('/api/stats?by=territory&territory=test-argentiere,haute-vallee-de-l-arve');
      const firms = (body: { rows: { territory: string; firms: number }[] }, id: string) => body.rows.find((r) => r.territory === id)!.firms;
      expect(first.body.inSeveralTerritories).toBe(both);
      expect(firms(second.body, 'test-argentiere')).toBe(firms(first.body, 'test-argentiere') + both);
      expect(first.body.rows.reduce((s: number, r: { firms: number }) => s + r.firms, 0)).toBe(3000);
    });

    it('loads a territory defined by its communes’ official codes', async () => {
      const response = await importing(feature(null, { id: 'test-haut-plateau', name: 'Test Haut-Plateau', members: ['007022', '007041'] }));
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body.territories[0]).toMatchObject({ basis: 'communes', members: ['007022', '007041'], hasGeometry: false });
      const expected = (await fetchAll(client, 'commune=007022')).length + (await fetchAll(client, 'commune=007041')).length;
      const stats = await client.get('/api/stats?by=territory&territory=test-haut-plateau');
      expect(stats.body.rows[0]).toMatchObject({ territory: 'test-haut-plateau', firms: expected });
    });

    it.each([
      ['a Point', feature({ type: 'Point', coordinates: [6.9, 45.9] } as never, { name: 'Test' }), 'geometry.type'],
      ['a latitude beyond 90', feature({ type: 'Polygon', coordinates: [[[6.8, 45.9], [6.9, 95], [6.9, 45.8], [6.8, 45.9]]] }, { name: 'Test' }), 'geometry.coordinates.0.1.1'],
      ['an open ring', feature({ type: 'Polygon', coordinates: [[[6.8, 45.9], [6.9, 45.9], [6.9, 45.8], [6.8, 45.8]]] }, { name: 'Test' }), 'geometry.coordinates.0'],
      ['a projected crs', { ...feature(upperArve, { name: 'Test' }), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2154' } } }, 'crs'],
      ['no name', feature(upperArve, { id: 'test-nameless' }), 'properties.name'],
      ['neither outline nor communes', feature(null, { name: 'Test' }), 'geometry'],
      ['a third feature that is no Feature', collection(feature(upperArve, { name: 'A' }), feature(argentiere, { name: 'B' }), { type: 'Polygon' }), 'features.2.type'],
      ['a self-intersecting outline', feature({ type: 'Polygon', coordinates: [[[6.8, 45.8], [6.9, 45.9], [6.9, 45.8], [6.8, 45.9], [6.8, 45.8]]] }, { name: 'Test bowtie' }), 'geometry'],
      ['an outline far from the service area (latitude and longitude swapped)', feature({ type: 'Polygon', coordinates: [[[45.8, 6.8], [45.9, 6.8], [45.9, 6.9], [45.8, 6.9], [45.8, 6.8]]] }, { name: 'Test swapped' }), 'geometry'],
      ['a GeometryCollection', { type: 'GeometryCollection', geometries: [] }, 'type'],
    ])('refuses %s with a 400 naming the field', async (_, body, field) => {
      const before = (await client.get('/api/territories')).body.territories.length;
      const response = await importing(body);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(fieldsOf(response)).toContain(field);
      expect((await client.get('/api/territories')).body.territories.length).toBe(before);
    });

    it('refuses an id that exists with a 409 naming the feature', async () => {
      const response = await importing(collection(feature(argentiere, { name: 'Test new' }), feature(argentiere, { id: 'FR', name: 'Test France' })));
      expect(response.status).toBe(409);
      expect(fieldsOf(response)).toEqual(['features.1.properties.id']);
      expect((await client.get('/api/territories?kind=custom')).body.territories.map((t: { id: string }) => t.id)).not.toContain('test-new');
    });

    it('refuses a body over the size limit with a 413', async () => {
      const huge = feature(upperArve, { name: 'Test huge', note: 'x'.repeat(21 * 1024 * 1024) });
      const response = await importing(huge);
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    });

    it('is for administrators only', async () => {
      expect((await client.post('/api/territories', feature(upperArve, { name: 'Test anonymous' }), null)).status).toBe(401);
      expect((await client.post('/api/territories', feature(upperArve, { name: 'Test wrong token' }), 'not-the-admin-token-0000')).status).toBe(401);
    });
  });

  describe('memberships kept by the database', () => {
    const orphans = async () =>
      (await db.rows<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM company_territories ct
        WHERE NOT EXISTS (SELECT 1 FROM companies c WHERE c.id = ct.company_id) OR NOT EXISTS (SELECT 1 FROM territories t WHERE t.id = ct.territory_id)`))[0]!.n;

    it('places every firm in its country, and in its partner territory and region when it has one', async () => {
      const [row] = await db.rows<{ firms: number; countries: number; partners: number }>(sql`
        SELECT (SELECT count(*)::int FROM companies) AS firms,
          (SELECT count(*)::int FROM company_territories WHERE territory_id IN ('FR', 'IT', 'CH')) AS countries,
          (SELECT count(*)::int FROM company_territories ct JOIN territories t ON t.id = ct.territory_id WHERE t.kind = 'partner') AS partners`);
      expect(row).toEqual({ firms: 3450, countries: 3450, partners: 3450 });
    });

    it('forgets the firms that are deleted, one by one or all at once', async () => {
      const [first] = await db.rows<{ id: number }>(sql`SELECT min(id) AS id FROM companies`);
      expect((await client.delete(`/api/companies/${first!.id}`)).status).toBe(204);
      expect(await orphans()).toBe(0);
      await emptyRegistry(db);
      expect((await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM company_territories`))[0]!.n).toBe(0);
      await seedRegistry(db);
    });
  });

  describe('DELETE /api/territories/{id}', () => {
    it('deletes a custom territory, and the statistics no longer count it', async () => {
      expect((await client.delete('/api/territories/test-argentiere')).status).toBe(204);
      const stats = await client.get('/api/stats?by=territory&level=custom');
      expect(stats.body.territories.map((t: { id: string }) => t.id)).not.toContain('test-argentiere');
      expect((await client.delete('/api/territories/test-argentiere')).status).toBe(404);
      expect((await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM company_territories WHERE territory_id = 'test-argentiere'`))[0]!.n).toBe(0);
    });

    it('keeps the built-in territories with a 403', async () => {
      const response = await client.delete('/api/territories/fr-cc-chamonix');
      expect(response.status).toBe(403);
      expect((await client.get('/api/territories?kind=partner')).body.territories).toHaveLength(6);
    });

    it('is for administrators only', async () => {
      expect((await client.delete('/api/territories/haute-vallee-de-l-arve', null)).status).toBe(401);
    });
  });
});
