/**
 * Implementation progress (issue #3: "a parent's progress rolls up from weighted children").
 *
 * - A leaf carries its own percentage, 0–100.
 * - A node with children ignores its own percentage: it is the weighted mean of its children,
 *   Σ wᵢ·pᵢ / Σ wᵢ, with every weight positive. Children's exact (unrounded) values are used, so
 *   rounding never accumulates up the tree.
 * - Rounding rule: the shown percentage is the exact value rounded DOWN to a whole percent (a tiny
 *   tolerance of 1e-9 absorbs floating-point error), so 100 % is shown only when every leaf is at 100 %,
 *   and the shown value never exceeds the true one.
 * Pure; bad input (a weight ≤ 0, a percentage outside 0–100, non-finite numbers) throws a RangeError —
 * validate with `progressProblems` first to answer in words.
 */
export type ProgressNode = {
  id: string;
  /** Relative weight among its siblings (> 0). The root's weight is ignored. */
  weight: number;
  /** A leaf's own percentage (0–100); ignored when the node has children. */
  percent?: number | null;
  children?: readonly ProgressNode[];
};
export type RolledUp = { id: string; weight: number; exact: number; percent: number; children: RolledUp[] };

const EPS = 1e-9;

export function shownPercent(exact: number): number {
  return Math.min(100, Math.max(0, Math.floor(exact + EPS)));
}

export function rollUpProgress(node: ProgressNode): RolledUp {
  const problems = progressProblems(node);
  if (problems.length > 0) throw new RangeError(problems[0]!.en);
  return roll(node);
}

function roll(node: ProgressNode): RolledUp {
  const kids = node.children ?? [];
  if (kids.length === 0) {
    const exact = node.percent ?? 0;
    return { id: node.id, weight: node.weight, exact, percent: shownPercent(exact), children: [] };
  }
  const children = kids.map(roll);
  const totalWeight = children.reduce((s, c) => s + c.weight, 0);
  const exact = Math.min(100, Math.max(0, children.reduce((s, c) => s + c.weight * c.exact, 0) / totalWeight));
  return { id: node.id, weight: node.weight, exact, percent: shownPercent(exact), children };
}

export type ProgressProblem = { code: 'PROGRESS_BAD_WEIGHT' | 'PROGRESS_BAD_PERCENT'; id: string; zh: string; en: string };

export function progressProblems(node: ProgressNode, isRoot = true): ProgressProblem[] {
  const out: ProgressProblem[] = [];
  if (!isRoot && !(Number.isFinite(node.weight) && node.weight > 0)) {
    out.push({ code: 'PROGRESS_BAD_WEIGHT', id: node.id, zh: `权重须为正数（${node.id}）`, en: `weight must be positive (${node.id})` });
  }
  const kids = node.children ?? [];
  if (kids.length === 0 && node.percent != null && !(Number.isFinite(node.percent) && node.percent >= 0 && node.percent <= 100)) {
    out.push({ code: 'PROGRESS_BAD_PERCENT', id: node.id, zh: `进度须在 0 到 100 之间（${node.id}）`, en: `progress must be between 0 and 100 (${node.id})` });
  }
  for (const c of kids) out.push(...progressProblems(c, false));
  return out;
}
