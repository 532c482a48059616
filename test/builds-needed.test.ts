import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildsNeeded } from './support/builds-needed.ts';

const file = (path: string) => fileURLToPath(new URL(path, import.meta.url));

describe('the builds a test run needs', () => {
  it('is none for API tests, so that running one builds nothing', () => {
    expect(buildsNeeded([file('./api/tiles.test.ts'), file('./api/rate-limit.test.ts'), file('./api/security-headers.test.ts')])).toEqual(new Set());
  });

  it('is the web app for a browser test', () => {
    expect(buildsNeeded([file('./e2e/map.test.ts')])).toEqual(new Set(['web']));
  });

  it('is the compiled server for a test that starts the server process, through the support code it imports', () => {
    expect(buildsNeeded([file('./ops/graceful-shutdown.test.ts')])).toEqual(new Set(['server']));
  });

  it('is both for the whole suite', () => {
    expect(buildsNeeded([file('./api/tiles.test.ts'), file('./e2e/map.test.ts'), file('./process.test.ts')])).toEqual(new Set(['web', 'server']));
  });
});
