import type { Map as MapLibreMap } from 'maplibre-gl';
import { withPngText } from './png-text.ts';

/** One line of the image's legend: a swatch (optional) and its words. */
export type SheetLine = {
  text: string;
  bold?: boolean;
  swatch?: { kind: 'ring' | 'line' | 'dash' | 'box'; colours: string[]; width?: number };
};

/** What goes around the map in the image. */
export type Sheet = {
  title: string;
  subtitle: string;
  date: string;
  sample: string | null;
  attribution: string;
  legend: SheetLine[];
};

/** The image is drawn at twice the CSS size: sharp in print and on high-density screens. */
export const PNG_SCALE = 2;
const LEGEND_WIDTH = 300;
/** The title bar's height (CSS px): the map is drawn below it, at the image's left edge. */
export const PNG_HEADER = 64;
const LINE = 17;

/** The map's pixels at `scale` times its CSS size, read while the frame is still in the buffer. */
async function mapPixels(map: MapLibreMap, scale: number): Promise<HTMLCanvasElement> {
  const before = map.getPixelRatio();
  map.setPixelRatio(scale);
  await new Promise<void>((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });
  const copy = document.createElement('canvas');
  await new Promise<void>((resolve) => {
    map.once('render', () => {
      const canvas = map.getCanvas();
      copy.width = canvas.width;
      copy.height = canvas.height;
      copy.getContext('2d')!.drawImage(canvas, 0, 0);
      resolve();
    });
    map.triggerRepaint();
  });
  map.setPixelRatio(before);
  return copy;
}

/** Words cut into lines no wider than `width` pixels. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const next = current ? `${current} ${word}` : word;
    if (ctx.measureText(next).width > width && current) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current) lines.push(current);
  return lines;
}

function swatch(ctx: CanvasRenderingContext2D, line: SheetLine, x: number, y: number) {
  const s = line.swatch;
  if (!s) return;
  ctx.save();
  if (s.kind === 'ring') {
    const step = (2 * Math.PI) / s.colours.length;
    s.colours.forEach((colour, i) => {
      ctx.beginPath();
      ctx.arc(x + 8, y - 5, 6, -Math.PI / 2 + i * step, -Math.PI / 2 + (i + 1) * step);
      ctx.strokeStyle = colour;
      ctx.lineWidth = 4;
      ctx.stroke();
    });
  } else if (s.kind === 'box') {
    ctx.fillStyle = s.colours[0]!;
    ctx.fillRect(x, y - 11, 18, 11);
  } else {
    ctx.strokeStyle = s.colours[0]!;
    ctx.lineWidth = s.width ?? 3;
    if (s.kind === 'dash') ctx.setLineDash([5, 3]);
    ctx.beginPath();
    ctx.moveTo(x, y - 5);
    ctx.lineTo(x + 20, y - 5);
    ctx.stroke();
  }
  ctx.restore();
}

/**
 * The current view as a PNG at PNG_SCALE × its size: a title bar (title, filters, data date and
 * the sample-data notice), the map, the legend beside it and the attribution under it; the title,
 * date and attribution are also written into the file's tEXt chunks.
 */
export async function mapPng(map: MapLibreMap, sheet: Sheet): Promise<Blob> {
  const pixels = await mapPixels(map, PNG_SCALE);
  const mapWidth = pixels.width / PNG_SCALE;
  const mapHeight = pixels.height / PNG_SCALE;
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = '12px "Noto Sans", system-ui, sans-serif';
  const legendLines = sheet.legend.flatMap((line) => wrap(measure, line.text, LEGEND_WIDTH - 60).map((text, i) => ({ ...line, text, swatch: i === 0 ? line.swatch : undefined })));
  const attribution = wrap(measure, sheet.attribution, mapWidth + LEGEND_WIDTH - 24);
  const body = Math.max(mapHeight, legendLines.length * LINE + 24);
  const width = mapWidth + LEGEND_WIDTH;
  const height = PNG_HEADER + body + attribution.length * 15 + 14;

  const canvas = document.createElement('canvas');
  canvas.width = width * PNG_SCALE;
  canvas.height = height * PNG_SCALE;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(PNG_SCALE, PNG_SCALE);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#12344a';
  ctx.fillRect(0, 0, width, PNG_HEADER);
  ctx.fillStyle = '#ffffff';
  ctx.font = '600 20px "Noto Sans", system-ui, sans-serif';
  ctx.fillText(sheet.title, 14, 27);
  ctx.font = '12.5px "Noto Sans", system-ui, sans-serif';
  ctx.fillText(`${sheet.subtitle} · ${sheet.date}`, 14, 49);
  if (sheet.sample) {
    ctx.font = '600 12.5px "Noto Sans", system-ui, sans-serif';
    const w = ctx.measureText(sheet.sample).width + 16;
    ctx.fillStyle = '#fff4d6';
    ctx.fillRect(width - w - 14, 18, w, 24);
    ctx.fillStyle = '#6b4f00';
    ctx.fillText(sheet.sample, width - w - 6, 35);
  }
  ctx.drawImage(pixels, 0, PNG_HEADER, mapWidth, mapHeight);

  ctx.font = '12px "Noto Sans", system-ui, sans-serif';
  let y = PNG_HEADER + 24;
  for (const line of legendLines) {
    ctx.fillStyle = '#1e2a32';
    ctx.font = `${line.bold ? '700 ' : ''}12px "Noto Sans", system-ui, sans-serif`;
    swatch(ctx, line, mapWidth + 14, y);
    ctx.fillStyle = '#1e2a32';
    ctx.fillText(line.text, mapWidth + (line.swatch || !line.bold ? 44 : 14), y);
    y += LINE;
  }
  ctx.fillStyle = '#5f6b73';
  ctx.font = '11px "Noto Sans", system-ui, sans-serif';
  attribution.forEach((text, i) => ctx.fillText(text, 12, PNG_HEADER + body + 16 + i * 15));

  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'));
  const png = withPngText(new Uint8Array(await blob.arrayBuffer()), {
    Title: sheet.title,
    Description: `${sheet.subtitle} · ${sheet.date}${sheet.sample ? ` · ${sheet.sample}` : ''}`,
    Copyright: sheet.attribution,
    'Creation Time': new Date().toISOString(),
  });
  return new Blob([png as BlobPart], { type: 'image/png' });
}
