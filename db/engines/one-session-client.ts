import type { Sql } from 'postgres';

/**
 * Turns: statements share it, a transaction holds it alone. Granted in the order asked, so a
 * transaction waiting for the statements in flight is not overtaken by the ones that come after.
 */
export function createTurns() {
  const waiting: Array<{ alone: boolean; grant: () => void }> = [];
  let sharing = 0;
  let alone = false;

  const next = () => {
    while (waiting.length > 0 && !alone) {
      const head = waiting[0]!;
      if (head.alone && sharing > 0) return;
      waiting.shift();
      if (head.alone) alone = true;
      else sharing++;
      head.grant();
    }
  };
  const take = (asAlone: boolean) =>
    new Promise<() => void>((resolve) => {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (asAlone) alone = false;
        else sharing--;
        next();
      };
      waiting.push({ alone: asAlone, grant: () => resolve(release) });
      next();
    });
  return { shared: () => take(false), alone: () => take(true) };
}

type Thenable = { then(resolve?: (value: unknown) => unknown, reject?: (error: unknown) => unknown): Promise<unknown> };

/** Sends `query` (postgres.js sends a query when it is awaited) once a shared turn is granted. */
function inTurn<Q extends Thenable>(query: Q, turns: ReturnType<typeof createTurns>): Q {
  const then = query.then;
  let answer: Promise<unknown> | undefined;
  query.then = function thenInTurn(resolve, reject) {
    answer ??= turns.shared().then((release) => then.call(this).finally(release));
    return answer.then(resolve, reject);
  };
  return query;
}

/**
 * A postgres.js client over one session (the embedded engine) that never sends a statement while
 * a transaction's BEGIN is on the way, nor BEGIN behind a statement in flight. postgres.js 3.4.9
 * loses track of a BEGIN it pipelines behind another statement (porsager/postgres#1189: the
 * write fails with a TypeError, and the session stays in the transaction), and sends statements
 * behind a BEGIN not yet answered into that transaction; with one connection and a pipeline of
 * one, both happen whenever a write starts while anything else runs.
 */
export function oneSessionClient(client: Sql): Sql {
  const turns = createTurns();
  return new Proxy(client, {
    get(target, property) {
      if (property === 'unsafe') {
        return (...args: Parameters<Sql['unsafe']>) => inTurn(target.unsafe(...args), turns);
      }
      if (property === 'begin') {
        return async (...args: unknown[]) => {
          const release = await turns.alone();
          try {
            return await (target.begin as (...a: unknown[]) => Promise<unknown>)(...args);
          } finally {
            release();
          }
        };
      }
      return Reflect.get(target, property, target);
    },
  });
}
