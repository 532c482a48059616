/**
 * The frontend side of the PostgreSQL wire protocol, cut into whole messages: a client writes
 * them in chunks of any size, and the embedded engine must hand PGlite whole messages only.
 * The first message of a connection (the startup packet) has no type byte: its first four bytes
 * are its length; every later one is a type byte, then its length (which counts itself).
 */

/** Type byte of a whole message; `STARTUP` for the startup packet. */
export const STARTUP = 0;
/** `X`: the client closes the connection. */
export const TERMINATE = 'X'.charCodeAt(0);

export type WireMessage = { type: number; bytes: Uint8Array };

/** Collects chunks and gives back each whole message as soon as its last byte has come. */
export function createMessageSplitter(): (chunk: Uint8Array) => WireMessage[] {
  let pending = new Uint8Array(0);
  let started = false;
  return (chunk) => {
    const buffer = pending.length === 0 ? chunk : concat(pending, chunk);
    const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    const messages: WireMessage[] = [];
    let offset = 0;
    for (;;) {
      const header = started ? 5 : 4;
      if (buffer.length - offset < header) break;
      const length = started ? 1 + view.getInt32(offset + 1) : view.getInt32(offset);
      if (length < header || buffer.length - offset < length) break;
      messages.push({ type: started ? buffer[offset]! : STARTUP, bytes: buffer.subarray(offset, offset + length) });
      offset += length;
      started = true;
    }
    // Kept as a copy: the chunk's buffer may be reused by whoever sent it.
    pending = buffer.slice(offset);
    return messages;
  };
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
