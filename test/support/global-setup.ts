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
 * Migrates one empty database per engine before the tests; every test file then starts from a
 * copy of it, so no file pays for creating PostGIS again or sees another file's data.
 */
export default async function setup(project: TestProject) {
  project.provide('pgliteTemplate', await preparePgliteTemplate());
  project.provide('postgresTemplate', await preparePostgresTemplate(process.env.TEST_DATABASE_URL));
}
