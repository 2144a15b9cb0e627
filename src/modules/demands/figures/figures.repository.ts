import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import './figures.tables.ts';

/**
 * The counts behind the demand figures of one node and period, grouped by child node, in two queries:
 *  - `settledCounts`: sums of demand_figure_month / demand_figure_day (settled demands: done after an
 *    acceptance, not merged; their figures no longer depend on the clock), by child, for the window's
 *    whole months and its remaining China days;
 *  - `liveCounts`: the unsettled demands under the node (demand_figures_live_idx: open ones and the odd
 *    one done without an acceptance), counted with the pure definitions' conditions at `now`.
 * With `all: true`, `liveCounts` counts every demand under the node instead (for a building or a
 * household, below the rollup's grid unit; small).
 * Both give the same shape; their sum is the node's (or child's) counts.
 */
export type FigureCounts = {
  received: number;
  responseDen: number;
  responseNum: number;
  sameDayDen: number;
  sameDayNum: number;
  done: number;
  onTimeNum: number;
  overdueInWindow: number;
  resolved: number;
  rated: number;
  satisfied: number;
  /** Open now, not windowed. */
  backlog: number;
  /** Open and past the finish deadline now, not windowed. */
  overdue: number;
};

export const ZERO_COUNTS: FigureCounts = { received: 0, responseDen: 0, responseNum: 0, sameDayDen: 0, sameDayNum: 0, done: 0, onTimeNum: 0, overdueInWindow: 0, resolved: 0, rated: 0, satisfied: 0, backlog: 0, overdue: 0 };

export function addCounts(a: FigureCounts, b: FigureCounts): FigureCounts {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof FigureCounts)[]) out[k] += b[k];
  return out;
}

export type CountQuery = {
  districtId: string;
  /** The node's path ('/…/'). */
  path: string;
  /** The split_part index of the child's id in a path below the node (null: no grouping). */
  childPart: number | null;
  /** China dates, inclusive. */
  fromDate: string;
  toDate: string;
  /** The window as instants, [from, to). */
  from: Date;
  to: Date;
  /** Start of today in China (same-day: today's open demands are not counted yet). */
  todayStart: Date;
  now: Date;
};

type Row = { child: string } & Record<keyof FigureCounts, number | string>;

function toCounts(row: Row): FigureCounts {
  const out = { ...ZERO_COUNTS };
  for (const k of Object.keys(out) as (keyof FigureCounts)[]) out[k] = Number(row[k] ?? 0);
  return out;
}

function byChild(rows: Row[]): Map<string, FigureCounts> {
  return new Map(rows.map((r) => [r.child ?? '', toCounts(r)]));
}

/**
 * The whole months inside [fromDate, toDate] as [monthFrom, monthTo) (first days of months), read from
 * demand_figure_month; the days outside them are read from demand_figure_day. No whole month: both
 * bounds are the day after `toDate`, and every day comes from demand_figure_day.
 */
export function wholeMonths(fromDate: string, toDate: string): { monthFrom: string; monthTo: string } {
  const next = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const firstOfNextMonth = (date: string) => {
    const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + 1);
    return d.toISOString().slice(0, 10);
  };
  const monthFrom = fromDate.endsWith('-01') ? fromDate : firstOfNextMonth(fromDate);
  const monthTo = `${next(toDate, 1).slice(0, 7)}-01`;
  if (monthFrom >= monthTo) return { monthFrom: next(toDate, 1), monthTo: next(toDate, 1) };
  return { monthFrom, monthTo };
}

