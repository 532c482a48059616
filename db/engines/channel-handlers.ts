type OnPayload = (payload: string) => void;

/**
 * Who listens on which channel, for one listening connection: several subscribers of one process
 * (two apps over one Database, as the tests make) each hear every notice; a subscriber that
 * listens again with the same `onPayload` replaces its own `onLost`.
 */
export function createChannelHandlers() {
  const byChannel = new Map<string, Map<OnPayload, () => void>>();
  return {
    add(channel: string, onPayload: OnPayload, onLost: () => void) {
      const handlers = byChannel.get(channel) ?? new Map<OnPayload, () => void>();
      handlers.set(onPayload, onLost);
      byChannel.set(channel, handlers);
    },
    remove(channel: string, onPayload: OnPayload) {
      byChannel.get(channel)?.delete(onPayload);
    },
    deliver(channel: string, payload: string) {
      for (const onPayload of [...(byChannel.get(channel)?.keys() ?? [])]) onPayload(payload);
    },
    /** The connection was lost: everybody is told, and listens again on the next one. */
    loseAll() {
      const lost = [...byChannel.values()].flatMap((handlers) => [...handlers.values()]);
      byChannel.clear();
      for (const onLost of lost) onLost();
    },
    clear() {
      byChannel.clear();
    },
  };
}
