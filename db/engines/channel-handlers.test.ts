import { describe, expect, it } from 'vitest';
import { createChannelHandlers } from './channel-handlers.ts';

describe('channel handlers', () => {
  it('hands a notice to every subscriber of its channel, and to no other channel', () => {
    const handlers = createChannelHandlers();
    const heard: string[] = [];
    handlers.add('a', (p) => heard.push(`first ${p}`), () => {});
    handlers.add('a', (p) => heard.push(`second ${p}`), () => {});
    handlers.add('b', (p) => heard.push(`other ${p}`), () => {});
    handlers.deliver('a', '7');
    expect(heard).toEqual(['first 7', 'second 7']);
  });

  it('keeps one entry for a subscriber that listens again', () => {
    const handlers = createChannelHandlers();
    const heard: string[] = [];
    const onPayload = (p: string) => heard.push(p);
    const lost: string[] = [];
    handlers.add('a', onPayload, () => lost.push('old'));
    handlers.add('a', onPayload, () => lost.push('new'));
    handlers.deliver('a', '1');
    handlers.loseAll();
    expect(heard).toEqual(['1']);
    expect(lost).toEqual(['new']);
  });

  it('tells everybody of a loss once, then forgets them until they listen again', () => {
    const handlers = createChannelHandlers();
    const lost: string[] = [];
    const heard: string[] = [];
    handlers.add('a', (p) => heard.push(p), () => lost.push('a'));
    handlers.add('b', (p) => heard.push(p), () => lost.push('b'));
    handlers.loseAll();
    handlers.loseAll();
    handlers.deliver('a', '2');
    expect(lost).toEqual(['a', 'b']);
    expect(heard).toEqual([]);
  });
});
