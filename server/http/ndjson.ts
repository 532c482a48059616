import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import { problemOf } from './problem.ts';

export const NDJSON = 'application/x-ndjson';

/** Whether the caller asked for a streamed answer, one JSON object per line. */
export const wantsNdjson = (c: Context) => (c.req.header('Accept') ?? '').includes(NDJSON);

/**
 * Answers with one JSON object per line while `work` runs: whatever it `send`s (its progress),
 * then `{ result }`, or `{ problem }` (RFC 9457, as the API's errors) if it failed once the answer
 * had begun. The status is already 200 by then: the last line says how it ended.
 */
export function ndjsonResponse<Line, Result>(
  c: Context,
  log: (message: string, error: unknown) => void,
  work: (send: (line: Line) => void) => Promise<Result>,
): Response {
  // Not compressed, cached or buffered by a proxy: each line must reach the page as it is written.
  c.header('Content-Type', `${NDJSON}; charset=utf-8`);
  c.header('Cache-Control', 'no-store, no-transform');
  c.header('X-Accel-Buffering', 'no');
  return stream(c, async (out) => {
    let written = Promise.resolve();
    // A page that went away reads no more lines; the work still completes, as it would unstreamed.
    const send = (line: unknown) => {
      written = written.then(() => out.write(`${JSON.stringify(line)}\n`)).then(() => {}, () => {});
    };
    try {
      send({ result: await work(send) });
    } catch (error) {
      const { expected, ...problem } = problemOf(error);
      if (!expected) log(`${c.req.method} ${c.req.path} failed`, error);
      send({ problem });
    }
    await written;
  });
}
