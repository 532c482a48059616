import { reportWritesTo } from './edit/edit-api.ts';
import { type LiveChange, followLiveUpdates } from './live-updates.ts';
import { createOwnWrites } from './own-writes.ts';

/**
 * Calls `onChange` for each write made elsewhere (another page, an import, another process), as
 * the live events (or the poll) announce it, but not for this page's own writes: the edit form
 * refreshes what it changed once the write is answered (its `done()`), and the event of the same
 * version would do it a second time.
 */
export function followWrites(url: string, readVersion: () => Promise<number>, onChange: (change: LiveChange) => void): void {
  const own = createOwnWrites();
  reportWritesTo(own);
  followLiveUpdates(url, readVersion, own, onChange);
}
