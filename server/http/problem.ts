import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One offending input: `field` is the query parameter or body path (`location.coordinates`). */
export type FieldError = { field: string; message: string };

/** RFC 9457 problem details: the one error shape of the whole API. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
};

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
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

export function problemResponse(c: Context, status: ContentfulStatusCode, detail?: string, errors?: FieldError[]) {
  const problem: Problem = {
    type: status === 500 ? 'about:blank' : `/api/problems/${status}`,
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  };
  return c.body(JSON.stringify(problem), status, { 'Content-Type': 'application/problem+json' });
}

// Drizzle wraps the driver's error, so look at the cause too.
function sqlState(error: unknown): string {
  const code = (e: unknown) => (e as { code?: unknown } | undefined)?.code;
  return String(code(error) ?? code((error as { cause?: unknown }).cause));
}

// Unique and foreign-key violations: the checks before a write passed, but a concurrent write won the race.
const isConstraintViolation = (error: unknown) => ['23505', '23503'].includes(sqlState(error));

// query_canceled: the statement_timeout of the server engine stopped a query that ran too long.
const isCancelledQuery = (error: unknown) => sqlState(error) === '57014';

/** The app's onError: known errors become their problem, anything else a logged, plain 500. */
export function handleError(log: (message: string, error: unknown) => void) {
  return function onError(error: Error, c: Context) {
    if (error instanceof ApiError) return problemResponse(c, error.status, error.message, error.errors);
    if (error instanceof HTTPException && error.status < 500) {
      const malformedJson = /JSON/i.test(error.message);
      return problemResponse(
        c,
        error.status,
        malformedJson ? 'The request body is not valid JSON' : error.message,
        malformedJson ? [{ field: 'body', message: 'not valid JSON' }] : undefined,
      );
    }
    if (isConstraintViolation(error)) {
      return problemResponse(c, 409, 'The change conflicts with the current data (it was probably changed meanwhile); reload and retry');
    }
    if (isCancelledQuery(error)) {
      log(`${c.req.method} ${c.req.path} took too long: the query was cancelled`, error);
      c.header('Retry-After', '60');
      return problemResponse(c, 503, 'The query took too long and was stopped; narrow the request (a smaller area, more filters) or retry later');
    }
    log(`${c.req.method} ${c.req.path} failed`, error);
    return problemResponse(c, 500);
  };
}
