/**
 * Dates of the grid screens. The server counts visit periods in China Standard Time (UTC+8), so
 * dates are shown in that zone whatever the browser's own zone is.
 */
const ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;

const dateParts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const timeParts = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** `2026-11-30` (UTC+8) of an instant. */
export function localDate(at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  return Number.isNaN(date.getTime()) ? String(at) : dateParts.format(date);
}

/** `2026-11-30 16:05` (UTC+8) of an instant. */
export function localDateTime(at: string | null | undefined): string {
  if (!at) return '—';
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return `${dateParts.format(date)} ${timeParts.format(date)}`;
}

function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** The last day to visit: the day before the (exclusive) end instant. */
export function lastDay(endExclusive: string): string {
  return localDate(new Date(new Date(endExclusive).getTime() - 1));
}

/** Whole calendar days since the deadline day (the day after it is day 1). */
export function daysOverdue(overdueSince: string, now: Date = new Date()): number {
  return Math.max(1, dayNumber(localDate(now)) - dayNumber(lastDay(overdueSince)));
}

/** Whole calendar days from today to the last day (0 = today). */
export function daysLeft(dueAt: string, now: Date = new Date()): number {
  return dayNumber(lastDay(dueAt)) - dayNumber(localDate(now));
}

/** Today (UTC+8) as `YYYY-MM-DD`. */
export function today(): string {
  return localDate(new Date());
}
