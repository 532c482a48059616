import { ADMIN_TOKEN } from './app.ts';

/** POSTs a firm to a running Atlas as the bootstrap admin. */
export function postFirm(url: string, body: unknown): Promise<Response> {
  return fetch(`${url}/api/companies`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Every firm of a running Atlas's registry, id → name. */
export async function registryNames(url: string): Promise<Map<number, string>> {
  const response = await fetch(`${url}/api/companies?format=geojson`);
  if (response.status !== 200) throw new Error(`GET /api/companies: ${response.status}`);
  const collection = (await response.json()) as { features: { id: number; properties: { name: string } }[] };
  return new Map(collection.features.map((f) => [f.id, f.properties.name]));
}

/** Polls `check` until it holds (errors count as not yet), for at most `ms`. */
export async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
