import { describe, expect, it } from 'vitest';
import { batchingOf, statementBatcher } from './statement-batch.ts';

/** A fake database: each statement takes `ms`, answers each item with itself × 10, and fails on a 13. */
function fakeStatement(ms = 5) {
  const statements: number[][] = [];
  let atOnce = 0;
  let mostAtOnce = 0;
  const run = async (items: readonly number[]): Promise<number[]> => {
    statements.push([...items]);
    atOnce++;
    mostAtOnce = Math.max(mostAtOnce, atOnce);
    await new Promise((resolve) => setTimeout(resolve, ms));
    atOnce--;
    if (items.includes(13)) throw new Error('item 13 fails');
    return items.map((i) => i * 10);
  };
  return { run, statements, mostAtOnce: () => mostAtOnce };
}

describe('statementBatcher: requests arriving together go as one statement', () => {
  it('a request on a quiet server goes at once, alone', async () => {
    const db = fakeStatement();
    const send = statementBatcher(db.run);
    expect(await send(1)).toBe(10);
    expect(db.statements).toEqual([[1]]);
  });

  it('requests that arrive while one statement is at the database go together as the next one, each answered with its own result', async () => {
    const db = fakeStatement();
    const send = statementBatcher(db.run, { maxInFlight: 1 });
    const first = send(1);
    await new Promise((resolve) => setImmediate(resolve)); // 1 is at the database now
    const rest = [2, 3, 4, 5].map((i) => send(i));
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40, 50]);
    expect(db.statements).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('the next batch leaves for the database before the answers of the one before it are given', async () => {
    const db = fakeStatement();
    const send = statementBatcher(db.run, { maxInFlight: 1 });
    const first = send(1);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [2, 3].map((i) => send(i));
    const sentWhenFirstAnswered = await first.then(() => db.statements.length);
    expect(sentWhenFirstAnswered).toBe(2);
    expect(await Promise.all(rest)).toEqual([20, 30]);
  });

  it('requests of the same event-loop turn go together even on a quiet server', async () => {
    const db = fakeStatement();
    const send = statementBatcher(db.run);
    expect(await Promise.all([1, 2, 3].map((i) => send(i)))).toEqual([10, 20, 30]);
    expect(db.statements).toEqual([[1, 2, 3]]);
  });

  it('never more than maxBatch items in a statement, never more than maxInFlight statements at once', async () => {
    const db = fakeStatement();
    const send = statementBatcher(db.run, { maxBatch: 3, maxInFlight: 2 });
    const items = Array.from({ length: 20 }, (_, i) => i + 100);
    expect(await Promise.all(items.map((i) => send(i)))).toEqual(items.map((i) => i * 10));
    expect(Math.max(...db.statements.map((s) => s.length))).toBe(3);
    expect(db.statements.flat().sort()).toEqual(items);
    expect(db.mostAtOnce()).toBe(2);
  });

  it('a failed batch is sent again item by item: each gets its own result or its own error, once', async () => {
    const db = fakeStatement();
    const send = statementBatcher(db.run);
    const results = await Promise.allSettled([12, 13, 14].map((i) => send(i)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 120 },
      { status: 'rejected', reason: new Error('item 13 fails') },
      { status: 'fulfilled', value: 140 },
    ]);
    expect(db.statements).toEqual([[12, 13, 14], [12], [13], [14]]);
  });

  it('a statement answering the wrong number of items fails every item of it, and the next batch still goes', async () => {
    let calls = 0;
    const send = statementBatcher(async (items: readonly number[]) => (calls++ === 0 ? [1] : items.map((i) => i)));
    const results = await Promise.allSettled([1, 2].map((i) => send(i)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await send(7)).toBe(7);
  });

  it('counts statements and items (for the bench report)', async () => {
    const db = fakeStatement();
    const send = statementBatcher(db.run);
    await Promise.all([1, 2, 3].map((i) => send(i)));
    await send(4);
    expect(send.stats).toEqual({ statements: 2, items: 4, largest: 3 });
  });
});

describe('batchingOf', () => {
  const config = { batchMax: 64, batchInFlight: null };
  it('sends writes at most two batches at a time, and reads one batch per core on PostgreSQL', () => {
    expect(batchingOf(config, 'postgres', 2)).toEqual({ reads: { maxBatch: 64, maxInFlight: 2 }, writes: { maxBatch: 64, maxInFlight: 2 } });
    expect(batchingOf(config, 'postgres', 8)).toMatchObject({ reads: { maxInFlight: 8 }, writes: { maxInFlight: 2 } });
    expect(batchingOf(config, 'postgres', 1)).toMatchObject({ reads: { maxInFlight: 1 }, writes: { maxInFlight: 1 } });
  });
  it('sends one batch at a time to PGlite, which runs one statement at a time', () => {
    expect(batchingOf(config, 'pglite', 8)).toEqual({ reads: { maxBatch: 64, maxInFlight: 1 }, writes: { maxBatch: 64, maxInFlight: 1 } });
  });
  it('takes BATCH_IN_FLIGHT for both when it is set', () => {
    expect(batchingOf({ batchMax: 10, batchInFlight: 3 }, 'postgres', 2)).toEqual({ reads: { maxBatch: 10, maxInFlight: 3 }, writes: { maxBatch: 10, maxInFlight: 3 } });
  });
});
