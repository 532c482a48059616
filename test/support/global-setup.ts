import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { projectPath } from '../../project-root.ts';
import { buildsNeeded } from './builds-needed.ts';
import { preparePgliteTemplate } from './pglite-template.ts';
import { preparePostgresTemplate } from './postgres-template.ts';
import { preparePgliteSampleTemplate, preparePostgresSampleTemplate, removePgliteSampleTemplate } from './sample-template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
    /** A copy of pgliteTemplate holding the sample registry (sample-template.ts). */
    pgliteSampleTemplate: string;
    /** dist/web when the run's test files need the web app (web-build.ts), else null. */
    webBuild: string | null;
  }
}

/** The web app, built exactly as `npm start` builds it. */
async function buildWeb(): Promise<string> {
  await build({ configFile: projectPath('vite.config.ts'), logLevel: 'warn' });
  return projectPath('dist', 'web');
}

/**
 * The server compiled as `npm start` compiles it (tsconfig.build.json); without the type check,
 * which is `npm run typecheck`'s job: the JavaScript is the same.
 */
async function buildServer(): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', projectPath('tsconfig.build.json'), '--noCheck']);
  } catch (error) {
    throw new Error(`Compiling the server failed:\n${(error as { stdout?: string }).stdout ?? error}`);
  }
}

/**
 * Makes the builds the selected test files need (none for API tests), and migrates one empty
 * database per engine, and one holding the sample registry; every test file then starts from a
 * copy of one, so no file pays for creating PostGIS or seeding again, or sees another file's data.
 */
export default async function setup(project: TestProject) {
  const prepareBuilds = async (testFiles: readonly string[]) => {
    const needed = buildsNeeded(testFiles);
    const [webBuild] = await Promise.all([needed.has('web') ? buildWeb() : null, needed.has('server') ? buildServer() : null]);
    project.provide('webBuild', webBuild);
  };
  // The files selected for this run (Vitest's state is an experimental API: the lock file pins Vitest).
  const [, [pgliteTemplate, pgliteSampleTemplate], postgresTemplate] = await Promise.all([
    prepareBuilds(project.vitest.state.getPaths()),
    preparePgliteTemplate().then(async (empty) => [empty, await preparePgliteSampleTemplate(empty)] as const),
    preparePostgresTemplate(process.env.TEST_DATABASE_URL).then(async (url) => {
      if (url) await preparePostgresSampleTemplate(url);
      return url;
    }),
  ]);
  project.provide('pgliteTemplate', pgliteTemplate);
  project.provide('pgliteSampleTemplate', pgliteSampleTemplate);
  project.provide('postgresTemplate', postgresTemplate);
  // In watch mode a rerun builds again what its files need, so no test reads a stale build.
  project.onTestsRerun((specifications) => prepareBuilds(specifications.map((specification) => specification.moduleId)));
  return () => removePgliteSampleTemplate(pgliteSampleTemplate);
}
