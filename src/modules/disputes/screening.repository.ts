import type { Selectable } from 'kysely';
import type { StaffActor } from '../../platform/auth/actor.ts';
import { roleGrants } from '../../platform/auth/roles.ts';
import { chinaDate } from '../../platform/china-time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { NodeKind } from '../../platform/db/schema.ts';
import { fail } from '../../platform/errors.ts';
import { addDays } from '../calendar/working-calendar.ts';
import type { DisputeScreeningReportTable } from './disputes.tables.ts';
import { monthOf, summarizeScreening, tenDayPeriodOf, weekOf, weeksIn, type ScreeningReport } from './rules/index.ts';

type Lang = 'zh' | 'en';
type ReportRow = Selectable<DisputeScreeningReportTable>;
export type NodeRef = { id: string; name: string; kind: NodeKind; path: string };

/** The node a screen opens on when none is named: the account's first binding holding dispute.read. */
export async function nodeOrDefault(db: Db, actor: StaffActor, nodeId: string | undefined): Promise<NodeRef> {
  const id = nodeId ?? actor.bindings.find((b) => roleGrants(b.role, 'dispute.read'))?.nodeId;
  if (!id) return fail('FORBIDDEN');
  const node = await db.selectFrom('org_node').select(['id', 'name', 'kind', 'path']).where('district_id', '=', actor.districtId).where('id', '=', id).executeTakeFirst();
  if (!node) return fail('NOT_FOUND');
  return node;
}

/** The grids at or under a node, with their community's name. */
export async function gridsUnder(db: Db, districtId: string, node: NodeRef): Promise<{ id: string; name: string; path: string; communityName: string }[]> {
  if (node.kind === 'building' || node.kind === 'household') return [];
  const grids = await db.selectFrom('org_node').select(['id', 'name', 'path', 'parent_id']).where('district_id', '=', districtId).where('kind', '=', 'grid').where('path', 'like', `${node.path}%`).execute();
  const parents = [...new Set(grids.map((g) => g.parent_id).filter((x): x is string => x !== null))];
  const communities = parents.length === 0 ? [] : await db.selectFrom('org_node').select(['id', 'name']).where('district_id', '=', districtId).where('id', 'in', parents).execute();
  const names = new Map(communities.map((c) => [c.id, c.name]));
  return grids
    .map((g) => ({ id: g.id, name: g.name, path: g.path, communityName: (g.parent_id && names.get(g.parent_id)) || '' }))
    .sort((a, b) => a.communityName.localeCompare(b.communityName, 'zh') || a.name.localeCompare(b.name, 'zh'));
}

async function reportsUnder(db: Db, districtId: string, node: NodeRef, from: string, to: string): Promise<ReportRow[]> {
  return db.selectFrom('dispute_screening_report').selectAll().where('district_id', '=', districtId).where('node_path', 'like', `${node.path}%`).where('week', '>=', from).where('week', '<=', to).execute();
}

export function presentReport(r: ReportRow, gridName: string) {
  const items = typeof r.items === 'string' ? (JSON.parse(r.items) as { summary: string; disputeId: string | null }[]) : r.items;
  return {
    id: r.id,
    gridId: r.grid_id,
    gridName,
    week: r.week,
    weekEnd: addDays(r.week, 6),
    disputes: r.disputes,
    zeroReport: r.zero_report,
    items,
    note: r.note,
    submittedAt: new Date(r.submitted_at).toISOString(),
    submittedBy: { id: r.submitted_by, name: r.submitted_by_name },
    firstSubmittedAt: new Date(r.first_submitted_at).toISOString(),
    firstSubmittedBy: { id: r.first_submitted_by, name: r.first_submitted_by_name },
    revision: r.revision,
  };
}

export async function screeningReport(db: Db, districtId: string, id: string) {
  const r = await db.selectFrom('dispute_screening_report as r').innerJoin('org_node as g', (j) => j.onRef('g.district_id', '=', 'r.district_id').onRef('g.id', '=', 'r.grid_id')).selectAll('r').select('g.name as grid_name').where('r.district_id', '=', districtId).where('r.id', '=', id).executeTakeFirstOrThrow();
  return presentReport(r, r.grid_name);
}

/** One week: which grids reported, which sent a zero report, which have not reported. */
export async function screeningWeek(db: Db, actor: StaffActor, input: { nodeId?: string | undefined; week?: string | undefined; now: Date; lang: Lang }) {
  const node = await nodeOrDefault(db, actor, input.nodeId);
  const week = weekOf(input.week ?? chinaDate(input.now));
  const grids = await gridsUnder(db, actor.districtId, node);
  const reports = await reportsUnder(db, actor.districtId, node, week.start, week.start);
  const byGrid = new Map(reports.map((r) => [r.grid_id, r]));
  const rows = grids.map((g) => {
    const r = byGrid.get(g.id);
    return { gridId: g.id, gridName: g.name, communityName: g.communityName, state: (!r ? 'missing' : r.zero_report ? 'zero' : 'reported') as 'missing' | 'zero' | 'reported', report: r ? presentReport(r, g.name) : null };
  });
  rows.sort((a, b) => Number(b.state === 'missing') - Number(a.state === 'missing'));
  const reported = rows.filter((r) => r.report !== null);
  return {
    week: { start: week.start, end: week.end, label: week.label[input.lang] },
    node: { id: node.id, name: node.name, kind: node.kind },
    grids: rows,
    counts: { grids: rows.length, reported: reported.length, zero: rows.filter((r) => r.state === 'zero').length, missing: rows.length - reported.length, disputes: reported.reduce((s, r) => s + (r.report?.disputes ?? 0), 0) },
  };
}

/** The ten-day report (旬报) or monthly bulletin (月通报) from the weekly reports. */
export async function screeningSummary(db: Db, actor: StaffActor, input: { nodeId?: string | undefined; kind: 'ten_day' | 'month'; date?: string | undefined; now: Date; lang: Lang }) {
  const node = await nodeOrDefault(db, actor, input.nodeId);
  const date = input.date ?? chinaDate(input.now);
  const period = input.kind === 'ten_day' ? tenDayPeriodOf(date) : monthOf(date);
  const weeks = weeksIn(period);
  const grids = await gridsUnder(db, actor.districtId, node);
  const rows = weeks.length === 0 ? [] : await reportsUnder(db, actor.districtId, node, weeks[0] ?? period.start, weeks.at(-1) ?? period.end);
  const reports: ScreeningReport[] = rows.map((r) => ({ gridId: r.grid_id, week: r.week, submittedAt: new Date(r.submitted_at), disputes: r.disputes }));
  const summary = summarizeScreening({ grids: grids.map((g) => ({ id: g.id, name: g.name })), reports, period });
  const community = new Map(grids.map((g) => [g.id, g.communityName]));
  return {
    kind: input.kind,
    period: { start: period.start, end: period.end, label: period.label[input.lang] },
    node: { id: node.id, name: node.name, kind: node.kind },
    weeks,
    rows: summary.rows.map((r) => ({ gridId: r.grid.id, gridName: r.grid.name, communityName: community.get(r.grid.id) ?? '', weeksDue: r.weeksDue, weeksReported: r.weeksReported, zeroReports: r.zeroReports, disputes: r.disputes, missingWeeks: r.missingWeeks })),
    totals: { grids: grids.length, ...summary.totals, missingReports: summary.totals.weeksDue - summary.totals.weeksReported },
  };
}
