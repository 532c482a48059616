import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { ADMIN_TOKEN, testClient, type TestClient } from '../support/app.ts';
import { openSampleDb, testEngines } from '../support/databases.ts';
import { chamonixGuides } from '../fixtures/companies.ts';

const COLLECTIONS = ['companies', 'links', 'actors', 'territories'];

type Link = { rel: string; href: string; type: string };
const rel = (links: Link[], name: string) => links.find((l) => l.rel === name);
const pathOf = (href: string) => new URL(href).pathname + new URL(href).search;

describe.each(testEngines())('OGC API – Features on %s', (engine) => {
  let db: Database;
  let client: TestClient;
  let firmId: number;

  beforeAll(async () => {
    db = await openSampleDb(engine);
    client = testClient(db);
    firmId = (await client.post('/api/companies', { ...chamonixGuides, note: 'private note' })).body.id;
  });
  afterAll(() => db?.close());

  it('has a landing page linking to the API definition, the conformance and the collections', async () => {
    const landing = await client.get('/ogc');
    expect(landing.status).toBe(200);
    for (const name of ['self', 'service-desc', 'conformance', 'data']) expect(rel(landing.body.links, name)).toBeDefined();
    expect((await client.get(pathOf(rel(landing.body.links, 'data')!.href))).status).toBe(200);
  });

  it('declares the Core and GeoJSON conformance classes', async () => {
    const { body } = await client.get('/ogc/conformance');
    expect(body.conformsTo).toEqual(expect.arrayContaining([
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
    ]));
  });

  it('lists the four collections, each with its extent and items link', async () => {
    const { body } = await client.get('/ogc/collections');
    expect(body.collections.map((c: { id: string }) => c.id)).toEqual(COLLECTIONS);
    for (const collection of body.collections) {
      expect(collection.extent.spatial.bbox).toEqual([[5.6, 45.0, 8.5, 46.7]]);
      expect(rel(collection.links, 'items')!.type).toBe('application/geo+json');
      expect((await client.get(`/ogc/collections/${collection.id}`)).body.id).toBe(collection.id);
    }
  });

  it.each(COLLECTIONS)('pages through every feature of %s once by following next links', async (id) => {
    const seen: (number | string)[] = [];
    let path: string | null = `/ogc/collections/${id}/items?limit=250`;
    let matched = 0;
    while (path) {
      const page = await client.get(path);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('application/geo+json');
      expect(page.body.numberReturned).toBe(page.body.features.length);
      matched = page.body.numberMatched;
      seen.push(...page.body.features.map((f: { id: number | string }) => f.id));
      const next = rel(page.body.links, 'next');
      path = next ? pathOf(next.href) : null;
    }
    expect(seen.length).toBe(matched);
    expect(new Set(seen).size).toBe(matched);
    expect(matched).toBeGreaterThan(0);
  });

  it('keeps the features inside a bbox', async () => {
    const { body } = await client.get('/ogc/collections/companies/items?bbox=6.8,45.85,7.0,45.95&limit=10000');
    const expected = (await client.get('/api/companies?bbox=6.8,45.85,7.0,45.95&limit=1000')).body.numberMatched;
    expect(expected).toBeGreaterThan(50);
    expect(body.numberMatched).toBe(expected);
    expect(body.features).toHaveLength(expected);
    for (const f of body.features) {
      const [lon, lat] = f.geometry.coordinates;
      expect(lon >= 6.8 && lon <= 7.0 && lat >= 45.85 && lat <= 45.95).toBe(true);
    }
  });

  it('filters by properties', async () => {
    const companies = await client.get('/ogc/collections/companies/items?country=IT&sector=outdoor&limit=10000');
    expect(companies.body.features.length).toBeGreaterThan(0);
    expect(companies.body.features.every((f: { properties: { country: string; sectors: string } }) =>
      f.properties.country === 'IT' && f.properties.sectors.includes('outdoor'))).toBe(true);
    expect(companies.body.numberMatched).toBe((await client.get('/api/companies?country=IT&sector=outdoor')).body.numberMatched);
    const links = await client.get('/ogc/collections/links/items?cross_border=true&limit=10000');
    expect(links.body.features.length).toBeGreaterThan(0);
    expect(links.body.features.every((f: { properties: { cross_border: boolean } }) => f.properties.cross_border)).toBe(true);
    const territories = await client.get('/ogc/collections/territories/items?country=IT&kind=country,partner');
    expect(territories.body.features.map((f: { id: string; properties: { country: string } }) => [f.id, f.properties.country])).toEqual([['IT', 'IT'], ['it-valle-aosta', 'IT']]);
  });

  it('serves the territories of /api/territories, with the same ids, names and outlines', async () => {
    const listed = (await client.get('/api/territories')).body.territories as { id: string; name: string }[];
    const outlines = (await client.get('/api/territories?format=geojson')).body.features as { id: string; geometry: unknown }[];
    const served = (await client.get('/ogc/collections/territories/items?limit=1000')).body.features as { id: string; geometry: unknown; properties: { name: string } }[];
    expect(served.map((f) => [f.id, f.properties.name])).toEqual(listed.map((t) => [t.id, t.name]));
    expect(outlines.length).toBeGreaterThan(0);
    for (const outline of outlines) expect(served.find((f) => f.id === outline.id)!.geometry, outline.id).toEqual(outline.geometry);
  });

  it('serves a territory an administrator imports, in the list and by its id', async () => {
    const outline = { type: 'Polygon', coordinates: [[[6.76, 45.88], [6.99, 45.88], [6.99, 45.99], [6.76, 45.99], [6.76, 45.88]]] };
    const imported = await client.post('/api/territories', { type: 'Feature', geometry: outline, properties: { id: 'test-upper-arve', name: 'Test upper Arve', country: 'FR' } });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const custom = await client.get('/ogc/collections/territories/items?kind=custom');
    expect(custom.body.features.map((f: { id: string }) => f.id)).toEqual(['test-upper-arve']);
    const one = await client.get('/ogc/collections/territories/items/test-upper-arve');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      type: 'Feature',
      id: 'test-upper-arve',
      geometry: { type: 'MultiPolygon', coordinates: [outline.coordinates] },
      properties: { name: 'Test upper Arve', kind: 'custom', basis: 'area', country: 'FR' },
    });
  });

  it('draws a territory of communes, which has no outline, as the towns of its communes', async () => {
    const imported = await client.post('/api/territories', { type: 'Feature', geometry: null, properties: { id: 'test-courmayeur-la-thuile', name: 'Test Courmayeur and La Thuile', members: ['007022', '007041'] } });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const { body } = await client.get('/ogc/collections/territories/items/test-courmayeur-la-thuile');
    expect(body.geometry.type).toBe('MultiPoint');
    expect(body.geometry.coordinates).toHaveLength(2);
    expect(body.properties).toMatchObject({ kind: 'custom', basis: 'communes', members: '007022,007041', member_count: 2 });
  });

  it('keeps the territories whose outline or towns meet a bbox', async () => {
    const { body } = await client.get('/ogc/collections/territories/items?bbox=6.85,45.9,6.9,45.95&kind=country,region,partner');
    expect(body.features.map((f: { id: string }) => f.id)).toEqual(['FR', 'FR-74', 'fr-cc-chamonix']);
  });

  it('returns one feature with flat properties, and 404 for an unknown one', async () => {
    const feature = await client.get(`/ogc/collections/companies/items/${firmId}`);
    expect(feature.status).toBe(200);
    expect(feature.body).toMatchObject({ type: 'Feature', id: firmId, geometry: { type: 'Point', coordinates: [6.8694, 45.9237] } });
    expect(feature.body.properties).toMatchObject({ name: chamonixGuides.name, commune_code: '74056', national_code: '93.19Z' });
    expect((await client.get('/ogc/collections/companies/items/99999999')).status).toBe(404);
    expect((await client.get('/ogc/collections/territories/items/fr-cc-chamonix')).body.geometry.type).toBe('MultiPoint');
    expect((await client.get('/ogc/collections/roads/items')).status).toBe(404);
  });

  it('keeps the contact and the internal note for members', async () => {
    for (const path of [`/ogc/collections/companies/items/${firmId}`, '/ogc/collections/companies/items?limit=10000&commune=74056']) {
      const anonymous = JSON.stringify((await client.get(path)).body);
      expect(anonymous).not.toContain(chamonixGuides.contact.email);
      expect(anonymous).not.toContain('private note');
      const member = JSON.stringify((await client.get(path, ADMIN_TOKEN)).body);
      expect(member).toContain(chamonixGuides.contact.email);
      expect(member).toContain('private note');
    }
  });

  it.each([
    ['limit', 'companies', 'limit=0'],
    ['limit', 'companies', 'limit=10001'],
    ['bbox', 'companies', 'bbox=1,2,3'],
    ['cursor', 'companies', 'cursor=abc'],
    ['offset', 'actors', 'offset=-1'],
    ['country', 'territories', 'country=DE'],
    ['f', 'links', 'f=xml'],
    ['colour', 'companies', 'colour=red'],
  ])('rejects a bad %s with a 400 problem naming it', async (field, collection, query) => {
    const response = await client.get(`/ogc/collections/${collection}/items?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
