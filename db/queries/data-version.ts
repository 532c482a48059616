import { sql } from 'drizzle-orm';
import type { Database } from '../database.ts';

/** The registry's data version: it changes with every write (see migration 0003). */
export async function readDataVersion(db: Database): Promise<number> {
  const [row] = await db.rows<{ version: number | string }>(sql`SELECT version FROM data_version`);
  return Number(row?.version ?? 0);
}
