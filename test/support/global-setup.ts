import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { projectPath } from '../../project-root.ts';
import { buildsNeeded } from './builds-needed.ts';
import { preparePgliteTemplate } from './pglite-template.ts';
import { preparePostgresTemplate } from './postgres-template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
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
 * database per engine; every test file then starts from a copy of it, so no file pays for
 * creating PostGIS again or sees another file's data.
 */
export default async function setup(project: TestProject) {
  const prepareBuilds = async (testFiles: readonly string[]) => {
    const needed = buildsNeeded(testFiles);
    const [webBuild] = await Promise.all([needed.has('web') ? buildWeb() : null, needed.has('server') ? buildServer() : null]);
    project.provide('webBuild', webBuild);
  };
  // The files selected for this run (Vitest's state is an experimental API: the lock file pins Vitest).
  const [, pgliteTemplate, postgresTemplate] = await Promise.all([
    prepareBuilds(project.vitest.state.getPaths()),
    preparePgliteTemplate(),
    preparePostgresTemplate(process.env.TEST_DATABASE_URL),
  ]);
  project.provide('pgliteTemplate', pgliteTemplate);
  project.provide('postgresTemplate', postgresTemplate);
  // In watch mode a rerun builds again what its files need, so no test reads a stale build.
  project.onTestsRerun((specifications) => prepareBuilds(specifications.map((specification) => specification.moduleId)));
}
