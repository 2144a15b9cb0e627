import { describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/database.ts';
import { startSweeps, type Sweep } from './sweeps.ts';

const db = {} as Db;
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('periodic sweeps', () => {
  it('runs each sweep at once and then on its interval, logs what changed and keeps going after a failure', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      let calls = 0;
      const lines: unknown[] = [];
      const sweeps: Sweep[] = [
        { name: 'counts', everyMinutes: 5, run: async () => ({ changed: ++calls % 2 }) },
        { name: 'broken', everyMinutes: 5, run: async () => { throw new Error('数据库不可用'); } },
      ];
      const stop = startSweeps({ db, sweeps, log: (line) => lines.push(line) });
      await settle();
      expect(calls).toBe(1);
      expect(lines).toEqual([{ sweep: 'counts', changed: 1 }, { sweep: 'broken', error: '数据库不可用' }]);
      vi.advanceTimersByTime(5 * 60_000);
      await settle();
      expect(calls).toBe(2); // nothing changed: not logged
      expect(lines).toHaveLength(3);
      stop();
      vi.advanceTimersByTime(60 * 60_000);
      await settle();
      expect(calls).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not start a sweep again while its last run is still going', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      let started = 0;
      let finish: () => void = () => undefined;
      const slow: Sweep = { name: 'slow', everyMinutes: 1, run: () => { started++; return new Promise((resolve) => { finish = () => resolve({ changed: 0 }); }); } };
      const stop = startSweeps({ db, sweeps: [slow], log: () => undefined });
      vi.advanceTimersByTime(3 * 60_000);
      await settle();
      expect(started).toBe(1);
      finish();
      await settle();
      vi.advanceTimersByTime(60_000);
      await settle();
      expect(started).toBe(2);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
