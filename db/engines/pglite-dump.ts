/**
 * pg_dump of the embedded database, run in PGlite's own thread (pglite-worker.ts) with
 * `@electric-sql/pglite-tools`: its WebAssembly pg_dump talks to PGlite's one session through
 * the wire protocol.
 */
import type { PGlite } from '@electric-sql/pglite';
import { concat, createMessageSplitter } from './wire-messages.ts';

/**
 * `db` as pg_dump must see it: pglite-tools hands PGlite each chunk pg_dump writes, but libpq
 * cuts a message longer than 8 kB (PostGIS's filter of spatial_ref_sys is 20 kB) into chunks, and
 * PGlite given part of a message spins forever waiting for the rest. Here the chunks are
 * gathered into whole messages first.
 */
function wholeMessages(db: PGlite): PGlite {
  const split = createMessageSplitter();
  const sendWhole: PGlite['execProtocolRawStream'] = async (chunk, options) => {
    const messages = split(chunk);
    // Synchronously, as pglite-tools reads the answer as soon as its write returns.
    if (messages.length > 0) await db.execProtocolRawStream(concat(...messages.map((m) => m.bytes)), options);
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'execProtocolRawStream') return sendWhole;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The session's settings a client may change (pg_dump sets its own and never puts them back). */
async function sessionSettings(db: PGlite): Promise<Map<string, string>> {
  const [result] = await db.exec("SELECT name, setting FROM pg_settings WHERE context IN ('user', 'superuser')");
  return new Map(((result?.rows ?? []) as { name: string; setting: string }[]).map((row) => [row.name, row.setting]));
}

/**
 * Whether a client left a transaction open in PGlite's session: its start is then older than the
 * statement's. Asked with the simple protocol, where a new transaction starts with the statement
 * (with the extended one, PGlite's query, Execute always comes later than the start).
 */
export async function insideTransaction(db: PGlite): Promise<boolean> {
  const [result] = await db.exec('SELECT transaction_timestamp() <> statement_timestamp() AS inside');
  return (result?.rows[0] as { inside?: boolean } | undefined)?.inside === true;
}

/**
 * pg_dump with `args`: the SQL it writes. pg_dump ends by disconnecting, which PGlite's one
 * session does not see: its read-only snapshot would stay open and its settings (search_path ''
 * among them) in force. Both are undone, so the connections carry on as before the dump.
 * Call it with no client transaction open (insideTransaction), or the dump reads its rows.
 */
export async function dumpPglite(db: PGlite, args: string[]): Promise<string> {
  const before = await sessionSettings(db);
  try {
    // Loaded on the first dump only: the thread starts (and restarts after a timeout) without it.
    const { pgDump } = await import('@electric-sql/pglite-tools/pg_dump');
    return await (await pgDump({ pg: wholeMessages(db), args })).text();
  } finally {
    if (db.isInTransaction()) await db.exec('ROLLBACK');
    for (const [name, setting] of await sessionSettings(db)) {
      const previous = before.get(name);
      if (previous !== undefined && previous !== setting) await db.query('SELECT set_config($1, $2, false)', [name, previous]);
    }
  }
}
