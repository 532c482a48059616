import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Code the browser must never load: the ORM and the server's own modules. The web app takes the
 * vocabulary, the pure code both sides use and the API's wire types (generated into shared/api/)
 * from shared/; a value import of server code would ship the ORM (drizzle) to every visitor and
 * every embed host. An `import type` of the server reaches no chunk: test/layers.test.ts refuses it.
 */
const SERVER_ONLY = [/[\\/]node_modules[\\/]drizzle-orm[\\/]/, /[\\/]node_modules[\\/]postgres[\\/]/, /[\\/]node_modules[\\/]@electric-sql[\\/]/];

/** Fails the build when a module of the server, the database or the ORM reaches the bundle. */
export function browserOnly(root: string): Plugin {
  const serverFolders = ['server', 'db'].map((folder) => join(root, folder) + sep);
  const isServerCode = (id: string) => SERVER_ONLY.some((pattern) => pattern.test(id)) || serverFolders.some((folder) => id.startsWith(folder));
  return {
    name: 'atlas-browser-only',
    apply: 'build',
    generateBundle(_, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        const leaked = file.moduleIds.filter(isServerCode);
        if (leaked.length === 0) continue;
        const named = leaked.slice(0, 3).map((id) => relative(root, id)).join(', ');
        this.error(`${file.fileName} contains server code: ${named}${leaked.length > 3 ? ` and ${leaked.length - 3} more` : ''}`);
      }
    },
  };
}
