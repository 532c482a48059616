import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { FromWorker, PgliteWorkerData, ToWorker } from './pglite-worker.ts';
import { PortSocket } from './port-socket.ts';

/** The embedded engine's worker thread, as the main thread drives it. */
export type PgliteThread = {
  /** A new connection to PGlite: the wire protocol over a MessagePort, as a socket for postgres.js. */
  connect(): Promise<PortSocket>;
  /** When the statement that runs now started (ms since the epoch); 0 while PGlite is idle. */
  busySince(): number;
  /**
   * Stops whatever runs by ending the thread, and opens the same data in a new one: the only way
   * to stop a statement of PGlite, whose WebAssembly cannot be interrupted. The connections open
   * now fail with `reason`; PostgreSQL's recovery undoes any transaction that had not committed,
   * as after a crash of the process.
   */
  restart(reason: Error): Promise<void>;
  /** PGlite's pg_dump with these arguments: the SQL it writes. */
  dump(args: string[]): Promise<string>;
  close(): Promise<void>;
};

/**
 * The worker's script: compiled JavaScript beside this file (`npm start`), or its TypeScript source
 * (tests, tsx), which the worker loads through tsx's loader.
 */
function spawnWorker(data: PgliteWorkerData): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const script = new URL(`./pglite-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(script, { workerData: data });
  // tsx's `esm/api` export for `import` (its `require` one cannot be imported by a worker).
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsx = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  const load = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); })`;
  return new Worker(load, { eval: true, workerData: data });
}

type Running = { worker: Worker; ready: Promise<void>; sockets: Set<PortSocket> };

/** Starts PGlite on `dataDir` (undefined: in memory) in a worker thread; resolves once it is open. */
export async function startPgliteThread(dataDir: string | undefined): Promise<PgliteThread> {
  const busy = new SharedArrayBuffer(16);
  const busySince = new BigInt64Array(busy);
  let closing = false;

  const launch = (): Running => {
    const worker = spawnWorker({ dataDir, busy });
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') resolve();
        if (message.type === 'failed') reject(new Error(`The embedded database could not open: ${message.message}`));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`The embedded database's thread stopped (exit code ${code}) before it opened`)));
    });
    const running: Running = { worker, ready, sockets: new Set() };
    // A thread that dies (PGlite aborting) is replaced at the next connection, as a server restarts.
    worker.once('exit', () => {
      Atomics.store(busySince, 0, 0n);
      Atomics.store(busySince, 1, 0n);
      for (const socket of running.sockets) socket.destroy();
      if (current === running && !closing) current = undefined;
    });
    ready.catch(() => {});
    return running;
  };

  let current: Running | undefined = launch();
  await current.ready;

  // While a thread is being replaced, new connections wait for the new one: two PGlites must
  // never open the same directory.
  let restarting: Promise<void> | undefined;

  const connect = async () => {
    await restarting;
    if (closing) throw new Error('The embedded database is closed');
    current ??= launch();
    const running = current;
    await running.ready;
    const { port1, port2 } = new MessageChannel();
    running.worker.postMessage({ type: 'connect', port: port2 } satisfies ToWorker, [port2]);
    const socket = new PortSocket(port1);
    running.sockets.add(socket);
    socket.once('close', () => running.sockets.delete(socket));
    return socket;
  };

  const replace = async (running: Running, reason: Error) => {
    const inTransaction = Atomics.load(busySince, 1) === 1n;
    for (const socket of running.sockets) socket.fail(reason, { inTransaction });
    await running.worker.terminate();
    Atomics.store(busySince, 0, 0n);
    Atomics.store(busySince, 1, 0n);
    if (closing) return;
    current = launch();
    await current.ready;
  };

  let dumps = 0;
  const dump = async (args: string[]) => {
    await restarting;
    current ??= launch();
    const running = current;
    await running.ready;
    const id = ++dumps;
    return new Promise<string>((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        if (!('id' in message) || message.id !== id) return;
        running.worker.off('message', onMessage);
        running.worker.off('exit', onExit);
        if (message.type === 'dumped') resolve(message.sql);
        else if (message.type === 'dumpFailed') reject(new Error(`pg_dump failed: ${message.message}`));
      };
      const onExit = () => reject(new Error("The embedded database's thread stopped during the dump"));
      running.worker.on('message', onMessage);
      running.worker.once('exit', onExit);
      running.worker.postMessage({ type: 'dump', id, args } satisfies ToWorker);
    });
  };

  return {
    connect,
    dump,
    busySince: () => Number(Atomics.load(busySince, 0)),
    async restart(reason) {
      const running = current;
      if (!running || closing || restarting) return;
      current = undefined;
      restarting = replace(running, reason).finally(() => {
        restarting = undefined;
      });
      await restarting;
    },
    async close() {
      closing = true;
      await restarting?.catch(() => {});
      const running = current;
      current = undefined;
      if (!running) return;
      const exited = new Promise((resolve) => running.worker.once('exit', resolve));
      const closed = new Promise((resolve) => running.worker.on('message', (message: FromWorker) => message.type === 'closed' && resolve(undefined)));
      running.worker.postMessage({ type: 'close' } satisfies ToWorker);
      // PGlite has written everything once it says it closed; a port left open must not keep the thread.
      await Promise.race([closed, exited]);
      await running.worker.terminate();
    },
  };
}
