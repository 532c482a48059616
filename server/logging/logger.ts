import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** pino's levels, least verbose last but one; `silent` writes nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Whatever an error or a detail might carry that must never reach a log line: the request's
 * credentials, and the secrets of a body. The request lines name none of them anyway; this is
 * for what an error object drags along.
 */
const REDACTED = [
  'headers.authorization', 'headers.cookie', '*.headers.authorization', '*.headers.cookie',
  'password', '*.password', 'token', '*.token', 'secret', '*.secret',
];

/**
 * The Atlas's logger: one JSON line per entry on `destination` (standard output by default),
 * its time in ISO 8601.
 */
export function createLogger({ level, destination }: { level: LogLevel; destination?: DestinationStream }): Logger {
  const options: LoggerOptions = {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED, censor: '[redacted]' },
  };
  return pino(options, destination ?? pino.destination({ fd: 1, sync: true }));
}

/** A logger that writes nothing (tests, and the OpenAPI document's build). */
export const silentLogger = (): Logger => pino({ level: 'silent' });

/** Logs a failure at level error: an Error with its stack as `err`, anything else as `detail`. */
export function logError(log: Logger, message: string, error: unknown): void {
  if (error instanceof Error) log.error({ err: error }, message);
  else if (error === undefined || error === '') log.error(message);
  else log.error({ detail: error }, message);
}
