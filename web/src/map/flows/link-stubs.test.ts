import { describe, expect, it } from 'vitest';
import { MAX_LINK_FEATURES, type ScreenView, type ViewLink, linkStubs } from './link-stubs.ts';

/** A 1000 × 800 px view where a degree is 100 px: (0, 0) top left. */
const view: ScreenView = { width: 1000, height: 800, project: ([x, y]) => [x * 100, y * 100], unproject: ([x, y]) => [x / 100, y / 100] };
const end = (id: number, commune: string, at: [number, number]) => ({ id, name: `firm ${id}`, commune: { code: commune, name: commune }, at });
const link = (id: number, a: ReturnType<typeof end>, b: ReturnType<typeof end>): ViewLink => ({ id, from: a, to: b, crossBorder: a.commune.code !== b.commune.code, coordinates: [a.at, b.at] });

describe('link stubs', () => {
  it('bundles the links to one far place into one labelled stub, and keeps short links in view whole', () => {
    const links = [1, 2, 3].map((i) => link(i, end(i, 'town', [5, 4]), end(100 + i, 'Aosta', [50, 4])));
    links.push(link(9, end(9, 'town', [5, 4]), end(109, 'near', [6, 4])));
    const { features, lines } = linkStubs(links, view, null);
    expect(lines).toBe(2);
    const stub = features.features.find((f) => f.properties!.stub === true && f.geometry.type === 'LineString')!;
    expect(stub.properties!.label).toBe('→ Aosta · 3');
    expect(features.features.filter((f) => f.properties!.stub === false)).toHaveLength(1);
  });

  it('draws at most MAX_LINK_FEATURES lines, none long, however many places the links reach', () => {
    const links = Array.from({ length: 300 }, (_, i) => link(i, end(i, `c${i % 30}`, [1 + (i % 9), 1 + (i % 7)]), end(1000 + i, `far${i}`, [Math.cos(i) * 80, Math.sin(i) * 80])));
    const { features, lines } = linkStubs(links, view, null);
    expect(lines).toBeLessThanOrEqual(MAX_LINK_FEATURES);
    for (const f of features.features) {
      if (f.geometry.type !== 'LineString') continue;
      const [a, b] = f.geometry.coordinates.map((p) => view.project(p as [number, number])) as [number, number][];
      expect(Math.hypot(b![0] - a![0], b![1] - a![1])).toBeLessThan(0.6 * Math.hypot(1000, 800));
    }
  });

  it('draws the selected firm\'s links whole and dims the others', () => {
    const links = [link(1, end(1, 'town', [5, 4]), end(2, 'Aosta', [50, 4])), link(2, end(3, 'town', [5, 4]), end(4, 'Aosta', [50, 4]))];
    const { features } = linkStubs(links, view, 1);
    const whole = features.features.filter((f) => f.properties!.selected === true);
    expect(whole.map((f) => f.properties!.id)).toEqual([1]);
    expect(features.features.filter((f) => f.properties!.stub === true).every((f) => f.properties!.dim === true)).toBe(true);
  });
});
