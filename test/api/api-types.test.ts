import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../project-root.ts';
import { apiTypeFiles } from '../../server/openapi/api-types.ts';

describe('the committed wire types', () => {
  it('are those of the OpenAPI document the app serves today', async () => {
    for (const { path, text } of await apiTypeFiles()) {
      const committed = readFileSync(projectPath(path), 'utf8');
      // A message, not a diff of thousands of lines: the fix is the same whatever changed.
      expect(committed === text, `${path} is out of date: run \`npm run api:types\` and commit the result`).toBe(true);
    }
  });
});
