import type { CompanyFeatureValue } from '../../server/schemas/features.ts';
import type { TestClient } from './app.ts';

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
