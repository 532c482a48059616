/**
 * `npm run api:types`: writes the OpenAPI document the app serves (shared/api/openapi.json) and
 * the TypeScript types generated from it (shared/api/types.ts), the wire types web/ imports.
 * Run it after changing a route or a schema; test/api/api-types.test.ts fails until it is run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { projectPath } from '../project-root.ts';
import { apiTypeFiles } from '../server/openapi/api-types.ts';

for (const { path, text } of await apiTypeFiles()) {
  const file = projectPath(path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`wrote ${path}`);
}
