import postgres from 'postgres';
import { createPostgresDb } from '../../db/engines/postgres.ts';

/**
 * The template's name follows the configured database, so two checkouts testing against one server
 * (each with its own TEST_DATABASE_URL) never drop each other's template.
 */
export function templateName(serverUrl: string): string {
  return `${new URL(serverUrl).pathname.slice(1) || 'atlas_test'}_template`;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates a freshly migrated template database on the test server; null when none is configured. */
export async function preparePostgresTemplate(serverUrl: string | undefined): Promise<string | null> {
  if (!serverUrl) return null;
  const template = templateName(serverUrl);
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  const db = await createPostgresDb(databaseUrl(serverUrl, template), 1);
  await db.close();
  return serverUrl;
}
