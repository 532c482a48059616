import { inject } from 'vitest';

/**
 * The web app built for this run (dist/web), for a test that serves or reads it. Importing this
 * module is how a test file asks for the build: the global setup builds the app only for a run
 * whose test files reach this module through their imports (builds-needed.ts).
 */
export function builtWebDir(): string {
  const dir = inject('webBuild');
  if (!dir) throw new Error('The web app was not built for this run: import builtWebDir from test/support/web-build.ts statically');
  return dir;
}
