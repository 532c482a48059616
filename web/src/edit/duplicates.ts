import type { CompanyDraft } from './company-draft.ts';

export type Duplicate = { id: number; name: string; reason: string };

/** The firms a new one may duplicate (`GET /api/look-alikes`), each with why, as the warning lists them. */
export async function duplicatesOf(draft: CompanyDraft): Promise<Duplicate[]> {
  const query = new URLSearchParams({ name: draft.name, country: draft.country });
  const [lon, lat] = draft.location.coordinates;
  if (Number.isFinite(lon) && Number.isFinite(lat)) {
    query.set('lon', String(lon));
    query.set('lat', String(lat));
  }
  if (draft.officialId) query.set('officialId', draft.officialId);
  const response = await fetch(`/api/look-alikes?${query}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) return [];
  const { lookAlikes } = (await response.json()) as { lookAlikes: { id: number; name: string; reason: string; distanceM: number | null }[] };
  return lookAlikes.map((l) => ({ id: l.id, name: l.name, reason: l.reason === 'officialId' ? 'officialId' : `${Math.round(l.distanceM ?? 0)} m` }));
}
