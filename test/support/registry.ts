import { afterAll, beforeAll, expect } from 'vitest';
import type { Database, Engine } from '../../db/database.ts';
import type { CompanyFeatureValue } from '../../server/schemas/features.ts';
import { type TestClient, testClient } from './app.ts';
import { openSampleDb } from './databases.ts';

export type CompanyFeature = CompanyFeatureValue;

/** Every company the API lists, by following the `next` links (the tests' independent copy). */
export async function fetchAll(client: TestClient, query = ''): Promise<CompanyFeature[]> {
  const all: CompanyFeature[] = [];
  let path: string | null = `/api/companies?limit=1000${query ? `&${query}` : ''}`;
  while (path) {
    const page = await client.get(path);
    if (page.status !== 200) throw new Error(`${path}: ${page.status} ${JSON.stringify(page.body)}`);
    all.push(...page.body.features);
    path = page.body.next ? new URL(page.body.next).pathname + new URL(page.body.next).search : null;
  }
  return all;
}

/** Folding written for the tests, independently of the database's atlas_fold(). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export const searchableText = (c: CompanyFeature) =>
  fold([c.properties.name, c.properties.commune.name, c.properties.description.fr, c.properties.description.it, c.properties.description.en].filter(Boolean).join(' '));

export const ids = (features: { id: number | string }[]) => features.map((f) => Number(f.id)).sort((x, y) => x - y);

/** The sample registry on `engine` for the enclosing `describe`: its database, an API client and every firm. */
export function useSampleRegistry(engine: Engine): { readonly db: Database; readonly client: TestClient; readonly all: CompanyFeature[] } {
  const holder = {} as { db: Database; client: TestClient; all: CompanyFeature[] };
  beforeAll(async () => {
    holder.db = await openSampleDb(engine);
    holder.client = testClient(holder.db);
    holder.all = await fetchAll(holder.client);
  });
  afterAll(() => holder.db?.close());
  return holder;
}

/** Each path answers 400 with a problem naming its field. */
export async function expectRefused(client: TestClient, cases: readonly (readonly [string, string])[]): Promise<void> {
  for (const [path, field] of cases) {
    const response = await client.get(path);
    expect(response.status, path).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field), path).toContain(field);
  }
}
