import type { Db } from '../../platform/db/database.ts';
import { NODE_KIND_LABELS } from '../../platform/auth/roles.ts';
import { fail } from '../../platform/errors.ts';
import { findNode } from '../org/org.repository.ts';
import { childNodes, type NodeRef } from './coverage.repository.ts';
import { emptyCounts, localDate, presentFigures, rollUp, type FigureCounts, type FigureSet } from './coverage.ts';
import { coverageByGroup } from './count-groups.ts';
import { countsByGrid } from './grid-counts.ts';
import './coverage.errors.ts';

export { coverageByGroup, countGroups } from './count-groups.ts';

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
  const byGroup = children.length === 0
    ? await coverageByGroup(db, { districtId: input.districtId, underPath: node.path, groups: [node], now: input.now })
    : node.kind === 'grid'
      ? await coverageByGroup(db, { districtId: input.districtId, underPath: node.path, groups: children, now: input.now })
      : sumGridsByChild(children, await countsByGrid(db, { districtId: input.districtId, underPath: node.path, now: input.now }));
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

/**
 * Above a grid, a child's counts are the sums of the grids below it (every figure counts households,
 * buildings or people, each of which lies in exactly one grid; the tree has a fixed shape).
 */
function sumGridsByChild(children: readonly NodeRef[], grids: readonly { grid: { path: string }; counts: FigureCounts }[]): Map<string, FigureCounts> {
  return new Map(children.map((child) => [child.id, rollUp(grids.filter((g) => g.grid.path.startsWith(child.path)).map((g) => g.counts))]));
}
