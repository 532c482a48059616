import { Duplex } from 'node:stream';
import type { MessagePort } from 'node:worker_threads';

/**
 * One end of a MessagePort as the socket postgres.js reads and writes (its `socket` option): what
 * is written goes to the other thread as it is, what comes back is read. Destroying it with an
 * error fails the query the client is waiting for with that error.
 */
export class PortSocket extends Duplex {
  constructor(private readonly port: MessagePort) {
    super();
    port.on('message', (data: Uint8Array) => this.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength)));
    port.on('close', () => {
      this.push(null);
      this.destroy();
    });
  }

  /**
   * Fails the connection with `reason`, then closes it, as a network error does. Outside a
   * transaction it closes at once (before the failed query's caller runs again), so that
   * postgres.js sends the next query on a new connection, not on this dead one. Inside one, it
   * closes a moment later: postgres.js then sends the transaction's ROLLBACK, which must still
   * find a socket (closed at once, postgres.js would write it to a socket it has let go of, and throw).
   */
  fail(reason: Error, { inTransaction }: { inTransaction: boolean }): void {
    this.emit('error', reason);
    if (inTransaction) setImmediate(() => this.destroy());
    else this.destroy();
  }

  /** As net.Socket's, which postgres.js checks before it says goodbye. */
  get readyState(): 'open' | 'closed' {
    return this.destroyed || this.writableEnded ? 'closed' : 'open';
  }

  /** No network between two threads: nothing to keep alive. */
  setKeepAlive(): this {
    return this;
  }

  override _read() {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void) {
    const copy = new Uint8Array(chunk);
    this.port.postMessage(copy, [copy.buffer]);
    done();
  }

  override _final(done: (error?: Error | null) => void) {
    this.port.close();
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void) {
    this.port.close();
    done(error);
  }
}
