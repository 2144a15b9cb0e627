import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { DB, NodeKind, Registration } from '../../platform/db/schema.ts';

/** SQL for the registry export: present residents under some paths, read one grid at a time (an index range each). */
export type ExportPerson = {
  node_path: string; household_name: string; name: string; id_number: string; phone: string | null;
  relation: string; registration: Registration; registered_place: string | null; moved_in_on: string | null;
};

const under = (paths: string[]) => (eb: ExpressionBuilder<DB, 'resident'>) => eb.or(paths.map((p) => eb('resident.node_path', 'like', `${p}%`)));

export async function countPresent(db: Db, districtId: string, paths: string[]): Promise<number> {
  if (paths.length === 0) return 0;
  const row = await db.selectFrom('resident').select(sql<number>`count(*)::int`.as('n')).where('district_id', '=', districtId).where('status', '=', 'present').where(under(paths)).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The grids under the paths (in tree order); a path below grid level is its own unit. */
export async function exportUnits(db: Db, districtId: string, paths: string[]): Promise<string[]> {
  const units: string[] = [];
  for (const p of paths) {
    const grids = await db.selectFrom('org_node').select('path').where('district_id', '=', districtId).where('kind', '=', 'grid').where('path', 'like', `${p}%`).orderBy('sort_order').orderBy('path').execute();
    units.push(...(grids.length > 0 ? grids.map((g) => g.path) : [p]));
  }
  return units;
}

export async function presentUnder(db: Db, districtId: string, path: string): Promise<ExportPerson[]> {
  return db
    .selectFrom('resident')
    .innerJoin('org_node as h', (j) => j.onRef('h.district_id', '=', 'resident.district_id').onRef('h.id', '=', 'resident.household_id'))
    .select(['resident.node_path', 'h.name as household_name', 'resident.name', 'resident.id_number', 'resident.phone', 'resident.relation', 'resident.registration', 'resident.registered_place', 'resident.moved_in_on'])
    .where('resident.district_id', '=', districtId)
    .where('resident.status', '=', 'present')
    .where('resident.node_path', 'like', `${path}%`)
    .orderBy('resident.node_path')
    .orderBy(sql`resident.relation <> '户主'`)
    .orderBy('resident.name')
    .execute();
}

export async function namesOf(db: Db, districtId: string, ids: string[]): Promise<{ id: string; name: string; kind: NodeKind }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('org_node').select(['id', 'name', 'kind']).where('district_id', '=', districtId).where('id', 'in', ids).execute();
}

/** A real community / grid / building in the caller's scope, for the template's example row. */
export async function exampleAddress(db: Db, districtId: string, scopePath: string): Promise<{ community: string; grid: string; building: string } | null> {
  const building = await db.selectFrom('org_node').select('path').where('district_id', '=', districtId).where('kind', '=', 'building').where('path', 'like', `${scopePath}%`).orderBy('path').limit(1).executeTakeFirst();
  if (!building) return null;
  const nodes = await namesOf(db, districtId, building.path.split('/').filter(Boolean));
  const of = (kind: NodeKind) => nodes.find((n) => n.kind === kind)?.name ?? '';
  return { community: of('community'), grid: of('grid'), building: of('building') };
}
