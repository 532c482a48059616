import { describe, expect, it } from 'vitest';
import { STARTUP, TERMINATE, concat, createMessageSplitter } from './wire-messages.ts';

/** A typed message: its type byte, its length (which counts itself), its body. */
function message(type: string, body: number[] = []): Uint8Array {
  const out = new Uint8Array(5 + body.length);
  out[0] = type.charCodeAt(0);
  new DataView(out.buffer).setInt32(1, 4 + body.length);
  out.set(body, 5);
  return out;
}

/** A startup packet: its length first, no type byte. */
function startup(body: number[] = [0, 3, 0, 0]): Uint8Array {
  const out = new Uint8Array(4 + body.length);
  new DataView(out.buffer).setInt32(0, 4 + body.length);
  out.set(body, 4);
  return out;
}

const stream = concat(startup(), message('P', [1, 2, 3]), message('S'), message('X'));
const types = (chunks: Uint8Array[]) => {
  const split = createMessageSplitter();
  return chunks.map((chunk) => split(chunk).map((m) => (m.type === STARTUP ? 'startup' : String.fromCharCode(m.type))));
};

describe('createMessageSplitter', () => {
  it.each([
    ['in one chunk', [stream], [['startup', 'P', 'S', 'X']]],
    ['byte by byte', Array.from(stream, (byte) => Uint8Array.of(byte)), Array.from(stream, (_, i) => ({ 7: ['startup'], 15: ['P'], 20: ['S'], 25: ['X'] })[i] ?? [])],
    ['cut inside a length', [stream.subarray(0, 10), stream.subarray(10)], [['startup'], ['P', 'S', 'X']]],
    ['cut right after a message', [stream.subarray(0, 16), stream.subarray(16)], [['startup', 'P'], ['S', 'X']]],
  ])('gives each whole message once, %s', (_, chunks, expected) => {
    expect(types(chunks)).toEqual(expected);
  });

  it('keeps every byte of every message', () => {
    const split = createMessageSplitter();
    const got = [...split(stream.subarray(0, 13)), ...split(stream.subarray(13))].map((m) => [...m.bytes]);
    expect(concat(...got.map((bytes) => Uint8Array.from(bytes)))).toEqual(stream);
    expect(got[1]).toEqual([...message('P', [1, 2, 3])]);
  });

  it('reads a type byte only after the startup packet', () => {
    const split = createMessageSplitter();
    // The startup packet's first byte is 0: read as a type it would be no message at all.
    expect(split(startup()).map((m) => m.type)).toEqual([STARTUP]);
    expect(split(message('X')).map((m) => m.type)).toEqual([TERMINATE]);
  });
});
