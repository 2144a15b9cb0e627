import { Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../shared/api';
import type { DemandStatus } from './demands-api';
import type { DemandsT } from './demands-messages';

const DAY = 86_400_000;

/** The China date (YYYY-MM-DD) of an instant. */
export function chinaDate(at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** `11月22日 16:30` in China time (zh) or `22 Nov 16:30` (en). */
export function shortDateTime(iso: string | null | undefined, zh: boolean): string {
  if (!iso) return '—';
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  if (zh) return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hm}`;
  return `${d.getUTCDate()} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]} ${hm}`;
}

/** A deadline: midnight shows as 24:00 of the day before (时限至该日 24 时), anything else as shortDateTime. */
export function deadlineDateTime(iso: string | null | undefined, zh: boolean): string {
  if (!iso) return '—';
  const at = new Date(iso);
  const china = new Date(at.getTime() + 8 * 3600_000);
  if (china.getUTCHours() !== 0 || china.getUTCMinutes() !== 0) return shortDateTime(iso, zh);
  return shortDateTime(new Date(at.getTime() - 60_000).toISOString(), zh).replace('23:59', '24:00');
}

type CalendarYear = { days: { date: string; working: boolean }[] };

/**
 * The rest days (weekends, holidays, with adjusted working days taken out) of this year and the next,
 * from the district's working calendar, so "剩 N 个工作日" counts like the server does.
 */
export function useRestDays(): Set<string> | null {
  const [rest, setRest] = useState<Set<string> | null>(null);
  useEffect(() => {
    let live = true;
    const year = Number(chinaDate(new Date()).slice(0, 4));
    Promise.all([year, year + 1].map((y) => api.get<CalendarYear>('/api/calendar', { query: { year: y } }).catch(() => ({ days: [] }))))
      .then((years) => {
        if (live) setRest(new Set(years.flatMap((y) => y.days.filter((d) => !d.working).map((d) => d.date))));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return rest;
}

/** Working days after today up to and including the deadline's day (weekends only when the calendar has not loaded). */
export function workingDaysLeft(deadline: Date, now: Date, rest: Set<string> | null): number {
  // A deadline at midnight ends the day before.
  const last = chinaDate(new Date(deadline.getTime() - 1));
  let count = 0;
  for (let t = now.getTime() + DAY; chinaDate(new Date(t)) <= last && count < 400; t += DAY) {
    const date = chinaDate(new Date(t));
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const isRest = rest ? rest.has(date) : weekday === 0 || weekday === 6;
    if (!isRest) count += 1;
  }
  return count;
}

/** The finish deadline as a plain sentence: red "已超期 N 天", "今天到期", or "剩 N 个工作日". */
export function DeadlineText({ finishBy, overdue, status, rest, t }: { finishBy: string | null; overdue: boolean; status: DemandStatus; rest: Set<string> | null; t: DemandsT }) {
  if (status === 'done' || status === 'closed' || status === 'merged') return <Typography.Text type="secondary">{t('deadline.closed')}</Typography.Text>;
  if (status === 'suspended' || !finishBy) return <Typography.Text type="secondary">{t('deadline.none')}</Typography.Text>;
  const now = new Date();
  const by = new Date(finishBy);
  if (overdue || by.getTime() < now.getTime()) {
    const days = Math.max(1, Math.ceil((now.getTime() - by.getTime()) / DAY));
    return (
      <Typography.Text type="danger" strong data-testid="demand-overdue">
        {t('deadline.overdue', { days })}
      </Typography.Text>
    );
  }
  if (chinaDate(new Date(by.getTime() - 1)) === chinaDate(now)) return <span className="gz-text-warning" data-testid="demand-due">{t('deadline.today')}</span>;
  const left = workingDaysLeft(by, now, rest);
  return <span className={left <= 1 ? 'gz-text-warning' : undefined} data-testid="demand-due">{t('deadline.left', { days: left })}</span>;
}

const STATUS_COLOR: Record<DemandStatus, string> = {
  received: 'gold',
  routed: 'blue',
  accepted: 'processing',
  suspended: 'purple',
  done: 'cyan',
  closed: 'success',
  merged: 'default',
};

export function DemandStatusTag({ status, name }: { status: DemandStatus; name: string }) {
  return (
    <Tag color={STATUS_COLOR[status]} className="gz-status-tag" data-testid="demand-status">
      {name}
    </Tag>
  );
}
