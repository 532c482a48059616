import { afterEach } from 'vitest';
import type { Engine } from '../../db/database.ts';
import { ADMIN_TOKEN } from './app.ts';
import { processStore } from './databases.ts';
import { type AtlasProcess, spawnAtlas } from './process.ts';

/**
 * Real server processes for the tests of the enclosing `describe`: each test gets fresh stores,
 * and after it every process still running is killed and every store removed.
 */
export function useAtlasProcesses() {
  const running: AtlasProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const atlas of running.splice(0)) {
      atlas.child.kill('SIGKILL');
      await atlas.exited;
    }
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    /** Where a process of `engine` keeps its data (its environment variables), removed after the test. */
    async store(engine: Engine): Promise<Record<string, string>> {
      const store = await processStore(engine);
      cleanups.push(store.remove);
      return store.env;
    },
    /** Starts the real server (no sample data, the test admin token) with `env`. */
    start(env: Record<string, string>): AtlasProcess {
      const atlas = spawnAtlas({ ATLAS_SEED: 'never', ATLAS_ADMIN_TOKEN: ADMIN_TOKEN, ...env });
      running.push(atlas);
      return atlas;
    },
    /** Runs `cleanup` after the test, before the stores are removed. */
    after(cleanup: () => Promise<void>) {
      cleanups.push(cleanup);
    },
  };
}
