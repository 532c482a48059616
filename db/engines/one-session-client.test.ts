import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testEngines, useTestDb } from '../../test/support/databases.ts';
import { createTurns } from './one-session-client.ts';

/** Asks for turns in order ('s' shared, 'a' alone), releasing none, and lists who was granted. */
async function granted(asks: string) {
  const turns = createTurns();
  const got: number[] = [];
  [...asks].forEach((ask, n) => void (ask === 'a' ? turns.alone() : turns.shared()).then(() => got.push(n)));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return got;
}

describe('turns on one session', () => {
  it.each([
    ['sss', [0, 1, 2], 'statements share it'],
    ['a', [0], 'a transaction on an idle session starts at once'],
    ['sa', [0], 'a transaction waits for the statement in flight'],
    ['as', [0], 'a statement waits for the transaction'],
    ['sas', [0], 'a statement asked after a waiting transaction does not overtake it'],
    ['aa', [0], 'transactions take turns'],
  ])('%s grants %j: %s', async (asks, expected) => {
    expect(await granted(asks)).toEqual(expected);
  });

  it('grants the next ones in order when a turn is released, once however often it is released', async () => {
    const turns = createTurns();
    const order: string[] = [];
    const first = await turns.shared();
    const transaction = turns.alone().then((release) => (order.push('transaction'), release));
    const statement = turns.shared().then((release) => (order.push('statement'), release));
    first();
    first();
    (await transaction)();
    await statement;
    expect(order).toEqual(['transaction', 'statement']);
  });
});

describe.each(testEngines())('a transaction beside other statements on %s', (engine) => {
  const test = useTestDb(engine);
  const count = async (name: string) =>
    Number((await test.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM race_marks WHERE name = ${name}`))[0]!.n);

  it('starts behind a statement in flight, and a statement sent meanwhile stays out of it', async () => {
    const { db } = test;
    await db.rows(sql.raw('CREATE TABLE race_marks (name text)'));
    const inFlight = db.rows(sql.raw('SELECT pg_sleep(0.05)'));
    await new Promise((resolve) => setImmediate(resolve));
    const rolledBack = db.drizzle
      .transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO race_marks (name) VALUES ('rolled back')`);
        throw new Error('roll back');
      })
      .catch((error: Error) => error.message);
    await new Promise((resolve) => setImmediate(resolve));
    const beside = db.rows(sql.raw("INSERT INTO race_marks (name) VALUES ('beside')"));
    await Promise.all([inFlight, beside]);
    expect(await rolledBack).toBe('roll back');
    expect(await count('rolled back')).toBe(0);
    expect(await count('beside')).toBe(1);
  });
});
