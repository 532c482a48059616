import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Plugin, build } from 'vite';

/** The widget's entry name in the app build; the loader imports that chunk by its hashed name. */
export const WIDGET_ENTRY = 'embed-widget';
export const LOADER_FILE = 'embed.js';
/** The budget for the one script every host page loads. */
export const LOADER_MAX_GZIP = 10 * 1024;

const LOADER = fileURLToPath(new URL('./loader.ts', import.meta.url));

/**
 * Builds `embed.js` beside the app: a separate build, because the loader must be one classic
 * script (a page includes it with a plain `<script src>`) with no import of a shared chunk and
 * no top-level name, while the widget it loads is an ES module of the app build. Fails the build
 * when the loader grows past its gzipped budget.
 */
export function embedLoader(): Plugin {
  return {
    name: 'atlas-embed-loader',
    apply: 'build',
    async generateBundle(_, bundle) {
      const widget = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry && file.name === WIDGET_ENTRY);
      if (!widget) this.error(`no ${WIDGET_ENTRY} entry in the build`);
      const result = await build({
        configFile: false,
        logLevel: 'warn',
        publicDir: false,
        define: { __ATLAS_WIDGET__: JSON.stringify(widget.fileName) },
        build: { write: false, minify: true, rollupOptions: { input: LOADER, output: { format: 'iife' } } },
      });
      const [output] = Array.isArray(result) ? result : [result];
      const chunk = (output as { output: { type: string; code?: string }[] }).output.find((file) => file.type === 'chunk');
      const code = chunk?.code ?? '';
      const gzipped = gzipSync(code, { level: 9 }).length;
      if (gzipped > LOADER_MAX_GZIP) this.error(`${LOADER_FILE} is ${gzipped} bytes gzipped, over its budget of ${LOADER_MAX_GZIP}`);
      this.emitFile({ type: 'asset', fileName: LOADER_FILE, source: code });
    },
  };
}
