import type { Db } from '../../platform/db/database.ts';
import { scopePaths, type StaffActor } from '../../platform/auth/actor.ts';
import type { Crs } from '../../platform/db/schema.ts';
import { fail } from '../../platform/errors.ts';
import { findNode } from '../org/org.repository.ts';
import { coverageByGroup, FIGURE_DEFINITIONS, localDate, presentFigures, rollUp } from '../coverage/index.ts';
import { bboxOf, convertGeometry, convertPoint, placeInGeometry, type AreaGeometry, type Position } from './geo.ts';
import { boundariesInScope, boundariesOn, buildingsUnder, gridsUnder } from './grid-map.repository.ts';
import './grid-map.errors.ts';

/**
 * What the map screen reads: the grids under a node with the boundary each had on a date and its
 * coverage figures (for colouring), the buildings' points, and which grid a point lies in. Geometry is
 * stored in the system it was drawn in and converted to the one the caller asks for.
 */
const MAP_NODE_KINDS = ['district', 'street', 'community', 'grid'];

export async function mapGrids(db: Db, input: { actor: StaffActor; nodeId: string; on?: string | undefined; crs: Crs; now: Date; lang: 'zh' | 'en' }) {
  const districtId = input.actor.districtId;
  const node = await findNode(db, districtId, input.nodeId);
  if (!node) return fail('NOT_FOUND');
  if (!MAP_NODE_KINDS.includes(node.kind)) return fail('MAP_NODE_KIND', { nodeId: node.id, kind: node.kind });
  const on = input.on ?? localDate(input.now);
  const grids = await gridsUnder(db, districtId, node.path);
  const ids = grids.map((g) => g.id);
  const [boundaries, counts] = await Promise.all([
    boundariesOn(db, districtId, ids, on),
    coverageByGroup(db, { districtId, underPath: node.path, groups: grids.map((g) => ({ id: g.id, path: g.path })), now: input.now }),
  ]);
  const shown: AreaGeometry[] = [];
  const items = grids.map((g) => {
    const b = boundaries.get(g.id);
    const geometry = b ? convertGeometry(b.geometry, b.crs, input.crs) : null;
    if (geometry) shown.push(geometry);
    return {
      id: g.id, name: g.name, code: g.code, communityId: g.community_id, communityName: g.community_name,
      boundary: b && geometry ? { id: b.id, storedCrs: b.crs, validFrom: b.valid_from, validTo: b.valid_to, geometry } : null,
      figures: presentFigures(counts.get(g.id) ?? rollUp([]), input.lang),
    };
  });
  return { on, crs: input.crs, node: { id: node.id, name: node.name, kind: node.kind }, bbox: bboxOf(shown), grids: items, definitions: [...FIGURE_DEFINITIONS] };
}

export async function mapBuildings(db: Db, input: { actor: StaffActor; nodeId: string; crs: Crs }) {
  const node = await findNode(db, input.actor.districtId, input.nodeId);
  if (!node) return fail('NOT_FOUND');
  if (node.kind === 'household') return fail('MAP_NODE_KIND', { nodeId: node.id, kind: node.kind });
  const rows = await buildingsUnder(db, input.actor.districtId, node.path);
  return {
    crs: input.crs,
    buildings: rows.map((r) => {
      const stored: Position | null = r.lng !== null && r.lat !== null ? [r.lng, r.lat] : null;
      const point = stored && r.crs ? convertPoint(stored, r.crs, input.crs) : null;
      return { id: r.id, name: r.name, gridId: r.grid_id, address: r.address, point: point ? { lng: point[0], lat: point[1] } : null, storedCrs: point ? r.crs : null };
    }),
  };
}

/**
 * The grid within the caller's scope whose boundary, valid on `on`, contains the point. A point on a
 * line shared by two grids goes to the first in tree order; one strictly inside a grid wins over that.
 */
export async function locatePoint(db: Db, input: { actor: StaffActor; lng: number; lat: number; crs: Crs; on?: string | undefined; now: Date }) {
  const on = input.on ?? localDate(input.now);
  const scope = scopePaths(input.actor, 'coverage.read');
  const boundaries = await boundariesInScope(db, input.actor.districtId, scope, on);
  let edge: (typeof boundaries)[number] | null = null;
  let found: (typeof boundaries)[number] | null = null;
  for (const b of boundaries) {
    const placement = placeInGeometry(convertPoint([input.lng, input.lat], input.crs, b.crs), b.geometry);
    if (placement === 'inside') {
      found = b;
      break;
    }
    if (placement === 'edge' && !edge) edge = b;
  }
  const hit = found ?? edge;
  if (!hit) {
    return fail('MAP_POINT_NOT_IN_GRID', { lng: input.lng, lat: input.lat, crs: input.crs, on }, `该位置（${input.crs} ${input.lng}, ${input.lat}）在 ${on} 不在您管辖范围内任何网格的边界之内`, `On ${on} the point lies in no grid within your area`);
  }
  return {
    on,
    point: { lng: input.lng, lat: input.lat, crs: input.crs },
    match: found ? ('inside' as const) : ('edge' as const),
    grid: { id: hit.grid.id, name: hit.grid.name, code: hit.grid.code, communityId: hit.grid.community_id, communityName: hit.grid.community_name },
    boundary: { id: hit.id, storedCrs: hit.crs, validFrom: hit.valid_from, validTo: hit.valid_to },
  };
}
