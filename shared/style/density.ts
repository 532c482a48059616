import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Sector } from '../vocabulary.ts';

/**
 * The density surface: one heatmap, of all firms or of one sector, whose colours are classes of
 * firms per km². A heatmap's value at a pixel is the sum of its points' weights times a Gaussian
 * kernel (σ = radius / 3 px, peak 1/√(2π)) times the intensity, so a uniform field of ρ firms per
 * km² gives ρ · A · intensity · √(2π) · r² / 9, where A is the km² a pixel covers. The intensity
 * below makes that value ρ / DENSITY_MAX at every zoom: A shrinks 4 times per zoom level, so the
 * intensity grows 4 times (an exponential interpolation of base 4 is exact between any two stops).
 */

/** Kernel radius in CSS pixels: the surface smooths over about a third of it. */
export const DENSITY_RADIUS = 24;
/** Firms per km² at which the surface saturates (heatmap-density 1). */
export const DENSITY_MAX = 40;
/** The lower bounds of the colour classes, in firms per km². */
export const DENSITY_CLASSES = [0.25, 1, 3, 10, 25] as const;

/** km² per CSS pixel² at zoom 0 (512-px tiles), at the latitude of the massif (46° N). */
const KM2_PER_PIXEL_Z0 = (40_075.016686 * Math.cos((46 * Math.PI) / 180) / 512) ** 2;

/** The intensity at zoom z that turns the heatmap's value into ρ / DENSITY_MAX. */
export function densityIntensity(z: number): number {
  const km2PerPixel = KM2_PER_PIXEL_Z0 / 4 ** z;
  return 9 / (DENSITY_MAX * km2PerPixel * Math.sqrt(2 * Math.PI) * DENSITY_RADIUS ** 2);
}

/** Light to dark ramps: one hue per sector, and a neutral one for all firms. */
export const DENSITY_RAMPS: Record<Sector | 'all', readonly string[]> = {
  all: ['#fde9c9', '#f9b98a', '#ec7f5f', '#c8466a', '#7c1d6f'],
  outdoor: ['#deebf7', '#a6cbe6', '#5fa0d2', '#2a6fb0', '#0b3f78'],
  phyto_wellbeing: ['#e2f2dd', '#a9dba0', '#62b86e', '#2a8a48', '#0c5a2c'],
  building_renovation: ['#fde3cc', '#f9b07c', '#ec7f3c', '#c95a16', '#8a3606'],
};

/** The paint of the density layer for one sector, or for all firms (null). */
export function densityPaint(sector: Sector | null) {
  const ramp = DENSITY_RAMPS[sector ?? 'all'];
  const color: ExpressionSpecification = [
    'step',
    ['heatmap-density'],
    'rgba(0,0,0,0)',
    ...DENSITY_CLASSES.flatMap((from, i) => [from / DENSITY_MAX, ramp[i]!] as [number, string]),
  ] as ExpressionSpecification;
  return {
    // Each point is a grid cell: it weighs as many firms (of the sector) as it holds.
    'heatmap-weight': ['get', sector ?? 'count'] as ExpressionSpecification,
    'heatmap-intensity': ['interpolate', ['exponential', 4], ['zoom'], 0, densityIntensity(0), 18, densityIntensity(18)] as ExpressionSpecification,
    'heatmap-radius': DENSITY_RADIUS,
    'heatmap-opacity': 0.78,
    'heatmap-color': color,
  };
}

export function densityLayer(sector: Sector | null = null): LayerSpecification {
  return { id: 'density', type: 'heatmap', source: 'density', 'source-layer': 'density', paint: densityPaint(sector) };
}
