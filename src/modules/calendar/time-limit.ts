import { CHINA_OFFSET_MS } from '../../platform/china-time.ts';
import { chinaDayNumberAt, isWorkingDayNumber, type WorkingCalendar } from './working-calendar.ts';

/**
 * A time limit's clock (限时办结), pure. A limit in natural hours starts at once and every hour counts
 * (民法典 201 款二); a limit in working days starts at 00:00 of the day after the event (民法典 201
 * 款一) and only working days count, so without pauses it runs out at 24:00 of the n-th working day.
 * Paused intervals (suspension, 中止/挂起) do not count. An open pause stops the clock: no deadline.
 */
export type LimitUnit = 'natural_hours' | 'working_days';
export type TimeLimit = { unit: LimitUnit; amount: number };
export type Pause = { from: Date; to: Date | null };
export type ClockInput = { start: Date; limit: TimeLimit; pauses?: readonly Pause[]; calendar: WorkingCalendar };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A walk longer than this (about 30 years of days) means a calendar with no working days: a bug, not a deadline. */
const MAX_STEPS = 40_000;

export function budgetMs(limit: TimeLimit): number {
  if (!Number.isFinite(limit.amount) || limit.amount < 0) throw new RangeError(`limit must be ≥ 0, got ${limit.amount}`);
  return limit.unit === 'natural_hours' ? limit.amount * HOUR_MS : limit.amount * DAY_MS;
}

/** Where the clock starts counting. */
export function clockOrigin(start: Date, unit: LimitUnit): Date {
  return new Date(originMs(start, unit));
}

/** clockOrigin in milliseconds: the start itself, or 24:00 (China) of the start's date. */
function originMs(start: Date, unit: LimitUnit): number {
  return unit === 'natural_hours' ? start.getTime() : endOfDayMs(chinaDayNumberAt(start.getTime()));
}

/** 24:00 (China) of a China day number, in milliseconds. */
function endOfDayMs(day: number): number {
  return (day + 1) * DAY_MS - CHINA_OFFSET_MS;
}

type Walk = { used: number; at: Date; stopped: boolean };

/**
 * Walks the clock from its origin, a day (or a pause's edge) at a time, counting what counts, until the
 * budget is used or `until` is reached. Without pauses an hour limit counts every millisecond, so it
 * needs no walk (the same answer, for the commonest case on the intake path).
 */
function walk(input: ClockInput, stop: { budget: number } | { until: Date }): Walk {
  const { limit, calendar } = input;
  const pauses = [...(input.pauses ?? [])].sort((a, b) => a.from.getTime() - b.from.getTime());
  const edges = pauses.flatMap((p) => [p.from.getTime(), p.to?.getTime() ?? Infinity]).sort((a, b) => a - b);
  let t = originMs(input.start, limit.unit);
  let used = 0;
  const until = 'until' in stop ? stop.until.getTime() : Infinity;
  const budget = 'budget' in stop ? stop.budget : Infinity;
  if (budget === 0) return { used, at: new Date(t), stopped: false };
  if (pauses.length === 0 && limit.unit === 'natural_hours') {
    if (t >= until) return { used, at: new Date(until), stopped: false };
    return until - t >= budget ? { used: budget, at: new Date(t + budget), stopped: false } : { used: until - t, at: new Date(until), stopped: false };
  }
  for (let step = 0; step < MAX_STEPS; step++) {
    if (t >= until) return { used, at: new Date(until), stopped: false };
    const pause = pauses.find((p) => p.from.getTime() <= t && (p.to === null || p.to.getTime() > t));
    if (pause && pause.to === null) return { used, at: new Date(t), stopped: true };
    const day = chinaDayNumberAt(t);
    const nextMidnight = endOfDayMs(day);
    const nextPauseEdge = edges.find((edge) => edge > t) ?? Infinity;
    const segmentEnd = Math.min(nextMidnight, nextPauseEdge, until);
    const counts = !pause && (limit.unit === 'natural_hours' || isWorkingDayNumber(day, calendar));
    if (counts) {
      const length = segmentEnd - t;
      if (used + length >= budget) return { used: budget, at: new Date(t + (budget - used)), stopped: false };
      used += length;
    }
    t = segmentEnd;
  }
  throw new Error('time limit: no working time found within 30 years (check the calendar overrides)');
}

/** The instant the limit runs out, or null while an open pause holds the clock. */
export function limitDeadline(input: ClockInput): Date | null {
  const result = walk(input, { budget: budgetMs(input.limit) });
  return result.stopped ? null : result.at;
}

/** The instant a share of the limit is used (urging at ½, a supervision notice at ⅘ …), or null while paused. */
export function limitShareInstant(input: ClockInput & { share: number }): Date | null {
  if (!(input.share >= 0)) throw new RangeError(`share must be ≥ 0, got ${input.share}`);
  const result = walk(input, { budget: budgetMs(input.limit) * input.share });
  return result.stopped ? null : result.at;
}

/** How much of the limit is used at `now`: counted milliseconds and the share (1 = run out). */
export function limitUsed(input: ClockInput & { now: Date }): { usedMs: number; share: number; paused: boolean } {
  const total = budgetMs(input.limit);
  const result = walk(input, { until: input.now });
  const pause = (input.pauses ?? []).some((p) => p.from.getTime() <= input.now.getTime() && (p.to === null || p.to.getTime() > input.now.getTime()));
  return { usedMs: result.used, share: total === 0 ? (input.now >= clockOrigin(input.start, input.limit.unit) ? 1 : 0) : result.used / total, paused: pause };
}

