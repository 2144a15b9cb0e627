import type { Db } from '../../platform/db/database.ts';
import { DEFAULT_INTERVAL_DAYS, FIGURE_TAG_CATEGORY } from './coverage.definitions.ts';
import { backboneCounts, cadencesOf, householdCounts, noticesInForce, partialPolicyCounts, visitedCounts, type Group } from './coverage.repository.ts';
import { cadenceIntervals, emptyCounts, localDate, noticePlan, type FigureCounts } from './coverage.ts';

/**
 * The five figures for groups below a node (its children, or the grids under it): loads the small
 * catalogues once (cadences, notices in force), runs the four grouped queries — side by side on
 * PostgreSQL's pool, one after another on PGlite — and lays the counts out per group.
 */
export async function coverageByGroup(db: Db, input: { districtId: string; underPath: string; groups: Group[]; now: Date }): Promise<Map<string, FigureCounts>> {
  return (await countGroups(db, input)).counts;
}

/** The counts per group, and per group the first moment after `now` when time alone changes them (for the grid cache). */
export async function countGroups(db: Db, input: { districtId: string; underPath: string; groups: Group[]; now: Date }): Promise<{ counts: Map<string, FigureCounts>; nextChange: Map<string, Date> }> {
  const { districtId, underPath, groups, now } = input;
  const out = new Map<string, FigureCounts>(groups.map((g) => [g.id, emptyCounts()]));
  if (groups.length === 0) return { counts: out, nextChange: new Map() };
  const [cadences, notices] = await Promise.all([cadencesOf(db, districtId), noticesInForce(db, { districtId, underPath, today: localDate(now) })]);
  const plan = noticePlan({ notices, underPath, groups });
  const scope = { districtId, underPath, groups };
  const categories = (['vulnerable_care', 'key_person'] as const).map((code) => ({ category: FIGURE_TAG_CATEGORY[code], defaultDays: DEFAULT_INTERVAL_DAYS[code] }));
  const [households, partial, backbone, visited] = await Promise.all([
    householdCounts(db, { ...scope, noticeIds: plan.covering }),
    partialPolicyCounts(db, { districtId, pairs: plan.pairs }),
    backboneCounts(db, scope),
    visitedCounts(db, { ...scope, categories, intervals: cadenceIntervals(cadences), now }),
  ]);
  for (const [id, counts] of out) {
    const h = households.get(id);
    const p = partial.get(id);
    if (h) counts.basic_info = { numerator: h.verified, denominator: h.occupied };
    counts.policy = {
      numerator: (h?.acknowledgements ?? 0) + (p?.numerator ?? 0),
      denominator: (h?.occupied ?? 0) * plan.covering.length + (p?.denominator ?? 0),
    };
    counts.backbone = backbone.get(id) ?? counts.backbone;
    counts.vulnerable_care = visited.byCategory.get(FIGURE_TAG_CATEGORY.vulnerable_care)?.get(id) ?? counts.vulnerable_care;
    counts.key_person = visited.byCategory.get(FIGURE_TAG_CATEGORY.key_person)?.get(id) ?? counts.key_person;
  }
  return { counts: out, nextChange: visited.nextChange };
}

