import { CHINA_OFFSET_MS, chinaDate } from '../../platform/china-time.ts';
import type { LocalDate, OfficialCalendar, OfficialDay } from './official-holidays.ts';

/**
 * The working-day calendar (工作日历), pure. A day is a working day when an administrator's override
 * says so; otherwise when the State Council's notice makes it an adjusted working day (调休上班);
 * otherwise when it is Monday–Friday and not a statutory holiday. Dates are China dates
 * ('YYYY-MM-DD', UTC+8); an instant passed as a Date is read in China time.
 */
export type { LocalDate } from './official-holidays.ts';

export type CalendarOverride = { date: LocalDate; working: boolean; note: string };

export type WorkingCalendar = {
  official: ReadonlyMap<LocalDate, OfficialDay>;
  overrides: ReadonlyMap<LocalDate, CalendarOverride>;
  /** Years whose official arrangement is included; other years have weekends only (plus overrides). */
  coveredYears: readonly number[];
};

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';

export type DayInfo = {
  date: LocalDate;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  working: boolean;
  /** What the day is by the week and the State Council's notice, before any override. */
  kind: DayKind;
  holidayName: { zh: string; en: string } | null;
  override: { working: boolean; note: string } | null;
};

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function buildWorkingCalendar(input: { official: OfficialCalendar; overrides?: readonly CalendarOverride[] }): WorkingCalendar {
  return {
    official: input.official.days,
    overrides: new Map((input.overrides ?? []).map((o) => [o.date, o])),
    coveredYears: input.official.coveredYears,
  };
}

export function isLocalDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function toLocal(date: LocalDate | Date): LocalDate {
  if (date instanceof Date) return chinaDate(date);
  if (!isLocalDate(date)) throw new RangeError(`not a date: ${date}`);
  return date;
}

/** Days since 1970-01-01 of a China date (the date's own number, independent of time zones). */
function dayNumber(date: LocalDate): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}
function fromDayNumber(n: number): LocalDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(toLocal(date)) + days);
}

export function weekdayOf(date: LocalDate): number {
  const d = new Date(dayNumber(toLocal(date)) * DAY_MS).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Calendar days from `a` to `b` (b − a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumber(toLocal(b)) - dayNumber(toLocal(a));
}

export function isCovered(year: number, calendar: WorkingCalendar): boolean {
  return calendar.coveredYears.includes(year);
}

export function dayInfo(date: LocalDate | Date, calendar: WorkingCalendar): DayInfo {
  const d = toLocal(date);
  const weekday = weekdayOf(d);
  const official = calendar.official.get(d) ?? null;
  const kind: DayKind = official ? official.kind : weekday >= 6 ? 'weekend' : 'workday';
  const override = calendar.overrides.get(d) ?? null;
  const working = override ? override.working : kind === 'workday' || kind === 'adjusted_workday';
  return { date: d, weekday, working, kind, holidayName: official?.name ?? null, override: override ? { working: override.working, note: override.note } : null };
}

export function isWorkingDay(date: LocalDate | Date, calendar: WorkingCalendar): boolean {
  return isWorkingDayNumber(dayNumber(toLocal(date)), calendar);
}

/** Answers per calendar object, by day number: a calendar is immutable once built, so they never go stale. */
const answers = new WeakMap<WorkingCalendar, Map<number, boolean>>();

/** isWorkingDay by day number (days since 1970-01-01 of the China date), for the hot loops. */
export function isWorkingDayNumber(day: number, calendar: WorkingCalendar): boolean {
  let known = answers.get(calendar);
  if (!known) {
    known = new Map();
    answers.set(calendar, known);
  }
  const hit = known.get(day);
  if (hit !== undefined) return hit;
  const date = fromDayNumber(day);
  const override = calendar.overrides.get(date);
  const official = calendar.official.get(date);
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays … 6 on Sundays.
  const working = override ? override.working : official ? official.kind === 'adjusted_workday' : (((day + 3) % 7) + 7) % 7 < 5;
  known.set(day, working);
  return working;
}

/** The China day number of an instant. */
export function chinaDayNumber(at: Date): number {
  return chinaDayNumberAt(at.getTime());
}

/** chinaDayNumber of an instant in milliseconds (the clock's walk, without a Date per step). */
export function chinaDayNumberAt(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);
}

/** The predicate the 民法典 period counting in decisions/rules/periods.ts takes. */
export function workingDayPredicate(calendar: WorkingCalendar): (date: LocalDate) => boolean {
  return (date) => isWorkingDay(date, calendar);
}

/**
 * The n-th working day after `start` (the start day itself is not counted, as a period in days starts
 * the day after its event, 民法典 201). n = 0 gives `start` back.
 */
export function addWorkingDays(start: LocalDate | Date, n: number, calendar: WorkingCalendar): LocalDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  let day = dayNumber(toLocal(start));
  let left = n;
  while (left > 0) {
    day += 1;
    if (isWorkingDayNumber(day, calendar)) left -= 1;
  }
  return fromDayNumber(day);
}

/** Working days in (from, to]: how many working days pass after `from` up to and including `to`; negative when to < from. */
export function workingDaysBetween(from: LocalDate | Date, to: LocalDate | Date, calendar: WorkingCalendar): number {
  const a = dayNumber(toLocal(from));
  const b = dayNumber(toLocal(to));
  if (b < a) return 0 - workingDaysBetween(to, from, calendar); // never -0
  let count = 0;
  for (let day = a + 1; day <= b; day++) if (isWorkingDayNumber(day, calendar)) count += 1;
  return count;
}

/** The first working day on or after `date` (a last day that falls on a rest day moves to the next working day, 民法典 203). */
export function nextWorkingDayFrom(date: LocalDate | Date, calendar: WorkingCalendar): LocalDate {
  let day = dayNumber(toLocal(date));
  while (!isWorkingDayNumber(day, calendar)) day += 1;
  return fromDayNumber(day);
}

/** 00:00 of a China date, as an instant. */
export function startOfChinaDay(date: LocalDate): Date {
  return new Date(dayNumber(toLocal(date)) * DAY_MS - CHINA_OFFSET_MS);
}

/** 24:00 of a China date (= 00:00 of the next day), as an instant: a period ends then (民法典 203). */
export function endOfChinaDay(date: LocalDate): Date {
  return new Date((dayNumber(toLocal(date)) + 1) * DAY_MS - CHINA_OFFSET_MS);
}

/** An hour limit starts at once (民法典 201 款二): `at` plus the hours, weekends and holidays included. */
export function addNaturalHours(at: Date, hours: number): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be ≥ 0, got ${hours}`);
  return new Date(at.getTime() + hours * 3_600_000);
}

/** "Within n working days" of an event at `at`: 24:00 (China) of the n-th working day after the event's date. */
export function workingDaysDeadline(at: Date, n: number, calendar: WorkingCalendar): Date {
  return endOfChinaDay(addWorkingDays(chinaDate(at), n, calendar));
}

/** Every day of a year, for the year view. */
export function yearDays(year: number, calendar: WorkingCalendar): DayInfo[] {
  const first = dayNumber(`${String(year).padStart(4, '0')}-01-01`);
  const next = dayNumber(`${String(year + 1).padStart(4, '0')}-01-01`);
  const days: DayInfo[] = [];
  for (let day = first; day < next; day++) days.push(dayInfo(fromDayNumber(day), calendar));
  return days;
}
