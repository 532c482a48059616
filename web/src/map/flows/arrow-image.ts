import { PIXEL_RATIO } from '../cluster-ring.ts';

/** An arrowhead pointing right (MapLibre turns it along the line), in the colour of its flows. */
export function flowArrow(colour: string): { image: ImageData; pixelRatio: number } {
  const size = 18 * PIXEL_RATIO;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext('2d')!;
  ctx.beginPath();
  ctx.moveTo(size * 0.2, size * 0.15);
  ctx.lineTo(size * 0.9, size * 0.5);
  ctx.lineTo(size * 0.2, size * 0.85);
  ctx.lineTo(size * 0.36, size * 0.5);
  ctx.closePath();
  ctx.fillStyle = colour;
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 1.5 * PIXEL_RATIO;
  ctx.stroke();
  ctx.fill();
  return { image: ctx.getImageData(0, 0, size, size), pixelRatio: PIXEL_RATIO };
}
