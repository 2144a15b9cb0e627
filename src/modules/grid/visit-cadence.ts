import type { VisitFrequency } from '../../platform/db/schema.ts';
import { CHINA_OFFSET_MS } from '../../platform/china-time.ts';

/**
 * Which visits are due, from the cadence rules, the people's tags and the visits made. Pure: `now` is
 * passed in. Calendar periods are those of China Standard Time (UTC+8): weeks run Monday to Sunday,
 * quarters and half years start in January, April, July and October.
 *
 * - A periodic rule asks for one visit by its role in every period while the tag holds. The current
 *   period's visit is due at the period's end; when the previous period (with the tag) had none, the
 *   item is overdue since that period ended.
 * - An event rule (`tag_start`) asks for one visit by its role within `withinDays` days of the tag's
 *   start (0 = the same day, e.g. the day of release); it is overdue after that day ends.
 */
export type CadenceRule = { id: string; tagCode: string; role: string; frequency: VisitFrequency; event: 'tag_start' | null; withinDays: number | null; label: string };
export type TagHolding = { residentId: string; tagCode: string; since: string; until: string | null };
export type VisitMade = { residentId: string; visitedAt: Date; visitorRole: string };
export type DueVisit = {
  residentId: string;
  ruleId: string;
  label: string;
  role: string;
  dueAt: Date;
  overdue: boolean;
  /** When the item became overdue (end of the missed period or of the event window). */
  overdueSince: Date | null;
  lastVisitAt: Date | null;
};

const OFFSET_MS = CHINA_OFFSET_MS;

/** The local (UTC+8) calendar date of an instant, as a UTC-midnight Date for arithmetic. */
function localDay(at: Date): Date {
  const shifted = new Date(at.getTime() + OFFSET_MS);
  return new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()));
}

/** A local date (YYYY-MM-DD) at 00:00 UTC+8, as an instant. */
export function startOfLocalDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - OFFSET_MS);
}

const MONTHS_PER_PERIOD: Partial<Record<VisitFrequency, number>> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };

/** [start, end) of the period of this frequency that contains `at`, as instants. */
export function periodOf(frequency: Exclude<VisitFrequency, 'on_event'>, at: Date): { start: Date; end: Date } {
  const day = localDay(at);
  if (frequency === 'weekly') {
    const weekday = (day.getUTCDay() + 6) % 7; // Monday = 0
    const start = new Date(day.getTime() - weekday * 86400_000);
    return { start: new Date(start.getTime() - OFFSET_MS), end: new Date(start.getTime() + 7 * 86400_000 - OFFSET_MS) };
  }
  const months = MONTHS_PER_PERIOD[frequency] ?? 1;
  const firstMonth = Math.floor(day.getUTCMonth() / months) * months;
  const start = Date.UTC(day.getUTCFullYear(), firstMonth, 1) - OFFSET_MS;
  const end = Date.UTC(day.getUTCFullYear(), firstMonth + months, 1) - OFFSET_MS;
  return { start: new Date(start), end: new Date(end) };
}

function visitsBetween(visits: VisitMade[], role: string, from: Date, to: Date): VisitMade[] {
  return visits.filter((v) => v.visitorRole === role && v.visitedAt >= from && v.visitedAt < to);
}

export function dueVisits(input: { rules: CadenceRule[]; holdings: TagHolding[]; visits: VisitMade[]; now: Date }): DueVisit[] {
  const { now } = input;
  const visitsByResident = new Map<string, VisitMade[]>();
  for (const v of input.visits) visitsByResident.set(v.residentId, [...(visitsByResident.get(v.residentId) ?? []), v]);
  const rulesByTag = new Map<string, CadenceRule[]>();
  for (const r of input.rules) rulesByTag.set(r.tagCode, [...(rulesByTag.get(r.tagCode) ?? []), r]);
  const out: DueVisit[] = [];
  const seen = new Set<string>();

  for (const holding of input.holdings) {
    const since = startOfLocalDate(holding.since);
    const until = holding.until ? new Date(startOfLocalDate(holding.until).getTime() + 86400_000) : null;
    if (since > now || (until && until <= now)) continue; // the tag does not hold today
    const visits = visitsByResident.get(holding.residentId) ?? [];
    for (const rule of rulesByTag.get(holding.tagCode) ?? []) {
      const key = `${holding.residentId}:${rule.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const byRole = visits.filter((v) => v.visitorRole === rule.role);
      const lastVisitAt = byRole.reduce<Date | null>((last, v) => (!last || v.visitedAt > last ? v.visitedAt : last), null);
      if (rule.frequency === 'on_event') {
        const dueAt = new Date(since.getTime() + ((rule.withinDays ?? 0) + 1) * 86400_000);
        if (visitsBetween(visits, rule.role, since, new Date(8.64e15)).length > 0) continue;
        const overdue = now >= dueAt;
        out.push({ residentId: holding.residentId, ruleId: rule.id, label: rule.label, role: rule.role, dueAt, overdue, overdueSince: overdue ? dueAt : null, lastVisitAt });
        continue;
      }
      const current = periodOf(rule.frequency, now);
      const from = since > current.start ? since : current.start;
      if (visitsBetween(visits, rule.role, from, current.end).length > 0) continue;
      const previous = periodOf(rule.frequency, new Date(current.start.getTime() - 1));
      const heldInPrevious = since < previous.end;
      const previousFrom = since > previous.start ? since : previous.start;
      const missedPrevious = heldInPrevious && visitsBetween(visits, rule.role, previousFrom, previous.end).length === 0;
      out.push({
        residentId: holding.residentId,
        ruleId: rule.id,
        label: rule.label,
        role: rule.role,
        dueAt: current.end,
        overdue: missedPrevious,
        overdueSince: missedPrevious ? previous.end : null,
        lastVisitAt,
      });
    }
  }
  // Soonest first: overdue items by how long they have been overdue, then by due time.
  return out.sort((a, b) => (a.overdueSince ?? a.dueAt).getTime() - (b.overdueSince ?? b.dueAt).getTime());
}
