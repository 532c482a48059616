/**
 * Calls `onChange` with the new version when the registry's data version moves on: the tiles' URLs carry the version
 * and are cached for good, so an open tab would otherwise keep showing what it first loaded.
 * It checks every `everyMs` while the page is in view, and as soon as it comes back into view.
 */
export function watchDataVersion(read: () => Promise<number>, onChange: (version: number) => void, everyMs = 60_000): void {
  let known: number | undefined;
  const check = async () => {
    if (document.visibilityState !== 'visible') return;
    let version: number;
    try {
      version = await read();
    } catch {
      // Offline for a moment: the next check tries again; the map keeps what it shows.
      return;
    }
    if (known !== undefined && version !== known) onChange(version);
    known = version;
  };
  void check();
  setInterval(() => void check(), everyMs);
  document.addEventListener('visibilitychange', () => void check());
}
