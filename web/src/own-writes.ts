/**
 * This page's own writes, so that one write refreshes the page once: the editor's form refreshes
 * what it changed as soon as the write is answered (its `done()`), and the live event (or the
 * poll) that announces the same data version then has nothing left to show. A write's answer
 * names the data version that includes it (`X-Data-Version`); a version the page has refreshed
 * for, by its own write or by an earlier announcement, is not refreshed for again.
 */
export type OwnWrites = {
  /** A write of this page leaves. */
  started(): void;
  /**
   * Its answer came: `version` when it was written (the page refreshes for it at once), null when
   * it was refused or failed (nothing changed, the page refreshes nothing).
   */
  answered(version: number | null): void;
  /**
   * A newer data version was announced: `refresh` runs unless the page holds it already. While
   * writes of the page are out, the announcement waits for their answers (it may be theirs).
   */
  announced(version: number, refresh: () => void): void;
};

export function createOwnWrites(): OwnWrites {
  let out = 0;
  let held = 0;
  let waiting: { version: number; refresh: () => void } | undefined;
  const offer = (version: number, refresh: () => void) => {
    if (version <= held) return;
    held = version;
    refresh();
  };
  return {
    started() {
      out += 1;
    },
    answered(version) {
      out = Math.max(0, out - 1);
      if (version !== null) held = Math.max(held, version);
      if (out > 0 || !waiting) return;
      const { version: announcedVersion, refresh } = waiting;
      waiting = undefined;
      offer(announcedVersion, refresh);
    },
    announced(version, refresh) {
      if (out === 0) return offer(version, refresh);
      // Only the newest announcement matters: a refresh reads everything at the current version.
      if (!waiting || version >= waiting.version) waiting = { version, refresh };
    },
  };
}
