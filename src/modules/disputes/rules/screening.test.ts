import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../calendar/working-calendar.ts';
import { missingReports, monthOf, reportingStatus, summarizeScreening, tenDayPeriodOf, weekOf, weeksIn, type ScreeningReport } from './screening.ts';

const grids = [
  { id: 'g1', name: '第一网格' },
  { id: 'g2', name: '第二网格' },
  { id: 'g3', name: '第三网格' },
];
const report = (gridId: string, week: string, disputes = 0, submittedAt = `${week}T12:00:00+08:00`): ScreeningReport => ({ gridId, week, disputes, submittedAt: new Date(submittedAt) });

describe('screening periods', () => {
  it('weeks run Monday to Sunday; 旬 are 1–10, 11–20, 21–end; months are months', () => {
    expect(weekOf('2026-11-22')).toMatchObject({ start: '2026-11-16', end: '2026-11-22' });
    expect(weekOf('2026-11-23')).toMatchObject({ start: '2026-11-23', end: '2026-11-29' });
    expect(tenDayPeriodOf('2026-11-22')).toMatchObject({ start: '2026-11-21', end: '2026-11-30', label: { zh: '2026年11月下旬' } });
    expect(tenDayPeriodOf('2026-02-25')).toMatchObject({ start: '2026-02-21', end: '2026-02-28' });
    expect(tenDayPeriodOf('2028-02-25').end).toBe('2028-02-29');
    expect(tenDayPeriodOf('2026-11-10')).toMatchObject({ start: '2026-11-01', end: '2026-11-10', label: { zh: '2026年11月上旬' } });
    expect(monthOf('2026-12-31')).toMatchObject({ start: '2026-12-01', end: '2026-12-31', label: { zh: '2026年12月' } });
    expect(weeksIn(monthOf('2026-11-05'))).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
  });

  it('every date lies in its week, 旬 and month, and consecutive periods tile the calendar (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), (n) => {
        const d = addDays('2025-01-01', n);
        for (const p of [weekOf(d), tenDayPeriodOf(d), monthOf(d)]) {
          expect(p.start <= d && d <= p.end).toBe(true);
        }
        expect(tenDayPeriodOf(addDays(tenDayPeriodOf(d).end, 1)).start).toBe(addDays(tenDayPeriodOf(d).end, 1));
        expect(weekOf(addDays(weekOf(d).end, 1)).start).toBe(addDays(weekOf(d).end, 1));
      }),
    );
  });
});

describe('weekly reports and 零报告', () => {
  it('a zero report counts as a report; a grid without one is listed', () => {
    const reports = [report('g1', '2026-11-16', 2), report('g2', '2026-11-18', 0)];
    expect(missingReports({ grids, reports, week: '2026-11-20' }).map((g) => g.id)).toEqual(['g3']);
  });

  it('which grids have not reported: runs of missed weeks counted back from the last complete week', () => {
    const reports = [report('g1', '2026-11-16'), report('g1', '2026-11-09'), report('g2', '2026-11-02', 1), report('g3', '2026-11-23')];
    const status = reportingStatus({ grids, reports, now: new Date('2026-11-24T10:00:00+08:00') }); // last complete week: 16–22 Nov
    expect(status.map((s) => [s.grid.id, s.missedWeeks, s.lastWeekReported])).toEqual([
      ['g3', 8, null], // reported only for the current week, which is not complete yet
      ['g2', 2, '2026-11-02'],
      ['g1', 0, '2026-11-16'],
    ]);
  });

  it('ten-day and monthly summaries count weeks due, reported, zero reports and disputes; a later report corrects an earlier one', () => {
    const reports = [
      report('g1', '2026-11-02', 1),
      report('g1', '2026-11-09', 0),
      report('g1', '2026-11-16', 3, '2026-11-20T09:00:00+08:00'),
      report('g1', '2026-11-16', 2, '2026-11-21T09:00:00+08:00'),
      report('g2', '2026-11-23', 0),
    ];
    const month = summarizeScreening({ grids, reports, period: monthOf('2026-11-15') });
    expect(month.rows[0]).toMatchObject({ weeksDue: 5, weeksReported: 3, zeroReports: 1, disputes: 3, missingWeeks: ['2026-10-26', '2026-11-23'] });
    expect(month.totals).toMatchObject({ weeksDue: 15, weeksReported: 4, zeroReports: 2, disputes: 3, gridsComplete: 0 });
    const xun = summarizeScreening({ grids, reports, period: tenDayPeriodOf('2026-11-15') }); // 11–20 Nov: the week ending Sunday 15 Nov
    expect(xun.rows.map((r) => r.weeksReported)).toEqual([1, 0, 0]);
    expect(xun.totals.gridsComplete).toBe(1);
  });

  it('an empty period and no grids give zeros, not errors', () => {
    expect(summarizeScreening({ grids: [], reports: [], period: monthOf('2026-11-01') }).totals).toEqual({ weeksDue: 0, weeksReported: 0, zeroReports: 0, disputes: 0, gridsComplete: 0 });
    expect(weeksIn({ start: '2026-11-02', end: '2026-11-07' })).toEqual([]);
  });
});
