import { type SQL, sql } from 'drizzle-orm';

/** A list of values as one SQL array parameter list (an empty list stays typed). */
export const textArray = (values: readonly string[]): SQL =>
  values.length ? sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]` : sql`'{}'::text[]`;

export const intArray = (values: readonly number[]): SQL =>
  values.length ? sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::int[]` : sql`'{}'::int[]`;
