import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { browserOnly } from './browser-only.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Inside the project, so that imports of db/ and server/ resolve as the app's would.
const scratch = mkdtempSync(join(root, 'web', '.browser-only-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Builds one entry module with the guard, as `vite build` builds the app. */
async function buildEntry(name: string, code: string) {
  const entry = join(scratch, `${name}.ts`);
  writeFileSync(entry, code);
  return build({
    configFile: false,
    logLevel: 'silent',
    plugins: [browserOnly(root)],
    build: { write: false, rollupOptions: { input: entry } },
  });
}

describe('the browser-only guard of the web build', () => {
  it('passes an entry that takes the vocabulary from shared/ and server types with import type', async () => {
    const code = `import { SECTORS } from '../../shared/vocabulary.ts';
import type { Company } from '../src/api.ts';
const first: Company | null = null;
console.log(SECTORS, first);`;
    await expect(buildEntry('shared', code)).resolves.toBeDefined();
  });

  it.each([
    ['the ORM schema', `import { companies } from '../../db/schema.ts'; console.log(companies);`, /contains server code: .*drizzle-orm/],
    ['a server module', `import { parseConfig } from '../../server/config.ts'; console.log(parseConfig);`, /contains server code: .*server\/config\.ts/],
  ])('fails the build when an entry imports %s', async (_, code, message) => {
    await expect(buildEntry('leak', code)).rejects.toThrow(message);
  });
});
