import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { ResidentRow } from '../../platform/db/schema.ts';
import { containsPattern } from '../../platform/db/like-pattern.ts';

/** SQL for residents. Every list is limited to the caller's scope paths in the WHERE clause. */
export async function residentScope(db: Db, districtId: string, id: string): Promise<string[] | null> {
  const row = await db.selectFrom('resident').select('node_path').where('district_id', '=', districtId).where('id', '=', id).executeTakeFirst();
  return row ? [row.node_path] : null;
}

export async function findResident(db: Db, districtId: string, id: string): Promise<ResidentRow | undefined> {
  return db.selectFrom('resident').selectAll().where('district_id', '=', districtId).where('id', '=', id).executeTakeFirst();
}

export async function listResidents(
  db: Db,
  input: { districtId: string; scope: string[]; underPath: string | null; q?: string; limit: number; offset: number },
): Promise<{ rows: ResidentRow[]; total: number }> {
  if (input.scope.length === 0) return { rows: [], total: 0 };
  let query = db
    .selectFrom('resident')
    .where('district_id', '=', input.districtId)
    .where('status', '=', 'present') // people who moved away or died keep their record and history, off the list
    .where((eb) => eb.or(input.scope.map((p) => eb('node_path', 'like', `${p}%`))));
  if (input.underPath) query = query.where('node_path', 'like', `${input.underPath}%`);
  const q = input.q?.trim();
  if (q) {
    if (/^\d{4}[\dXx]?$/.test(q)) {
      // The last four digits of a phone number or ID number, as people read them out.
      query = query.where((eb) => eb.or([eb('phone', 'like', `%${q}`), eb('id_number', 'like', `%${q.toUpperCase()}`)]));
    } else if (q.length >= 3) {
      query = query.where('name', 'like', containsPattern(q)); // served by the trigram index
    } else {
      // A trigram index cannot narrow a 1–2 character term; strpos keeps the planner on the path index.
      query = query.where(sql<boolean>`strpos(name, ${q}) > 0`);
    }
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('node_path').orderBy('name').limit(input.limit).offset(input.offset).execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/** The readable address of households: the names along each path below the community, e.g. "幸福里社区 第一网格 3栋 2单元301". */
export async function addressesOf(db: Db, districtId: string, paths: string[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const p of paths) for (const id of p.split('/').filter(Boolean)) ids.add(id);
  const out = new Map<string, string>();
  if (ids.size === 0) return out;
  const rows = await db.selectFrom('org_node').select(['id', 'name', 'kind']).where('district_id', '=', districtId).where('id', 'in', [...ids]).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const p of paths) {
    const names = p
      .split('/')
      .filter(Boolean)
      .map((id) => byId.get(id))
      .filter((n) => n && n.kind !== 'district' && n.kind !== 'street')
      .map((n) => n?.name ?? '');
    out.set(p, names.join(' '));
  }
  return out;
}

export async function portalRolesOf(db: Db, districtId: string, residentIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (residentIds.length === 0) return map;
  const rows = await db.selectFrom('resident_role').select(['resident_id', 'role']).where('district_id', '=', districtId).where('resident_id', 'in', residentIds).execute();
  for (const r of rows) map.set(r.resident_id, [...(map.get(r.resident_id) ?? []), r.role]);
  return map;
}
