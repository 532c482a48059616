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
