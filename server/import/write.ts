import type { Database } from '../../db/database.ts';
import { refreshPlannerStatistics } from '../../db/planner-statistics.ts';
import { type BulkWrite, type Company, type CompanyInput, reserveCompanyIds, writeCompanies } from '../../db/queries/companies.ts';
import { type Author, companyChanges } from '../../db/queries/history.ts';
import { batches } from './batches.ts';
import type { ImportProgress } from './report.ts';

/**
 * Writes the firms an import creates and updates in a single transaction, so that an import is
 * either wholly in or not at all, a batch per statement, with the count written after each.
 */
export async function writeImport(db: Database, creates: CompanyInput[], updates: BulkWrite[], author: Author, progress: (progress: ImportProgress) => void): Promise<void> {
  const total = creates.length + updates.length;
  const importer = { ...author, action: 'import' as const };
  progress({ phase: 'writing', done: 0, total });
  await db.drizzle.transaction(async (tx) => {
    const ids = await reserveCompanyIds(tx, creates.length);
    const inserts = creates.map((input, i): BulkWrite => {
      const company = { id: ids[i]!, ...input } as Company;
      return { id: company.id, input, changes: companyChanges(null, company) };
    });
    const writes = [...batches(inserts).map((batch) => ['insert', batch] as const), ...batches(updates).map((batch) => ['update', batch] as const)];
    let done = 0;
    for (const [mode, batch] of writes) {
      await writeCompanies(tx, mode, batch, importer);
      done += batch.length;
      progress({ phase: 'writing', done, total });
    }
  });
  await refreshPlannerStatistics(db);
}
