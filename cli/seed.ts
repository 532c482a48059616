/**
 * `npm run seed`: replaces the sample firms, their links and the actors with a fresh copy of the
 * deterministic sample registry. Firms entered by hand or imported are kept.
 */
import { parseConfig } from '../server/config.ts';
import { createDb } from '../db/create-db.ts';
import { seedRegistry } from '../db/seed/seed.ts';

const config = parseConfig(process.env);
const db = await createDb({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  const started = Date.now();
  const seeded = await seedRegistry(db);
  console.log(`Sample registry loaded: ${seeded.companies} fictitious firms, ${seeded.links} links, ${seeded.introductions} introductions (${Date.now() - started} ms)`);
} finally {
  await db.close();
}
