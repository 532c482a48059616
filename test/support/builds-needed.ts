import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TEST_DIR = fileURLToPath(new URL('..', import.meta.url));

/** The module a test file imports, directly or through the support code, when it needs a build. */
const BUILD_MODULES = {
  web: fileURLToPath(new URL('./web-build.ts', import.meta.url)),
  server: fileURLToPath(new URL('./server-build.ts', import.meta.url)),
};

export type Build = keyof typeof BUILD_MODULES;

/**
 * Relative `import … from`, `export … from`, `import '…'` and `import('…')`; type-only imports
 * (group 1) load nothing at run time.
 */
const RELATIVE_IMPORT = /\b(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?['"](\.\.?\/[^'"]+)['"]|\bimport\(\s*['"](\.\.?\/[^'"]+)['"]/g;

/**
 * The builds a run's test files need: those whose modules they reach by following their relative
 * imports through test/ (the application's own modules never import a build).
 */
export function buildsNeeded(testFiles: readonly string[]): Set<Build> {
  const reached = new Set<string>();
  const pending = testFiles.map((file) => resolve(file));
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (reached.has(file)) continue;
    reached.add(file);
    for (const [, typeOnly, staticPath, dynamicPath] of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      if (typeOnly) continue;
      const imported = resolve(dirname(file), (staticPath ?? dynamicPath)!);
      if (imported.startsWith(TEST_DIR) && existsSync(imported)) pending.push(imported);
    }
  }
  return new Set((Object.keys(BUILD_MODULES) as Build[]).filter((build) => reached.has(BUILD_MODULES[build])));
}
