import { chinaDate } from '../../platform/china-time.ts';

/**
 * Freshness of a board column (公开时限), as data. Routine community affairs are published at least once
 * every quarter, matters decided by a procedure at once (seed 000: "至少每个季度对社区级事务集中公开一次，
 * 对于‘一征三议两公开’工作法确定的事务随时进行公开"); finances monthly where there are many transactions
 * (村民委员会组织法 art. 30). Calendar periods in China time: a column is fine while the current period
 * or the one before holds a publication; it is due by the end of the current period when only the
 * previous one does; overdue when a whole period went by without one.
 */
export type FreshnessEvery = 'month' | 'quarter' | 'half_year' | 'year';
export type FreshnessRule = {
  /** At least one publication in every such calendar period; null = no routine rule (e.g. notices only on occasion). */
  every: FreshnessEvery | null;
  /** Warn this many days before the due date. */
  warnDays: number;
};

export const FRESHNESS_LABELS: Record<FreshnessEvery, { zh: string; en: string }> = {
  month: { zh: '每月至少公开一次', en: 'At least monthly' },
  quarter: { zh: '每季度至少公开一次', en: 'At least quarterly' },
  half_year: { zh: '每半年至少公开一次', en: 'At least every half year' },
  year: { zh: '每年至少公开一次', en: 'At least yearly' },
};

export type StandardColumn = { code: string; name: string; nameEn: string; freshness: FreshnessRule; sortOrder: number; source: string };

/** The three standard columns every community has (四栏公开 adds a custom one where a community wants it). */
export const STANDARD_COLUMNS: readonly StandardColumn[] = [
  { code: 'party', name: '党务公开', nameEn: 'Party affairs', freshness: { every: 'quarter', warnDays: 14 }, sortOrder: 1, source: '种子 000：至少每个季度集中公开一次' },
  { code: 'residents', name: '居务公开', nameEn: 'Community affairs', freshness: { every: 'quarter', warnDays: 14 }, sortOrder: 2, source: '种子 000：至少每个季度集中公开一次；议事结果随时公开' },
  { code: 'finance', name: '财务公开', nameEn: 'Finances', freshness: { every: 'month', warnDays: 7 }, sortOrder: 3, source: '村民委员会组织法第三十条：财务往来较多的，财务收支情况应当每月公布一次' },
];

export type FreshnessStatus = 'ok' | 'due_soon' | 'overdue' | 'no_rule';

export type ColumnFreshness = {
  status: FreshnessStatus;
  /** Last date (China) by which the next publication is due; null when the column has no rule. */
  dueBy: string | null;
  lastPublishedOn: string | null;
  /** Whole days past dueBy (overdue) or left until it (otherwise). */
  days: number | null;
  message: { zh: string; en: string };
};

const MONTHS: Record<FreshnessEvery, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };

/** The calendar period (China dates, end inclusive) that holds a date. */
export function periodOfDate(every: FreshnessEvery, date: string): { start: string; end: string } {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const len = MONTHS[every];
  const startMonth = Math.floor((m - 1) / len) * len; // 0-based
  const start = ymd(y, startMonth, 1);
  const next = ymd(y, startMonth + len, 1);
  return { start, end: addDays(next, -1) };
}

function ymd(y: number, month0: number, d: number): string {
  return new Date(Date.UTC(y, month0, d)).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400_000);
}

/**
 * Is the column fresh? `lastPublishedAt` is the newest publication in it (withdrawn ones do not count);
 * `since` is when the column was set up (a new column is not overdue for periods before it existed).
 */
export function columnFreshness(input: { rule: FreshnessRule; lastPublishedAt: Date | null; since: Date; now: Date }): ColumnFreshness {
  const { rule } = input;
  const lastPublishedOn = input.lastPublishedAt ? chinaDate(input.lastPublishedAt) : null;
  if (!rule.every) return { status: 'no_rule', dueBy: null, lastPublishedOn, days: null, message: { zh: '按需公开，无固定时限', en: 'Published as needed; no fixed interval' } };
  const today = chinaDate(input.now);
  const reference = lastPublishedOn ?? chinaDate(input.since);
  // Due by the end of the period after the reference period (a new column: by the end of its first full period).
  const refPeriod = periodOfDate(rule.every, reference);
  const dueBy = periodOfDate(rule.every, addDays(refPeriod.end, 1)).end;
  const label = FRESHNESS_LABELS[rule.every];
  if (today > dueBy) {
    const days = daysBetween(dueBy, today);
    return { status: 'overdue', dueBy, lastPublishedOn, days, message: { zh: `已超期 ${days} 天未公开（${label.zh}，应在 ${dueBy} 前公开）`, en: `Overdue by ${days} days (${label.en}; due by ${dueBy})` } };
  }
  const left = daysBetween(today, dueBy);
  const current = periodOfDate(rule.every, today);
  const doneThisPeriod = lastPublishedOn !== null && lastPublishedOn >= current.start;
  if (!doneThisPeriod && left < rule.warnDays) {
    return { status: 'due_soon', dueBy, lastPublishedOn, days: left, message: { zh: `还剩 ${left} 天，请在 ${dueBy} 前公开（${label.zh}）`, en: `${left} days left; publish by ${dueBy} (${label.en})` } };
  }
  return { status: 'ok', dueBy, lastPublishedOn, days: left, message: { zh: `按时公开（下次最迟 ${dueBy}）`, en: `Up to date (next due by ${dueBy})` } };
}
