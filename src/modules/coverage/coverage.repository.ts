import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { NodeKind, TagCategory, VisitFrequency } from '../../platform/db/schema.ts';
import type { Counts } from './coverage.ts';
import { groupsTable, inSubtree, ledBuildings, residentsByGroup, taggedByGroup, valuesTable, type NoticeInForce, type Scope, type VisitRules } from './coverage.sql.ts';

export type { Group, NoticeInForce, Scope } from './coverage.sql.ts';

/**
 * The coverage counts, grouped (see coverage.sql.ts): each query counts every row of the subtree once,
 * under the group it lies in, so a street's figures for all its communities cost four queries.
 *
 * Each runs in its own short transaction with JIT off — at district scale the plans' costs cross
 * PostgreSQL's JIT thresholds, and compiling then takes far longer than the query (measured: 0.9 s of
 * JIT for a 50 ms query) — and enough work_mem that hashing a street's households stays in memory.
 * (Queries of one command still run side by side on PostgreSQL's pool; PGlite has no JIT and runs
 * them one after another anyway.)
 */
export async function withoutJit<T>(db: Db, run: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`set local jit = off`.execute(tx);
    await sql`set local work_mem = '32MB'`.execute(tx);
    return run(tx);
  });
}

type GroupRow = { g: string; num: number; den: number };

function toMap(rows: GroupRow[]): Map<string, Counts> {
  return new Map(rows.map((r) => [r.g, { numerator: Number(r.num), denominator: Number(r.den) }]));
}

export type HouseholdCounts = { occupied: number; verified: number; acknowledgements: number };

/**
 * 基础信息核实率 and the part of 政策宣传覆盖率 for notices that cover every group: per group, occupied
 * houses, those verified, and the acknowledgements of those notices by them — one pass over the people.
 */
export async function householdCounts(db: Db, s: Scope & { noticeIds: string[] }): Promise<Map<string, HouseholdCounts>> {
  const notices = valuesTable('n', [{ name: 'id', type: 'uuid' }], s.noticeIds.map((id) => [id]));
  const { rows } = await withoutJit(db, (tx) => sql<{ g: string; occupied: number; verified: number; acks: number }>`
    with occ as materialized (
      select o.g, o.household_id from (${residentsByGroup(s, sql`r.household_id`, sql`r.status = 'present'`)}) o group by 1, 2
    ),
    tot as (select occ.g, count(*)::int as n from occ group by 1),
    ver as (
      select occ.g, count(*)::int as n from house h join occ on occ.household_id = h.house_id
      where h.district_id = ${s.districtId} and h.verified_at is not null group by 1
    ),
    ack as (
      select occ.g, count(*)::int as n from policy_acknowledgement a join occ on occ.household_id = a.household_id
      where a.district_id = ${s.districtId} and a.notice_id in (select id from ${notices}) group by 1
    )
    select tot.g, tot.n as occupied, coalesce(ver.n, 0) as verified, coalesce(ack.n, 0) as acks
    from tot left join ver on ver.g = tot.g left join ack on ack.g = tot.g`.execute(tx));
  return new Map(rows.map((r) => [r.g, { occupied: Number(r.occupied), verified: Number(r.verified), acknowledgements: Number(r.acks) }]));
}

/**
 * 政策宣传覆盖率 for notices scoped to a part of the subtree: each (group, notice, path) pair counts the
 * occupied households below `path` (the deeper of the group and the notice scope) and their acknowledgements.
 */
export async function partialPolicyCounts(db: Db, s: { districtId: string; pairs: { g: string; noticeId: string; path: string }[] }): Promise<Map<string, Counts>> {
  if (s.pairs.length === 0) return new Map();
  const branches = sql.join(
    s.pairs.map((p) => sql`select ${p.g}::uuid as g, ${p.noticeId}::uuid as notice_id, r.household_id from resident r
      where r.district_id = ${s.districtId} and r.status = 'present' and ${inSubtree(sql.ref('r.node_path'), p.path)}`),
    sql` union all `,
  );
  const { rows } = await withoutJit(db, (tx) => sql<GroupRow>`
    with occ as (select o.g, o.notice_id, o.household_id from (${branches}) o group by 1, 2, 3)
    select occ.g, count(a.household_id)::int as num, count(*)::int as den
    from occ left join policy_acknowledgement a on a.district_id = ${s.districtId} and a.notice_id = occ.notice_id and a.household_id = occ.household_id
    group by 1`.execute(tx));
  return toMap(rows);
}

/**
 * 骨干力量掌握率: buildings with a building leader living there / buildings. The buildings of each group
 * are found down the tree by parent (a few hundred index probes for a street), not by a range over the
 * paths, which would walk every household too.
 */
