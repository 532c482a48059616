import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LOADER_FILE, LOADER_MAX_GZIP } from '../web/embed/build.ts';
import { builtWebDir } from './support/web-build.ts';

/** The embed loader as the build made it (the same build as `npm start`'s). */
const loader = () => readFileSync(join(builtWebDir(), LOADER_FILE), 'utf8');

describe('the built embed loader', () => {
  it('stays under 10 KB gzipped', () => {
    const gzipped = gzipSync(loader(), { level: 9 }).length;
    expect(gzipped).toBeLessThanOrEqual(LOADER_MAX_GZIP);
    // About 2 KB today: past 4 KB, an import has surely pulled in more than the loader needs.
    expect(gzipped).toBeLessThan(4 * 1024);
  });

  it('is a classic script whose code is all inside one function, so it declares no global', () => {
    const code = loader().trim();
    // `new Script` parses a classic script: an `import`/`export` statement or `import.meta` would throw.
    expect(() => new Script(code)).not.toThrow();
    expect(code.startsWith('(function(){')).toBe(true);
    expect(code.endsWith('})();')).toBe(true);
  });

  it('imports the widget module that the build made', () => {
    const [path] = loader().match(/assets\/embed-widget-[\w-]+\.js/) ?? [];
    expect(path).toBeDefined();
    expect(existsSync(join(builtWebDir(), path!))).toBe(true);
  });
});
