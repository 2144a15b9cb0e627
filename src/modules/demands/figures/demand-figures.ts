import { performance } from 'node:perf_hooks';
import type { StaffActor } from '../../../platform/auth/actor.ts';
import { roleGrants } from '../../../platform/auth/roles.ts';
import { CHINA_OFFSET_MS, chinaDate } from '../../../platform/china-time.ts';
import type { Db } from '../../../platform/db/database.ts';
import { fail } from '../../../platform/errors.ts';
import { DEMAND_FIGURES, figureValue, type FigureValue } from '../rules/figures.ts';
import { addCounts, childNodes, findNode, findNodeByPath, liveCounts, settledCounts, ZERO_COUNTS, type CountQuery, type FigureCounts, type FigureNode } from './figures.repository.ts';
import './figures.errors.ts';

/**
 * The demand figures (诉求指标) of one org node and period, with a row per child node: a street's
 * communities, a community's grids (plus 「未落到网格」 for demands placed at community level), a
 * district's streets; a grid or anything below has none. Same numbers as the pure `demandFigures` /
 * `backlogAndOverdue` of rules/figures.ts over the node's demands (tested on random data).
 */
export type FigureCode = (typeof DEMAND_FIGURES)[number]['code'];
export type FigureSet = Record<FigureCode, { numerator: number; denominator: number; rate: number | null; display: string }>;
export type FigureRow = { node: { id: string | null; name: string; kind: string }; figures: FigureSet; received: number; backlog: number; overdue: number };
export type DemandFiguresResult = FigureRow & {
  window: { from: string; to: string };
  asOf: string;
  definitions: { code: FigureCode; name: string; help: string; target: number | null }[];
  children: FigureRow[];
  computedMs: number;
};

/** Longest period asked at once (three years of days). */
export const MAX_WINDOW_DAYS = 1096;

const CHILD_KIND: Record<string, string | undefined> = { district: 'street', street: 'community', community: 'grid' };
/** Kinds whose figures come from the per-grid rollup; below a grid the demands are counted directly. */
const ROLLUP_KINDS = new Set(['district', 'street', 'community', 'grid']);
export const UNPLACED_NAME = { zh: '未落到网格', en: 'Not placed in a grid' };

const DAY_MS = 86_400_000;
/** The instant a China date starts. */
export const chinaDayStart = (date: string): Date => new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS);
const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The window in China dates: as asked, or the current month up to today. */
export function figureWindow(input: { from?: string | undefined; to?: string | undefined; now: Date }): { from: string; to: string } {
  const today = chinaDate(input.now);
  const from = input.from ?? (input.to ? `${input.to.slice(0, 7)}-01` : `${today.slice(0, 7)}-01`);
  const to = input.to ?? (input.from && input.from > today ? input.from : today);
  if (to < from) fail('DEMAND_FIGURES_WINDOW_REVERSED', { field: 'to', from, to });
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > MAX_WINDOW_DAYS) fail('DEMAND_FIGURES_WINDOW_TOO_LONG', { field: 'to', maxDays: MAX_WINDOW_DAYS });
  return { from, to };
}

/** The node an actor sees by default: the widest one they hold demand.read on (shortest path). */
export async function defaultFigureNode(db: Db, actor: StaffActor): Promise<FigureNode> {
  const bindings = actor.bindings.filter((b) => roleGrants(b.role, 'demand.read')).sort((a, b) => a.nodePath.length - b.nodePath.length || a.nodePath.localeCompare(b.nodePath));
  const widest = bindings[0];
  if (!widest) return fail('FORBIDDEN', { permission: 'demand.read' });
  const node = await findNodeByPath(db, actor.districtId, widest.nodePath);
  if (!node) return fail('NOT_FOUND', { entity: 'org_node' });
  return node;
}

