import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { freePort } from './free-port.ts';

const run = promisify(execFile);

/** The newest installed PostgreSQL whose version has PostGIS, as Debian lays them out. */
function postgresBin(): string | null {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
  const version = versions.find((v) => existsSync(`/usr/share/postgresql/${v}/extension/postgis.control`));
  return version ? `/usr/lib/postgresql/${version}/bin` : null;
}

export const throwawayPostgresAvailable = postgresBin() !== null;


export type ThrowawayPostgres = {
  /** `postgres://` URL of an empty database `atlas` (its role is a superuser: the migrations create the extensions). */
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the server and deletes its files. */
  destroy(): Promise<void>;
};

/**
 * A PostgreSQL server of its own (initdb in a temporary directory, a free port), for tests that
 * stop and restart the database: the shared server must never be stopped. PostgreSQL refuses to
 * run as root, so as root it runs as the `postgres` user.
 */
export async function createThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('No PostgreSQL with PostGIS installed (apt-get install postgresql-15-postgis-3)');
  const dir = mkdtempSync(join(tmpdir(), 'atlas-pg-'));
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout), Number(gid));
  }
  const pg = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', `${bin}/${tool}`, ...args]) : run(`${bin}/${tool}`, args);
  const data = join(dir, 'data');
  await pg('initdb', ['-D', data, '-U', 'atlas', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  // No fsync: these tests restart the server cleanly; they are not about surviving power cuts.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const start = async () => {
    await pg('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  };
  const stop = async () => {
    await pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  await start();
  const admin = postgres(`postgres://atlas@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe('CREATE DATABASE atlas');
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://atlas@127.0.0.1:${port}/atlas`,
    start,
    stop,
    async destroy() {
      await stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
