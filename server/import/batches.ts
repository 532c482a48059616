/**
 * Rows are checked, and firms looked up and written, this many at a time: each batch of writes is
 * one statement (the statement-level triggers keeping the tile cells, territories and data version
 * run once per batch), and progress is reported after each batch.
 */
export const BATCH = 5000;

/** `items` in batches of `BATCH`, in order. */
export const batches = <T>(items: T[]): T[][] => Array.from({ length: Math.ceil(items.length / BATCH) }, (_, i) => items.slice(i * BATCH, (i + 1) * BATCH));
