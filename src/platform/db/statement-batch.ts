import { sql, type RawBuilder } from 'kysely';
import type { Db, Engine } from './database.ts';

/**
 * Group execution of one hot statement (like a database's group commit, done by the app): requests that
 * arrive while earlier ones are at the database wait, and when a slot is free the waiting ones go to the
 * database together as ONE statement — one round trip, one plan, one commit for many requests. A request
 * that finds a free slot goes at once (after the I/O callbacks of the same event-loop turn, so requests
 * that arrived together go together); a quiet server therefore adds no wait at all.
 *
 * The statement must treat its items independently and answer each by its position (see `run`). A write
 * batch is one statement, hence one transaction: if it fails, none of it was written, and every item is
 * sent again alone, so that each request gets its own result or its own error, exactly as without
 * batching. Nothing is kept between requests but the queue of the ones in progress: the server stays
 * stateless, and a crash loses only requests that had not been answered.
 */
export type StatementBatcher<I, O> = ((item: I) => Promise<O>) & {
  /** Statements sent, items they carried, the most in one (a failed batch's items sent again alone count again). */
  readonly stats: { statements: number; items: number; largest: number };
  /** The limits it was made with (after defaults). */
  readonly limits: { maxBatch: number; maxInFlight: number };
};

export type BatchOptions = {
  /** The most items in one statement. */
  maxBatch?: number;
  /** How many batch statements may be at the database at once (PGlite runs one at a time anyway). */
  maxInFlight?: number;
};

/**
 * How many batch statements may be at the database at once, unless BATCH_IN_FLIGHT says. PGlite runs one
 * statement at a time: more would only queue there. On PostgreSQL, writes go at most two batches at a time,
 * like a group commit: the next batches gather while they are written. More writers would write to the
 * same right-hand index pages (time-ordered keys, the newest dates) and carry fewer requests each. Since
 * intake's statement got leaner (20261124T0100), two at once beat one at 1M demands on 2 cores: intake ÷
 * bare INSERT ×0.97, ×0.92, ×0.89 against ×0.83, ×0.81 with one, alternated (14 vs 25 requests a
 * statement). Reads do not contend so: one batch per core keeps the server and the database busy at the
 * same time (the list at 50 clients on 2 cores: 1 in flight ×0.51 of the bare SELECT, 2 ×0.69, 4 ×0.57;
 * bench/README.md).
 */
export function batchingOf(config: { batchMax: number; batchInFlight: number | null }, engine: Engine, cores: number): { reads: BatchOptions; writes: BatchOptions } {
  const reads = config.batchInFlight ?? (engine === 'pglite' ? 1 : Math.max(1, cores));
  const writes = config.batchInFlight ?? (engine === 'pglite' ? 1 : Math.min(2, Math.max(1, cores)));
  return { reads: { maxBatch: config.batchMax, maxInFlight: reads }, writes: { maxBatch: config.batchMax, maxInFlight: writes } };
}

/**
 * A set-based batch statement: `fn` (SQL naming a function of the items as one jsonb array, whose rows carry
 * the item's 1-based position as `n`) called once for all items. Item n's first row comes back in place n;
 * an item without a row gets undefined.
 */
export async function callForAll<R extends object>(db: Db, items: readonly unknown[], fn: RawBuilder<unknown>): Promise<(R | undefined)[]> {
  return rowsByItem<R>(items, (await sql<R & { n: number }>`select x.* from ${fn}(${JSON.stringify(items)}::jsonb) x`.execute(db)).rows);
}

/** Each row is given as it came, with its `n` (copying it without `n`, `{ n, ...row }`, cost ~5 µs a row in V8). */
function rowsByItem<R extends object>(items: readonly unknown[], rows: readonly (R & { n: number })[]): (R | undefined)[] {
  const byItem: (R | undefined)[] = items.map(() => undefined);
  for (const row of rows) byItem[row.n - 1] ??= row;
  return byItem;
}

type Waiting<I, O> = { item: I; resolve: (value: O) => void; reject: (reason: unknown) => void };
type Settle = () => void;

/**
 * `run(items)` sends one statement for the items and returns one result per item, in the same order.
 * The returned function queues one item and resolves with its result.
 */
export function statementBatcher<I, O>(run: (items: readonly I[]) => Promise<O[]>, options: BatchOptions = {}): StatementBatcher<I, O> {
  const maxBatch = options.maxBatch ?? 64;
  const maxInFlight = options.maxInFlight ?? 1;
  const queue: Waiting<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;
  const stats = { statements: 0, items: 0, largest: 0 };
  const send = (items: readonly I[]) => {
    stats.statements++;
    stats.items += items.length;
    stats.largest = Math.max(stats.largest, items.length);
    return run(items);
  };

  /** Each item alone (a batch that failed): its own result or its own error. */
  const eachAlone = async (batch: readonly Waiting<I, O>[]): Promise<Settle[]> => {
    const settles: Settle[] = [];
    for (const w of batch) {
      try {
        const [result] = await send([w.item]);
        settles.push(() => w.resolve(result as O));
      } catch (error) {
        settles.push(() => w.reject(error));
      }
    }
    return settles;
  };

  /** Runs one batch and returns how to answer its items, without answering them yet. */
  const execute = async (batch: readonly Waiting<I, O>[]): Promise<Settle[]> => {
    if (batch.length === 1) return eachAlone(batch);
    let results: O[];
    try {
      results = await send(batch.map((w) => w.item));
    } catch {
      // Nothing of the batch was written: each item again alone, for its own result or error. (Should
      // the batch have committed and only its answer been lost, a write whose keys are chosen before
      // sending — as intake's are — fails alone on its primary key rather than being written twice.)
      return eachAlone(batch);
    }
    if (results.length !== batch.length) {
      const error = new Error(`batch statement answered ${results.length} of ${batch.length} items`);
      return batch.map((w) => () => w.reject(error));
    }
    return batch.map((w, i) => () => w.resolve(results[i] as O));
  };

  const flush = async (): Promise<void> => {
    const batch = queue.splice(0, maxBatch);
    if (batch.length === 0) return;
    inFlight++;
    let settles: Settle[];
    try {
      settles = await execute(batch);
    } catch (error) {
      settles = batch.map((w) => () => w.reject(error));
    }
    inFlight--;
    // The next batch (gathered while this one was at the database) leaves first, so that the database works
    // on it while this batch's answers are made and sent; only then are this batch's requests answered.
    startWaiting();
    for (const settle of settles) settle();
  };

  const startWaiting = () => {
    while (inFlight < maxInFlight && queue.length > 0) void flush();
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      startWaiting();
    });
  };

  const submit = (item: I) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (inFlight < maxInFlight) schedule();
    });
  return Object.assign(submit, { stats, limits: { maxBatch, maxInFlight } });
}
