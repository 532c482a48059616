import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { SECTORS } from '../vocabulary.ts';
import { FONTS } from './palette.ts';

/**
 * Clusters as rings: a disc sized by the number of firms with, around it, one arc per sector as
 * long as that sector's share of them, and the number in the middle. The ring is an image the app
 * draws on demand (web/src/map/cluster-ring.ts) from its name, `ring-<r>-<o>-<p>-<b>`: radius in
 * pixels, then the sectors' shares in RING_STEPS (in the order of SECTORS; a sector with any firm
 * gets a step at least, so that a small share still shows).
 */
export const RING_STEPS = 24;

/** Radius in pixels by number of firms: larger clusters read as larger, within a few steps. */
export const clusterRadius: ExpressionSpecification = ['step', ['get', 'count'], 12, 10, 15, 50, 18, 200, 22, 800, 26, 5000, 30];

const steps = (sector: string): ExpressionSpecification => [
  'case',
  ['>', ['get', sector], 0],
  ['max', 1, ['round', ['*', RING_STEPS, ['/', ['get', sector], ['get', 'count']]]]],
  0,
];

const ringImage: ExpressionSpecification = [
  'concat', 'ring-', ['to-string', clusterRadius],
  ...SECTORS.flatMap((s) => ['-', ['to-string', steps(s)]]),
] as ExpressionSpecification;

/** `ring-18-12-6-6` → its radius and each sector's steps; null for any other image name. */
export function parseRingImage(id: string): { radius: number; steps: number[] } | null {
  const match = /^ring-(\d+)((?:-\d+){3})$/.exec(id);
  if (!match) return null;
  return { radius: Number(match[1]), steps: match[2]!.slice(1).split('-').map(Number) };
}

const isCluster: ExpressionSpecification = ['>', ['get', 'count'], 1];

/** The disc and ring of each cluster, drawn under the labels of support organisations. */
export function clusterLayers(): LayerSpecification[] {
  return [
    // The disc under the ring: what a click hits, and what a client without the ring images sees.
    {
      id: 'clusters',
      type: 'circle',
      source: 'companies',
      'source-layer': 'companies',
      filter: isCluster,
      paint: { 'circle-color': '#ffffff', 'circle-radius': clusterRadius, 'circle-stroke-color': '#5f6b73', 'circle-stroke-width': 1 },
    },
    {
      id: 'cluster-rings',
      type: 'symbol',
      source: 'companies',
      'source-layer': 'companies',
      filter: isCluster,
      layout: { 'icon-image': ringImage, 'icon-allow-overlap': true, 'icon-ignore-placement': true },
    },
  ];
}

/**
 * The number in each cluster, over every other label: its box is kept clear, so a name that
 * would cover it (a support organisation's, a town's) is left out or moved instead. Rings
 * themselves never hide a label: names under a ring stay readable around its number.
 */
export function clusterCountLayer(): LayerSpecification {
  return {
    id: 'cluster-counts',
    type: 'symbol',
    source: 'companies',
    'source-layer': 'companies',
    filter: isCluster,
    layout: {
      'text-field': [
        'case',
        ['>=', ['get', 'count'], 10_000],
        ['concat', ['to-string', ['round', ['/', ['get', 'count'], 1000]]], 'k'],
        ['>=', ['get', 'count'], 1000],
        ['concat', ['to-string', ['/', ['round', ['/', ['get', 'count'], 100]], 10]], 'k'],
        ['to-string', ['get', 'count']],
      ],
      'text-font': FONTS.bold,
      'text-size': ['step', ['get', 'count'], 11, 50, 12, 800, 13],
      'text-allow-overlap': true,
    },
    paint: { 'text-color': '#1e2a32' },
  };
}
