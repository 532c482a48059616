import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pngText, withPngText } from './png-text.ts';

/** A valid 1 × 1 PNG, built here (signature, IHDR, IDAT, IEND) with Node's zlib. */
function onePixelPng(): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set([...type].map((c) => c.charCodeAt(0)), 4);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))), chunk('IEND', new Uint8Array())];
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

/** Bit by bit, as the PNG specification's sample code: an independent check of the module's table. */
function crc(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** Each chunk's stored CRC against its type and data. */
function crcsValid(png: Uint8Array): boolean {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    if (view.getUint32(at + 8 + length) !== crc(png.subarray(at + 4, at + 8 + length))) return false;
    at += 12 + length;
  }
  return true;
}

describe('PNG text chunks', () => {
  it('writes tEXt chunks with valid CRCs after IHDR, and reads them back', () => {
    const png = withPngText(onePixelPng(), { Title: 'Atlas des filières', Copyright: '© OpenStreetMap contributors (ODbL) | GeoNames' });
    expect(crcsValid(png)).toBe(true);
    expect(String.fromCharCode(...png.subarray(37, 41))).toBe('tEXt');
    expect(pngText(png)).toEqual({ Title: 'Atlas des filières', Copyright: '© OpenStreetMap contributors (ODbL) | GeoNames' });
  });

  it('writes characters beyond Latin-1 as their nearest ASCII', () => {
    expect(pngText(withPngText(onePixelPng(), { Description: 'Aosta ↔ Martigny · l’Atlas – 2026' }))).toEqual({ Description: "Aosta ? Martigny · l'Atlas - 2026" });
  });
});
