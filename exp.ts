import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { readFileSync } from 'node:fs';
let t = Date.now();
const c = await PGlite.create({ extensions: { postgis, pg_trgm } });
console.log('create', Date.now() - t); t = Date.now();
for (const f of ['0000_extensions.sql', '0001_registry.sql']) {
  const s = readFileSync('db/migrations/' + f, 'utf8');
  for (const st of s.split('--> statement-breakpoint')) await c.exec(st);
}
console.log('migrate', Date.now() - t); t = Date.now();
console.log((await c.query(`select atlas_fold('Pré-Saint-Didier MEGÈVE Œuvre l''Étoile Zürich Straße') f, postgis_full_version() v, lower('É') l`)).rows);
const dump = await c.dumpDataDir('none');
console.log('dump', Date.now() - t, dump.size); t = Date.now();
const c2 = await PGlite.create({ extensions: { postgis, pg_trgm }, loadDataDir: dump });
console.log('load', Date.now() - t); t = Date.now();
console.log((await c2.query(`select count(*) from companies`)).rows);
console.log('q', Date.now() - t);
