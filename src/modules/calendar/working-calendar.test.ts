import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { officialCalendar } from './official-holidays.ts';
import {
  addDays,
  addNaturalHours,
  addWorkingDays,
  buildWorkingCalendar,
  dayInfo,
  endOfChinaDay,
  isWorkingDay,
  nextWorkingDayFrom,
  startOfChinaDay,
  weekdayOf,
  workingDayPredicate,
  workingDaysBetween,
  workingDaysDeadline,
  yearDays,
  type CalendarOverride,
} from './working-calendar.ts';

const official = officialCalendar();
const cal = buildWorkingCalendar({ official });
const withOverrides = (overrides: CalendarOverride[]) => buildWorkingCalendar({ official, overrides });

/** Random China dates from 2025 to 2027 (the years the platform schedules in now). */
const dateArb = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2025-01-01', n));

describe('working days', () => {
  it('weekdays in China dates, whatever the server time zone', () => {
    expect(weekdayOf('2026-11-22')).toBe(7);
    expect(weekdayOf('2026-10-01')).toBe(4);
    expect(isWorkingDay(new Date('2026-11-22T17:00:00Z'), cal)).toBe(true); // already Monday 23 Nov in Beijing
    expect(isWorkingDay(new Date('2026-11-22T15:59:59Z'), cal)).toBe(false); // still Sunday in Beijing
  });

  it('statutory holidays rest, adjusted Saturdays and Sundays work', () => {
    expect(isWorkingDay('2026-10-01', cal)).toBe(false);
    expect(isWorkingDay('2026-10-07', cal)).toBe(false); // a Wednesday inside 国庆
    expect(isWorkingDay('2026-10-10', cal)).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay('2026-09-20', cal)).toBe(true); // Sunday, 调休上班
    expect(isWorkingDay('2026-02-14', cal)).toBe(true);
    expect(isWorkingDay('2026-10-11', cal)).toBe(false); // an ordinary Sunday
    expect(dayInfo('2026-10-10', cal)).toMatchObject({ kind: 'adjusted_workday', working: true, holidayName: { zh: '国庆节' } });
    expect(dayInfo('2026-10-03', cal)).toMatchObject({ kind: 'holiday', working: false, weekday: 6 });
  });

  it('a deadline of five working days across 国庆 2026 lands on Monday 12 October', () => {
    // received Tue 29 Sep: 30 Sep (1), 1–7 Oct rest, 8 Oct (2), 9 Oct (3), Sat 10 Oct 调休 (4), Sun 11 rest, Mon 12 Oct (5)
    expect(addWorkingDays('2026-09-29', 5, cal)).toBe('2026-10-12');
    expect(workingDaysDeadline(new Date('2026-09-29T10:00:00+08:00'), 5, cal).toISOString()).toBe('2026-10-12T16:00:00.000Z');
    // Without the adjusted Saturday it would be a day later: an override that rests on 10 Oct shows it.
    expect(addWorkingDays('2026-09-29', 5, withOverrides([{ date: '2026-10-10', working: false, note: '测试' }]))).toBe('2026-10-13');
  });

  it('the Spring Festival 2026: three working days from Friday 13 February end on Wednesday 25 February', () => {
    // Sat 14 Feb 调休 (1), 15–23 Feb rest, Tue 24 (2), Wed 25 (3)
    expect(addWorkingDays('2026-02-13', 3, cal)).toBe('2026-02-25');
    expect(workingDaysBetween('2026-02-13', '2026-02-25', cal)).toBe(3);
  });

  it('an administrator override wins over the notice and the week', () => {
    const c = withOverrides([
      { date: '2026-11-23', working: false, note: '防汛停工' },
      { date: '2026-11-28', working: true, note: '集中办理日' },
    ]);
    expect(isWorkingDay('2026-11-23', c)).toBe(false);
    expect(isWorkingDay('2026-11-28', c)).toBe(true);
    expect(dayInfo('2026-11-23', c)).toMatchObject({ kind: 'workday', working: false, override: { working: false, note: '防汛停工' } });
    expect(workingDayPredicate(c)('2026-11-28')).toBe(true);
  });

  it('a year the notices do not cover yet falls back to Monday–Friday (and says so)', () => {
    expect(cal.coveredYears).toContain(2026);
    const y2030 = yearDays(2030, cal);
    expect(y2030).toHaveLength(365);
    expect(y2030.every((d) => d.working === d.weekday <= 5)).toBe(true);
  });

  it('a year view has every day once, in order', () => {
    const days = yearDays(2028, cal);
    expect(days).toHaveLength(366);
    expect(days[0]?.date).toBe('2028-01-01');
    expect(days.at(-1)?.date).toBe('2028-12-31');
  });

  it('next working day from a rest day, and China-day boundaries', () => {
    expect(nextWorkingDayFrom('2026-10-01', cal)).toBe('2026-10-08');
    expect(nextWorkingDayFrom('2026-10-08', cal)).toBe('2026-10-08');
    expect(startOfChinaDay('2026-10-08').toISOString()).toBe('2026-10-07T16:00:00.000Z');
    expect(endOfChinaDay('2026-10-08').toISOString()).toBe('2026-10-08T16:00:00.000Z');
    expect(addNaturalHours(new Date('2026-09-30T22:00:00+08:00'), 48).toISOString()).toBe('2026-10-02T14:00:00.000Z');
  });

  it('refuses bad input instead of guessing', () => {
    expect(() => addWorkingDays('2026-02-30', 1, cal)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-01', -1, cal)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-01', 1.5, cal)).toThrow(RangeError);
    expect(() => addNaturalHours(new Date(), -1)).toThrow(RangeError);
  });
});

