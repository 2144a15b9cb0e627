import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { HouseUse } from '../../platform/db/schema.ts';
import { withoutJit } from './coverage.repository.ts';
import { householdNotices, inSubtree, ledBuildings, occupiedWithPaths, taggedPeople, valuesTable, type NoticeInForce, type VisitRules } from './coverage.sql.ts';

type Subtree = { districtId: string; underPath: string };

/**
 * SQL for the drill-down: the houses, buildings and people a figure still misses under a node, in
 * address order, a page at a time, with the total. Built from the same fragments as the counts, so a
 * list always holds exactly the difference between the denominator and the numerator.
 */
type Page = { limit: number; offset: number };

async function paged<T>(db: Db, base: RawBuilder<unknown>, page: Page, order: RawBuilder<unknown>): Promise<{ rows: T[]; total: number }> {
  const [list, count] = await Promise.all([
    withoutJit(db, (tx) => sql<T>`select * from (${base}) x order by ${order} limit ${page.limit} offset ${page.offset}`.execute(tx)),
    withoutJit(db, (tx) => sql<{ n: number }>`select count(*)::int as n from (${base}) x`.execute(tx)),
  ]);
  return { rows: list.rows, total: Number(count.rows[0]?.n ?? 0) };
}

export type MissingHouseRow = { household_id: string; node_path: string; people: number; use: HouseUse | null };

/** Occupied houses whose basic information is not verified. */
export async function unverifiedHouses(db: Db, s: Subtree, page: Page) {
  const base = sql`select o.household_id, o.node_path, o.people, h.use
    from (${occupiedWithPaths(s)}) o
    left join house h on h.district_id = ${s.districtId} and h.house_id = o.household_id
    where h.verified_at is null`;
  return paged<MissingHouseRow>(db, base, page, sql`x.node_path`);
}

export type MissingBuildingRow = { id: string; name: string; path: string };

/** Buildings without a building leader living there. */
export async function buildingsWithoutLeader(db: Db, s: Subtree, page: Page) {
  const base = sql`select n.id, n.name, n.path from org_node n
    where n.district_id = ${s.districtId} and n.kind = 'building' and ${inSubtree(sql.ref('n.path'), s.underPath)}
      and n.id not in (${ledBuildings(s)})`;
  return paged<MissingBuildingRow>(db, base, page, sql`x.path`);
}

export type MissingPersonRow = {
  id: string; name: string; id_number: string; node_path: string; tags: string[]; restricted: boolean; days: number;
  last_visit_at: Date | string | null;
};

/**
 * Tagged people not visited within their interval. Rows with a restricted tag are listed only where
 * `restrictedPaths` (the caller's scope for key persons) covers them, and counted apart otherwise.
 */
export async function unvisitedPeople(db: Db, s: Subtree & VisitRules & { restrictedPaths: string[] }, page: Page) {
  const paths = valuesTable('q', [{ name: 'path', type: 'text' }], s.restrictedPaths.map((p) => [p]));
  const missing = sql`select p.*, (not p.restricted or exists (select 1 from ${paths} where starts_with(p.node_path, q.path))) as visible
    from (${taggedPeople(s)}) p where p.last_visit_at is null or p.last_visit_at < p.due_since`;
  const [result, hidden] = await Promise.all([
    paged<MissingPersonRow>(db, sql`select * from (${missing}) m where m.visible`, page, sql`x.node_path, x.name`),
    withoutJit(db, (tx) => sql<{ n: number }>`select count(*)::int as n from (${missing}) m where not m.visible`.execute(tx)),
  ]);
  return { ...result, hidden: Number(hidden.rows[0]?.n ?? 0) };
}

export type MissingNoticeRow = { household_id: string; node_path: string; notice_ids: string[] };

/** Occupied households that have not acknowledged every notice in force that covers them. */
export async function unacknowledgedHouses(db: Db, s: Subtree & { notices: NoticeInForce[] }, page: Page) {
  if (s.notices.length === 0) return { rows: [], total: 0 };
  const base = sql`select p.household_id, p.node_path, json_agg(p.notice_id) as notice_ids
    from (${householdNotices(s)}) p where not p.acknowledged group by p.household_id, p.node_path`;
  return paged<MissingNoticeRow>(db, base, page, sql`x.node_path`);
}

export async function tagNames(db: Db, districtId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('tag_definition').select(['code', 'name']).where('district_id', '=', districtId).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}
