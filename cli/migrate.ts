/** `npm run db:migrate`: applies the pending migrations to the configured database, then exits. */
import { parseConfig } from '../server/config.ts';
import { createDb } from '../db/create-db.ts';

const config = parseConfig(process.env);
const db = await createDb({ url: config.databaseUrl, dataDir: config.dataDir });
console.log(`Migrations applied (${db.engine}${config.databaseUrl ? '' : `, ${config.dataDir}`})`);
await db.close();
