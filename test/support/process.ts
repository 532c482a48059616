import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMPILED_SERVER } from './server-build.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type AtlasProcess = {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves with the server's URL once it listens; rejects if the process exits first. */
  ready: Promise<string>;
  exited: Promise<number | null>;
};

/** Runs the real entry point, compiled, in a child process, as `npm start` does. */
export function spawnAtlas(env: Record<string, string>): AtlasProcess {
  if (!existsSync(COMPILED_SERVER)) throw new Error(`${COMPILED_SERVER} is missing: run \`npm run build:server\``);
  const child = spawn(process.execPath, ['--enable-source-maps', COMPILED_SERVER], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(text);
      if (match) resolve(match[1]!.replace('localhost', '127.0.0.1'));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`exited with ${code} before listening:\n${text}`)));
  });
  ready.catch(() => {});
  return { child, output: () => text, ready, exited };
}
