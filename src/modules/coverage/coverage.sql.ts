import { sql, type RawBuilder } from 'kysely';
import { NODE_KINDS } from '../../platform/auth/roles.ts';
import type { TagCategory } from '../../platform/db/schema.ts';
import { BUILDING_LEADER_TAG } from './coverage.definitions.ts';
import type { TagInterval } from './coverage.ts';

/**
 * SQL fragments of the coverage figures.
 *
 * Counts are grouped by `groups` — the children of a node, or the grids under it for the map — each
 * read as a range on the path (`~>=~` / `~<~`, which the text_pattern_ops indexes serve), so nothing
 * is computed per row to find the group it belongs to and no query reads more than the subtree.
 * Small lists (cadence intervals, notices) go in as VALUES, so the planner knows their size.
 *
 * The drill-down lists use a single range (`inSubtree`) below the node asked about.
 */
export type Group = { id: string; path: string };
export type Scope = { districtId: string; underPath: string; groups: Group[] };

/** The `split_part` index of a building's id in any path below it (the tree has a fixed shape). */
export const BUILDING_PART = NODE_KINDS.indexOf('building') + 2;

export function inSubtree(column: RawBuilder<unknown>, path: string): RawBuilder<boolean> {
  return sql<boolean>`${column} ~>=~ ${path} and ${column} ~<~ ${`${path}~`}`;
}

type Column = { name: string; type: 'text' | 'uuid' | 'int' };

/** `(values ($1::uuid, $2::text), …) as alias(a, b)`; an empty list becomes an empty table of the same shape. */
export function valuesTable(alias: string, columns: Column[], rows: (string | number)[][]): RawBuilder<unknown> {
  const names = sql.raw(columns.map((c) => c.name).join(', '));
  if (rows.length === 0) {
    return sql`(select ${sql.raw(columns.map((c) => `null::${c.type}`).join(', '))} where false) as ${sql.raw(alias)}(${names})`;
  }
  const tuples = rows.map((row) => sql`(${sql.join(columns.map((c, i) => sql`${row[i]}::${sql.raw(c.type)}`))})`);
  return sql`(values ${sql.join(tuples)}) as ${sql.raw(alias)}(${names})`;
}

export function groupsTable(groups: Group[]): RawBuilder<unknown> {
  return valuesTable('g', [{ name: 'id', type: 'uuid' }, { name: 'path', type: 'text' }], groups.map((g) => [g.id, g.path]));
}

/**
 * `select <columns> from resident r` below each group, one UNION ALL branch per group with its own
 * constant range: the planner then sizes each branch from the path statistics and reads it through
 * the path index. (A join of a VALUES list on a range cannot be sized — PostgreSQL guesses a third of
 * the table per inequality and falls back to scanning all of it.) Each row carries its group as `g`.
 */
export function residentsByGroup(s: Scope, columns: RawBuilder<unknown>, where: RawBuilder<unknown> = sql`true`): RawBuilder<unknown> {
  return sql.join(
    s.groups.map((g) => sql`select ${g.id}::uuid as g, ${columns} from resident r
      where r.district_id = ${s.districtId} and ${inSubtree(sql.ref('r.node_path'), g.path)} and ${where}`),
    sql` union all `,
  );
}

/** Buildings with a resident living there who holds an open building-leader tag, below `underPath`. */
export function ledBuildings(s: { districtId: string; underPath: string }): RawBuilder<unknown> {
  return sql`select distinct split_part(r.node_path, '/', ${BUILDING_PART})::uuid as building_id
    from resident_tag t join resident r on r.district_id = t.district_id and r.id = t.resident_id
    where t.district_id = ${s.districtId} and t.tag_code = ${BUILDING_LEADER_TAG} and t.until is null
      and r.status = 'present' and ${inSubtree(sql.ref('r.node_path'), s.underPath)}`;
}

export type VisitRules = { categories: { category: TagCategory; defaultDays: number }[]; intervals: TagInterval[]; now: Date };

