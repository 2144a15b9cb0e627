import { chinaDate } from '../../../platform/china-time.ts';
import { addDays, weekdayOf, type LocalDate } from '../../calendar/working-calendar.ts';

/**
 * Dispute screening cadence (排查), pure: 一周一排查、一旬一汇报、一月一通报 (000); every grid reports
 * weekly, and a week with nothing to report still needs a zero report (零报告, 004). Weeks run Monday to
 * Sunday in China time; a ten-day period (旬) is the 1st–10th, 11th–20th or 21st–end of a month.
 * A week belongs to the period that holds its Sunday.
 */
export type Period = { start: LocalDate; end: LocalDate; label: { zh: string; en: string } };

export type ScreeningReport = {
  gridId: string;
  /** Any date of the week reported on (normalised to its Monday). */
  week: LocalDate;
  submittedAt: Date;
  /** Disputes found that week; 0 is a zero report (零报告). */
  disputes: number;
};

export type Grid = { id: string; name: string };

export function weekOf(date: LocalDate): Period {
  const start = addDays(date, 1 - weekdayOf(date));
  const end = addDays(start, 6);
  return { start, end, label: { zh: `${start} 至 ${end}`, en: `${start} – ${end}` } };
}

function monthEnd(year: number, month: number): LocalDate {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

export function tenDayPeriodOf(date: LocalDate): Period {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const ym = date.slice(0, 7);
  const part = d <= 10 ? 0 : d <= 20 ? 1 : 2;
  const start = `${ym}-${['01', '11', '21'][part]}`;
  const end = part === 2 ? monthEnd(y, m) : `${ym}-${part === 0 ? '10' : '20'}`;
  return { start, end, label: { zh: `${y}年${m}月${['上旬', '中旬', '下旬'][part]}`, en: `${ym} ${['early', 'mid', 'late'][part]}` } };
}

export function monthOf(date: LocalDate): Period {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return { start: `${date.slice(0, 7)}-01`, end: monthEnd(y, m), label: { zh: `${y}年${m}月`, en: date.slice(0, 7) } };
}

/** Mondays of the weeks whose Sunday falls within the period. */
export function weeksIn(period: { start: LocalDate; end: LocalDate }): LocalDate[] {
  const weeks: LocalDate[] = [];
  let monday = weekOf(period.start).start;
  for (; addDays(monday, 6) <= period.end; monday = addDays(monday, 7)) if (addDays(monday, 6) >= period.start) weeks.push(monday);
  return weeks;
}

function reportedWeeks(reports: readonly ScreeningReport[]): Map<string, Map<LocalDate, ScreeningReport>> {
  const byGrid = new Map<string, Map<LocalDate, ScreeningReport>>();
  for (const r of reports) {
    const monday = weekOf(r.week).start;
    const weeks = byGrid.get(r.gridId) ?? new Map<LocalDate, ScreeningReport>();
    const earlier = weeks.get(monday);
    // A later submission for the same week corrects the earlier one.
    if (!earlier || earlier.submittedAt.getTime() <= r.submittedAt.getTime()) weeks.set(monday, r);
    byGrid.set(r.gridId, weeks);
  }
  return byGrid;
}

/** The grids with no report (not even a zero report) for the week holding `week`. */
export function missingReports(input: { grids: readonly Grid[]; reports: readonly ScreeningReport[]; week: LocalDate }): Grid[] {
  const monday = weekOf(input.week).start;
  const byGrid = reportedWeeks(input.reports);
  return input.grids.filter((g) => !byGrid.get(g.id)?.has(monday));
}

export type ReportingStatus = { grid: Grid; lastWeekReported: LocalDate | null; missedWeeks: number };

/**
 * For the community's screen: the last complete week is the one before `now`'s week; each grid's
 * run of missed weeks counts back from it (up to `lookbackWeeks`). Grids with missed weeks come first.
 */
export function reportingStatus(input: { grids: readonly Grid[]; reports: readonly ScreeningReport[]; now: Date; lookbackWeeks?: number }): ReportingStatus[] {
  const lookback = input.lookbackWeeks ?? 8;
  const lastComplete = addDays(weekOf(chinaDate(input.now)).start, -7);
  const byGrid = reportedWeeks(input.reports);
  const rows = input.grids.map((grid) => {
    const weeks = byGrid.get(grid.id) ?? new Map<LocalDate, ScreeningReport>();
    let missed = 0;
    while (missed < lookback && !weeks.has(addDays(lastComplete, -7 * missed))) missed++;
    const done = [...weeks.keys()].filter((w) => w <= lastComplete).sort();
    return { grid, lastWeekReported: done.at(-1) ?? null, missedWeeks: missed };
  });
  return rows.sort((a, b) => b.missedWeeks - a.missedWeeks || a.grid.name.localeCompare(b.grid.name));
}

export type ScreeningSummary = {
  period: Period;
  rows: { grid: Grid; weeksDue: number; weeksReported: number; zeroReports: number; disputes: number; missingWeeks: LocalDate[] }[];
  totals: { weeksDue: number; weeksReported: number; zeroReports: number; disputes: number; gridsComplete: number };
};

/** The ten-day report (旬报) or monthly bulletin (月通报) over weekly reports. */
export function summarizeScreening(input: { grids: readonly Grid[]; reports: readonly ScreeningReport[]; period: Period }): ScreeningSummary {
  const weeks = weeksIn(input.period);
  const byGrid = reportedWeeks(input.reports);
  const rows = input.grids.map((grid) => {
    const got = byGrid.get(grid.id) ?? new Map<LocalDate, ScreeningReport>();
    const found = weeks.map((w) => got.get(w)).filter((r): r is ScreeningReport => r !== undefined);
    return {
      grid,
      weeksDue: weeks.length,
      weeksReported: found.length,
      zeroReports: found.filter((r) => r.disputes === 0).length,
      disputes: found.reduce((sum, r) => sum + r.disputes, 0),
      missingWeeks: weeks.filter((w) => !got.has(w)),
    };
  });
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
  return {
    period: input.period,
    rows,
    totals: { weeksDue: sum((r) => r.weeksDue), weeksReported: sum((r) => r.weeksReported), zeroReports: sum((r) => r.zeroReports), disputes: sum((r) => r.disputes), gridsComplete: rows.filter((r) => r.missingWeeks.length === 0).length },
  };
}
