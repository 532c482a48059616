import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { preparePgliteTemplate } from './pglite-template.ts';
import { preparePostgresTemplate } from './postgres-template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
  }
}

/**
 * Builds the web app, and migrates one empty database per engine before the tests; every test file then starts from a
 * copy of it, so no file pays for creating PostGIS again or sees another file's data.
 */
export default async function setup(project: TestProject) {
  // The browser tests drive the built app, exactly as `npm start` serves it.
  await build({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
  project.provide('pgliteTemplate', await preparePgliteTemplate());
  project.provide('postgresTemplate', await preparePostgresTemplate(process.env.TEST_DATABASE_URL));
}