function cadenceTables(v: VisitRules) {
  return {
    cad: valuesTable('c', [{ name: 'tag', type: 'text' }, { name: 'path', type: 'text' }, { name: 'days', type: 'int' }], v.intervals.map((i) => [i.tag, i.path, i.days])),
    dflt: valuesTable('dflt', [{ name: 'category', type: 'text' }, { name: 'days', type: 'int' }], v.categories.map((c) => [c.category, c.defaultDays])),
  };
}

/**
 * For the counts: per group, per person living there with an open tag of one of the categories, the
 * interval within which they must have been visited — the shortest active periodic cadence that
 * applies to any of their tags of that category (its scope node covers their home), else the
 * category's default.
 */
export function taggedByGroup(s: Scope & VisitRules): RawBuilder<unknown> {
  const { cad, dflt } = cadenceTables(s);
  return sql`
    select p.g, p.id, d.category,
      coalesce(min((select min(c.days) from ${cad} where c.tag = t.tag_code and starts_with(p.node_path, c.path))), min(dflt.days)) as days
    from (${residentsByGroup(s, sql`r.id, r.node_path`, sql`r.status = 'present'`)}) p
    join resident_tag t on t.district_id = ${s.districtId} and t.resident_id = p.id
    join tag_definition d on d.district_id = t.district_id and d.code = t.tag_code
    join ${dflt} on dflt.category = d.category
    where t.until is null
    group by 1, 2, 3`;
}

/**
 * For the lists: the same people below `underPath`, with name, ID number and path, their tags, whether
 * a tag is restricted, their last visit up to `now`, and `due_since` = now − interval.
 */
export function taggedPeople(s: { districtId: string; underPath: string } & VisitRules): RawBuilder<unknown> {
  const now = s.now.toISOString();
  const { cad, dflt } = cadenceTables(s);
  return sql`
    with tagged as (
      select r.id, r.name, r.id_number, r.node_path, d.category,
        json_agg(t.tag_code order by t.tag_code) as tags,
        bool_or(d.sensitivity = 'restricted') as restricted,
        coalesce(min((select min(c.days) from ${cad} where c.tag = t.tag_code and starts_with(r.node_path, c.path))), min(dflt.days)) as days
      from resident_tag t
      join tag_definition d on d.district_id = t.district_id and d.code = t.tag_code
      join ${dflt} on dflt.category = d.category
      join resident r on r.district_id = t.district_id and r.id = t.resident_id
      where t.district_id = ${s.districtId} and t.until is null and r.status = 'present' and ${inSubtree(sql.ref('r.node_path'), s.underPath)}
      group by r.id, r.name, r.id_number, r.node_path, d.category
    )
    select tagged.*,
      (select max(v.visited_at) from visit_resident v
        where v.district_id = ${s.districtId} and v.resident_id = tagged.id and v.visited_at <= ${now}::timestamptz) as last_visit_at,
      ${now}::timestamptz - tagged.days * interval '1 day' as due_since
    from tagged`;
}

/** Occupied households (a resident with status 'present') with their paths and how many live there. */
export function occupiedWithPaths(s: { districtId: string; underPath: string }): RawBuilder<unknown> {
  return sql`select r.household_id, r.node_path, count(*)::int as people from resident r
    where r.district_id = ${s.districtId} and r.status = 'present' and ${inSubtree(sql.ref('r.node_path'), s.underPath)}
    group by r.household_id, r.node_path`;
}

export type NoticeInForce = { id: string; title: string; path: string };

/** For the lists: occupied households with their paths, each paired with each notice in force that covers it. */
export function householdNotices(s: { districtId: string; underPath: string; notices: NoticeInForce[] }): RawBuilder<unknown> {
  const n = valuesTable('n', [{ name: 'id', type: 'uuid' }, { name: 'path', type: 'text' }], s.notices.map((x) => [x.id, x.path]));
  return sql`
    select o.household_id, o.node_path, n.id as notice_id, a.household_id is not null as acknowledged
    from (${occupiedWithPaths(s)}) o
    join ${n} on starts_with(o.node_path, n.path)
    left join policy_acknowledgement a on a.district_id = ${s.districtId} and a.notice_id = n.id and a.household_id = o.household_id`;
}
