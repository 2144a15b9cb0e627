import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { StaffActor } from '../../platform/auth/actor.ts';
import type { Crs } from '../../platform/db/schema.ts';
import { fail } from '../../platform/errors.ts';
import { bboxOf, containsPoint, convertPoint, type AreaGeometry } from './geo.ts';
import { checkBoundary } from './geojson.ts';
import { boundariesOn } from './grid-map.repository.ts';
import './grid-map.errors.ts';

/** Map commands: each loads, decides, then writes the change and its audit entry in one transaction. */
type Ctx = { db: Db; actor: StaffActor; ip: string; now: Date };

async function lockNode(tx: Db, districtId: string, id: string) {
  const { rows } = await sql<{ id: string; kind: string; name: string; path: string; parent_id: string | null }>`
    select id, kind, name, path, parent_id from org_node where district_id = ${districtId} and id = ${id} for update`.execute(tx);
  return rows[0];
}

function positions(geometry: AreaGeometry): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.reduce((n, poly) => n + poly.reduce((m, ring) => m + ring.length, 0), 0);
}

/**
 * Draws or imports a grid's boundary from `validFrom` on: the boundary in force is closed on that date
 * and kept for the past, the new one starts on it. `geometry` may be a Polygon, a MultiPolygon, or a
 * Feature / one-feature FeatureCollection holding one.
 */
export async function setGridBoundary(ctx: Ctx, input: { gridId: string; crs: Crs; geometry: unknown; validFrom: string }) {
  const checked = checkBoundary(input.geometry, 'geometry');
  if (!checked.ok) {
    const fields = checked.problems.map((p) => ({ field: p.path, label: '边界', message: p.message }));
    return fail('MAP_BOUNDARY_INVALID', { in: 'body', fields }, checked.problems.slice(0, 3).map((p) => p.message).join('；'));
  }
  const geometry = checked.geometry;
  return ctx.db.transaction().execute(async (tx) => {
    const grid = await lockNode(tx, ctx.actor.districtId, input.gridId);
    if (!grid) return fail('NOT_FOUND');
    if (grid.kind !== 'grid') return fail('MAP_NOT_A_GRID', { gridId: grid.id, kind: grid.kind });
    const latest = await tx
      .selectFrom('grid_boundary')
      .select(['id', 'crs', 'valid_from', 'valid_to'])
      .where('district_id', '=', ctx.actor.districtId)
      .where('grid_id', '=', grid.id)
      .orderBy('valid_from', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest && latest.valid_from >= input.validFrom) {
      return fail('MAP_BOUNDARY_NOT_AFTER', { field: 'validFrom', current: latest.valid_from }, `「生效日期」须晚于现行边界的生效日期（${latest.valid_from}）`, `validFrom must be after the current boundary's start (${latest.valid_from})`);
    }
    if (latest && (latest.valid_to === null || latest.valid_to > input.validFrom)) {
      await tx.updateTable('grid_boundary').set({ valid_to: input.validFrom }).where('district_id', '=', ctx.actor.districtId).where('id', '=', latest.id).execute();
    }
    const id = crypto.randomUUID();
    await tx
      .insertInto('grid_boundary')
      .values({ district_id: ctx.actor.districtId, id, grid_id: grid.id, crs: input.crs, geometry: JSON.stringify(geometry), valid_from: input.validFrom, valid_to: null, created_at: ctx.now })
      .execute();
    await appendAudit(tx, {
      districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now,
      action: 'map.boundary.set', entityType: 'grid_boundary', entityId: id, nodePath: grid.path,
      summary: `设置网格「${grid.name}」的边界，自 ${input.validFrom} 起生效${latest ? `（原边界自 ${latest.valid_from} 起，至 ${input.validFrom} 止）` : ''}`,
      before: latest ? { boundaryId: latest.id, crs: latest.crs, validFrom: latest.valid_from, validTo: latest.valid_to } : null,
      after: { boundaryId: id, crs: input.crs, validFrom: input.validFrom, type: geometry.type, positions: positions(geometry), bbox: bboxOf([geometry]) },
    });
    return { id, gridId: grid.id, crs: input.crs, geometry, validFrom: input.validFrom, validTo: null, replaced: latest ? { id: latest.id, validFrom: latest.valid_from, validTo: input.validFrom } : null };
  });
}

/**
 * Places a building on the map. Says whether the point lies within its grid's boundary valid today
 * (null when the grid has none), so the screen can warn about a building drawn in the wrong grid.
 */
export async function setBuildingPoint(ctx: Ctx & { today: string }, input: { buildingId: string; lng: number; lat: number; crs: Crs }) {
  return ctx.db.transaction().execute(async (tx) => {
    const building = await lockNode(tx, ctx.actor.districtId, input.buildingId);
    if (!building) return fail('NOT_FOUND');
    if (building.kind !== 'building') return fail('MAP_NOT_A_BUILDING', { buildingId: building.id, kind: building.kind });
    const before = await tx.selectFrom('building_info').select(['lng', 'lat', 'crs']).where('district_id', '=', ctx.actor.districtId).where('building_id', '=', building.id).executeTakeFirst();
    await tx
      .insertInto('building_info')
      .values({ district_id: ctx.actor.districtId, building_id: building.id, compound_id: null, address: null, lng: input.lng, lat: input.lat, crs: input.crs })
      .onConflict((oc) => oc.columns(['district_id', 'building_id']).doUpdateSet({ lng: input.lng, lat: input.lat, crs: input.crs }))
      .execute();
    await appendAudit(tx, {
      districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now,
      action: 'map.building.point', entityType: 'org_node', entityId: building.id, nodePath: building.path,
      summary: `标注楼栋「${building.name}」的位置（${input.crs} ${input.lng.toFixed(6)}, ${input.lat.toFixed(6)}）`,
      before: before && before.lng !== null ? { lng: before.lng, lat: before.lat, crs: before.crs } : null,
      after: { lng: input.lng, lat: input.lat, crs: input.crs },
    });
    const boundary = building.parent_id ? (await boundariesOn(tx, ctx.actor.districtId, [building.parent_id], ctx.today)).get(building.parent_id) : undefined;
    const insideGrid = boundary ? containsPoint(boundary.geometry, convertPoint([input.lng, input.lat], input.crs, boundary.crs)) : null;
    return { buildingId: building.id, lng: input.lng, lat: input.lat, crs: input.crs, insideGrid };
  });
}
