import { z } from '@hono/zod-openapi';
import { IMPORT_FIELDS, type ImportField, type Mapping } from '../../shared/import-mapping.ts';

const FIELDS = Object.keys(IMPORT_FIELDS) as [ImportField, ...ImportField[]];

/** Column name → import field (or null to leave the column aside); each field from one column at most. */
export const MappingSchema = z
  .record(
    z.string().min(1, 'a column name must not be empty').max(200, 'a column name has at most 200 characters'),
    z.enum(FIELDS, { message: `expected one of ${FIELDS.join(', ')}, or null to leave the column aside` }).nullable(),
  )
  .superRefine((mapping, ctx) => {
    const columns = Object.keys(mapping);
    if (columns.length === 0) ctx.addIssue({ code: 'custom', message: 'maps no column' });
    if (columns.length > 500) ctx.addIssue({ code: 'custom', message: 'at most 500 columns' });
    const seen = new Map<string, string>();
    for (const [column, field] of Object.entries(mapping)) {
      if (field === null) continue;
      const other = seen.get(field);
      if (other !== undefined) ctx.addIssue({ code: 'custom', path: [column], message: `'${field}' is already read from the column '${other}'` });
      seen.set(field, column);
    }
  })
  .transform((mapping) => mapping as Mapping)
  .openapi('ImportMapping', { example: { SIRET: 'officialId', 'Raison sociale': 'name', X: 'x', Y: 'y', Remarque: null } });

/** The mapping of a query parameter, as JSON; its problems are named `mapping` with the column in the message. */
export const mappingParam = z
  .string()
  .transform((text, ctx) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    const result = MappingSchema.safeParse(value);
    if (!result.success) {
      const what = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
      ctx.addIssue({ code: 'custom', message: `expected a JSON object of column → field or null (${what.join('; ')})` });
      return z.NEVER;
    }
    return result.data;
  })
  .optional()
  .openapi({ type: 'string', example: '{"Raison sociale":"name","X":"x","Y":"y"}', description: 'Column → field, overriding the suggested mapping (the report shows the one used)' });

/** A mapping's name: what a person types in the upload page or after `--mapping`. */
export const MappingName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(80, 'at most 80 characters')
  .regex(/^[^\p{Cc}/]+$/u, 'no slash or control character')
  .openapi({ example: 'SIRENE Haute-Savoie' });
