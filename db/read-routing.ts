import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, Drizzle } from './database.ts';

export type ReadRouting = {
  /** The database the routes use: the replica for work started inside `onReplica`, the primary otherwise. */
  db: Database;
  primary: Database;
  replica: Database;
  onReplica<T>(work: () => Promise<T>): Promise<T>;
};

/**
 * Sends the queries of chosen requests to a read replica, without the routes knowing: they hold
 * one `Database`, whose queries go wherever the request that runs them was sent. Writes, and any
 * request not marked, use the primary.
 */
export function routeReads(primary: Database, replica: Database): ReadRouting {
  const chosen = new AsyncLocalStorage<Database>();
  const current = () => chosen.getStore() ?? primary;
  // Each property is looked up on the current pool's drizzle, methods bound to it, so a query
  // builder is created on (and runs over) the chosen pool. The constructor stays unbound: drizzle
  // recognises its objects by their constructor's static properties.
  const drizzle = new Proxy(primary.drizzle, {
    get(_, property) {
      const target = current().drizzle;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' && property !== 'constructor' ? value.bind(target) : value;
    },
  }) as Drizzle;
  return {
    db: {
      engine: primary.engine,
      drizzle,
      rows: (query) => current().rows(query),
      // A backup reads the primary: it is the whole truth, the replica may lag.
      dump: (args) => primary.dump(args),
      async close() {
        await Promise.all([primary.close(), replica.close()]);
      },
    },
    primary,
    replica,
    onReplica: (work) => chosen.run(replica, work),
  };
}
