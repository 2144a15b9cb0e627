import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Crs } from '../../platform/db/schema.ts';
import type { AreaGeometry } from './geo.ts';

/**
 * SQL for the grid map. A boundary is valid on a date D when valid_from ≤ D < valid_to (an open
 * valid_to means "until further notice"), so a change on D closes the old one at D and the new one
 * starts on D: every date has exactly one boundary per grid, and an old record keeps the grid it had.
 */
export type GridRow = { id: string; name: string; code: string | null; path: string; community_id: string | null; community_name: string | null };
export type BoundaryRow = { id: string; grid_id: string; crs: Crs; geometry: AreaGeometry; valid_from: string; valid_to: string | null };

function inRange(column: string, path: string) {
  return sql<boolean>`${sql.ref(column)} ~>=~ ${path} and ${sql.ref(column)} ~<~ ${`${path}~`}`;
}

/** A stored geometry as the map reads it; rows that are not a polygon are skipped, never thrown on. */
function asGeometry(value: unknown): AreaGeometry | null {
  const v = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (typeof v !== 'object' || v === null) return null;
  const type = (v as { type?: unknown }).type;
  return type === 'Polygon' || type === 'MultiPolygon' ? (v as AreaGeometry) : null;
}

export async function gridsUnder(db: Db, districtId: string, path: string): Promise<GridRow[]> {
  return db
    .selectFrom('org_node as g')
    .leftJoin('org_node as c', (j) => j.onRef('c.district_id', '=', 'g.district_id').onRef('c.id', '=', 'g.parent_id'))
    .select(['g.id', 'g.name', 'g.code', 'g.path', 'c.id as community_id', 'c.name as community_name'])
    .where('g.district_id', '=', districtId)
    .where('g.kind', '=', 'grid')
    .where(inRange('g.path', path))
    .orderBy('c.path')
    .orderBy('g.sort_order')
    .orderBy('g.name')
    .execute();
}

export async function boundariesOn(db: Db, districtId: string, gridIds: string[], on: string): Promise<Map<string, BoundaryRow>> {
  if (gridIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('grid_boundary')
    .select(['id', 'grid_id', 'crs', 'geometry', 'valid_from', 'valid_to'])
    .where('district_id', '=', districtId)
    .where('grid_id', 'in', gridIds)
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', on)]))
    .orderBy('valid_from')
    .execute();
  const out = new Map<string, BoundaryRow>();
  for (const r of rows) {
    const geometry = asGeometry(r.geometry);
    if (geometry) out.set(r.grid_id, { ...r, geometry });
  }
  return out;
}

export type LocatableBoundary = BoundaryRow & { grid: GridRow };

/** Every grid boundary valid on a date within the given subtrees (the caller's scope). */
export async function boundariesInScope(db: Db, districtId: string, scope: string[], on: string): Promise<LocatableBoundary[]> {
  if (scope.length === 0) return [];
  const rows = await db
    .selectFrom('grid_boundary as b')
    .innerJoin('org_node as g', (j) => j.onRef('g.district_id', '=', 'b.district_id').onRef('g.id', '=', 'b.grid_id'))
    .leftJoin('org_node as c', (j) => j.onRef('c.district_id', '=', 'g.district_id').onRef('c.id', '=', 'g.parent_id'))
    .select(['b.id', 'b.grid_id', 'b.crs', 'b.geometry', 'b.valid_from', 'b.valid_to', 'g.name', 'g.code', 'g.path', 'c.id as community_id', 'c.name as community_name'])
    .where('b.district_id', '=', districtId)
    .where((eb) => eb.or(scope.map((p) => inRange('g.path', p))))
    .where('b.valid_from', '<=', on)
    .where((eb) => eb.or([eb('b.valid_to', 'is', null), eb('b.valid_to', '>', on)]))
    .orderBy('g.path')
    .execute();
  const out: LocatableBoundary[] = [];
  for (const r of rows) {
    const geometry = asGeometry(r.geometry);
    if (!geometry) continue;
    out.push({
      id: r.id, grid_id: r.grid_id, crs: r.crs, geometry, valid_from: r.valid_from, valid_to: r.valid_to,
      grid: { id: r.grid_id, name: r.name, code: r.code, path: r.path, community_id: r.community_id, community_name: r.community_name },
    });
  }
  return out;
}

export type BuildingPointRow = { id: string; name: string; path: string; grid_id: string | null; address: string | null; lng: number | null; lat: number | null; crs: Crs | null };

export async function buildingsUnder(db: Db, districtId: string, path: string): Promise<BuildingPointRow[]> {
  return db
    .selectFrom('org_node as n')
    .leftJoin('building_info as i', (j) => j.onRef('i.district_id', '=', 'n.district_id').onRef('i.building_id', '=', 'n.id'))
    .leftJoin('org_node as g', (j) => j.onRef('g.district_id', '=', 'n.district_id').onRef('g.id', '=', 'n.parent_id'))
    .select(['n.id', 'n.name', 'n.path', 'n.parent_id as grid_id', 'i.address', 'i.lng', 'i.lat', 'i.crs'])
    .where('n.district_id', '=', districtId)
    .where('n.kind', '=', 'building')
    .where(inRange('n.path', path))
    // Grid by grid (in each community's order), then the buildings in theirs.
    .orderBy('g.parent_id')
    .orderBy('g.sort_order')
    .orderBy('n.parent_id')
    .orderBy('n.sort_order')
    .orderBy('n.name')
    .execute();
}
