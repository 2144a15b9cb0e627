import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { pathInScope, scopePaths, type StaffActor } from '../../platform/auth/actor.ts';
import { STAFF_ROLES, isStaffRole, roleGrants } from '../../platform/auth/roles.ts';
import { addressesOf } from '../residents/residents.repository.ts';
import { REQUIRED_VISIT_RULES } from './catalogue.ts';
import { assigneeFor, type Absence, type Assignment, type ChainLink } from './responsibility-chain.ts';
import { dueVisits, type CadenceRule } from './visit-cadence.ts';
import { localToday } from './registry.commands.ts';

/**
 * A worker's due and overdue visits: the cadence engine over the tagged people in scope, plus the open
 * 三必到 visits, each given to the person the responsibility chain names today (absences honoured).
 * Reads once per table, computes in memory (a grid holds a few thousand people).
 */
export type DueItem = {
  kind: 'cadence' | 'required';
  residentId: string | null;
  residentName: string;
  householdId: string;
  address: string;
  label: string;
  role: string;
  roleLabel: string;
  dueAt: string;
  overdue: boolean;
  overdueSince: string | null;
  lastVisitAt: string | null;
  requiredVisitId: string | null;
  assignee: { accountId: string; name: string; standingInFor: { accountId: string; name: string } | null } | null;
};

/** Role order within one node of the chain: who comes first when several are bound to the same node. */
const ROLE_ORDER = ['building_leader', 'grid_worker', 'committee', 'secretary', 'street_officer', 'admin'];

/** `column` lies in one of the subtrees: path ranges the text_pattern_ops index serves. */
function inSubtrees(column: string, paths: string[]) {
  return sql<boolean>`(${sql.join(paths.map((p) => sql`(${sql.ref(column)} ~>=~ ${p} and ${sql.ref(column)} ~<~ ${p + '~'})`), sql` or `)})`;
}

