import type { Db } from '../../../platform/db/database.ts';
import { fail } from '../../../platform/errors.ts';
import { placeInGeometry, convertPoint } from '../../grid-map/geo.ts';
import { boundariesInScope } from '../../grid-map/grid-map.repository.ts';
import './interop.errors.ts';

/** Where an outside request is filed: a node inside the area the caller may file into. */
export type Area = { districtId: string; nodeId: string; nodePath: string; nodeKind: string };
export type PlaceHint = {
  /** WGS-84 point (Open311 lat/long are WGS-84). */
  point?: { lng: number; lat: number } | null;
  /** The community named by the hotline (所属社区), if any. */
  community?: string | null;
  /** Free address text; a community name inside it is used when nothing else decides. */
  address?: string | null;
};
export type Placed = { nodeId: string; how: 'grid' | 'community' | 'area' };

/**
 * 1. A point inside a grid boundary valid today finds that grid (grid-map's boundaries); a grid outside
 *    the area is refused (a key cannot file outside its node).
 * 2. A named community (所属社区, or a community name inside the address) under the area.
 * 3. The area itself when it is a community (or lower).
 * Otherwise the place cannot be told.
 */
export async function placeRequest(db: Db, area: Area, hint: PlaceHint, today: string): Promise<Placed> {
  if (hint.point) {
    const root = `/${area.districtId}/`;
    const boundaries = await boundariesInScope(db, area.districtId, [root], today);
    let edge: (typeof boundaries)[number] | null = null;
    let inside: (typeof boundaries)[number] | null = null;
    for (const b of boundaries) {
      const placement = placeInGeometry(convertPoint([hint.point.lng, hint.point.lat], 'WGS84', b.crs), b.geometry);
      if (placement === 'inside') { inside = b; break; }
      if (placement === 'edge' && !edge) edge = b;
    }
    const hit = inside ?? edge;
    if (hit) {
      if (!hit.grid.path.startsWith(area.nodePath)) return fail('INTEROP_OUTSIDE_KEY_AREA', { field: 'lat' });
      return { nodeId: hit.grid.id, how: 'grid' };
    }
  }
  const named = hint.community?.trim();
  if (named) {
    const found = await communityByName(db, area, named, true);
    if (found) return { nodeId: found, how: 'community' };
    const elsewhere = await db.selectFrom('org_node').select('id').where('district_id', '=', area.districtId).where('kind', '=', 'community').where('name', '=', named).executeTakeFirst();
    if (elsewhere) return fail('INTEROP_OUTSIDE_KEY_AREA', { field: 'community', community: named }, `所属社区「${named}」不在可提交的范围内`, `Community ${named} lies outside the area this key may file into`);
    return fail('INTEROP_PLACE_UNRESOLVED', { field: 'community', community: named }, `所属社区「${named}」不存在`, `No community named ${named}`);
  }
  if (area.nodeKind !== 'district' && area.nodeKind !== 'street') return { nodeId: area.nodeId, how: 'area' };
  const address = hint.address?.trim();
  if (address) {
    const found = await communityByName(db, area, address, false);
    if (found) return { nodeId: found, how: 'community' };
  }
  return fail('INTEROP_PLACE_UNRESOLVED', { field: hint.point ? 'lat' : 'address_string' });
}

async function communityByName(db: Db, area: Area, text: string, exact: boolean): Promise<string | null> {
  const rows = await db.selectFrom('org_node').select(['id', 'name']).where('district_id', '=', area.districtId).where('kind', '=', 'community').where('path', 'like', `${area.nodePath}%`).execute();
  if (exact) return rows.find((r) => r.name === text)?.id ?? null;
  // The longest community name found in the address wins (百步亭花园社区 before 百步亭社区).
  const hits = rows.filter((r) => text.includes(r.name)).sort((a, b) => b.name.length - a.name.length);
  return hits[0]?.id ?? null;
}
