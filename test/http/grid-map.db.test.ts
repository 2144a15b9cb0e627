import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { auditCount, nodeByName } from '../support/lookups.ts';
import { distanceMeters, gcj02ToWgs84, wgs84ToGcj02, type Position } from '../../src/modules/grid-map/geo.ts';

type Grid = { id: string; name: string; communityName: string; boundary: { id: string; storedCrs: string; validFrom: string; validTo: string | null; geometry: { type: string; coordinates: Position[][] } } | null; figures: Record<string, { numerator: number; denominator: number }> };
type Building = { id: string; name: string; gridId: string; point: { lng: number; lat: number } | null; storedCrs: string | null };

const NOW = new Date('2026-11-03T02:00:00Z');
const square = (x: number, y: number, size: number): Position[] => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];

describeEachEngine('grid map', (engine) => {
  let t: TestApp;
  let admin: string;
  let shuji: string;
  let community: { id: string; path: string };
  let grid1: { id: string; path: string };
  const get = async (cookie: string, url: string) => {
    const res = await t.call('GET', url, { cookie });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json();
  };
  const put = (cookie: string, url: string, body: unknown) => t.app.inject({ method: 'PUT', url, headers: { cookie }, payload: body as object });
  const buildingsOf = async (cookie: string, nodeId: string, crs = 'WGS84'): Promise<Building[]> => (await get(cookie, `/api/map/buildings?nodeId=${nodeId}&crs=${crs}`)).buildings;

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.now = NOW;
    [admin, shuji] = await Promise.all([t.login('admin'), t.login('shuji')]);
    community = await nodeByName(t.database.db, '百步亭花园社区');
    grid1 = (await t.database.db.selectFrom('org_node').select(['id', 'path']).where('name', '=', '第一网格').where('path', 'like', `${community.path}%`).executeTakeFirstOrThrow());
  });
  afterAll(async () => t?.close());

  it('shows every grid with the boundary valid today, its system and its figures', async () => {
    const district = await get(admin, `/api/map/grids?nodeId=${community.path.split('/')[1]}`);
    expect(district.grids).toHaveLength(13);
    expect(district.on).toBe('2026-11-03');
    expect(district.crs).toBe('WGS84');
    for (const g of district.grids as Grid[]) expect(g.boundary).toMatchObject({ storedCrs: 'WGS84', validFrom: '2026-01-01', validTo: null, geometry: { type: 'Polygon' } });
    const [minLng, minLat, maxLng, maxLat] = district.bbox as number[];
    expect(minLng).toBeCloseTo(114.3, 6);
    expect(minLat).toBeCloseTo(30.6, 6);
    expect(maxLng).toBeCloseTo(114.35, 6);
    expect(maxLat).toBeCloseTo(30.63, 6);

    const mine = await get(shuji, `/api/map/grids?nodeId=${community.id}`);
    expect((mine.grids as Grid[]).map((g) => g.name)).toEqual(['第一网格', '第二网格', '第三网格', '第四网格', '第五网格']);
    const coverage = await get(shuji, `/api/coverage?nodeId=${community.id}`);
    (mine.grids as Grid[]).forEach((g, i) => expect(g.figures).toEqual(coverage.children[i].figures));
    expect(mine.definitions).toHaveLength(5);
  });

  it('locates the grid of every building from its point, in WGS-84 and in GCJ-02', async () => {
    const wangge = await t.login('wangge');
    const buildings = await buildingsOf(wangge, grid1.id);
    expect(buildings.map((b) => b.name)).toEqual(['1栋', '2栋', '3栋', '4栋']);
    for (const b of buildings) {
      expect(b.point).not.toBeNull();
      const { lng, lat } = b.point ?? { lng: 0, lat: 0 };
      const found = await get(wangge, `/api/map/locate?lng=${lng}&lat=${lat}`);
      expect(found).toMatchObject({ match: 'inside', grid: { id: grid1.id, name: '第一网格', communityName: '百步亭花园社区' } });
      const [gLng, gLat] = wgs84ToGcj02([lng, lat]);
      const viaGcj = await get(wangge, `/api/map/locate?lng=${gLng}&lat=${gLat}&crs=GCJ02`);
      expect(viaGcj.grid.id).toBe(grid1.id);
    }
    // The same building points asked for in GCJ-02 come back shifted by a few hundred metres.
    const [first] = await buildingsOf(wangge, grid1.id, 'GCJ02');
    const shifted = first?.point ?? { lng: 0, lat: 0 };
    expect(distanceMeters([shifted.lng, shifted.lat], [buildings[0]?.point?.lng ?? 0, buildings[0]?.point?.lat ?? 0])).toBeGreaterThan(100);
  });

  it('answers 404 with a clear message for a point in no grid, or in a grid outside the scope', async () => {
    const far = await t.call('GET', '/api/map/locate?lng=114.2&lat=30.5', { cookie: admin });
    expect(far.statusCode).toBe(404);
    expect(far.json()).toMatchObject({ code: 'MAP_POINT_NOT_IN_GRID' });
    expect(far.json().message).toContain('不在您管辖范围内任何网格的边界之内');
    const [b] = await buildingsOf(admin, grid1.id);
    const admin2 = await t.login('admin2');
    const outside = await t.call('GET', `/api/map/locate?lng=${b?.point?.lng}&lat=${b?.point?.lat}`, { cookie: admin2 });
    expect(outside.statusCode).toBe(404);
    expect(outside.body).not.toContain(grid1.id);
  });

  it('changes a boundary from a date on, keeping the old one for the past, in one audited step', async () => {
    const before = (await get(admin, `/api/map/grids?nodeId=${grid1.id}`)).grids[0] as Grid;
    const old = before.boundary?.geometry.coordinates[0] ?? [];
    const [x, y] = old[0] ?? [0, 0];
    // The grid moves to new ground (clear of every demo grid), drawn on a GCJ-02 base map.
    const moved = square(114.5, 30.8, 0.01).map((p) => wgs84ToGcj02(p));
    const audits = await auditCount(t.database.db, 'map.boundary.set');
    const res = await put(admin, `/api/map/grids/${grid1.id}/boundary`, { crs: 'GCJ02', validFrom: '2026-12-01', geometry: { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [moved] } } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ crs: 'GCJ02', validFrom: '2026-12-01', validTo: null, replaced: { id: before.boundary?.id, validFrom: '2026-01-01', validTo: '2026-12-01' } });
    expect(await auditCount(t.database.db, 'map.boundary.set')).toBe(audits + 1);

    const past = (await get(admin, `/api/map/grids?nodeId=${grid1.id}&on=2026-11-30`)).grids[0] as Grid;
    expect(past.boundary).toMatchObject({ id: before.boundary?.id, validTo: '2026-12-01' });
    const later = (await get(admin, `/api/map/grids?nodeId=${grid1.id}&on=2026-12-01`)).grids[0] as Grid;
    expect(later.boundary).toMatchObject({ id: res.json().id, storedCrs: 'GCJ02', validTo: null });
    // Returned in WGS-84, the new boundary is the square drawn, to well under a metre.
    later.boundary?.geometry.coordinates[0]?.forEach((p, i) => expect(distanceMeters(p, gcj02ToWgs84(moved[i] ?? [0, 0]))).toBeLessThan(0.01));

    // A point of the new ground is in the grid from 2026-12-01 on and in none before; the old ground the other way round.
    expect((await get(admin, '/api/map/locate?lng=114.505&lat=30.805&on=2026-12-05')).grid.id).toBe(grid1.id);
    expect((await t.call('GET', '/api/map/locate?lng=114.505&lat=30.805&on=2026-11-05', { cookie: admin })).statusCode).toBe(404);
    const oldPoint = `lng=${x + 0.005}&lat=${y + 0.005}`;
    expect((await get(admin, `/api/map/locate?${oldPoint}&on=2026-11-05`)).grid.id).toBe(grid1.id);
    expect((await t.call('GET', `/api/map/locate?${oldPoint}&on=2026-12-05`, { cookie: admin })).statusCode).toBe(404);

    const again = await put(admin, `/api/map/grids/${grid1.id}/boundary`, { crs: 'WGS84', validFrom: '2026-11-20', geometry: { type: 'Polygon', coordinates: [old] } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'MAP_BOUNDARY_NOT_AFTER', message: '「生效日期」须晚于现行边界的生效日期（2026-12-01）' });
  });

  it('refuses bad GeoJSON with the reason and the field, and bad systems and dates', async () => {
    const open = await put(admin, `/api/map/grids/${grid1.id}/boundary`, { crs: 'WGS84', validFrom: '2027-01-01', geometry: { type: 'Polygon', coordinates: [[[114.3, 30.6], [114.31, 30.6], [114.31, 30.61], [114.3, 30.61]]] } });
    expect(open.statusCode).toBe(400);
    expect(open.json()).toMatchObject({ code: 'MAP_BOUNDARY_INVALID', message: '「边界」外环未闭合：最后一个坐标须与第一个坐标相同', details: { fields: [{ field: 'geometry.coordinates[0]' }] } });
    const point = await put(admin, `/api/map/grids/${grid1.id}/boundary`, { crs: 'WGS84', validFrom: '2027-01-01', geometry: { type: 'Point', coordinates: [114.3, 30.6] } });
    expect(point.json().message).toBe('「边界」的类型须为 Polygon 或 MultiPolygon（现为 Point）');
    const two = await put(admin, `/api/map/grids/${grid1.id}/boundary`, { crs: 'WGS84', validFrom: '2027-01-01', geometry: { type: 'FeatureCollection', features: [] } });
    expect(two.json().message).toContain('须且只能包含一个要素');
    const crs = await put(admin, `/api/map/grids/${grid1.id}/boundary`, { crs: 'BD09', validFrom: '2027-01-01', geometry: { type: 'Polygon', coordinates: [square(114.3, 30.6, 0.01)] } });
    expect(crs.statusCode).toBe(400);
    expect(crs.json().message).toContain('「坐标系」');
    const noDate = await put(admin, `/api/map/grids/${grid1.id}/boundary`, { crs: 'WGS84', geometry: { type: 'Polygon', coordinates: [square(114.3, 30.6, 0.01)] } });
    expect(noDate.json().message).toBe('「生效日期」不能为空');
    const building = (await buildingsOf(admin, grid1.id))[0];
    const notGrid = await put(admin, `/api/map/grids/${building?.id}/boundary`, { crs: 'WGS84', validFrom: '2027-01-01', geometry: { type: 'Polygon', coordinates: [square(114.3, 30.6, 0.01)] } });
    expect(notGrid.json().code).toBe('MAP_NOT_A_GRID');
    expect((await t.call('GET', `/api/map/grids?nodeId=${building?.id}`, { cookie: admin })).json().code).toBe('MAP_NODE_KIND');
  });

  it('places a building, says whether it falls inside its grid, and returns it in the asked system', async () => {
    const [b] = await buildingsOf(admin, grid1.id);
    const inside = wgs84ToGcj02([(b?.point?.lng ?? 0) + 0.0001, b?.point?.lat ?? 0]);
    const res = await put(admin, `/api/map/buildings/${b?.id}/point`, { lng: inside[0], lat: inside[1], crs: 'GCJ02' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ buildingId: b?.id, crs: 'GCJ02', insideGrid: true });
    const moved = (await buildingsOf(admin, grid1.id)).find((x) => x.id === b?.id);
    expect(moved?.storedCrs).toBe('GCJ02');
    expect(distanceMeters([moved?.point?.lng ?? 0, moved?.point?.lat ?? 0], [(b?.point?.lng ?? 0) + 0.0001, b?.point?.lat ?? 0])).toBeLessThan(0.01);
    const away = await put(admin, `/api/map/buildings/${b?.id}/point`, { lng: 114.2, lat: 30.5, crs: 'WGS84' });
    expect(away.json().insideGrid).toBe(false);
    const log = await t.call('GET', '/api/audit?action=map.building.point', { cookie: admin });
    expect(log.json().items[0]).toMatchObject({ before: { crs: 'GCJ02' }, after: { lng: 114.2, lat: 30.5, crs: 'WGS84' } });
    expect((await put(admin, `/api/map/buildings/${b?.id}/point`, { lng: 200, lat: 30.5, crs: 'WGS84' })).json().message).toContain('「经度」不能大于 180');
  });

  it('keeps other communities’ grids out of reach, and writing to those with map.write', async () => {
    const admin2 = await t.login('admin2');
    const read = await t.call('GET', `/api/map/grids?nodeId=${community.id}`, { cookie: admin2 });
    expect(read.json().code).toBe('FORBIDDEN_SCOPE');
    expect((await t.call('GET', `/api/map/buildings?nodeId=${grid1.id}`, { cookie: admin2 })).statusCode).toBe(403);
    const write = await put(admin2, `/api/map/grids/${grid1.id}/boundary`, { crs: 'WGS84', validFrom: '2027-02-01', geometry: { type: 'Polygon', coordinates: [square(114.3, 30.6, 0.01)] } });
    expect(write.json().code).toBe('FORBIDDEN_SCOPE');

    const wangge = await t.login('wangge');
    expect((await get(wangge, `/api/map/grids?nodeId=${grid1.id}`)).grids).toHaveLength(1);
    expect((await t.call('GET', `/api/map/grids?nodeId=${community.id}`, { cookie: wangge })).statusCode).toBe(403);
    const [b] = await buildingsOf(wangge, grid1.id);
    const denied = await put(wangge, `/api/map/buildings/${b?.id}/point`, { lng: 114.3, lat: 30.6, crs: 'WGS84' });
    expect(denied.json().code).toBe('FORBIDDEN');
    const deniedBoundary = await put(wangge, `/api/map/grids/${grid1.id}/boundary`, { crs: 'WGS84', validFrom: '2027-02-01', geometry: { type: 'Polygon', coordinates: [square(114.3, 30.6, 0.01)] } });
    expect(deniedBoundary.statusCode).toBe(403);
  });
});