export async function backboneCounts(db: Db, s: Scope): Promise<Map<string, Counts>> {
  const { rows } = await withoutJit(db, (tx) => sql<GroupRow>`
    with recursive sub(g, id, kind) as (
      select g.id, n.id, n.kind from ${groupsTable(s.groups)} join org_node n on n.district_id = ${s.districtId} and n.id = g.id
      union all
      select sub.g, c.id, c.kind from sub join org_node c on c.district_id = ${s.districtId} and c.parent_id = sub.id
      where sub.kind in ('district', 'street', 'community', 'grid')
    ),
    led as (${ledBuildings(s)})
    select sub.g, count(*) filter (where sub.id in (select building_id from led))::int as num, count(*)::int as den
    from sub where sub.kind = 'building'
    group by 1`.execute(tx));
  return toMap(rows);
}

export type VisitedCounts = {
  byCategory: Map<TagCategory, Map<string, Counts>>;
  /**
   * Per group, the last moment at which the counts still hold as time alone passes: a visit's interval
   * ends (it still counts at that instant), or a visit logged ahead is about to become current.
   */
  nextChange: Map<string, Date>;
};

/** 困难群体关爱率 and 重点人员稳控率: tagged people visited within their interval / tagged people, per category. */
export async function visitedCounts(db: Db, s: Scope & VisitRules): Promise<VisitedCounts> {
  const now = s.now.toISOString();
  const { rows } = await withoutJit(db, (tx) => sql<GroupRow & { category: TagCategory; expires: Date | string | null; upcoming: Date | string | null }>`
    select p.category, p.g,
      count(lv.last)::int as num,
      count(*)::int as den,
      min(lv.last + p.days * interval '1 day') as expires,
      min(lv.upcoming) as upcoming
    from (${taggedByGroup(s)}) p
    cross join lateral (
      select max(v.visited_at) filter (where v.visited_at <= ${now}::timestamptz) as last,
        min(v.visited_at) filter (where v.visited_at > ${now}::timestamptz) as upcoming
      from visit_resident v
      where v.district_id = ${s.districtId} and v.resident_id = p.id and v.visited_at >= ${now}::timestamptz - p.days * interval '1 day'
    ) lv
    group by 1, 2`.execute(tx));
  const byCategory = new Map<TagCategory, Map<string, Counts>>(s.categories.map((c) => [c.category, new Map()]));
  const nextChange = new Map<string, Date>();
  for (const r of rows) {
    byCategory.get(r.category)?.set(r.g, { numerator: Number(r.num), denominator: Number(r.den) });
    for (const when of [r.expires === null ? null : new Date(r.expires), r.upcoming === null ? null : new Date(new Date(r.upcoming).getTime() - 1)]) {
      if (when === null) continue;
      const known = nextChange.get(r.g);
      if (!known || when < known) nextChange.set(r.g, when);
    }
  }
  return { byCategory, nextChange };
}

/** Policy notices in force on `today` whose scope node covers the subtree or lies within it. */
export async function noticesInForce(db: Db, input: { districtId: string; underPath: string; today: string }): Promise<NoticeInForce[]> {
  const rows = await db
    .selectFrom('policy_notice as n')
    .innerJoin('org_node as s', (j) => j.onRef('s.district_id', '=', 'n.district_id').onRef('s.id', '=', 'n.scope_node_id'))
    .select(['n.id', 'n.title', 's.path'])
    .where('n.district_id', '=', input.districtId)
    .where('n.published_on', '<=', input.today)
    .where((eb) => eb.or([eb('n.expires_on', 'is', null), eb('n.expires_on', '>=', input.today)]))
    .orderBy('n.published_on')
    .execute();
  return rows.filter((r) => input.underPath.startsWith(r.path) || r.path.startsWith(input.underPath));
}

export type CadenceRow = { tagCode: string; scopePath: string; frequency: VisitFrequency; active: boolean };

export async function cadencesOf(db: Db, districtId: string): Promise<CadenceRow[]> {
  const rows = await db
    .selectFrom('visit_cadence as c')
    .innerJoin('org_node as s', (j) => j.onRef('s.district_id', '=', 'c.district_id').onRef('s.id', '=', 'c.scope_node_id'))
    .select(['c.tag_code', 'c.frequency', 'c.active', 's.path'])
    .where('c.district_id', '=', districtId)
    .execute();
  return rows.map((r) => ({ tagCode: r.tag_code, scopePath: r.path, frequency: r.frequency, active: r.active }));
}

export type NodeRef = { id: string; name: string; kind: NodeKind; path: string };

export async function childNodes(db: Db, districtId: string, parentId: string): Promise<NodeRef[]> {
  return db
    .selectFrom('org_node')
    .select(['id', 'name', 'kind', 'path'])
    .where('district_id', '=', districtId)
    .where('parent_id', '=', parentId)
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}
