import { parseRingImage } from '../../../shared/style/clusters.ts';
import { SECTORS } from '../../../shared/vocabulary.ts';
import { SECTOR_COLORS } from '../../../shared/style/palette.ts';

/** Drawn at twice the size MapLibre shows them, so rings stay sharp on high-density screens. */
export const PIXEL_RATIO = 2;

/**
 * The ring image a cluster names (see shared/style/clusters.ts): a white disc with a band of the
 * sectors' colours around it, each as long as its share of the cluster's firms; null for any
 * other image name.
 */
export function clusterRing(id: string): { image: ImageData; pixelRatio: number } | null {
  const ring = parseRingImage(id);
  if (!ring) return null;
  const total = ring.steps.reduce((a, b) => a + b, 0) || 1;
  const r = ring.radius * PIXEL_RATIO;
  const size = 2 * r + 2 * PIXEL_RATIO;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext('2d')!;
  const c = size / 2;
  const band = Math.max(3.5 * PIXEL_RATIO, r * 0.3);
  ctx.beginPath();
  ctx.arc(c, c, r, 0, 2 * Math.PI);
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  let angle = -Math.PI / 2;
  SECTORS.forEach((sector, i) => {
    const sweep = (2 * Math.PI * ring.steps[i]!) / total;
    if (sweep === 0) return;
    ctx.beginPath();
    ctx.arc(c, c, r - band / 2, angle, angle + sweep);
    ctx.strokeStyle = SECTOR_COLORS[sector];
    ctx.lineWidth = band;
    ctx.stroke();
    angle += sweep;
  });
  // A thin white edge keeps touching clusters apart.
  ctx.beginPath();
  ctx.arc(c, c, r, 0, 2 * Math.PI);
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 1.5 * PIXEL_RATIO;
  ctx.stroke();
  return { image: ctx.getImageData(0, 0, size, size), pixelRatio: PIXEL_RATIO };
}