describe('working days (properties)', () => {
  it('adding n working days and counting back gives n, and the day reached is a working day', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 60 }), (start, n) => {
        const end = addWorkingDays(start, n, cal);
        expect(workingDaysBetween(start, end, cal)).toBe(n);
        expect(workingDaysBetween(end, start, cal)).toBe(0 - n);
        if (n > 0) expect(isWorkingDay(end, cal)).toBe(true);
      }),
    );
  });

  it('one more working day is strictly later, and never more than the holiday run plus a week away', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 30 }), (start, n) => {
        const a = addWorkingDays(start, n, cal);
        const b = addWorkingDays(start, n + 1, cal);
        expect(b > a).toBe(true);
        expect(Date.parse(b) - Date.parse(a)).toBeLessThanOrEqual(10 * 86_400_000); // 春节 runs 9 days
      }),
    );
  });

  it('working days are additive: between(a, c) = between(a, b) + between(b, c)', () => {
    fc.assert(
      fc.property(dateArb, dateArb, dateArb, (a, b, c) => {
        expect(workingDaysBetween(a, c, cal)).toBe(workingDaysBetween(a, b, cal) + workingDaysBetween(b, c, cal));
      }),
    );
  });

  it('an override changes that day and no other', () => {
    fc.assert(
      fc.property(dateArb, fc.boolean(), dateArb, (day, working, other) => {
        const c = withOverrides([{ date: day, working, note: 'x' }]);
        expect(isWorkingDay(day, c)).toBe(working);
        if (other !== day) expect(isWorkingDay(other, c)).toBe(isWorkingDay(other, cal));
      }),
    );
  });
});

describe('with the 民法典 period counting of decisions/rules/periods.ts (RULES takes our predicate)', () => {
  it('a 7-day publication posted on 24 Sep 2026 would end on 1 Oct, a holiday: it runs to 24:00 of 8 Oct', async () => {
    const { periodAfter } = await import('../decisions/rules/periods.ts');
    const p = periodAfter(new Date('2026-09-24T10:00:00+08:00'), 7, workingDayPredicate(cal));
    expect(p.lastDay).toBe('2026-10-08');
    expect(p.endsAt.toISOString()).toBe('2026-10-08T16:00:00.000Z');
  });

  it('their working-day periods and ours agree (property)', async () => {
    const { workingDaysAfter } = await import('../decisions/rules/periods.ts');
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const at = startOfChinaDay(start);
        expect(workingDaysAfter(at, n, workingDayPredicate(cal)).lastDay).toBe(addWorkingDays(start, n, cal));
      }),
    );
  });
});
