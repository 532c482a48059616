import type { Sql } from 'postgres';

/** Called once per query a Database ran, with how long its caller waited for it (pool wait included). */
export type QueryListener = (seconds: number, failed: boolean) => void;

/** Where the metrics hear of each query; a Database keeps no figures itself. */
export type QueryEvents = {
  /** Adds a listener; the function returned removes it. */
  listen(listener: QueryListener): () => void;
  emit(seconds: number, failed: boolean): void;
};

export function createQueryEvents(): QueryEvents {
  const listeners = new Set<QueryListener>();
  return {
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(seconds, failed) {
      for (const listener of listeners) listener(seconds, failed);
    },
  };
}

type Thenable = { then(resolve?: (value: unknown) => unknown, reject?: (error: unknown) => unknown): Promise<unknown> };

/**
 * Times a postgres.js query from the moment it is awaited (a query of postgres.js runs only
 * then) to its answer. `values()` and `raw()` return the query itself, so they are timed too.
 */
function timedQuery<Q extends Thenable>(query: Q, events: QueryEvents): Q {
  const then = query.then;
  query.then = function timedThen(resolve, reject) {
    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;
    return then.call(
      this,
      (value) => {
        events.emit(elapsed(), false);
        return resolve ? resolve(value) : value;
      },
      (error) => {
        events.emit(elapsed(), true);
        if (reject) return reject(error);
        throw error;
      },
    );
  };
  return query;
}

/**
 * The client as drizzle uses it (`unsafe` for every statement, `begin` for transactions), with
 * each statement timed; everything else passes through untouched.
 */
export function timedClient(client: Sql, events: QueryEvents): Sql {
  return new Proxy(client, {
    get(target, property) {
      if (property === 'unsafe') {
        return (...args: Parameters<Sql['unsafe']>) => timedQuery(target.unsafe(...args), events);
      }
      if (property === 'begin') {
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: Sql) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args, (tx: Sql) => work(timedClient(tx, events)));
        };
      }
      return Reflect.get(target, property, target);
    },
  });
}
