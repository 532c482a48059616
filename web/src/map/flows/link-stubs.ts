import type { Feature, FeatureCollection, LineString, Point } from 'geojson';

/**
 * Single links at zoom 12–14, drawn so that a view can be read: a link with both ends in view
 * (and not as long as the view) as itself; one with an end outside as a short stub from the end
 * in view toward the other, the stubs of one commune toward one far commune bundled into one and
 * labelled with the far place and count. Fewer than MAX_LINK_FEATURES lines, whatever the view:
 * over budget, whole links fold into stubs too, then stubs of one commune into one per direction.
 * The selected firm's links are drawn whole and highlighted, the others dimmed.
 */
export const MAX_LINK_FEATURES = 40;
/** A link longer than this share of the view's diagonal would cross it: its ends get stubs instead. */
export const MAX_WHOLE_SHARE = 0.5;
/** Stubs are this long on screen (px), or a tenth of the view's diagonal on a small screen. */
const STUB_PX = 70;

export type LinkEnd = { id: number; name: string; commune: { code: string; name: string }; at: [number, number] };
export type ViewLink = { id: number; from: LinkEnd; to: LinkEnd; crossBorder: boolean; coordinates: [number, number][] };
export type ScreenView = {
  width: number;
  height: number;
  project(lngLat: [number, number]): [number, number];
  unproject(point: [number, number]): [number, number];
};
export type StubFeatures = { features: FeatureCollection<LineString | Point>; lines: number; folded: number };

type Stub = { near: LinkEnd; far: LinkEnd; crossBorder: boolean };
type Bundle = { key: string; stubs: Stub[] };

const SECTORS = ['E', 'NE', 'N', 'NW', 'W', 'SW', 'S', 'SE'] as const;

function sectorOf([dx, dy]: [number, number]): string {
  const angle = Math.atan2(-dy, dx);
  return SECTORS[(Math.round(angle / (Math.PI / 4)) + 8) % 8]!;
}

const inView = ([x, y]: [number, number], v: ScreenView) => x >= 0 && y >= 0 && x <= v.width && y <= v.height;
const mean = (points: [number, number][]): [number, number] =>
  [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];

function bundle(stubs: Stub[], key: (s: Stub) => string): Bundle[] {
  const bundles = new Map<string, Stub[]>();
  for (const stub of stubs) bundles.set(key(stub), [...(bundles.get(key(stub)) ?? []), stub]);
  return [...bundles].map(([k, s]) => ({ key: k, stubs: s })).sort((a, b) => b.stubs.length - a.stubs.length);
}

/** The far places of a bundle, the most linked first. */
function farPlaces(stubs: Stub[]): { name: string; at: [number, number]; count: number }[] {
  const places = new Map<string, Stub[]>();
  for (const s of stubs) places.set(s.far.commune.code, [...(places.get(s.far.commune.code) ?? []), s]);
  return [...places.values()]
    .map((s) => ({ name: s[0]!.far.commune.name, at: mean(s.map((x) => x.far.at)), count: s.length }))
    .sort((a, b) => b.count - a.count);
}

function stubFeature(b: Bundle, v: ScreenView, dimmed: boolean): Feature<LineString | Point>[] {
  const near = mean(b.stubs.map((s) => v.project(s.near.at)));
  const far = mean(b.stubs.map((s) => v.project(s.far.at)));
  const length = Math.hypot(far[0] - near[0], far[1] - near[1]) || 1;
  const reach = Math.min(STUB_PX, Math.hypot(v.width, v.height) / 10, length);
  const tip: [number, number] = [near[0] + ((far[0] - near[0]) / length) * reach, near[1] + ((far[1] - near[1]) / length) * reach];
  const places = farPlaces(b.stubs);
  const head = places[0]!;
  const more = places.length > 1 ? ` +${places.length - 1}` : '';
  const properties = {
    key: b.key,
    stub: true,
    count: b.stubs.length,
    crossBorder: b.stubs.some((s) => s.crossBorder),
    label: `→ ${head.name}${more} · ${b.stubs.length}`,
    far: JSON.stringify(head.at),
    place: head.name,
    partners: JSON.stringify([...new Set(b.stubs.map((s) => s.far.name))].slice(0, 12)),
    dim: dimmed,
  };
  return [
    { type: 'Feature', properties, geometry: { type: 'LineString', coordinates: [v.unproject(near), v.unproject(tip)] } },
    { type: 'Feature', properties, geometry: { type: 'Point', coordinates: v.unproject(tip) } },
  ];
}

const wholeFeature = (link: ViewLink, selected: boolean, dimmed: boolean): Feature<LineString> => ({
  type: 'Feature',
  properties: { key: `link:${link.id}`, id: link.id, stub: false, count: 1, crossBorder: link.crossBorder, selected, dim: dimmed },
  geometry: { type: 'LineString', coordinates: link.coordinates },
});

/** The stubs of the links that leave the view from one of its ends (both, for a link longer than the view). */
function stubsOf(link: ViewLink, v: ScreenView): Stub[] {
  const [a, b] = [v.project(link.from.at), v.project(link.to.at)];
  const stubs: Stub[] = [];
  if (inView(a, v)) stubs.push({ near: link.from, far: link.to, crossBorder: link.crossBorder });
  if (inView(b, v)) stubs.push({ near: link.to, far: link.from, crossBorder: link.crossBorder });
  return stubs;
}

function isWhole(link: ViewLink, v: ScreenView): boolean {
  const [a, b] = [v.project(link.from.at), v.project(link.to.at)];
  return inView(a, v) && inView(b, v) && Math.hypot(a[0] - b[0], a[1] - b[1]) <= MAX_WHOLE_SHARE * Math.hypot(v.width, v.height);
}

export function linkStubs(links: ViewLink[], v: ScreenView, selected: number | null): StubFeatures {
  const mine = (l: ViewLink) => selected !== null && (l.from.id === selected || l.to.id === selected);
  const dimmed = selected !== null;
  const own = links.filter(mine);
  const others = links.filter((l) => !mine(l));
  const budget = Math.max(0, MAX_LINK_FEATURES - own.length);
  let whole = others.filter((l) => isWhole(l, v));
  let stubs = others.filter((l) => !isWhole(l, v)).flatMap((l) => stubsOf(l, v));
  let bundles = bundle(stubs, (s) => `${s.near.commune.code}>${s.far.commune.code}`);
  if (whole.length + bundles.length > budget) {
    // Too many to draw one by one: the whole links fold into stubs at both ends.
    stubs = [...stubs, ...whole.flatMap((l) => stubsOf(l, v))];
    whole = [];
    bundles = bundle(stubs, (s) => `${s.near.commune.code}>${s.far.commune.code}`);
  }
  if (bundles.length > budget) {
    bundles = bundle(stubs, (s) => `${s.near.commune.code}>${sectorOf([v.project(s.far.at)[0] - v.project(s.near.at)[0], v.project(s.far.at)[1] - v.project(s.near.at)[1]])}`);
  }
  const drawn = bundles.slice(0, Math.max(0, budget - whole.length));
  const folded = bundles.slice(drawn.length).reduce((n, b) => n + b.stubs.length, 0);
  const features = [
    ...whole.map((l) => wholeFeature(l, false, dimmed)),
    ...drawn.flatMap((b) => stubFeature(b, v, dimmed)),
    ...own.map((l) => wholeFeature(l, true, false)),
  ];
  return { features: { type: 'FeatureCollection', features }, lines: whole.length + drawn.length + own.length, folded };
}
