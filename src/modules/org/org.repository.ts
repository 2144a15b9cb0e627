import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { NodeKind, OrgNodeRow } from '../../platform/db/schema.ts';
import { NODE_KIND_LABELS } from '../../platform/auth/roles.ts';
import type { OrgNodeView } from './org.schema.ts';
import { containsPattern } from '../../platform/db/like-pattern.ts';

/** SQL for the org tree. Subtrees are prefix matches on `path`; every query names the district. */
export async function nodeScope(db: Db, districtId: string, id: string): Promise<string[] | null> {
  const row = await db.selectFrom('org_node').select('path').where('district_id', '=', districtId).where('id', '=', id).executeTakeFirst();
  return row ? [row.path] : null;
}

export async function findNode(db: Db, districtId: string, id: string): Promise<OrgNodeRow | undefined> {
  return db.selectFrom('org_node').selectAll().where('district_id', '=', districtId).where('id', '=', id).executeTakeFirst();
}

type NodeWithCounts = OrgNodeRow & { child_count: number; resident_count: number };

function withCounts(db: Db) {
  return db
    .selectFrom('org_node as n')
    .selectAll('n')
    .select((eb) => [
      eb
        .selectFrom('org_node as c')
        .select(sql<number>`count(*)::int`.as('c'))
        .whereRef('c.district_id', '=', 'n.district_id')
        .whereRef('c.parent_id', '=', 'n.id')
        .as('child_count'),
      eb
        .selectFrom('resident as r')
        .select(sql<number>`count(*)::int`.as('c'))
        .whereRef('r.district_id', '=', 'n.district_id')
        // A range on the path (not LIKE with a computed pattern) so the path index serves the count.
        .where(sql<boolean>`r.node_path ~>=~ n.path and r.node_path ~<~ (n.path || '~')`)
        .as('resident_count'),
    ]);
}

export function presentNode(row: NodeWithCounts, lang: 'zh' | 'en' = 'zh'): OrgNodeView {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind,
    kindLabel: NODE_KIND_LABELS[row.kind][lang],
    name: row.name,
    code: row.code,
    childCount: Number(row.child_count ?? 0),
    residentCount: Number(row.resident_count ?? 0),
  };
}

export async function nodesWithCounts(db: Db, districtId: string, ids: string[]): Promise<NodeWithCounts[]> {
  if (ids.length === 0) return [];
  const rows = await withCounts(db).where('n.district_id', '=', districtId).where('n.id', 'in', ids).orderBy('n.path').execute();
  return rows as NodeWithCounts[];
}

export async function childrenOf(db: Db, districtId: string, parentId: string): Promise<NodeWithCounts[]> {
  const rows = await withCounts(db)
    .where('n.district_id', '=', districtId)
    .where('n.parent_id', '=', parentId)
    .orderBy('n.sort_order')
    .orderBy('n.name')
    .limit(2000)
    .execute();
  return rows as NodeWithCounts[];
}

export async function ancestorsOf(db: Db, districtId: string, node: OrgNodeRow): Promise<{ id: string; name: string; kind: NodeKind }[]> {
  const ids = node.path.split('/').filter((id) => id && id !== node.id);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('org_node').select(['id', 'name', 'kind', 'path']).where('district_id', '=', districtId).where('id', 'in', ids).orderBy('path').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind }));
}

export async function searchNodes(db: Db, districtId: string, scope: string[], q: string): Promise<NodeWithCounts[]> {
  if (scope.length === 0) return [];
  const pattern = containsPattern(q);
  const rows = await withCounts(db)
    .where('n.district_id', '=', districtId)
    .where('n.name', 'like', pattern)
    .where((eb) => eb.or(scope.map((p) => eb('n.path', 'like', `${p}%`))))
    .orderBy('n.path')
    .limit(50)
    .execute();
  return rows as NodeWithCounts[];
}

export async function countDependents(db: Db, districtId: string, node: OrgNodeRow): Promise<{ children: number; residents: number; bindings: number }> {
  const [children, residents, bindings] = await Promise.all([
    db.selectFrom('org_node').select(sql<number>`count(*)::int`.as('n')).where('district_id', '=', districtId).where('parent_id', '=', node.id).executeTakeFirstOrThrow(),
    db.selectFrom('resident').select(sql<number>`count(*)::int`.as('n')).where('district_id', '=', districtId).where('household_id', '=', node.id).executeTakeFirstOrThrow(),
    db.selectFrom('role_binding').select(sql<number>`count(*)::int`.as('n')).where('district_id', '=', districtId).where('node_id', '=', node.id).executeTakeFirstOrThrow(),
  ]);
  return { children: children.n, residents: residents.n, bindings: bindings.n };
}
