import { describe, expect, it } from 'vitest';
import { atlasStyle } from './atlas-style.ts';

const ids = atlasStyle('http://localhost', 'en').layers.map((layer) => layer.id);
const at = (id: string) => {
  const index = ids.indexOf(id);
  expect(index, id).toBeGreaterThanOrEqual(0);
  return index;
};

describe('the order of the map layers', () => {
  it('draws support organisations under the clusters, whose numbers nothing covers', () => {
    expect(at('actors')).toBeLessThan(at('clusters'));
    expect(at('actors')).toBeLessThan(at('cluster-rings'));
    // The topmost layer is placed first: every other label then keeps clear of the numbers.
    expect(ids.at(-1)).toBe('cluster-counts');
  });

  it('draws the density and the flows under the basemap labels, the territory names over the firms', () => {
    for (const under of ['density', 'flows-cross-border', 'links-flows-cross-border']) expect(at(under), under).toBeLessThan(at('lake-labels'));
    expect(at('flow-node-labels')).toBeGreaterThan(at('cluster-rings'));
  });
});