export async function settledCounts(db: Db, q: CountQuery): Promise<Map<string, FigureCounts>> {
  const child = q.childPart === null ? sql<string>`''` : sql<string>`split_part(unit_path, '/', ${q.childPart}::int)`;
  const { monthFrom, monthTo } = wholeMonths(q.fromDate, q.toDate);
  const columns = sql.raw('unit_path, received, responded_on_time, done_same_day, done_on_time, resolved, rated, satisfied');
  const rows = await sql<Row>`
    select ${child} as child,
      sum(received)::int as "received",
      sum(received)::int as "responseDen",
      sum(responded_on_time)::int as "responseNum",
      sum(received)::int as "sameDayDen",
      sum(done_same_day)::int as "sameDayNum",
      sum(received)::int as "done",
      sum(done_on_time)::int as "onTimeNum",
      0 as "overdueInWindow",
      sum(resolved)::int as "resolved",
      sum(rated)::int as "rated",
      sum(satisfied)::int as "satisfied",
      0 as "backlog",
      0 as "overdue"
    from (
      select ${columns} from demand_figure_month
      where district_id = ${q.districtId}::uuid and unit_path like ${q.path} || '%' and month >= ${monthFrom}::date and month < ${monthTo}::date
      union all
      select ${columns} from demand_figure_day
      where district_id = ${q.districtId}::uuid and unit_path like ${q.path} || '%'
        and ((day >= ${q.fromDate}::date and day < ${monthFrom}::date) or (day >= ${monthTo}::date and day <= ${q.toDate}::date))
    ) s
    group by 1`.execute(db);
  return byChild(rows.rows);
}

const chinaDay = (column: string) => sql.raw(`((${column} at time zone 'UTC') + interval '8 hours')::date`);

export async function liveCounts(db: Db, q: CountQuery & { all?: boolean }): Promise<Map<string, FigureCounts>> {
  const child = q.childPart === null ? sql<string>`''` : sql<string>`split_part(node_path, '/', ${q.childPart}::int)`;
  const inWindow = sql`created_at >= ${q.from}::timestamptz and created_at < ${q.to}::timestamptz`;
  const unsettled = q.all ? sql`true` : sql`(done_at is null or responded_at is null)`;
  const now = sql`${q.now}::timestamptz`;
  const rows = await sql<Row>`
    select ${child} as child,
      count(*) filter (where ${inWindow})::int as "received",
      count(*) filter (where ${inWindow} and (responded_at is not null or respond_by < ${now}))::int as "responseDen",
      count(*) filter (where ${inWindow} and responded_at <= respond_by)::int as "responseNum",
      count(*) filter (where ${inWindow} and (done_at is not null or created_at < ${q.todayStart}::timestamptz))::int as "sameDayDen",
      count(*) filter (where ${inWindow} and ${chinaDay('done_at')} = ${chinaDay('created_at')})::int as "sameDayNum",
      count(*) filter (where ${inWindow} and done_at is not null)::int as "done",
      count(*) filter (where ${inWindow} and done_at is not null and (finish_by is null or done_at <= finish_by))::int as "onTimeNum",
      count(*) filter (where ${inWindow} and done_at is null and finish_by < ${now})::int as "overdueInWindow",
      count(*) filter (where ${inWindow} and done_at is not null and outcome_result = 'resolved')::int as "resolved",
      count(*) filter (where ${inWindow} and last_rating is not null)::int as "rated",
      count(*) filter (where ${inWindow} and last_rating in ('satisfied', 'basically_satisfied'))::int as "satisfied",
      count(*) filter (where done_at is null)::int as "backlog",
      count(*) filter (where done_at is null and finish_by < ${now})::int as "overdue"
    from demand
    where district_id = ${q.districtId}::uuid and node_path like ${q.path} || '%' and status <> 'merged' and ${unsettled}
    group by 1`.execute(db);
  return byChild(rows.rows);
}

export type FigureNode = { id: string; name: string; kind: string; path: string };

export async function findNode(db: Db, districtId: string, id: string): Promise<FigureNode | undefined> {
  return db.selectFrom('org_node').select(['id', 'name', 'kind', 'path']).where('district_id', '=', districtId).where('id', '=', id).executeTakeFirst();
}

export async function findNodeByPath(db: Db, districtId: string, path: string): Promise<FigureNode | undefined> {
  return db.selectFrom('org_node').select(['id', 'name', 'kind', 'path']).where('district_id', '=', districtId).where('path', '=', path).executeTakeFirst();
}

export async function childNodes(db: Db, districtId: string, parentId: string, kind: string): Promise<FigureNode[]> {
  return db
    .selectFrom('org_node')
    .select(['id', 'name', 'kind', 'path'])
    .where('district_id', '=', districtId)
    .where('parent_id', '=', parentId)
    .where('kind', '=', kind as 'grid')
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}
