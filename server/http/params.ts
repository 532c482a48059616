import { z } from '@hono/zod-openapi';
import { BBOX_FORMAT, parseBBox } from '../../shared/bbox.ts';

/** Query-string building blocks shared by every read endpoint, each with a message a person can act on. */

// A parameter given twice (`?sector=a&sector=b`) arrives as an array: read it as `a,b`.
const oneString = (value: unknown) => (Array.isArray(value) ? value.join(',') : value);

export function csvEnumParam<const T extends readonly [string, ...string[]]>(values: T, example: string) {
  return z
    .preprocess(oneString, z.string())
    .transform((text, ctx) => {
      const items = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
      const unknown = items.filter((item) => !values.includes(item));
      if (unknown.length > 0 || items.length === 0) {
        ctx.addIssue({
          code: 'custom',
          message: `${unknown.length ? `unknown value ${unknown.map((u) => `'${u}'`).join(', ')}` : 'empty list'}; expected a comma-separated list of ${values.join(', ')}`,
        });
        return z.NEVER;
      }
      return [...new Set(items)] as T[number][];
    })
    .optional()
    .openapi({ type: 'string', example, description: `Comma-separated, any of: ${values.join(', ')}` });
}

export const bboxParam = z
  .preprocess(oneString, z.string())
  .transform((text, ctx) => {
    const bbox = parseBBox(text);
    if (!bbox) ctx.addIssue({ code: 'custom', message: `expected ${BBOX_FORMAT}` });
    return bbox ?? z.NEVER;
  })
  .optional()
  .openapi({ type: 'string', example: '6.7,45.8,7.1,46.0', description: BBOX_FORMAT });

export function numberParam(min: number, max: number, options: { integer?: boolean } = {}) {
  const kind = options.integer ? 'an integer' : 'a number';
  return z
    .preprocess(oneString, z.string({ error: 'required' }))
    .transform((text, ctx) => {
      const value = text.trim() === '' ? Number.NaN : Number(text);
      const ok = Number.isFinite(value) && value >= min && value <= max && (!options.integer || Number.isInteger(value));
      if (!ok) {
        ctx.addIssue({ code: 'custom', message: `must be ${kind} from ${min} to ${max}` });
        return z.NEVER;
      }
      return value;
    })
    .openapi({ type: options.integer ? 'integer' : 'number', minimum: min, maximum: max });
}

export const limitParam = (defaultLimit: number, max: number) =>
  numberParam(1, max, { integer: true })
    .optional()
    .openapi({ type: 'integer', minimum: 1, maximum: max, default: defaultLimit, description: `Page size (default ${defaultLimit}, max ${max})` });

export const qParam = z
  .preprocess(oneString, z.string().max(200, 'at most 200 characters'))
  .optional()
  .openapi({ type: 'string', example: 'pré saint didier', description: 'Words searched in name, commune and description; case- and accent-insensitive' });

export const communeParam = z
  .preprocess(oneString, z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'))
  .optional()
  .openapi({ type: 'string', example: '74056', description: 'Official commune code (INSEE, ISTAT, BFS) or name' });

export const withinParam = z
  .preprocess(oneString, z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, 'expected a territory id (see /api/territories)'))
  .optional()
  .openapi({ type: 'string', example: 'fr-cc-chamonix', description: 'Only the firms of this territory (its id, see /api/territories)' });

export const booleanParam = z
  .preprocess(oneString, z.enum(['true', 'false'], { message: "expected 'true' or 'false'" }))
  .transform((text) => text === 'true')
  .optional()
  .openapi({ type: 'string', enum: ['true', 'false'] });

/** Keyset cursor: the last id of the previous page, opaque to clients. */
export const cursorParam = z
  .preprocess(oneString, z.string())
  .transform((text, ctx) => {
    const decoded = /^[A-Za-z0-9_-]+$/.test(text) ? Buffer.from(text, 'base64url').toString('utf8') : '';
    const id = /^id:\d{1,10}$/.test(decoded) ? Number(decoded.slice(3)) : Number.NaN;
    if (!Number.isSafeInteger(id)) {
      ctx.addIssue({ code: 'custom', message: 'not a cursor this API gave out (use the `next` link as it is)' });
      return z.NEVER;
    }
    return id;
  })
  .optional()
  .openapi({ type: 'string', description: 'Opaque; follow the `next` link of the previous page' });

export const encodeCursor = (lastId: number) => Buffer.from(`id:${lastId}`).toString('base64url');

export const idParam = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, 'must be a positive integer id')
    .transform(Number)
    .refine((id) => id <= 2_147_483_647, 'must be a positive integer id')
    .openapi({ param: { name: 'id', in: 'path' }, type: 'integer', example: 1 }),
});
