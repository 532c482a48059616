import { eq, sql } from 'drizzle-orm';
import type { Database } from '../database.ts';
import { actors } from '../schema.ts';
import { type ActorKind, type Country, type Sector } from '../../shared/vocabulary.ts';

export type Actor = {
  id: number;
  name: string;
  kind: ActorKind;
  country: Country;
  communeName: string;
  location: [number, number];
  website: string | null;
  sectors: Sector[];
  territories: string[];
};

export type ActorInput = Omit<Actor, 'id'>;

export async function listActors(db: Database): Promise<Actor[]> {
  const records = await db.drizzle.select().from(actors).orderBy(actors.id);
  return records.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    country: r.country,
    communeName: r.communeName,
    location: [r.location.x, r.location.y],
    website: r.website,
    sectors: r.sectors,
    territories: r.territories,
  }));
}

export async function insertActors(db: Database['drizzle'], inputs: ActorInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await db.insert(actors).values(
    inputs.map(({ location, ...rest }) => ({ ...rest, location: { x: location[0], y: location[1] } })),
  );
}

export async function countActors(db: Database): Promise<number> {
  const [row] = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM actors`);
  return row?.n ?? 0;
}

/** One support organisation's country, or undefined when there is none of that id. */
export async function actorCountry(db: Database, id: number): Promise<Country | undefined> {
  const [row] = await db.drizzle.select({ country: actors.country }).from(actors).where(eq(actors.id, id));
  return row?.country;
}
