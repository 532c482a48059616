/**
 * The embedded engine's thread: PGlite (PostgreSQL + PostGIS in WebAssembly) runs here, so that
 * however long a query computes, the HTTP server's thread stays free. Clients reach it with the
 * PostgreSQL wire protocol over a MessagePort each (see pglite-thread.ts): PGlite is given the
 * raw messages and its raw answers go back, as pglite-socket does over TCP.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { postgis } from '@electric-sql/pglite-postgis';
import { dumpPglite, insideTransaction } from './pglite-dump.ts';
import { TERMINATE, concat, createMessageSplitter } from './wire-messages.ts';

export type PgliteWorkerData = {
  /** PGlite's directory; undefined keeps the database in memory. */
  dataDir: string | undefined;
  /**
   * Two BigInt64s: when the running statement started (ms since the epoch, 0 when idle), and
   * whether PGlite's session was in a transaction when it started (1) or not (0).
   */
  busy: SharedArrayBuffer;
};

/** Messages from the main thread. */
export type ToWorker = { type: 'connect'; port: MessagePort } | { type: 'close' } | { type: 'dump'; id: number; args: string[] };
/** Messages to the main thread. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'closed' }
  | { type: 'dumped'; id: number; sql: string }
  | { type: 'dumpFailed'; id: number; message: string };

const { dataDir, busy } = workerData as PgliteWorkerData;
const busySince = new BigInt64Array(busy);
const port = parentPort!;

let db: PGlite;
try {
  db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { postgis, pg_trgm, btree_gist } });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
} catch (error) {
  port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromWorker);
  throw error;
}

// PGlite is one session: every connection's work runs in turn, never two at once.
let turn: Promise<unknown> = Promise.resolve();
const inTurn = (work: () => Promise<unknown>) => {
  turn = turn.then(work, work);
  return turn;
};

/** Runs whole messages in PGlite and sends its answers back, marking the thread busy meanwhile. */
async function execute(client: MessagePort, messages: Uint8Array) {
  Atomics.store(busySince, 0, BigInt(Date.now()));
  try {
    await db.execProtocolRawStream(messages, {
      // PGlite hands out views of its own memory: copy the answer, and give the copy away.
      onRawData: (data) => {
        const answer = data.slice();
        client.postMessage(answer, [answer.buffer]);
      },
    });
  } finally {
    Atomics.store(busySince, 0, 0n);
    Atomics.store(busySince, 1, db.isInTransaction() ? 1n : 0n);
  }
}

function serve(client: MessagePort) {
  const split = createMessageSplitter();
  let open = true;
  const end = () => {
    if (!open) return;
    open = false;
    client.close();
    // A client gone in the middle of a transaction must not leave it open for the next one.
    void inTurn(async () => {
      if (db.isInTransaction()) await db.exec('ROLLBACK');
    });
  };
  client.on('message', (chunk: Uint8Array) => {
    const messages = split(chunk);
    const terminate = messages.findIndex((m) => m.type === TERMINATE);
    const run = (terminate === -1 ? messages : messages.slice(0, terminate)).map((m) => m.bytes);
    // PGlite failing on a message leaves the protocol in an unknown state: the client must reconnect.
    if (run.length > 0) void inTurn(() => (open ? execute(client, concat(...run)).catch(end) : Promise.resolve()));
    // Terminate ends the connection, not PGlite's one session.
    if (terminate !== -1) void inTurn(async () => end());
  });
  client.on('close', end);
}

/**
 * pg_dump of the whole database, in a turn of its own: the connections' messages wait meanwhile
 * (writes are delayed, never refused). A client's transaction left open between two messages
 * is let finish first, or the dump would read its uncommitted rows.
 */
function dump(id: number, args: string[]) {
  const attempt = () =>
    inTurn(async () => {
      if (await insideTransaction(db)) {
        setTimeout(attempt, 5);
        return;
      }
      try {
        port.postMessage({ type: 'dumped', id, sql: await dumpPglite(db, args) } satisfies FromWorker);
      } catch (error) {
        port.postMessage({ type: 'dumpFailed', id, message: error instanceof Error ? error.message : String(error) } satisfies FromWorker);
      }
    });
  attempt();
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'connect') serve(message.port);
  if (message.type === 'dump') dump(message.id, message.args);
  if (message.type === 'close') {
    void inTurn(async () => {
      await db.close();
      port.postMessage({ type: 'closed' } satisfies FromWorker);
      port.close();
    });
  }
});
