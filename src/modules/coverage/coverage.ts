import type { VisitFrequency } from '../../platform/db/schema.ts';
import { FIGURE_CODES, INTERVAL_DAYS, NO_FIGURE_LABEL, type FigureCode } from './coverage.definitions.ts';
import { chinaDate } from '../../platform/china-time.ts';

/**
 * The arithmetic of the coverage figures, pure: counts, percentages and their rounding, rolling the
 * children of a node up into the node, and the visit interval that applies to a person's tags.
 */
export type Counts = { numerator: number; denominator: number };
export type FigureCounts = Record<FigureCode, Counts>;
export type Figure = Counts & {
  /** One decimal; null when there is nothing to count (0/0). */
  percent: number | null;
  /** As shown: '87.5%', or 「无」 / 'n/a' for 0/0. */
  display: string;
};
export type FigureSet = Record<FigureCode, Figure>;

/**
 * A percentage with one decimal, rounded half up, except that it never reads 100 while someone is still
 * missing (99.96 % shows as 99.9 %) and never reads 0 once someone is counted — "五个百分百" is about the last one.
 */
export function percentOf(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  if (numerator >= denominator) return 100;
  if (numerator <= 0) return 0;
  const rounded = Math.round((numerator * 1000) / denominator) / 10;
  return Math.min(99.9, Math.max(0.1, rounded));
}

export function figureOf(counts: Counts, lang: 'zh' | 'en' = 'zh'): Figure {
  const percent = percentOf(counts.numerator, counts.denominator);
  return { ...counts, percent, display: percent === null ? NO_FIGURE_LABEL[lang] : `${percent.toFixed(1)}%` };
}

export function presentFigures(counts: FigureCounts, lang: 'zh' | 'en' = 'zh'): FigureSet {
  const out = {} as FigureSet;
  for (const code of FIGURE_CODES) out[code] = figureOf(counts[code], lang);
  return out;
}

export function emptyCounts(): FigureCounts {
  const out = {} as FigureCounts;
  for (const code of FIGURE_CODES) out[code] = { numerator: 0, denominator: 0 };
  return out;
}

/** A node's counts are the sums of its children's: every figure counts things that lie in exactly one child. */
export function rollUp(children: readonly FigureCounts[]): FigureCounts {
  const out = emptyCounts();
  for (const child of children) {
    for (const code of FIGURE_CODES) {
      out[code].numerator += child[code].numerator;
      out[code].denominator += child[code].denominator;
    }
  }
  return out;
}

export type CadenceInput = { tagCode: string; scopePath: string; frequency: VisitFrequency; active: boolean };
export type TagInterval = { tag: string; path: string; days: number };

/** For each tag and cadence scope, the interval of its most frequent active periodic cadence. */
export function cadenceIntervals(cadences: readonly CadenceInput[]): TagInterval[] {
  const best = new Map<string, TagInterval>();
  for (const c of cadences) {
    const days = INTERVAL_DAYS[c.frequency];
    if (!c.active || days === null) continue;
    const key = `${c.tagCode}\u0000${c.scopePath}`;
    const known = best.get(key);
    if (!known || days < known.days) best.set(key, { tag: c.tagCode, path: c.scopePath, days });
  }
  return [...best.values()].sort((a, b) => a.tag.localeCompare(b.tag) || a.path.localeCompare(b.path));
}

/**
 * The interval within which a person must have been visited: the shortest interval of any cadence that
 * applies to any of their tags (a cadence applies where its scope node covers the person's household),
 * or the figure's default when none does. The counting SQL (coverage.sql.ts) does the same per person;
 * test/http/coverage.db.test.ts checks its figures against this and `visitedWithin`.
 */
export function intervalFor(input: { tags: readonly string[]; residentPath: string; intervals: readonly TagInterval[]; defaultDays: number }): number {
  let days: number | null = null;
  for (const i of input.intervals) {
    if (!input.tags.includes(i.tag) || !input.residentPath.startsWith(i.path)) continue;
    if (days === null || i.days < days) days = i.days;
  }
  return days ?? input.defaultDays;
}

/** Was the person visited within `days` before `now` (a visit in the future does not count)? */
export function visitedWithin(lastVisits: readonly Date[], days: number, now: Date): boolean {
  const since = now.getTime() - days * 86_400_000;
  return lastVisits.some((v) => v.getTime() >= since && v.getTime() <= now.getTime());
}

/** Today's date in China (UTC+8), as YYYY-MM-DD. */
export const localDate = chinaDate;

/**
 * How the policy notices in force are counted for a set of groups below a node: a notice whose scope
 * covers the node applies to every occupied household of every group (`covering`); one scoped inside
 * the node applies to the households below the deeper of its scope and a group's path (`pairs`).
 */
export function noticePlan(input: { notices: readonly { id: string; path: string }[]; underPath: string; groups: readonly { id: string; path: string }[] }) {
  const covering: string[] = [];
  const pairs: { g: string; noticeId: string; path: string }[] = [];
  for (const n of input.notices) {
    if (input.underPath.startsWith(n.path)) {
      covering.push(n.id);
      continue;
    }
    for (const g of input.groups) {
      if (g.path.startsWith(n.path)) pairs.push({ g: g.id, noticeId: n.id, path: g.path });
      else if (n.path.startsWith(g.path)) pairs.push({ g: g.id, noticeId: n.id, path: n.path });
    }
  }
  return { covering, pairs };
}
