import { sql } from 'drizzle-orm';
import type { Database } from './database.ts';

/**
 * Refreshes the planner's statistics of the tables the reads join, after a bulk write, and
 * vacuums them. The embedded engine runs no autovacuum: without this its planner keeps the row
 * counts of an empty registry and picks plans made for a handful of rows (a nested loop over every
 * firm's territories: `/api/stats` with a sector filter took 0.6 s on the sample registry instead
 * of 8 ms), the rows that edits leave dead are never reclaimed, and no page is marked all-visible,
 * so an index-only scan (db/sql/covering-indexes.sql) still reads every row. A server's
 * autovacuum gets there too, a minute or so later. Outside any transaction (VACUUM cannot run in one).
 */
export async function refreshPlannerStatistics(db: Database): Promise<void> {
  await db.drizzle.execute(sql`VACUUM (ANALYZE) companies, company_territories, links, introductions`);
}
