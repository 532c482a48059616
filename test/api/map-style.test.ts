import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { testClient, type TestClient } from '../support/app.ts';
import { useTestDb } from '../support/databases.ts';

describe('the map style and its geodata', () => {
  const test = useTestDb();
  let client: TestClient;
  beforeAll(() => {
    client = testClient(test.db);
  });

  it.each(['fr', 'it', 'en'])('serves a valid MapLibre style in %s', async (lang) => {
    const response = await client.get(`/api/style.json?lang=${lang}`);
    expect(response.status).toBe(200);
    expect(validateStyleMin(response.body)).toEqual([]);
  });

  it('refers to nothing outside the Atlas itself', async () => {
    const style = JSON.stringify((await client.get('/api/style.json?lang=fr')).body);
    const urls = [...style.matchAll(/https?:\/\/[^"{]+/g)].map((m) => new URL(m[0]).origin);
    expect(new Set(urls)).toEqual(new Set(['http://localhost']));
  });

  it('serves every geodata layer the style reads, as GeoJSON with flat names', async () => {
    const style = (await client.get('/api/style.json?lang=fr')).body as { sources: Record<string, { data?: unknown }> };
    const files = Object.values(style.sources)
      .map((source) => source.data)
      .filter((data): data is string => typeof data === 'string')
      .map((url) => new URL(url).pathname)
      // The style also reads the registry's own layers (/api/actors): not geodata, and empty here.
      .filter((path) => path.startsWith('/geodata/'));
    expect(files).toContain('/geodata/countries.geojson');
    for (const path of files) {
      const response = await client.get(path);
      expect(response.status, path).toBe(200);
      expect(response.body.type).toBe('FeatureCollection');
      expect(response.body.features.length, path).toBeGreaterThan(0);
      for (const feature of response.body.features) expect(feature.properties.names).toBeUndefined();
    }
  });

  it('draws the disputed summit area from the overlap of the French and Italian borders', async () => {
    const { features } = (await client.get('/geodata/disputed.geojson')).body;
    expect(features).toHaveLength(1);
    expect(JSON.stringify(features[0].geometry)).toMatch(/6\.86/);
  });

  it('answers an unknown layer or language with a problem', async () => {
    expect((await client.get('/geodata/secrets.geojson')).status).toBe(404);
    expect((await client.get('/api/style.json?lang=de')).body.errors[0].field).toBe('lang');
  });

  it('revalidates geodata with ETags', async () => {
    const first = await client.app.request('http://localhost/geodata/countries.geojson');
    const again = await client.app.request('http://localhost/geodata/countries.geojson', { headers: { 'If-None-Match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });
});
