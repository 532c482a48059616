/**
 * Where to send a person once signed in: a path of the Atlas only. `//host` and `/\host` are
 * read by browsers as another site, so a crafted link cannot bounce a fresh session elsewhere.
 */
export function safeNext(next: string | undefined | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
