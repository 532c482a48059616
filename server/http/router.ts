import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import { ApiError, type FieldError } from './problem.ts';
import { ProblemSchema } from '../schemas/features.ts';

export function fieldErrors(error: ZodError, target: string): FieldError[] {
  const whole = target === 'json' ? 'body' : target;
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    // One error per unknown field, each named; a field without a name is blamed on what holds it.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [path, key].filter(Boolean).join('.') || whole, message: key ? 'unknown field' : "unknown field ''" }));
    }
    return [{ field: path || whole, message: issue.message }];
  });
}

/** What PostgreSQL cannot store in a string, and what the 400 says about it. */
const UNSTORABLE: Array<{ test: (text: string) => boolean; message: string }> = [
  { test: (text) => text.includes('\u0000'), message: 'must not contain a NUL character (\\u0000)' },
  // A lone surrogate (`"\ud800"` in JSON) is no character: text stores it as U+FFFD, altered, and
  // jsonb (the history, the timelines) refuses it.
  { test: (text) => /\p{Cs}/u.test(text), message: 'must be well-formed Unicode (no lone surrogate)' },
];

/** Each string in `value` that cannot be stored, by its path (`commune.name`, `members.0`). */
function unstorable(value: unknown, path: string[] = []): Array<{ path: string; message: string }> {
  if (typeof value === 'string') {
    const flaw = UNSTORABLE.find(({ test }) => test(value));
    return flaw ? [{ path: path.join('.'), message: flaw.message }] : [];
  }
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => unstorable(item, [...path, key]));
  return [];
}

/**
 * Refuses validated input holding a NUL character or a lone surrogate, naming each field:
 * PostgreSQL cannot store either as sent, and no name, code or search needs them.
 */
export function assertStorableText(value: unknown, target: string): void {
  const whole = target === 'json' ? 'body' : target;
  const flaws = unstorable(value);
  if (flaws.length) throw ApiError.invalid(flaws.map(({ path, message }) => ({ field: path || whole, message })));
}

/** A router whose request validation failures all become one 400 problem naming each field. */
export function createRouter() {
  return new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throw ApiError.invalid(fieldErrors(result.error as ZodError, result.target));
      assertStorableText(result.data, result.target);
    },
  });
}

/** An `application/json` response or body of a route definition. */
export const jsonContent = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** Error responses documented on every route. */
export const problems = {
  400: problem('Invalid parameter or body: `errors` names each field'),
  404: problem('No such resource'),
};

/** The request headers of a conditional write: `If-Match`, optional. */
export const ifMatchHeaders = z.object({
  'if-match': z.string().optional().openapi({
    description:
      'The `ETag` of the read this change is based on: with it the write happens only if the record has not changed ' +
      'since (else a 412 with the record as it is now); without it the write goes through, as for scripts.',
    example: '"r3"',
  }),
});

/** The 412 of a stale `If-Match`, with the record (`current`, of `schema`) as it is now and its `etag`. */
export const staleProblem = (schema: z.ZodType, name: string) => ({
  description: 'The record has changed since the `If-Match` version: nothing was written',
  content: {
    'application/problem+json': {
      schema: ProblemSchema.extend({
        current: schema.openapi({ description: 'The record as it is now' }),
        etag: z.string().openapi({ description: 'Its ETag, for the If-Match of a write that reapplies the change' }),
      }).openapi(name),
    },
  },
});

export const conflictProblem = problem('Conflicts with the current data (e.g. the same link exists)');

export const writeProblems = {
  ...problems,
  401: problem('Not signed in (or the session ended), or a missing or wrong bearer token'),
  403: problem("The role is too low for this, the firm is outside the account's countries, or the write came from another site"),
};
