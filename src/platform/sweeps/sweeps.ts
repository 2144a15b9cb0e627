import type { Db } from '../db/database.ts';

/**
 * Periodic housekeeping (deadlines, expiries, warm caches). Each sweep is safe to run twice and on
 * several app servers at once — servers hold no state, so every server runs the same sweeps and the
 * database decides. A failing sweep is logged and tried again at the next tick; it never stops the server.
 */
export type Sweep = {
  name: string;
  /** How often to run it, in minutes. */
  everyMinutes: number;
  run: (db: Db, now: Date) => Promise<{ changed: number }>;
};

export type SweepLog = (line: { sweep: string; changed?: number; error?: string }) => void;

/** Runs every sweep once now, then on its interval; returns a stop function (timers do not keep the process alive). */
export function startSweeps(input: { db: Db; sweeps: readonly Sweep[]; clock?: () => Date; log: SweepLog }): () => void {
  const clock = input.clock ?? (() => new Date());
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<string>();
  const tick = async (sweep: Sweep) => {
    if (running.has(sweep.name)) return;
    running.add(sweep.name);
    try {
      const { changed } = await sweep.run(input.db, clock());
      if (changed > 0) input.log({ sweep: sweep.name, changed });
    } catch (error) {
      input.log({ sweep: sweep.name, error: error instanceof Error ? error.message : String(error) });
    } finally {
      running.delete(sweep.name);
    }
  };
  for (const sweep of input.sweeps) {
    void tick(sweep);
    const timer = setInterval(() => void tick(sweep), sweep.everyMinutes * 60_000);
    timer.unref();
    timers.push(timer);
  }
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
