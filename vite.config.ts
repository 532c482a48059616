import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // The web app lives in web/ and is built to dist/web, which the server serves.
  root: here('./web'),
  publicDir: here('./web/public'),
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    // MapLibre in a chunk of its own: it changes rarely, so browsers keep it cached across releases.
    rollupOptions: { output: { manualChunks: (id: string) => (id.includes('node_modules/maplibre-gl') ? 'maplibre' : undefined) } },
  },
  server: { proxy: { '/api': 'http://localhost:8080', '/geodata': 'http://localhost:8080' } },
  test: {
    root: here('.'),
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'data/**'],
    globalSetup: ['test/support/global-setup.ts'],
    // Opening embedded PostGIS takes a few seconds per test file.
    hookTimeout: 120_000,
    testTimeout: 30_000,
  },
});
