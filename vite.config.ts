import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { browserOnly } from './web/build/browser-only.ts';
import { WIDGET_ENTRY, embedLoader } from './web/embed/build.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // The web app lives in web/ and is built to dist/web, which the server serves.
  root: here('./web'),
  publicDir: here('./web/public'),
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // The app, the territory profiles, the staff pages (sign-in, invitation, accounts), and the embed widget that /embed.js imports on a host page.
      input: { index: here('./web/index.html'), profile: here('./web/profile.html'), account: here('./web/account.html'), [WIDGET_ENTRY]: here('./web/embed/widget.ts') },
      // The widget's `mountWidget` is imported by a script of another build: keep it exported.
      preserveEntrySignatures: 'exports-only',
      // MapLibre in a chunk of its own: it changes rarely, so browsers keep it cached across
      // releases, and the app and the embed widget share it.
      // (Its stylesheet as a string, which the widget puts in its shadow root, stays with the widget.)
      output: { manualChunks: (id: string) => (id.includes('node_modules/maplibre-gl') && !id.endsWith('?inline') ? 'maplibre' : undefined) },
    },
  },
  plugins: [embedLoader(), browserOnly(here('.'))],
  server: { proxy: { '/api': 'http://localhost:8080', '/geodata': 'http://localhost:8080' } },
  test: {
    root: here('.'),
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'data/**'],
    globalSetup: ['test/support/global-setup.ts'],
    // Most test files spend their time waiting on Chromium, a server process or the database
    // server, so more files run at once than Vitest's default of one less than the cores (a
    // single file at a time on a 2-core machine).
    maxWorkers: availableParallelism() + 1,
    // Opening embedded PostGIS takes a few seconds per test file.
    hookTimeout: 120_000,
    testTimeout: 30_000,
  },
});
