import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder: the nearest one above this module that holds package.json. The same
 * from the TypeScript sources (run by tsx or Vitest) and from the server compiled into dist/node,
 * so files read at run time (migrations, geodata, the built web app) are found from either.
 */
function findProjectRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}`);
  }
}

const ROOT = findProjectRoot();

/** The absolute path of a file of the project, given from its root (`projectPath('db', 'migrations')`). */
export function projectPath(...parts: string[]): string {
  return join(ROOT, ...parts);
}
