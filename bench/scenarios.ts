import { createRandom } from '../db/seed/random.ts';

/** The area where the synthetic firms are (the partner territories). */
const AREA = { west: 6.5, south: 45.55, east: 7.7, north: 46.22 };

export const TRENDS_SCENARIO = 'trends, 20 years, partner territories × sectors';

export type Scenario = { name: string; paths: string[] };

/** The date of the tiles as of a date: a year's end, as the map's time slider asks for. */
export const BENCH_AS_OF = '2010-12-31';

function tilePaths(layer: string, z: number, count: number, seed: number, query = ''): string[] {
  const random = createRandom(seed);
  const n = 2 ** z;
  const tx = (lon: number) => Math.floor(((lon + 180) / 360) * n);
  const ty = (lat: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  };
  const [x0, x1, y0, y1] = [tx(AREA.west), tx(AREA.east), ty(AREA.north), ty(AREA.south)];
  const paths = new Set<string>();
  for (let i = 0; i < count * 4 && paths.size < count; i++) {
    paths.add(`/api/tiles/${layer}/${z}/${random.int(x0, x1)}/${random.int(y0, y1)}.mvt${query}`);
  }
  return [...paths];
}

/** A representative spread of requests for each measured endpoint, the same on every run (firm ids 1 to `size`). */
export function scenarios(size: number): Scenario[] {
  const random = createRandom(42);
  const lon = () => AREA.west + random.next() * (AREA.east - AREA.west);
  const lat = () => AREA.south + random.next() * (AREA.north - AREA.south);
  const sectors = ['outdoor', 'phyto_wellbeing', 'building_renovation'];
  const nearby = Array.from({ length: 200 }, () =>
    `/api/nearby?lon=${lon().toFixed(5)}&lat=${lat().toFixed(5)}&radius=20000&limit=20&sector=${random.pick(sectors)}`);
  const bbox = Array.from({ length: 200 }, () => {
    const [x, y] = [lon(), lat()];
    return `/api/companies?bbox=${x.toFixed(4)},${y.toFixed(4)},${(x + 0.1).toFixed(4)},${(y + 0.07).toFixed(4)}&limit=100`;
  });
  const partners = Array.from({ length: 200 }, () => `/api/companies/${random.int(1, size)}/partners?crossBorder=true&limit=10`);
  return [
    { name: 'trivial endpoint (/api/live)', paths: ['/api/live'] },
    { name: 'nearby, 20 nearest with a sector filter', paths: nearby },
    { name: 'bbox listing, 100 per page', paths: bbox },
    { name: 'partner suggestions, 10 across the border', paths: partners },
    ...(['companies', 'density', 'links'] as const).flatMap((layer) => [
      { name: `${layer} tiles z6`, paths: tilePaths(layer, 6, 12, 6) },
      { name: `${layer} tiles z10`, paths: tilePaths(layer, 10, 60, 10) },
      { name: `${layer} tiles z14`, paths: tilePaths(layer, 14, 200, 14) },
    ]),
    ...[6, 10, 14].map((z) => ({ name: `companies tiles as of ${BENCH_AS_OF} z${z}`, paths: tilePaths('companies', z, z === 6 ? 12 : z === 10 ? 60 : 200, z, `?asOf=${BENCH_AS_OF}`) })),
    { name: TRENDS_SCENARIO, paths: ['/api/stats/trends?by=territory,sector&level=partner&from=2006&to=2025'] },
  ];
}
