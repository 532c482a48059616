import postgres from 'postgres';
import { createPostgresDb } from '../../db/engines/postgres.ts';

export const TEMPLATE_DB = 'atlas_test_template';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates a freshly migrated template database on the test server; null when none is configured. */
export async function preparePostgresTemplate(serverUrl: string | undefined): Promise<string | null> {
  if (!serverUrl) return null;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const db = await createPostgresDb(databaseUrl(serverUrl, TEMPLATE_DB), 1);
  await db.close();
  return serverUrl;
}
