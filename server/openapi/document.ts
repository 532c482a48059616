import type { Database } from '../../db/database.ts';
import { createApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import { silentLogger } from '../logging/logger.ts';

/**
 * Stands in for the database: describing the API reads none, so a query is a mistake that must
 * fail loudly rather than produce a document of whatever it returned. No notifications: the
 * data version would otherwise start listening for them.
 */
const refuse = (): never => {
  throw new Error('the OpenAPI document was about to query the database');
};
const NO_DATABASE: Database = {
  engine: 'pglite',
  get drizzle() {
    return refuse();
  },
  rows: async () => refuse(),
  dump: async () => refuse(),
  close: async () => {},
};

const silent = silentLogger();

/**
 * The OpenAPI document the app serves at /api/openapi.json, built in-process with the default
 * configuration, so that every installation's document is this one.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const app = createApp({ db: NO_DATABASE, config: parseConfig({ ATLAS_SEED: 'never' }), logger: silent });
  const response = await app.request('http://localhost/api/openapi.json');
  if (response.status !== 200) throw new Error(`/api/openapi.json answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}
