import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

// Octal, NUL- or space-terminated, as ustar writes sizes.
function octal(header: Buffer, from: number, length: number): number {
  const text = header.toString('latin1', from, from + length).replace(/[\0 ].*$/s, '');
  return text ? Number.parseInt(text, 8) : 0;
}

function text(header: Buffer, from: number, length: number): string {
  return header.toString('utf8', from, from + length).replace(/\0.*$/s, '');
}

/**
 * The regular files of a .tgz whose paths are in `wanted`, read in memory. npm tarballs are plain
 * ustar (name + prefix, no long-name extensions for short paths), which is all this handles; a
 * wanted file that is not found is reported by the caller.
 */
export function extractFromTgz(tgz: Buffer, wanted: readonly string[]): Map<string, Buffer> {
  const tar = gunzipSync(tgz);
  const found = new Map<string, Buffer>();
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((byte) => byte === 0)) break; // end-of-archive marker
    const name = text(header, 0, 100);
    const prefix = text(header, 345, 155);
    const path = prefix ? `${prefix}/${name}` : name;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const body = at + BLOCK;
    if ((type === '0' || type === '\0') && wanted.includes(path)) {
      found.set(path, Buffer.from(tar.subarray(body, body + size)));
    }
    at = body + Math.ceil(size / BLOCK) * BLOCK;
  }
  return found;
}
