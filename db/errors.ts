// How the API tells apart what the database threw: a conflict to report, a query stopped for
// taking too long, or a database out of reach for now. Drizzle wraps the driver's error in
// `cause`, and a connection to a host with several addresses fails with an `AggregateError` of one
// error per address, so every check looks through both.

// What the drivers throw when the database cannot answer at all (as opposed to refusing a query):
// the network's codes, postgres.js's own, and the SQLSTATEs of a server that is going down,
// starting up or full (classes 08 and 57P, and 53300).
const UNREACHABLE = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
  '57P01', '57P02', '57P03', '53300',
]);

/** Whether the error, or one it wraps, carries a `code` that `matches`. */
function hasCode(error: unknown, matches: (code: string) => boolean, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && matches(code)) return true;
  if (Array.isArray(errors) && errors.some((e) => hasCode(e, matches, depth + 1))) return true;
  return hasCode(cause, matches, depth + 1);
}

/** The database is out of reach for now: the request may succeed if retried later. */
export const isDatabaseUnavailable = (error: unknown) =>
  hasCode(error, (code) => UNREACHABLE.has(code) || code.startsWith('08'));

/** A unique or foreign-key violation: the checks before a write passed, but a concurrent write won the race. */
export const isConstraintViolation = (error: unknown) => hasCode(error, (code) => code === '23505' || code === '23503');

/** query_canceled: the server engine's statement_timeout stopped a query that ran too long. */
export const isCancelledQuery = (error: unknown) => hasCode(error, (code) => code === '57014');
