import { OpenAPIHono } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import { ApiError, type FieldError } from './problem.ts';
import { ProblemSchema } from '../schemas/features.ts';

export function fieldErrors(error: ZodError, target: string): FieldError[] {
  return error.issues.map((issue) => {
    let path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      path = [path, issue.keys.join(',')].filter(Boolean).join('.');
      return { field: path, message: 'unknown field' };
    }
    return { field: path || (target === 'json' ? 'body' : target), message: issue.message };
  });
}

/** A router whose request validation failures all become one 400 problem naming each field. */
export function createRouter() {
  return new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throw ApiError.invalid(fieldErrors(result.error as ZodError, result.target));
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

export const conflictProblem = problem('Conflicts with the current data (e.g. the same link exists)');

export const writeProblems = {
  ...problems,
  401: problem('Missing or wrong bearer token'),
  403: problem("The token's role is too low for this"),
};
