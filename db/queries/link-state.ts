import type { links } from '../schema.ts';

export type LinkRecord = typeof links.$inferSelect;

/** A link as the history records it: in a `link` entry of its firms, or among a deleted firm's links. */
export type LinkState = { id: number; from: number; to: number; kind: LinkRecord['kind']; since: number | null; note: string | null };

export const linkState = (l: LinkRecord): LinkState => ({ id: l.id, from: l.fromId, to: l.toId, kind: l.kind, since: l.since, note: l.note });
