import { performance } from 'node:perf_hooks';

/** Timing summaries for the benchmark: nearest-rank percentiles over the timed runs (warm-up excluded). */
export type Timing = { runs: number; medianMs: number; p95Ms: number; meanMs: number; minMs: number; maxMs: number };

export function now(): number {
  return performance.now();
}

function percentileOfSorted(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

function medianOfSorted(sorted: number[]): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = Math.floor(n / 2);
  const hi = sorted[mid] ?? Number.NaN;
  if (n % 2 === 1) return hi;
  return ((sorted[mid - 1] ?? hi) + hi) / 2;
}

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((s, x) => s + x, 0);
  return {
    runs: sorted.length,
    medianMs: medianOfSorted(sorted),
    p95Ms: percentileOfSorted(sorted, 95),
    meanMs: sorted.length ? sum / sorted.length : Number.NaN,
    minMs: sorted[0] ?? Number.NaN,
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/**
 * How often to run a query: `warmup` untimed runs (fewer once a quarter of `budgetMs` has passed),
 * then up to `runs` timed ones. A slow query stops early once `budgetMs` of timed runs have passed
 * (after at least `minRuns`), and in any case after twice `budgetMs`; a query whose first run alone
 * takes longer than `budgetMs` is not run again and that one cold run is the result (`coldOnly`). So
 * one pathological query cannot blow the whole benchmark's time limit; the result says so (`truncated`).
 */
export type RunPlan = { warmup: number; runs: number; minRuns: number; budgetMs: number };

export type TimedRuns = Timing & { truncated: boolean; coldOnly: boolean; totalMs: number };

export async function timeRuns(fn: (i: number) => Promise<unknown>, plan: RunPlan): Promise<TimedRuns> {
  const warmStart = now();
  for (let i = 0; i < plan.warmup; i++) {
    const s = now();
    await fn(i);
    const took = now() - s;
    if (i === 0 && took > plan.budgetMs) return { ...summarize([took]), truncated: true, coldOnly: true, totalMs: took };
    if (now() - warmStart > plan.budgetMs / 4) break;
  }
  const samples: number[] = [];
  const t0 = now();
  for (let i = 0; i < plan.runs; i++) {
    const s = now();
    await fn(plan.warmup + i);
    samples.push(now() - s);
    const elapsed = now() - t0;
    if ((samples.length >= plan.minRuns && elapsed > plan.budgetMs) || elapsed > 2 * plan.budgetMs) break;
  }
  return { ...summarize(samples), truncated: samples.length < plan.runs, coldOnly: false, totalMs: now() - t0 };
}
