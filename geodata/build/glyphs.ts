/**
 * Regenerates the map's offline text glyphs, web/public/fonts/<fontstack>/<start>-<end>.pbf, the
 * signed-distance-field protobufs MapLibre loads through `glyphs: ".../fonts/{fontstack}/{range}.pbf"`.
 * Run with `npm run glyphs`; the output is deterministic, so an unchanged font gives
 * byte-identical files.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageDir } from './packages.ts';

type Fontnik = {
  range(
    options: { font: Buffer; start: number; end: number },
    callback: (error: Error | null, pbf: Buffer) => void,
  ): void;
};

// fontnik is a native addon (FreeType + SDF) with a linux-x64 build inside the npm package.
const fontnik = createRequire(import.meta.url)('fontnik') as Fontnik;

const FONTS = '@expo-google-fonts/noto-sans';
const OUT = fileURLToPath(new URL('../../web/public/fonts/', import.meta.url));

/** Fontstack names are what map styles write in `text-font`; they match the fonts' own names. */
const FONTSTACKS = [
  { name: 'Noto Sans Regular', file: '400Regular/NotoSans_400Regular.ttf' },
  { name: 'Noto Sans Bold', file: '700Bold/NotoSans_700Bold.ttf' },
];

/**
 * Every 256-codepoint range of the Basic Multilingual Plane, not only the Latin ones: MapLibre
 * asks for the range of each character in a label, and a missing file is a failed request that
 * keeps the whole label off the map. Ranges the font does not cover are small empty files.
 */
const RANGES = Array.from({ length: 256 }, (_, i) => [i * 256, i * 256 + 255] as const);

function range(font: Buffer, start: number, end: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    fontnik.range({ font, start, end }, (error, pbf) => (error ? reject(error) : resolve(pbf))),
  );
}

const fontsDir = packageDir(FONTS);
for (const { name, file } of FONTSTACKS) {
  const font = readFileSync(join(fontsDir, file));
  const dir = join(OUT, name);
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  // One range at a time: fontnik runs on the libuv pool and the order of writes stays fixed.
  for (const [start, end] of RANGES) {
    const pbf = await range(font, start, end);
    writeFileSync(join(dir, `${start}-${end}.pbf`), pbf);
    bytes += pbf.length;
  }
  console.log(`${name}: ${RANGES.length} ranges, ${(bytes / 1024).toFixed(0)} KiB`);
}
copyFileSync(join(fontsDir, 'LICENSE_FONT'), join(OUT, 'LICENSE-NotoSans.txt'));