export async function listDueVisits(db: Db, input: { actor: StaffActor; underPath: string | null; mineOnly: boolean; now: Date }): Promise<DueItem[]> {
  const { actor, now } = input;
  let scope = scopePaths(actor, 'visit.read');
  if (input.underPath) scope = scope.some((p) => input.underPath?.startsWith(p)) ? [input.underPath] : scope.filter((p) => p.startsWith(input.underPath ?? ''));
  if (scope.length === 0) return [];
  const districtId = actor.districtId;
  const seeRestricted = scopePaths(actor, 'resident.restricted.read');
  const today = localToday(now);

  const holdings = await db
    .selectFrom('resident_tag as t')
    .innerJoin('resident as r', (j) => j.onRef('r.district_id', '=', 't.district_id').onRef('r.id', '=', 't.resident_id'))
    .innerJoin('tag_definition as d', (j) => j.onRef('d.district_id', '=', 't.district_id').onRef('d.code', '=', 't.tag_code'))
    .select(['t.resident_id', 't.tag_code', 't.since', 't.until', 'r.name', 'r.household_id', 'r.node_path', 'd.sensitivity'])
    .where('t.district_id', '=', districtId)
    .where('r.status', '=', 'present')
    .where((eb) => eb.or([eb('t.until', 'is', null), eb('t.until', '>=', today)]))
    .where(inSubtrees('r.node_path', scope))
    .execute();
  const visibleHoldings = holdings.filter((h) => h.sensitivity !== 'restricted' || pathInScope(seeRestricted, h.node_path));
  const people = new Map(visibleHoldings.map((h) => [h.resident_id, h]));

  const ruleRows = await db.selectFrom('visit_cadence as c').innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'c.district_id').onRef('n.id', '=', 'c.scope_node_id')).select(['c.id', 'c.tag_code', 'c.role', 'c.frequency', 'c.event', 'c.within_days', 'c.label', 'n.path']).where('c.district_id', '=', districtId).where('c.active', '=', true).execute();

  const residentIds = [...people.keys()];
  const visits = residentIds.length === 0 ? [] : await db
    .selectFrom('visit_resident')
    .select(['resident_id', 'visited_at', 'visitor_role'])
    .where('district_id', '=', districtId)
    .where('resident_id', 'in', residentIds)
    .where('visited_at', '>', new Date(now.getTime() - 400 * 86400_000))
    .execute();

  const required = await db
    .selectFrom('required_visit')
    .select(['id', 'household_id', 'node_path', 'reason', 'description', 'due_at'])
    .where('district_id', '=', districtId)
    .where('visit_id', 'is', null)
    .where(inSubtrees('node_path', scope))
    .execute();

  // The chain: every role binding on an ancestor of (or inside) the scope, nearest node first.
  const bindings = await db
    .selectFrom('role_binding as b')
    .innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'b.district_id').onRef('n.id', '=', 'b.node_id'))
    .innerJoin('account as a', 'a.id', 'b.account_id')
    .select(['b.account_id', 'b.role', 'n.path', 'a.display_name', 'a.disabled'])
    .where('b.district_id', '=', districtId)
    .where('a.disabled', '=', false)
    .execute();
  // Explicitly named responsible people (五级负责) come first at their node, by rank.
  const named = await db
    .selectFrom('responsibility as r')
    .innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'r.district_id').onRef('n.id', '=', 'r.node_id'))
    .innerJoin('account as a', 'a.id', 'r.account_id')
    .innerJoin('role_binding as b', (j) => j.onRef('b.account_id', '=', 'r.account_id').onRef('b.district_id', '=', 'r.district_id'))
    .select(['r.account_id', 'r.rank', 'n.path', 'a.display_name', 'b.role'])
    .where('r.district_id', '=', districtId)
    .where('a.disabled', '=', false)
    .execute();
  const absences: Absence[] = (await db.selectFrom('absence').select(['account_id', 'starts_on', 'ends_on']).where('district_id', '=', districtId).where('ends_on', '>=', today).execute()).map((a) => ({ accountId: a.account_id, startsOn: a.starts_on, endsOn: a.ends_on }));
  const chainCache = new Map<string, ChainLink[]>();
  const chainFor = (nodePath: string): ChainLink[] => {
    const cached = chainCache.get(nodePath);
    if (cached) return cached;
    const links = [
      ...named.filter((r) => nodePath.startsWith(r.path)).map((r) => ({ path: r.path, order: r.rank - 100, accountId: r.account_id, role: r.role, name: r.display_name })),
      ...bindings.filter((b) => nodePath.startsWith(b.path)).map((b) => ({ path: b.path, order: ROLE_ORDER.includes(b.role) ? ROLE_ORDER.indexOf(b.role) : ROLE_ORDER.length, accountId: b.account_id, role: b.role, name: b.display_name })),
    ].sort((x, y) => y.path.length - x.path.length || x.order - y.order);
    const seenLinks = new Set<string>();
    const chain = links
      .filter((l) => roleGrants(l.role, 'visit.write')) // only people who visit can stand in (not the supervision committee)
      .filter((l) => (seenLinks.has(`${l.accountId}:${l.role}`) ? false : (seenLinks.add(`${l.accountId}:${l.role}`), true)))
      .map((l) => ({ accountId: l.accountId, role: l.role, name: l.name }));
    chainCache.set(nodePath, chain);
    return chain;
  };

  const items: DueItem[] = [];
  const roleLabel = (role: string) => (isStaffRole(role) ? STAFF_ROLES[role].label : role);
  const assign = (nodePath: string, role: string): Assignment | null => assigneeFor({ chain: chainFor(nodePath), role, absences, today });

  // A community's own rule replaces the district's rule for the same tag and role.
  const rulesFor = (nodePath: string): CadenceRule[] => {
    const applicable = ruleRows.filter((r) => nodePath.startsWith(r.path));
    const best = new Map<string, (typeof applicable)[number]>();
    for (const r of applicable) {
      const key = `${r.tag_code}:${r.role}:${r.frequency}`;
      const current = best.get(key);
      if (!current || r.path.length > current.path.length) best.set(key, r);
    }
    return [...best.values()].map((r) => ({ id: r.id, tagCode: r.tag_code, role: r.role, frequency: r.frequency, event: r.event, withinDays: r.within_days, label: r.label }));
  };
  const visitsOf = new Map<string, { residentId: string; visitedAt: Date; visitorRole: string }[]>();
  for (const v of visits) visitsOf.set(v.resident_id, [...(visitsOf.get(v.resident_id) ?? []), { residentId: v.resident_id, visitedAt: new Date(v.visited_at), visitorRole: v.visitor_role }]);
  const byPath = new Map<string, typeof visibleHoldings>();
  for (const h of visibleHoldings) byPath.set(h.node_path, [...(byPath.get(h.node_path) ?? []), h]);
  for (const [nodePath, hs] of byPath) {
    const due = dueVisits({
      rules: rulesFor(nodePath),
      holdings: hs.map((h) => ({ residentId: h.resident_id, tagCode: h.tag_code, since: h.since, until: h.until })),
      visits: [...new Set(hs.map((h) => h.resident_id))].flatMap((id) => visitsOf.get(id) ?? []),
      now,
    });
    for (const d of due) {
      const person = people.get(d.residentId);
      if (!person) continue;
      const assignee = assign(nodePath, d.role);
      items.push({
        kind: 'cadence', residentId: d.residentId, residentName: person.name, householdId: person.household_id, address: nodePath, label: d.label, role: d.role, roleLabel: roleLabel(d.role),
        dueAt: d.dueAt.toISOString(), overdue: d.overdue, overdueSince: d.overdueSince?.toISOString() ?? null, lastVisitAt: d.lastVisitAt?.toISOString() ?? null, requiredVisitId: null, assignee,
      });
    }
  }
  for (const r of required) {
    const dueAt = new Date(r.due_at);
    items.push({
      kind: 'required', residentId: null, residentName: '', householdId: r.household_id, address: r.node_path, label: `三必到·${REQUIRED_VISIT_RULES[r.reason].label}：${r.description}`, role: 'grid_worker', roleLabel: roleLabel('grid_worker'),
      dueAt: dueAt.toISOString(), overdue: dueAt <= now, overdueSince: dueAt <= now ? dueAt.toISOString() : null, lastVisitAt: null, requiredVisitId: r.id, assignee: assign(r.node_path, 'grid_worker'),
    });
  }
  const addresses = await addressesOf(db, districtId, [...new Set(items.map((i) => i.address))]);
  const result = items
    .map((i) => ({ ...i, address: addresses.get(i.address) ?? '' }))
    .filter((i) => !input.mineOnly || i.assignee?.accountId === actor.id);
  return result.sort((a, b) => (a.overdueSince ?? a.dueAt).localeCompare(b.overdueSince ?? b.dueAt));
}