export function figureSet(c: FigureCounts): FigureSet {
  const v = (f: FigureValue) => ({ numerator: f.numerator, denominator: f.denominator, rate: f.rate, display: f.display });
  return {
    response_rate: v(figureValue('response_rate', c.responseNum, c.responseDen)),
    same_day_rate: v(figureValue('same_day_rate', c.sameDayNum, c.sameDayDen)),
    on_time_rate: v(figureValue('on_time_rate', c.onTimeNum, c.done + c.overdueInWindow)),
    resolution_rate: v(figureValue('resolution_rate', c.resolved, c.done)),
    satisfaction_rate: v(figureValue('satisfaction_rate', c.satisfied, c.rated)),
  };
}

const rowOf = (node: FigureRow['node'], c: FigureCounts): FigureRow => ({ node, figures: figureSet(c), received: c.received, backlog: c.backlog, overdue: c.overdue });

/** Path segments of a node path: '/d/s/' has 2. */
const depthOf = (path: string) => path.split('/').filter(Boolean).length;

export async function nodeDemandFigures(db: Db, input: { districtId: string; node: FigureNode; window: { from: string; to: string }; now: Date; lang: 'zh' | 'en' }): Promise<DemandFiguresResult> {
  const started = performance.now();
  const { node, window, now } = input;
  const childKind = CHILD_KIND[node.kind];
  const query: CountQuery = {
    districtId: input.districtId,
    path: node.path,
    childPart: childKind ? depthOf(node.path) + 2 : null,
    fromDate: window.from,
    toDate: window.to,
    from: chinaDayStart(window.from),
    to: chinaDayStart(addDays(window.to, 1)),
    todayStart: chinaDayStart(chinaDate(now)),
    now,
  };
  const rollup = ROLLUP_KINDS.has(node.kind);
  const [settled, live, children] = await Promise.all([
    rollup ? settledCounts(db, query) : Promise.resolve(new Map<string, FigureCounts>()),
    liveCounts(db, { ...query, all: !rollup }),
    childKind ? childNodes(db, input.districtId, node.id, childKind) : Promise.resolve([]),
  ]);
  const byChild = new Map<string, FigureCounts>();
  for (const source of [settled, live]) for (const [key, c] of source) byChild.set(key, addCounts(byChild.get(key) ?? ZERO_COUNTS, c));
  let total = ZERO_COUNTS;
  for (const c of byChild.values()) total = addCounts(total, c);

  const rows: FigureRow[] = [];
  const known = new Set<string>();
  for (const child of children) {
    known.add(child.id);
    rows.push(rowOf({ id: child.id, name: child.name, kind: child.kind }, byChild.get(child.id) ?? ZERO_COUNTS));
  }
  if (childKind) {
    // Demands placed at the node itself (a community with no grid chosen) or under a child of another kind.
    let rest = ZERO_COUNTS;
    for (const [key, c] of byChild) if (!known.has(key)) rest = addCounts(rest, c);
    if (Object.values(rest).some((n) => n !== 0)) rows.push(rowOf({ id: null, name: UNPLACED_NAME[input.lang], kind: 'unplaced' }, rest));
  }
  return {
    ...rowOf({ id: node.id, name: node.name, kind: node.kind }, total),
    window,
    asOf: now.toISOString(),
    definitions: DEMAND_FIGURES.map((d) => ({ code: d.code, name: d.name[input.lang], help: d.help[input.lang], target: 'target' in d ? d.target : null })),
    children: rows,
    computedMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

/** The route's work: the node asked (scope already checked) or the actor's default, and the window. */
export async function demandFiguresFor(db: Db, input: { actor: StaffActor; nodeId?: string | undefined; from?: string | undefined; to?: string | undefined; now: Date; lang: 'zh' | 'en' }): Promise<DemandFiguresResult> {
  const window = figureWindow(input);
  const node = input.nodeId ? await findNode(db, input.actor.districtId, input.nodeId) : await defaultFigureNode(db, input.actor);
  if (!node) return fail('NOT_FOUND', { entity: 'org_node', id: input.nodeId });
  return nodeDemandFigures(db, { districtId: input.actor.districtId, node, window, now: input.now, lang: input.lang });
}
