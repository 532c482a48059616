import type { Database } from '../../db/database.ts';
import { type AtlasServer, serveApp } from '../support/app.ts';
import { openSampleDb } from '../support/databases.ts';
import { builtWebDir } from '../support/web-build.ts';

export type { AtlasServer } from '../support/app.ts';

/** The real app over `db`, configured by `env`, on a free port, serving the web app built for this run. */
export function serveAtlas(db: Database, env: Record<string, string> = {}): Promise<AtlasServer> {
  return serveApp(db, { ATLAS_WEB_DIR: builtWebDir(), ...env });
}

/** The real app with the sample registry on embedded PostGIS, on a free port. */
export async function startAtlasServer(): Promise<AtlasServer> {
  const db = await openSampleDb('pglite');
  const served = await serveAtlas(db);
  return {
    ...served,
    async close() {
      await served.close();
      await db.close();
    },
  };
}
