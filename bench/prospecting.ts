import { type LoadResult, load } from './load.ts';
import { type Timing, percentiles, timeHttp } from './timing.ts';

/** The Prospecting page's list and the observatory's introductions statistics, as staff ask for them. */
export type ProspectingRow = { scenario: string; introductions: number; http: Timing; loaded: LoadResult };

/** What the bench seeds: the 10,000 introductions at 100,000 firms. */
export const introductionsFor = (size: number) => Math.round(size / 10);

const SCENARIOS: Array<{ name: string; paths: string[] }> = [
  { name: 'Prospecting list, first page (100, overdue first)', paths: ['/api/introductions?limit=100'] },
  {
    name: 'Prospecting list, filtered (stage, overdue, country, sector)',
    paths: ['/api/introductions?stage=proposed,contacted&limit=100', '/api/introductions?overdue=true&limit=100', '/api/introductions?country=IT&sector=outdoor&limit=100', '/api/introductions?dormant=proposed&limit=100'],
  },
  {
    name: 'introductions statistics (by territory, country, sector)',
    paths: ['/api/stats/introductions?by=territory', '/api/stats/introductions?by=country', '/api/stats/introductions?by=sector'],
  },
];

/**
 * Times each scenario for one client (p95 is the target) and under `connections`, as a member of
 * staff: the admin token stands for the session cookie, which costs the same lookup.
 */
export async function timeProspecting(base: string, token: string, { seconds, connections }: { seconds: number; connections: number }): Promise<ProspectingRow[]> {
  const headers = { authorization: `Bearer ${token}` };
  const counted = (await (await fetch(`${base}/api/introductions?limit=1`, { headers })).json()) as { numberMatched?: number };
  const introductions = counted.numberMatched ?? 0;
  if (introductions === 0) throw new Error('The bench registry holds no introduction: the Prospecting figures would measure an empty list');
  const rows: ProspectingRow[] = [];
  for (const scenario of SCENARIOS) {
    const requests = scenario.paths.map((path) => ({ path, method: 'GET' as const, headers }));
    await load(base, requests, { seconds: 2, connections: 2 });
    const http = await timeHttp(base, scenario.paths, 100, headers);
    if (!http) throw new Error(`${scenario.name}: nothing was timed`);
    const loaded = await load(base, requests, { seconds, connections });
    if (loaded.errors + loaded.non2xx > 0) throw new Error(`${scenario.name}: ${loaded.errors + loaded.non2xx} of ${loaded.requests} requests failed`);
    rows.push({ scenario: scenario.name, introductions, http, loaded });
  }
  return rows;
}

/**
 * The statistics as a member gets them right after an adviser's write (a note added to an
 * introduction): computed again, not the last answer kept. One client, by territory, country and
 * sector in turn; each write is made first and not timed.
 */
export async function timeStatisticsAfterWrites(base: string, token: string, rounds = 30): Promise<Timing> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const listed = (await (await fetch(`${base}/api/introductions?limit=1`, { headers })).json()) as { introductions?: Array<{ id: number }> };
  const id = listed.introductions?.[0]?.id;
  if (id === undefined) throw new Error('The bench registry holds no introduction to write to');
  const by = ['territory', 'country', 'sector'];
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const written = await fetch(`${base}/api/introductions/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ note: `Bench write ${i}` }) });
    if (!written.ok) throw new Error(`The write before the statistics failed: ${written.status}`);
    const timing = await timeHttp(base, [`/api/stats/introductions?by=${by[i % by.length]}`], 1, { authorization: headers.authorization });
    times.push(timing!.p50);
  }
  return percentiles(times);
}

