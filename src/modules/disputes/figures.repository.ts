import { sql } from 'kysely';
import type { StaffActor } from '../../platform/auth/actor.ts';
import { chinaDate } from '../../platform/china-time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { NodeKind } from '../../platform/db/schema.ts';
import { fail } from '../../platform/errors.ts';
import { endOfChinaDay, startOfChinaDay } from '../calendar/working-calendar.ts';
import { MEDIATION_FIGURES, mediationSuccessRate, weeksIn } from './rules/index.ts';
import { gridsUnder, nodeOrDefault } from './screening.repository.ts';

type Lang = 'zh' | 'en';

/** What the figures count, with their definitions (shown in the screen's help). */
export const DISPUTE_FIGURE_DEFINITIONS = [
  { code: 'registered', name: { zh: '登记纠纷', en: 'Registered' }, help: { zh: '本期登记的矛盾纠纷件数。', en: 'Disputes registered in the period.' } },
  { code: 'mediated', name: { zh: '开展调解', en: 'Mediated' }, help: { zh: '本期至少调解过一次的纠纷件数；“调解次数”为本期全部调解次数。', en: 'Disputes with at least one attempt in the period; attempts counts every attempt.' } },
  { code: 'settled', name: { zh: '调解成功', en: 'Settled' }, help: { zh: '本期调解成功（达成协议）的纠纷件数。', en: 'Disputes settled in the period.' } },
  ...MEDIATION_FIGURES,
  { code: 'referred', name: { zh: '移交处理', en: 'Referred out' }, help: { zh: '本期移交法院、仲裁、信访等部门的纠纷件数（移交后继续跟踪）。', en: 'Disputes referred out in the period.' } },
  { code: 'warning', name: { zh: '预警名单', en: 'Warning list' }, help: { zh: '当前在预警名单上的纠纷：风险等级高或重大，或有信访、民转刑、群体性事件苗头，且未结案（不受统计期限制）。', en: 'Disputes on the warning list now (high/critical risk or a flag, not closed).' } },
  { code: 'screening', name: { zh: '排查上报', en: 'Screening reports' }, help: { zh: '统计期内结束（周日在期内）的周数 × 网格数为应报；已报含零报告；未报 = 应报 − 已报。', en: 'Grid-weeks due (weeks whose Sunday lies in the period) × grids; made includes zero reports; missing = due − made.' } },
] as const;

type DisputeFact = { id: string; node_path: string; registered_at: Date; settled_at: Date | null; concluded_at: Date | null; referred_at: Date | null; on_warning_list: boolean };

/** Figures per child node (street → communities → grids) and in total, over [from, to] (China dates, inclusive). */
export async function disputeFigures(db: Db, actor: StaffActor, input: { nodeId?: string | undefined; from?: string | undefined; to?: string | undefined; now: Date; lang: Lang }) {
  const districtId = actor.districtId;
  const node = await nodeOrDefault(db, actor, input.nodeId);
  const today = chinaDate(input.now);
  const to = input.to ?? today;
  const from = input.from ?? `${to.slice(0, 7)}-01`;
  if (from > to) return fail('VALIDATION_FAILED', { fields: [{ field: 'from', label: '开始日期', message: '不能晚于结束日期' }] }, '「开始日期」不能晚于结束日期', 'The start date is after the end date');
  const window = { from: startOfChinaDay(from), to: endOfChinaDay(to) };

  const children: { id: string; name: string; kind: NodeKind; path: string }[] =
    node.kind === 'grid' || node.kind === 'building' || node.kind === 'household'
      ? [node]
      : await db.selectFrom('org_node').select(['id', 'name', 'kind', 'path']).where('district_id', '=', districtId).where('parent_id', '=', node.id).orderBy('sort_order').orderBy('name').execute();

  const facts = (await db
    .selectFrom('dispute')
    .select(['id', 'node_path', 'registered_at', 'settled_at', 'concluded_at', 'referred_at', 'on_warning_list'])
    .where('district_id', '=', districtId)
    .where('node_path', 'like', `${node.path}%`)
    .where((eb) =>
      eb.or([
        eb.and([eb('registered_at', '>=', window.from), eb('registered_at', '<', window.to)]),
        eb.and([eb('concluded_at', '>=', window.from), eb('concluded_at', '<', window.to)]),
        eb.and([eb('referred_at', '>=', window.from), eb('referred_at', '<', window.to)]),
        eb('on_warning_list', '=', true),
      ]),
    )
    .execute()) as DisputeFact[];
  const attempts = await db
    .selectFrom('dispute_event as e')
    .innerJoin('dispute as d', (j) => j.onRef('d.district_id', '=', 'e.district_id').onRef('d.id', '=', 'e.dispute_id'))
    .select(['e.dispute_id', 'd.node_path'])
    .where('e.district_id', '=', districtId)
    .where('e.kind', '=', 'attempt')
    .where('d.node_path', 'like', `${node.path}%`)
    .where(sql<boolean>`(e.data->>'at')::timestamptz >= ${window.from}::timestamptz and (e.data->>'at')::timestamptz < ${window.to}::timestamptz`)
    .execute();

  const weeks = weeksIn({ start: from, end: to });
  const grids = await gridsUnder(db, districtId, node);
  const reports =
    weeks.length === 0
      ? []
      : await db.selectFrom('dispute_screening_report').select(['grid_id', 'node_path', 'week', 'zero_report']).where('district_id', '=', districtId).where('node_path', 'like', `${node.path}%`).where('week', 'in', weeks).execute();

  const inWindow = (d: Date | null) => d !== null && new Date(d).getTime() >= window.from.getTime() && new Date(d).getTime() < window.to.getTime();
  const rowFor = (n: { id: string; name: string; kind: NodeKind; path: string }) => {
    const mine = facts.filter((f) => f.node_path.startsWith(n.path));
    const myAttempts = attempts.filter((a) => a.node_path.startsWith(n.path));
    const myGrids = grids.filter((g) => g.path.startsWith(n.path));
    const myReports = reports.filter((r) => r.node_path.startsWith(n.path));
    const rate = mediationSuccessRate(mine.map((f) => ({ id: f.id, concludedAt: f.concluded_at ? new Date(f.concluded_at) : null, settled: f.settled_at !== null })), window);
    const due = myGrids.length * weeks.length;
    return {
      nodeId: n.id,
      name: n.name,
      kind: n.kind,
      registered: mine.filter((f) => inWindow(f.registered_at)).length,
      mediated: new Set(myAttempts.map((a) => a.dispute_id)).size,
      attempts: myAttempts.length,
      settled: mine.filter((f) => inWindow(f.settled_at)).length,
      concluded: rate.denominator,
      successRate: { numerator: rate.numerator, denominator: rate.denominator, rate: rate.rate, display: rate.display },
      referred: mine.filter((f) => inWindow(f.referred_at)).length,
      warning: mine.filter((f) => f.on_warning_list).length,
      screening: { due, made: myReports.length, zero: myReports.filter((r) => r.zero_report).length, missing: due - myReports.length },
    };
  };
  return {
    node: { id: node.id, name: node.name, kind: node.kind },
    from,
    to,
    rows: children.map(rowFor),
    total: rowFor(node),
    definitions: DISPUTE_FIGURE_DEFINITIONS.map((d) => ({ code: d.code, name: d.name[input.lang], help: d.help[input.lang] })),
  };
}
