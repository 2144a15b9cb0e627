import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, columnFreshness, periodOfDate, type FreshnessRule } from './board-freshness.ts';

const quarterly: FreshnessRule = { every: 'quarter', warnDays: 14 };
const monthly: FreshnessRule = { every: 'month', warnDays: 7 };
const at = (s: string) => new Date(s);
const since = at('2025-01-01T00:00:00+08:00');

describe('calendar periods (China dates)', () => {
  it('quarters start in January, April, July, October; months end on their last day', () => {
    expect(periodOfDate('quarter', '2026-11-23')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(periodOfDate('month', '2028-02-10')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(periodOfDate('half_year', '2026-07-01')).toEqual({ start: '2026-07-01', end: '2026-12-31' });
    expect(periodOfDate('year', '2026-07-01')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
  });
  it('periods tile the calendar (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 365 * 80 }), fc.constantFrom('month', 'quarter', 'half_year', 'year' as const), (n, every) => {
      const d = addDays('2000-01-01', n);
      const p = periodOfDate(every, d);
      expect(p.start <= d && d <= p.end).toBe(true);
      expect(periodOfDate(every, addDays(p.end, 1)).start).toBe(addDays(p.end, 1));
    }));
  });
});

describe('column freshness (routine affairs at least quarterly, seed 000)', () => {
  it('published this quarter: fine until the end of next quarter', () => {
    const r = columnFreshness({ rule: quarterly, lastPublishedAt: at('2026-10-15T10:00:00+08:00'), since, now: at('2026-11-23T10:00:00+08:00') });
    expect(r).toMatchObject({ status: 'ok', dueBy: '2027-03-31', lastPublishedOn: '2026-10-15' });
  });
  it('published last quarter only: due by the end of this quarter, warned in its last two weeks', () => {
    expect(columnFreshness({ rule: quarterly, lastPublishedAt: at('2026-08-01T10:00:00+08:00'), since, now: at('2026-11-23T10:00:00+08:00') }).status).toBe('ok');
    const r = columnFreshness({ rule: quarterly, lastPublishedAt: at('2026-08-01T10:00:00+08:00'), since, now: at('2026-12-20T10:00:00+08:00') });
    expect(r).toMatchObject({ status: 'due_soon', dueBy: '2026-12-31', days: 11 });
    expect(r.message.zh).toBe('还剩 11 天，请在 2026-12-31 前公开（每季度至少公开一次）');
  });
  it('a whole quarter without a publication: overdue, counted in days', () => {
    const r = columnFreshness({ rule: quarterly, lastPublishedAt: at('2026-05-01T10:00:00+08:00'), since, now: at('2026-10-03T10:00:00+08:00') });
    expect(r).toMatchObject({ status: 'overdue', dueBy: '2026-09-30', days: 3 });
    expect(r.message.zh).toBe('已超期 3 天未公开（每季度至少公开一次，应在 2026-09-30 前公开）');
  });
  it('the day is the China day: 31 December 23:30 in Beijing is not yet overdue', () => {
    const last = at('2026-08-01T10:00:00+08:00');
    expect(columnFreshness({ rule: quarterly, lastPublishedAt: last, since, now: at('2026-12-31T15:30:00Z') }).status).toBe('due_soon');
    expect(columnFreshness({ rule: quarterly, lastPublishedAt: last, since, now: at('2026-12-31T16:30:00Z') }).status).toBe('overdue');
  });
  it('finances monthly (村民委员会组织法 30)', () => {
    expect(columnFreshness({ rule: monthly, lastPublishedAt: at('2026-10-31T10:00:00+08:00'), since, now: at('2026-11-28T10:00:00+08:00') })).toMatchObject({ status: 'due_soon', dueBy: '2026-11-30' });
    expect(columnFreshness({ rule: monthly, lastPublishedAt: at('2026-10-31T10:00:00+08:00'), since, now: at('2026-12-01T10:00:00+08:00') })).toMatchObject({ status: 'overdue', days: 1 });
  });
  it('a new column is judged from the day it was set up; a column without a rule never warns', () => {
    expect(columnFreshness({ rule: quarterly, lastPublishedAt: null, since: at('2026-11-20T10:00:00+08:00'), now: at('2026-11-23T10:00:00+08:00') })).toMatchObject({ status: 'ok', dueBy: '2027-03-31', lastPublishedOn: null });
    expect(columnFreshness({ rule: { every: null, warnDays: 0 }, lastPublishedAt: null, since, now: at('2030-01-01T00:00:00Z') }).status).toBe('no_rule');
  });
  it('publishing brings any column back to ok, and overdue means a whole period was missed (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 0, max: 800 }), fc.constantFrom('month', 'quarter', 'half_year', 'year' as const), fc.integer({ min: 0, max: 30 }),
      (pubDay, gap, every, warnDays) => {
        const published = addDays('2020-01-01', pubDay);
        const today = addDays(published, gap);
        const r = columnFreshness({ rule: { every, warnDays }, lastPublishedAt: at(`${published}T12:00:00+08:00`), since, now: at(`${today}T12:00:00+08:00`) });
        if (gap === 0) expect(r.status).toBe('ok');
        const nextPeriod = periodOfDate(every, addDays(periodOfDate(every, published).end, 1));
        expect(r.status === 'overdue').toBe(today > nextPeriod.end);
      },
    ));
  });
});
