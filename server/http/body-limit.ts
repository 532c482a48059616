import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './problem.ts';

/** `1 MB`, `512 kB`, `300 B`: a limit as a person reads it. */
export function formatBytes(bytes: number): string {
  const units: [string, number][] = [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['kB', 1024]];
  const [unit, size] = units.find(([, size]) => bytes >= size) ?? ['B', 1];
  return `${Number((bytes / size).toFixed(1))} ${unit}`;
}

/**
 * Refuses a request body over `maxBytes` with a 413 problem, before it is read whole: by its
 * Content-Length, or while it streams in when it has none. `detail` says what to do instead.
 */
export function limitBody(maxBytes: number, detail = `The request body is larger than ${formatBytes(maxBytes)}`): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, detail, [{ field: 'body', message: `larger than ${formatBytes(maxBytes)}` }]);
    },
  });
}
