import { beforeAll, describe, expect, it } from 'vitest';
import { testClient, type TestClient } from '../support/app.ts';
import { useTestDb } from '../support/databases.ts';

describe('the API documentation', () => {
  const test = useTestDb();
  let client: TestClient;
  beforeAll(() => {
    client = testClient(test.db);
  });

  it('describes every endpoint in OpenAPI 3.1, from the schemas that validate requests', async () => {
    const { body } = await client.get('/api/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/health', '/companies', '/companies/{id}', '/nearby', '/links', '/links/{id}', '/actors', '/tiles/{layer}/{z}/{x}/{y}.mvt']),
    );
    const parameters = body.paths['/companies'].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters).toEqual(expect.arrayContaining(['bbox', 'sector', 'country', 'q', 'commune', 'size', 'limit', 'cursor']));
    expect(body.components.schemas.CompanyInput.required).toEqual(expect.arrayContaining(['name', 'sectors', 'location']));
  });

  it('serves a docs page that needs nothing from outside', async () => {
    const page = await client.app.request('http://localhost/api/docs');
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) {
      expect((await client.app.request(`http://localhost${asset}`)).status, asset).toBe(200);
    }
  });
});
