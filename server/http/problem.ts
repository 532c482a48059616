import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isCancelledQuery, isConstraintViolation, isDatabaseUnavailable } from '../../db/errors.ts';

/** One offending input: `field` is the query parameter or body path (`location.coordinates`). */
export type FieldError = { field: string; message: string };

/** RFC 9457 problem details: the one error shape of the whole API. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  /** A stale `If-Match` (412): the record as it is now, and its ETag to send back once reapplied. */
  current?: unknown;
  etag?: string;
};

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition failed',
  413: 'Request body too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Thrown anywhere below a route to answer with a problem; never logged as a failure. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    detail: string,
    readonly errors?: FieldError[],
    /** Headers the answer carries: `Retry-After` for a 429, a cleared cookie for an ended session. */
    readonly headers?: Record<string, string>,
    /** Members the problem carries beyond the standard ones (a 412's `current` and `etag`). */
    readonly members?: Pick<Problem, 'current' | 'etag'>,
  ) {
    super(detail);
  }

  static invalid(errors: FieldError[]): ApiError {
    const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return new ApiError(400, detail, errors);
  }

  static notFound(what: string): ApiError {
    return new ApiError(404, `${what} does not exist`);
  }
}

/** The problem an error stands for; a plain 500 for anything unforeseen. */
export function problemOf(error: unknown): Problem & { expected: boolean } {
  const problem = (status: number, detail?: string, errors?: FieldError[], expected = true, members?: ApiError['members']) => ({
    type: status === 500 ? 'about:blank' : `/api/problems/${status}`,
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
    ...members,
    expected,
  });
  if (error instanceof ApiError) return problem(error.status, error.message, error.errors, true, error.members);
  if (error instanceof HTTPException && error.status < 500) {
    const malformedJson = /JSON/i.test(error.message);
    return problem(
      error.status,
      malformedJson ? 'The request body is not valid JSON' : error.message,
      malformedJson ? [{ field: 'body', message: 'not valid JSON' }] : undefined,
    );
  }
  if (isConstraintViolation(error)) {
    return problem(409, 'The change conflicts with the current data (it was probably changed meanwhile); reload and retry');
  }
  if (isDatabaseUnavailable(error)) return problem(503, DATABASE_AWAY);
  if (isCancelledQuery(error)) return problem(503, QUERY_TOO_LONG);
  return problem(500, undefined, undefined, false);
}

export function problemResponse(c: Context, status: ContentfulStatusCode, detail?: string, errors?: FieldError[]) {
  const { expected: _expected, ...problem } = problemOf(new ApiError(status, detail ?? '', errors));
  return c.body(JSON.stringify(problem), status, { 'Content-Type': 'application/problem+json' });
}

const DATABASE_AWAY = 'The database cannot be reached at the moment; retry shortly';
const QUERY_TOO_LONG = 'The query took too long and was stopped; narrow the request (a smaller area, more filters) or retry later';

/** Seconds a client should wait before retrying while the service is unavailable. */
const RETRY_AFTER_SECONDS = 5;

/** A 503 that tells the client (or the proxy) when to retry. */
export function unavailableResponse(c: Context, detail: string) {
  const response = problemResponse(c, 503, detail);
  response.headers.set('Retry-After', String(RETRY_AFTER_SECONDS));
  return response;
}

// A database restart or failover takes seconds: a 503 to retry, logged in one line rather than
// with a stack per request while it lasts.
function databaseUnavailable(c: Context, log: (message: string, error: unknown) => void) {
  log(`${c.req.method} ${c.req.path}: the database is unavailable`, '');
  return unavailableResponse(c, DATABASE_AWAY);
}

/** The app's onError: known errors become their problem, anything else a logged, plain 500. */
export function handleError(log: (message: string, error: unknown) => void) {
  return function onError(error: Error, c: Context) {
    if (isDatabaseUnavailable(error)) return databaseUnavailable(c, log);
    if (isCancelledQuery(error)) {
      log(`${c.req.method} ${c.req.path} took too long: the query was cancelled`, error);
      c.header('Retry-After', '60');
      return problemResponse(c, 503, QUERY_TOO_LONG);
    }
    const { expected, ...problem } = problemOf(error);
    if (!expected) log(`${c.req.method} ${c.req.path} failed`, error);
    const headers = error instanceof ApiError ? error.headers : undefined;
    return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, { ...headers, 'Content-Type': 'application/problem+json' });
  };
}
