import postgres, { type Sql } from 'postgres';
import type { Notifications } from '../database.ts';
import { createChannelHandlers } from './channel-handlers.ts';
import { channelIdentifier } from './postgres-js.ts';

/** How often the listening connection is checked, and how long a check may take. */
const CHECK_EVERY_MS = 5_000;

/**
 * LISTEN on a connection of its own (a pool's connections come and go). It is checked every few
 * seconds with a round trip, so a connection that died without closing (a network cut, a
 * failover) is found out within seconds; every loss calls the listeners' `onLost`, and the next
 * `listen` connects again.
 */
export function serverNotifications(url: string): Notifications & { close(): Promise<void> } {
  const handlers = createChannelHandlers();
  let client: Sql | undefined;
  let check: NodeJS.Timeout | undefined;

  const lose = (lost: Sql | undefined) => {
    if (!lost || lost !== client) return;
    client = undefined;
    clearInterval(check);
    void lost.end({ timeout: 0 }).catch(() => {});
    handlers.loseAll();
  };

  const connect = (): Sql => {
    if (client) return client;
    // `onnotify` is a postgres.js option its type declarations leave out.
    const created: Sql = postgres(url, {
      max: 1,
      idle_timeout: 0,
      max_lifetime: 0,
      onnotice: () => {},
      onnotify: (channel: string, payload: string) => handlers.deliver(channel, payload),
      onclose: () => lose(created),
      connection: { application_name: 'atlas-data-version' },
    } as postgres.Options<Record<string, never>>);
    client = created;
    check = setInterval(() => {
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), CHECK_EVERY_MS).unref());
      Promise.race([created`SELECT 1`, timeout]).catch(() => lose(created));
    }, CHECK_EVERY_MS);
    check.unref();
    return created;
  };

  return {
    delivery: 'after-commit',
    async listen(channel, onPayload, onLost) {
      const sql = connect();
      handlers.add(channel, onPayload, onLost);
      try {
        await sql.unsafe(`LISTEN ${channelIdentifier(channel)}`);
      } catch (error) {
        lose(sql);
        throw error;
      }
    },
    async close() {
      const last = client;
      client = undefined;
      clearInterval(check);
      handlers.clear();
      await last?.end({ timeout: 5 });
    },
  };
}
