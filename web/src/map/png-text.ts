/**
 * Adds tEXt chunks (PNG 1.2, §11.3.4.3: Latin-1 keyword, NUL, Latin-1 text) after the IHDR chunk
 * of a PNG, so the file itself carries its title, source and attribution, not only its pixels.
 */
export function withPngText(png: Uint8Array, entries: Record<string, string>): Uint8Array {
  const ihdrEnd = 8 + 4 + 4 + 13 + 4;
  const chunks = Object.entries(entries).map(([keyword, text]) => textChunk(keyword, text));
  const size = chunks.reduce((sum, c) => sum + c.length, 0);
  const out = new Uint8Array(png.length + size);
  out.set(png.subarray(0, ihdrEnd), 0);
  let at = ihdrEnd;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  out.set(png.subarray(ihdrEnd), at);
  return out;
}

/** The tEXt chunks of a PNG, keyword → text. */
export function pngText(png: Uint8Array): Record<string, string> {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const found: Record<string, string> = {};
  for (let at = 8; at + 8 <= png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === 'tEXt') {
      const data = png.subarray(at + 8, at + 8 + length);
      const nul = data.indexOf(0);
      found[latin1(data.subarray(0, nul))] = latin1(data.subarray(nul + 1));
    }
    at += 12 + length;
  }
  return found;
}

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('');

/** Characters outside Latin-1 (’, ↔) become their nearest ASCII, as tEXt allows Latin-1 only. */
const toLatin1 = (text: string) =>
  text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-').replace(/[^\x20-\xff\n]/g, '?');

function textChunk(keyword: string, text: string): Uint8Array {
  const body = Uint8Array.from(`${keyword}\0${toLatin1(text)}`, (c) => c.charCodeAt(0));
  const chunk = new Uint8Array(12 + body.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, body.length);
  chunk.set([0x74, 0x45, 0x58, 0x74], 4);
  chunk.set(body, 8);
  view.setUint32(8 + body.length, crc32(chunk.subarray(4, 8 + body.length)));
  return chunk;
}

let table: Uint32Array | undefined;

function crc32(bytes: Uint8Array): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of bytes) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
