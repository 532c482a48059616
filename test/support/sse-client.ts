/** One Server-Sent Event as the client reads it; `comment` for a line starting with a colon. */
export type SseEvent = { event?: string; id?: string; data?: string; retry?: number; comment?: string };

export type SseStream = {
  status: number;
  headers: Headers;
  /** The next event (or comment) that matches, within `ms`; rejects when the stream ends first. */
  next(match?: (event: SseEvent) => boolean, ms?: number): Promise<SseEvent>;
  /** Resolves once the server has ended the stream, rejects after `ms`. */
  ended(ms?: number): Promise<void>;
  close(): void;
};

/** Parses the text of an event stream (the WHATWG rules, blank line ending an event). */
export function parseSse(block: string): SseEvent {
  const event: SseEvent = {};
  for (const line of block.split(/\r\n|\r|\n/)) {
    if (line.startsWith(':')) event.comment = line.slice(1).trim();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const field = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event.event = value;
    else if (field === 'id') event.id = value;
    else if (field === 'retry') event.retry = Number(value);
    else if (field === 'data') event.data = event.data === undefined ? value : `${event.data}\n${value}`;
  }
  return event;
}

/** A real event-stream client over fetch: what the server sent, event by event. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: SseEvent[] = [];
  let waiters: (() => void)[] = [];
  let done = false;
  const wakeAll = () => {
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };
  if (response.ok && response.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let separator: RegExpExecArray | null;
          while ((separator = /\r?\n\r?\n/.exec(buffer))) {
            const block = buffer.slice(0, separator.index);
            buffer = buffer.slice(separator.index + separator[0].length);
            events.push(parseSse(block));
            wakeAll();
          }
        }
      } catch {
        // Aborted by close(): the stream ends.
      }
      done = true;
      wakeAll();
    })();
  } else {
    done = true;
  }
  let read = 0;
  return {
    status: response.status,
    headers: response.headers,
    async next(match = () => true, ms = 2_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        while (read < events.length) {
          const event = events[read++]!;
          if (match(event)) return event;
        }
        if (done) throw new Error('the stream ended');
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching event within ${ms} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    async ended(ms = 2_000) {
      const deadline = Date.now() + ms;
      while (!done) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`the stream was still open after ${ms} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () => abort.abort(),
  };
}
