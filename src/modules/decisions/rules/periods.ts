import { CHINA_OFFSET_MS, chinaDate } from '../../../platform/china-time.ts';

/**
 * Periods in days, counted as 民法典 201 and 203 say, on China Standard Time (UTC+8) dates:
 * - a period of N days starts on the day after the event (the event's own day is not counted), so its
 *   last day is the event's date + N;
 * - it ends at 24:00 of its last day;
 * - when the last day is a statutory holiday (a non-working day per `isWorkingDay`, which CALENDAR
 *   builds from the State Council's holiday and adjusted-workday notices), the first working day after
 *   it becomes the last day.
 * "N 个工作日" (N working days) counts only working days, from the day after the event.
 *
 * Pure: `now` and the working-day predicate are passed in; dates are 'YYYY-MM-DD'.
 */
export type IsWorkingDay = (isoDate: string) => boolean;

const DAY_MS = 86_400_000;
/** Guard against a predicate that never returns true (a calendar bug must not hang the server). */
const MAX_NON_WORKING_RUN = 366;

/** 'YYYY-MM-DD' + n calendar days. */
export function addDays(isoDate: string, n: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from a to b ('YYYY-MM-DD'; negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  const t = (s: string) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((t(b) - t(a)) / DAY_MS);
}

/** 00:00 China time of a date, as an instant. */
export function startOfChinaDate(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - CHINA_OFFSET_MS);
}

/** The first working day on or after a date. */
export function nextWorkingDayOnOrAfter(isoDate: string, isWorkingDay: IsWorkingDay): string {
  let day = isoDate;
  for (let i = 0; i <= MAX_NON_WORKING_RUN; i++) {
    if (isWorkingDay(day)) return day;
    day = addDays(day, 1);
  }
  throw new RangeError(`no working day within ${MAX_NON_WORKING_RUN} days after ${isoDate}`);
}

export type Period = {
  /** The first day counted (the day after the event). */
  firstDay: string;
  /** The last day, after moving off a holiday. */
  lastDay: string;
  /** 24:00 China time of the last day (= 00:00 of the next day), as an instant: the period has run out at this instant. */
  endsAt: Date;
};

/** A period of `days` calendar days after an event at `start` (民法典 201, 203). `days` ≥ 0 whole. */
export function periodAfter(start: Date, days: number, isWorkingDay: IsWorkingDay): Period {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`bad period length: ${days}`);
  const eventDay = chinaDate(start);
  const firstDay = addDays(eventDay, 1);
  if (days === 0) return { firstDay, lastDay: eventDay, endsAt: start };
  const lastDay = nextWorkingDayOnOrAfter(addDays(eventDay, days), isWorkingDay);
  return { firstDay, lastDay, endsAt: startOfChinaDate(addDays(lastDay, 1)) };
}

/** A period of `days` working days after an event: the Nth working day after the event's date is the last. */
export function workingDaysAfter(start: Date, days: number, isWorkingDay: IsWorkingDay): Period {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`bad period length: ${days}`);
  const eventDay = chinaDate(start);
  const firstDay = addDays(eventDay, 1);
  if (days === 0) return { firstDay, lastDay: eventDay, endsAt: start };
  let day = eventDay;
  for (let counted = 0; counted < days; ) {
    day = nextWorkingDayOnOrAfter(addDays(day, 1), isWorkingDay);
    counted++;
  }
  return { firstDay, lastDay: day, endsAt: startOfChinaDate(addDays(day, 1)) };
}

/** Is the period still running at `now` (a publication period not yet over)? */
export function periodRunning(start: Date, days: number, now: Date, isWorkingDay: IsWorkingDay): boolean {
  return now.getTime() < periodAfter(start, days, isWorkingDay).endsAt.getTime();
}

/**
 * Was the meeting called early enough? "会议召开 N 日前通知" (村民委员会组织法 21: 10 days): the day of
 * the notice is not counted (民法典 201) and the N days must have passed on or before the meeting's
 * day, i.e. meetingDate − noticeDate ≥ N in China calendar days. No holiday shift applies: the rule
 * guarantees time to prepare, it is not a deadline to act. `days` 0 or undefined: any notice will do,
 * as long as the meeting is not called after it is held.
 */
export function noticeSatisfied(calledAt: Date, meetingAt: Date, days: number | undefined | null): boolean {
  if (meetingAt.getTime() < calledAt.getTime()) return false;
  if (!days) return true;
  return daysBetween(chinaDate(calledAt), chinaDate(meetingAt)) >= days;
}

/** The earliest China date on which a meeting called at `calledAt` may be held with `days` of notice. */
export function earliestMeetingDate(calledAt: Date, days: number | undefined | null): string {
  return addDays(chinaDate(calledAt), days ?? 0);
}

/** Mon–Fri working days, no holidays: a stand-in for tests and for CALENDAR's fallback. */
export const weekdaysOnly: IsWorkingDay = (isoDate) => {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return wd !== 0 && wd !== 6;
};
