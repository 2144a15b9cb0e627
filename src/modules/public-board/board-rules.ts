import { chinaDate } from '../../platform/china-time.ts';
import { idNumberCheckChar } from '../../platform/security/id-number.ts';
import { addDays, daysBetween } from './board-freshness.ts';

/**
 * Pure rules of a board entry: its publication period (公示期), whether objections are still accepted,
 * what the public may see, and the personal-data check on what is about to be published.
 */

/**
 * The publication period. A period of N days starts counting the day after the notice goes up and ends
 * at 24:00 of its last day (民法典 201, 203): posted on 22 November for 7 days, it runs to 29 November.
 * An explicit end date may be given instead (it must not be before the start).
 */
export function publicationPeriod(input: { startsOn: string; days?: number | null; endsOn?: string | null }): { startsOn: string; endsOn: string; days: number } | { error: 'PERIOD_MISSING' | 'PERIOD_ORDER' | 'PERIOD_TOO_LONG' } {
  let endsOn: string;
  if (input.endsOn) endsOn = input.endsOn;
  else if (input.days !== undefined && input.days !== null) endsOn = addDays(input.startsOn, input.days);
  else return { error: 'PERIOD_MISSING' };
  const days = daysBetween(input.startsOn, endsOn);
  if (days < 0) return { error: 'PERIOD_ORDER' };
  if (days > 366) return { error: 'PERIOD_TOO_LONG' };
  return { startsOn: input.startsOn, endsOn, days };
}

export type EntryState = 'scheduled' | 'in_period' | 'ended' | 'withdrawn';

/** Where an entry stands on a day: not yet up, in its publication period, after it, or withdrawn. */
export function entryState(entry: { startsOn: string; endsOn: string; withdrawnAt: Date | null }, now: Date): EntryState {
  if (entry.withdrawnAt) return 'withdrawn';
  const today = chinaDate(now);
  if (today < entry.startsOn) return 'scheduled';
  if (today > entry.endsOn) return 'ended';
  return 'in_period';
}

export const ENTRY_STATE_LABELS: Record<EntryState, { zh: string; en: string }> = {
  scheduled: { zh: '未到公示日期', en: 'Not yet up' },
  in_period: { zh: '公示中', en: 'In publication period' },
  ended: { zh: '公示期已结束', en: 'Publication period over' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

/** Residents and the public see an entry once its period has started, for as long as it is not withdrawn. */
export function publiclyVisible(state: EntryState): boolean {
  return state === 'in_period' || state === 'ended';
}

/** Objections are accepted during the publication period only. */
export function acceptsObjections(state: EntryState): boolean {
  return state === 'in_period';
}

/**
 * Personal information that must never reach a public notice: ID numbers (18 digits with a valid check
 * character) and mobile numbers. A personal notice (低保) shows the name, household size and amount only
 * (最低生活保障审核确认办法 art. 24); those are structured fields, never free text.
 */
export function sensitiveTextFindings(text: string): { kind: 'id_number' | 'phone'; at: number }[] {
  const found: { kind: 'id_number' | 'phone'; at: number }[] = [];
  for (const m of text.matchAll(/(?<![0-9])([0-9]{17}[0-9Xx])(?![0-9])/g)) {
    const id = (m[1] ?? '').toUpperCase();
    if (idNumberCheckChar(id.slice(0, 17)) === id[17]) found.push({ kind: 'id_number', at: m.index ?? 0 });
  }
  for (const m of text.matchAll(/(?<![0-9])(1[3-9][0-9]{9})(?![0-9])/g)) found.push({ kind: 'phone', at: m.index ?? 0 });
  return found.sort((a, b) => a.at - b.at);
}

/** Yuan as shown on a notice: 1260.5 → "1,260.50". */
export function formatYuan(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
