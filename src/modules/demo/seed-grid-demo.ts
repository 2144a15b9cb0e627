import crypto from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { installGridCatalogues } from '../grid/install-catalogues.ts';
import { prng } from './demo-people.ts';

/**
 * The grid module's part of the demo district: house details, tags on people (vulnerable, key persons,
 * supporting people), building points and grid boundaries on a small local map, a policy notice with
 * acknowledgements and visits over the past months — so every figure has something real to show.
 */
const ORIGIN = { lng: 114.3, lat: 30.6 }; // around 武汉 江岸; the demo map needs no tiles

type Grid = { id: string; path: string; index: number };

export async function seedGridDemo(tx: Db, input: { districtId: string; now: Date; visitorIds: { building_leader: string; grid_worker: string; committee: string; secretary: string } }): Promise<void> {
  const { districtId, now } = input;
  const rand = prng(7);
  await installGridCatalogues(tx, districtId);
  // Grids in the order people read them: street, community, grid (so the map lays them out in that order).
  const grids = (
    await tx
      .selectFrom('org_node as g')
      .innerJoin('org_node as c', (j) => j.onRef('c.district_id', '=', 'g.district_id').onRef('c.id', '=', 'g.parent_id'))
      .innerJoin('org_node as s', (j) => j.onRef('s.district_id', '=', 'c.district_id').onRef('s.id', '=', 'c.parent_id'))
      .select(['g.id', 'g.path'])
      .where('g.district_id', '=', districtId)
      .where('g.kind', '=', 'grid')
      .orderBy('s.sort_order')
      .orderBy('c.sort_order')
      .orderBy('g.sort_order')
      .execute()
  ).map((g, index): Grid => ({ ...g, index }));
  const buildings = await tx.selectFrom('org_node').select(['id', 'path', 'parent_id', 'sort_order']).where('district_id', '=', districtId).where('kind', '=', 'building').orderBy('path').execute();
  const houses = await tx.selectFrom('org_node').select(['id', 'path', 'parent_id']).where('district_id', '=', districtId).where('kind', '=', 'household').execute();
  const residents = await tx.selectFrom('resident').select(['id', 'household_id', 'node_path', 'birth_date', 'relation']).where('district_id', '=', districtId).execute();
  const occupied = new Set(residents.map((r) => r.household_id));

  // Grid boundaries: a row of squares 0.01° wide, one per grid; buildings inside their grid's square.
  const gridIndex = new Map(grids.map((g) => [g.id, g.index]));
  await tx
    .insertInto('grid_boundary')
    .values(
      grids.map((g) => {
        const x = ORIGIN.lng + (g.index % 5) * 0.01;
        const y = ORIGIN.lat + Math.floor(g.index / 5) * 0.01;
        const ring = [[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]];
        return { district_id: districtId, id: crypto.randomUUID(), grid_id: g.id, crs: 'WGS84' as const, geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }), valid_from: '2026-01-01', created_at: now };
      }),
    )
    .execute();
  await tx
    .insertInto('building_info')
    .values(
      buildings.map((b) => {
        const gi = gridIndex.get(b.parent_id ?? '') ?? 0;
        const x = ORIGIN.lng + (gi % 5) * 0.01 + 0.002 + (b.sort_order % 2) * 0.005;
        const y = ORIGIN.lat + Math.floor(gi / 5) * 0.01 + 0.002 + Math.floor(b.sort_order / 2) * 0.005;
        return { district_id: districtId, building_id: b.id, address: null, lng: Number(x.toFixed(6)), lat: Number(y.toFixed(6)), crs: 'WGS84' as const };
      }),
    )
    .execute();

  // Houses: floor area and use; 88 % of occupied ones verified.
  const houseRows = houses.map((h) => ({
    district_id: districtId,
    house_id: h.id,
    floor_area: (60 + Math.floor(rand() * 80)).toFixed(2),
    use: occupied.has(h.id) ? (rand() < 0.15 ? ('rented' as const) : ('owner_occupied' as const)) : ('vacant' as const),
    verified_at: occupied.has(h.id) && rand() < 0.88 ? now : null,
    verified_by: null,
  }));
  for (let i = 0; i < houseRows.length; i += 1000) await tx.insertInto('house').values(houseRows.slice(i, i + 1000)).execute();

  // Tags: vulnerable and key persons among the residents; a building leader in most buildings.
  const tags: { district_id: string; resident_id: string; tag_code: string; since: string; until: null; note: null; created_at: Date }[] = [];
  const tag = (residentId: string, code: string, since: string) => tags.push({ district_id: districtId, resident_id: residentId, tag_code: code, since, until: null, note: null, created_at: now });
  const leaderOf = new Set<string>();
  for (const r of residents) {
    const age = now.getUTCFullYear() - Number(r.birth_date.slice(0, 4));
    const x = rand();
    if (age >= 70 && x < 0.12) tag(r.id, 'lonely_elderly', '2024-03-01');
    else if (x < 0.04) tag(r.id, 'poor_family', '2025-06-01');
    else if (x < 0.05 && age >= 18 && age < 60) tag(r.id, 'unemployed', '2026-09-15');
    else if (x < 0.052) tag(r.id, 'disabled', '2020-01-01');
    else if (x < 0.0535 && age >= 20) tag(r.id, 'released_prisoner', '2026-05-20');
    else if (x < 0.0545 && age >= 20) tag(r.id, 'key_petitioner', '2025-11-01');
    else if (x < 0.0552) tag(r.id, 'severe_mental_disorder', '2023-04-01');
    const building = r.node_path.split('/').filter(Boolean).at(-2) ?? '';
    if (r.relation === '户主' && age >= 35 && !leaderOf.has(building) && rand() < 0.3) {
      leaderOf.add(building);
      tag(r.id, 'building_leader', '2024-01-01');
    }
  }
  for (let i = 0; i < tags.length; i += 1000) await tx.insertInto('resident_tag').values(tags.slice(i, i + 1000)).execute();

  // Visits in the first grid over the past three months: most of the cadence is kept, some is missed.
  const firstGrid = grids[0];
  if (firstGrid) {
    const tagged = tags.filter((t) => residents.find((r) => r.id === t.resident_id)?.node_path.startsWith(firstGrid.path) && t.tag_code !== 'building_leader');
    for (const t of tagged) {
      const resident = residents.find((r) => r.id === t.resident_id);
      if (!resident || rand() < 0.35) continue; // about a third never visited lately
      const visitedAt = new Date(now.getTime() - (5 + Math.floor(rand() * 40)) * 86400_000);
      const role = t.tag_code === 'lonely_elderly' || t.tag_code === 'poor_family' ? 'building_leader' : 'grid_worker';
      const visitorId = input.visitorIds[role];
      const visitId = crypto.randomUUID();
      await tx.insertInto('visit').values({ district_id: districtId, id: visitId, household_id: resident.household_id, node_path: resident.node_path, visitor_id: visitorId, visitor_role: role, visited_at: visitedAt, findings: '入户了解生活情况，身体和生活基本正常。', photos: '[]', created_at: visitedAt }).execute();
      await tx.insertInto('visit_resident').values({ district_id: districtId, visit_id: visitId, resident_id: resident.id, visited_at: visitedAt, visitor_role: role }).execute();
    }
  }

  // Worked examples the demo can always show: in the first grid, two unemployed people and, in its first
  // building, a poor family, all tagged long ago and never visited — overdue for the grid worker and the
  // building leader whatever the random draws above gave.
  if (firstGrid) {
    const tagged = new Set(tags.map((t) => t.resident_id));
    const since = new Date(now.getTime() - 100 * 86400_000).toISOString().slice(0, 10);
    const age = (r: (typeof residents)[number]) => now.getUTCFullYear() - Number(r.birth_date.slice(0, 4));
    const untagged = residents.filter((r) => r.node_path.startsWith(firstGrid.path) && !tagged.has(r.id) && age(r) >= 20 && age(r) < 55);
    const firstBuilding = buildings.find((b) => b.parent_id === firstGrid.id && b.sort_order === 0);
    const examples = [
      ...untagged.filter((r) => !firstBuilding || !r.node_path.startsWith(firstBuilding.path)).slice(0, 2).map((r) => ({ r, code: 'unemployed' })),
      ...untagged.filter((r) => firstBuilding && r.node_path.startsWith(firstBuilding.path)).slice(0, 1).map((r) => ({ r, code: 'poor_family' })),
    ];
    for (const { r, code } of examples) {
      await tx.insertInto('resident_tag').values({ district_id: districtId, resident_id: r.id, tag_code: code, since, until: null, note: '演示：长期未走访', created_at: now }).execute();
    }
  }

  // A current policy notice, acknowledged by about 60 % of occupied households.
  const noticeId = crypto.randomUUID();
  await tx.insertInto('policy_notice').values({ district_id: districtId, id: noticeId, scope_node_id: districtId, title: '2026 年城乡居民医保缴费政策', body: '2027 年度城乡居民基本医疗保险集中缴费期为 2026 年 9 月 1 日至 12 月 31 日，个人缴费标准 400 元 / 人。', published_on: '2026-09-01', expires_on: '2026-12-31' }).execute();
  const acks = houses.filter((h) => occupied.has(h.id) && rand() < 0.6).map((h) => ({ district_id: districtId, notice_id: noticeId, household_id: h.id, acknowledged_at: now, recorded_by: null }));
  for (let i = 0; i < acks.length; i += 1000) await tx.insertInto('policy_acknowledgement').values(acks.slice(i, i + 1000)).execute();
}
