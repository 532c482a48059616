import { watchDataVersion } from './data-version.ts';

/** What a new data version changed, as GET /api/events names it. */
export type LiveChange = { version: number; firms: number[] | 'many'; links: number[] | 'many' };

/** Failures in a row, without one open stream between, after which the page polls instead. */
const FAILURES_BEFORE_POLLING = 5;
/** The poll of the fallback: slow, as it is only for networks that cut event streams. */
const POLL_MS = 60_000;

/**
 * Calls `onChange` with each new data version the server announces on /api/events: the first
 * event of a stream is the current version (a reconnection after a cut thus catches up at once).
 * EventSource reconnects by itself; should it fail again and again (a proxy that buffers or cuts
 * streams), the page falls back to reading the version every minute.
 */
export function followLiveUpdates(url: string, readVersion: () => Promise<number>, onChange: (change: LiveChange) => void): void {
  if (typeof EventSource === 'undefined') {
    watchDataVersion(readVersion, () => onChange({ version: 0, firms: 'many', links: 'many' }), POLL_MS);
    return;
  }
  let known: number | undefined;
  let failures = 0;
  const source = new EventSource(url);
  source.addEventListener('open', () => {
    failures = 0;
  });
  source.addEventListener('version', (event) => {
    const change = JSON.parse((event as MessageEvent<string>).data) as LiveChange;
    if (known !== undefined && change.version !== known) onChange(change);
    // Scripts (and the tests) can tell when the page follows the writes: from its first event.
    if (known === undefined) performance.mark('atlas-live');
    known = change.version;
  });
  source.addEventListener('error', () => {
    failures += 1;
    if (failures < FAILURES_BEFORE_POLLING) return;
    source.close();
    watchDataVersion(readVersion, () => onChange({ version: 0, firms: 'many', links: 'many' }), POLL_MS);
  });
}
