import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { officialCalendar } from './official-holidays.ts';
import { limitDeadline, limitShareInstant, limitUsed, type TimeLimit } from './time-limit.ts';
import { buildWorkingCalendar, workingDaysDeadline } from './working-calendar.ts';

const calendar = buildWorkingCalendar({ official: officialCalendar() });
const at = (s: string) => new Date(s);
const H = 3_600_000;

describe('time-limit clock', () => {
  it('natural hours start at once and count weekends and holidays', () => {
    const start = at('2026-09-30T20:00:00+08:00');
    expect(limitDeadline({ start, limit: { unit: 'natural_hours', amount: 24 }, calendar })?.toISOString()).toBe('2026-10-01T12:00:00.000Z');
  });

  it('working days start the next day and end at 24:00 of the n-th working day (across 国庆 2026)', () => {
    const start = at('2026-09-29T15:30:00+08:00');
    const deadline = limitDeadline({ start, limit: { unit: 'working_days', amount: 5 }, calendar });
    expect(deadline?.toISOString()).toBe('2026-10-12T16:00:00.000Z'); // 24:00 Monday 12 Oct, Beijing
  });

  it('a suspension pauses the clock: two suspended working days push the deadline two working days', () => {
    const start = at('2026-11-02T09:00:00+08:00'); // Monday
    const limit: TimeLimit = { unit: 'working_days', amount: 3 }; // Tue, Wed, Thu → 24:00 Thu 5 Nov
    expect(limitDeadline({ start, limit, calendar })?.toISOString()).toBe('2026-11-05T16:00:00.000Z');
    const pauses = [{ from: at('2026-11-03T00:00:00+08:00'), to: at('2026-11-05T00:00:00+08:00') }]; // all of Tue and Wed
    expect(limitDeadline({ start, limit, pauses, calendar })?.toISOString()).toBe('2026-11-09T16:00:00.000Z'); // Thu, Fri, (weekend), Mon
  });

  it('an open suspension stops the clock: no deadline, and the share used stays where it was', () => {
    const start = at('2026-11-02T09:00:00+08:00');
    const limit: TimeLimit = { unit: 'natural_hours', amount: 10 };
    const pauses = [{ from: at('2026-11-02T14:00:00+08:00'), to: null }];
    expect(limitDeadline({ start, limit, pauses, calendar })).toBeNull();
    const used = limitUsed({ start, limit, pauses, calendar, now: at('2026-11-20T00:00:00+08:00') });
    expect(used).toMatchObject({ usedMs: 5 * H, share: 0.5, paused: true });
  });

  it('urging and supervision fire at shares of the limit', () => {
    const start = at('2026-11-02T09:00:00+08:00');
    const limit: TimeLimit = { unit: 'natural_hours', amount: 48 };
    expect(limitShareInstant({ start, limit, calendar, share: 0.5 })?.toISOString()).toBe('2026-11-03T01:00:00.000Z');
    expect(limitShareInstant({ start, limit, calendar, share: 0.8 })?.toISOString()).toBe(new Date(start.getTime() + 38.4 * H).toISOString());
  });

  it('a zero limit ends at once (natural hours) or at the end of the day (working days)', () => {
    const start = at('2026-11-02T09:00:00+08:00');
    expect(limitDeadline({ start, limit: { unit: 'natural_hours', amount: 0 }, calendar })?.toISOString()).toBe(start.toISOString());
    expect(limitDeadline({ start, limit: { unit: 'working_days', amount: 0 }, calendar })?.toISOString()).toBe('2026-11-02T16:00:00.000Z');
  });
});

describe('time-limit clock (properties)', () => {
  const instant = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-06-30T00:00:00Z') }).map((n) => new Date(n));

  it('without pauses a working-day limit ends where workingDaysDeadline says', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), (start, n) => {
        expect(limitDeadline({ start, limit: { unit: 'working_days', amount: n }, calendar })?.getTime()).toBe(workingDaysDeadline(start, n, calendar).getTime());
      }),
    );
  });

  it('a closed pause in natural hours moves the deadline by exactly its length', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 100 }), (start, hours, where, pauseHours) => {
        const limit: TimeLimit = { unit: 'natural_hours', amount: hours };
        const from = new Date(start.getTime() + Math.floor(where * hours * H));
        const to = new Date(from.getTime() + pauseHours * H);
        const plain = limitDeadline({ start, limit, calendar });
        const paused = limitDeadline({ start, limit, calendar, pauses: [{ from, to }] });
        expect((paused?.getTime() ?? 0) - (plain?.getTime() ?? 0)).toBe(from.getTime() < (plain?.getTime() ?? 0) ? pauseHours * H : 0);
      }),
    );
  });

  it('the share used at the deadline is 1 and grows with time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 20 }), fc.constantFrom('natural_hours' as const, 'working_days' as const), (start, amount, unit) => {
        const limit = { unit, amount };
        const deadline = limitDeadline({ start, limit, calendar });
        if (!deadline) throw new Error('no deadline');
        expect(limitUsed({ start, limit, calendar, now: deadline }).share).toBeCloseTo(1, 9);
        const half = limitShareInstant({ start, limit, calendar, share: 0.5 });
        expect(half && half <= deadline).toBe(true);
        expect(limitUsed({ start, limit, calendar, now: half ?? start }).share).toBeCloseTo(0.5, 9);
      }),
    );
  });
});

describe('time-limit clock (monotonicity)', () => {
  const instant = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-06-30T00:00:00Z') }).map((n) => new Date(n));
  it('a pause or a longer limit never brings a deadline forward (property)', () => {
    fc.assert(
      fc.property(
        instant,
        fc.constantFrom('natural_hours' as const, 'working_days' as const),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 30 * 24 }),
        fc.integer({ min: 1, max: 72 }),
        (start, unit, amount, extra, offsetHours, pauseHours) => {
          const from = new Date(start.getTime() + offsetHours * H);
          const plain = limitDeadline({ start, limit: { unit, amount }, calendar });
          const longer = limitDeadline({ start, limit: { unit, amount: amount + extra }, calendar });
          const paused = limitDeadline({ start, limit: { unit, amount }, calendar, pauses: [{ from, to: new Date(from.getTime() + pauseHours * H) }] });
          if (!plain || !longer || !paused) throw new Error('closed pauses always give a deadline');
          expect(longer.getTime()).toBeGreaterThanOrEqual(plain.getTime());
          expect(paused.getTime()).toBeGreaterThanOrEqual(plain.getTime());
        },
      ),
    );
  });
});
