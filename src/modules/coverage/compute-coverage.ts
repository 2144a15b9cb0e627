import type { Db } from '../../platform/db/database.ts';
import { NODE_KIND_LABELS } from '../../platform/auth/roles.ts';
import { fail } from '../../platform/errors.ts';
import { findNode } from '../org/org.repository.ts';
import { DEFAULT_INTERVAL_DAYS, FIGURE_TAG_CATEGORY } from './coverage.definitions.ts';
import {
  backboneCounts, cadencesOf, childNodes, householdCounts, noticesInForce, partialPolicyCounts, visitedCounts,
  type Group, type NodeRef,
} from './coverage.repository.ts';
import { cadenceIntervals, emptyCounts, localDate, noticePlan, presentFigures, rollUp, type FigureCounts, type FigureSet } from './coverage.ts';
import './coverage.errors.ts';

/**
 * The five figures for groups below a node (its children, or the grids under it): loads the small
 * catalogues once (cadences, notices in force), runs the four grouped queries — side by side on
 * PostgreSQL's pool, one after another on PGlite — and lays the counts out per group.
 */
export async function coverageByGroup(db: Db, input: { districtId: string; underPath: string; groups: Group[]; now: Date }): Promise<Map<string, FigureCounts>> {
  const { districtId, underPath, groups, now } = input;
  const out = new Map<string, FigureCounts>(groups.map((g) => [g.id, emptyCounts()]));
  if (groups.length === 0) return out;
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
    counts.vulnerable_care = visited.get(FIGURE_TAG_CATEGORY.vulnerable_care)?.get(id) ?? counts.vulnerable_care;
    counts.key_person = visited.get(FIGURE_TAG_CATEGORY.key_person)?.get(id) ?? counts.key_person;
  }
  return out;
}

export type NodeFigures = { id: string; name: string; kind: NodeRef['kind']; kindLabel: string; figures: FigureSet };
export type NodeCoverage = { asOf: string; node: NodeFigures; children: NodeFigures[] };

/** Kinds a coverage figure is asked for; a household is the unit counted, not a node with figures. */
export const COVERAGE_NODE_KINDS = ['district', 'street', 'community', 'grid', 'building'] as const;

/** A node's five figures and the same for each child (for a grid: its buildings; a building has none). */
export async function nodeCoverage(db: Db, input: { districtId: string; nodeId: string; now: Date; lang: 'zh' | 'en' }): Promise<NodeCoverage> {
  const node = await findNode(db, input.districtId, input.nodeId);
  if (!node) return fail('NOT_FOUND');
  if (!(COVERAGE_NODE_KINDS as readonly string[]).includes(node.kind)) return fail('COVERAGE_NODE_KIND', { nodeId: node.id, kind: node.kind });
  const children = node.kind === 'building' ? [] : await childNodes(db, input.districtId, node.id);
  const groups = children.length > 0 ? children : [node];
  const byGroup = await coverageByGroup(db, { districtId: input.districtId, underPath: node.path, groups, now: input.now });
  const present = (n: Pick<NodeRef, 'id' | 'name' | 'kind'>, counts: FigureCounts): NodeFigures => ({
    id: n.id, name: n.name, kind: n.kind, kindLabel: NODE_KIND_LABELS[n.kind][input.lang], figures: presentFigures(counts, input.lang),
  });
  const childCounts = children.map((c) => byGroup.get(c.id) ?? emptyCounts());
  const own = children.length > 0 ? rollUp(childCounts) : (byGroup.get(node.id) ?? emptyCounts());
  return {
    asOf: localDate(input.now),
    node: present(node, own),
    children: children.map((c, i) => present(c, childCounts[i] ?? emptyCounts())),
  };
}
