import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaDate } from '../../../platform/china-time.ts';
import { addDays, daysBetween, earliestMeetingDate, nextWorkingDayOnOrAfter, noticeSatisfied, periodAfter, periodRunning, weekdaysOnly, workingDaysAfter, type IsWorkingDay } from './periods.ts';

/** A test calendar: weekends off, 1–7 October 2026 off (National Day), Saturday 10 October 2026 an adjusted workday. */
const testCalendar: IsWorkingDay = (d) => {
  if (d === '2026-10-10') return true;
  if (d >= '2026-10-01' && d <= '2026-10-07') return false;
  return weekdaysOnly(d);
};
/** An instant given in China time. */
const cst = (local: string) => new Date(`${local}+08:00`);

describe('periods in days (民法典 201, 203)', () => {
  it('start the day after the event and end at 24:00 of the last day', () => {
    const p = periodAfter(cst('2026-11-02T10:00:00'), 7, testCalendar); // Monday
    expect(p).toMatchObject({ firstDay: '2026-11-03', lastDay: '2026-11-09' });
    expect(p.endsAt.toISOString()).toBe('2026-11-09T16:00:00.000Z'); // 24:00 on 9 Nov in Beijing
  });
  it('count China dates: 01:00 in Beijing is already the next day', () => {
    expect(periodAfter(new Date('2026-11-01T17:00:00Z'), 7, testCalendar).firstDay).toBe('2026-11-03');
    expect(periodAfter(new Date('2026-11-01T15:59:59Z'), 7, testCalendar).firstDay).toBe('2026-11-02');
  });
  it('a last day on a weekend moves to the next working day', () => {
    expect(periodAfter(cst('2026-11-09T09:00:00'), 5, testCalendar).lastDay).toBe('2026-11-16'); // Sat 14 → Mon 16
  });
  it('a last day in a holiday moves past it; an adjusted workday counts as a working day', () => {
    expect(periodAfter(cst('2026-09-24T09:00:00'), 7, testCalendar).lastDay).toBe('2026-10-08'); // 1 Oct is a holiday
    expect(periodAfter(cst('2026-10-03T09:00:00'), 7, testCalendar).lastDay).toBe('2026-10-10'); // the adjusted Saturday
    expect(periodAfter(cst('2026-09-24T09:00:00'), 7, weekdaysOnly).lastDay).toBe('2026-10-01');
  });
  it('a period of 0 days ends at once', () => {
    const at = cst('2026-11-02T10:00:00');
    expect(periodAfter(at, 0, testCalendar).endsAt).toEqual(at);
    expect(periodRunning(at, 0, at, testCalendar)).toBe(false);
  });
  it('runs until the last instant of the last day and not a millisecond longer', () => {
    const start = cst('2026-11-02T10:00:00');
    expect(periodRunning(start, 7, new Date('2026-11-09T15:59:59.999Z'), testCalendar)).toBe(true);
    expect(periodRunning(start, 7, new Date('2026-11-09T16:00:00.000Z'), testCalendar)).toBe(false);
  });
  it('refuses a negative or fractional length and a calendar without working days', () => {
    expect(() => periodAfter(new Date(), -1, testCalendar)).toThrow(RangeError);
    expect(() => periodAfter(new Date(), 1.5, testCalendar)).toThrow(RangeError);
    expect(() => nextWorkingDayOnOrAfter('2026-01-01', () => false)).toThrow(RangeError);
  });
  it('property: the last day is a working day, at or after event + N, and the first working day from there', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }), fc.integer({ min: 1, max: 60 }), (at, n) => {
        const p = periodAfter(at, n, testCalendar);
        const nominal = addDays(chinaDate(at), n);
        expect(testCalendar(p.lastDay)).toBe(true);
        expect(p.lastDay >= nominal).toBe(true);
        for (let d = nominal; d < p.lastDay; d = addDays(d, 1)) expect(testCalendar(d)).toBe(false);
        expect(p.firstDay).toBe(addDays(chinaDate(at), 1));
        expect(chinaDate(new Date(p.endsAt.getTime() - 1))).toBe(p.lastDay);
        expect(chinaDate(p.endsAt)).toBe(addDays(p.lastDay, 1));
        expect(periodAfter(at, n + 1, testCalendar).endsAt.getTime()).toBeGreaterThanOrEqual(p.endsAt.getTime());
      }),
    );
  });
});

describe('working days (N 个工作日)', () => {
  it('counts only working days from the day after', () => {
    expect(workingDaysAfter(cst('2026-11-06T10:00:00'), 3, testCalendar).lastDay).toBe('2026-11-11'); // Fri → Mon, Tue, Wed
    expect(workingDaysAfter(cst('2026-09-30T10:00:00'), 2, testCalendar).lastDay).toBe('2026-10-09'); // 8, 9 October
    expect(workingDaysAfter(cst('2026-09-30T10:00:00'), 3, testCalendar).lastDay).toBe('2026-10-10'); // the adjusted Saturday
  });
  it('property: exactly N working days lie in the period', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }), fc.integer({ min: 1, max: 30 }), (at, n) => {
        const p = workingDaysAfter(at, n, testCalendar);
        let count = 0;
        for (let d = p.firstDay; d <= p.lastDay; d = addDays(d, 1)) if (testCalendar(d)) count++;
        expect(count).toBe(n);
        expect(testCalendar(p.lastDay)).toBe(true);
      }),
    );
  });
});

describe('notice before a meeting (村民会议: 10 days)', () => {
  it('needs N China calendar days between the notice day and the meeting day', () => {
    const called = cst('2026-11-01T10:00:00');
    expect(noticeSatisfied(called, cst('2026-11-11T09:00:00'), 10)).toBe(true);
    expect(noticeSatisfied(called, cst('2026-11-10T23:59:00'), 10)).toBe(false);
    expect(earliestMeetingDate(called, 10)).toBe('2026-11-11');
    // Called at 23:59 on 1 Nov in Beijing (15:59 UTC) vs at 00:00 on 2 Nov.
    expect(noticeSatisfied(new Date('2026-11-01T15:59:00Z'), cst('2026-11-11T09:00:00'), 10)).toBe(true);
    expect(noticeSatisfied(new Date('2026-11-01T16:00:00Z'), cst('2026-11-11T09:00:00'), 10)).toBe(false);
  });
  it('no notice period: any meeting not before the call', () => {
    const called = cst('2026-11-01T10:00:00');
    expect(noticeSatisfied(called, called, 0)).toBe(true);
    expect(noticeSatisfied(called, cst('2026-11-01T09:00:00'), undefined)).toBe(false);
    expect(noticeSatisfied(called, cst('2026-11-01T09:00:00'), 10)).toBe(false);
  });
  it('property: agrees with earliestMeetingDate', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }), fc.integer({ min: 0, max: 40 * 86_400_000 }), fc.integer({ min: 1, max: 30 }), (called, gap, n) => {
        const meeting = new Date(called.getTime() + gap);
        expect(noticeSatisfied(called, meeting, n)).toBe(chinaDate(meeting) >= earliestMeetingDate(called, n));
        expect(daysBetween(chinaDate(called), earliestMeetingDate(called, n))).toBe(n);
      }),
    );
  });
});
