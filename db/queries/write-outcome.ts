/** What a conditional write found: done, no such record, or a version the caller did not expect. */
export type WriteOutcome = 'done' | 'missing' | 'stale';
