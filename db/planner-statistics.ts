import { sql } from 'drizzle-orm';
import type { Database } from './database.ts';

/**
 * Refreshes the planner's statistics of the tables the reads join, after a bulk write. The
 * embedded engine runs no autovacuum: without this its planner keeps the row counts of an empty
 * registry and picks plans made for a handful of rows (a nested loop over every firm's
 * territories: `/api/stats` with a sector filter took 0.6 s on the sample registry instead of
 * 8 ms). A server's autovacuum gets there too, a minute or so later.
 */
export async function refreshPlannerStatistics(db: Database): Promise<void> {
  await db.drizzle.execute(sql`ANALYZE companies, company_territories, links`);
}
