import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../project-root.ts';

/**
 * The one-way rule between the layers, checked from the sources: web/ talks to the server over
 * HTTP only, so it imports nothing of server/ or db/, not even a type (its wire types are
 * generated into shared/api/); db/ knows nothing of the HTTP server; and shared/, which both
 * sides import, imports none of them. The build's browser-only check (web/build/) sees only
 * what reaches a chunk, which an `import type` never does.
 */
const RULES: { folder: string; mayNotImport: string[] }[] = [
  { folder: 'web', mayNotImport: ['server', 'db'] },
  { folder: 'db', mayNotImport: ['server'] },
  { folder: 'shared', mayNotImport: ['server', 'db', 'web'] },
];

const SOURCE = /\.(m|c)?tsx?$/;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Every module a file imports, `import type`, re-exports and `import()` included, as a path from
 * the project's root; packages are left out. TypeScript's own scanner, so that an import written
 * inside a string (a test's fixture) is not taken for one.
 */
function importedPaths(file: string): { specifier: string; path: string }[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith('.') || specifier.startsWith('/'))
    .map((specifier) => ({ specifier, path: relative(projectPath(), resolve(dirname(file), specifier)) }));
}

/** The imports of files under `folder` that reach into any of `forbidden`, as `file: specifier` lines. */
function crossings(folder: string, forbidden: string[]): string[] {
  return sourceFiles(projectPath(folder)).flatMap((file) =>
    importedPaths(file)
      .filter(({ path }) => forbidden.some((other) => path === other || path.startsWith(other + sep)))
      .map(({ specifier }) => `${relative(projectPath(), file)}: ${specifier}`),
  );
}

describe('the layers', () => {
  for (const { folder, mayNotImport } of RULES) {
    it(`${folder}/ imports nothing from ${mayNotImport.map((other) => `${other}/`).join(' or ')}`, () => {
      expect(crossings(folder, mayNotImport)).toEqual([]);
    });
  }
});
