import type { SweepCases } from './types.ts';

export const sweepCases: SweepCases = (f) => ({
  'GET /api/map/grids': { kind: 'record', query: `nodeId=${f.communityId}` },
  'GET /api/map/buildings': { kind: 'record', query: `nodeId=${f.gridId}` },
  'GET /api/map/locate': {
    kind: 'exempt',
    why: 'names no record: it searches only the grids in the caller’s scope, so a point in another community answers 404 (tested in test/http/grid-map.db.test.ts)',
  },
  'PUT /api/map/grids/:gridId/boundary': {
    kind: 'record',
    params: { gridId: f.gridId },
    body: { crs: 'WGS84', validFrom: '2026-12-01', geometry: { type: 'Polygon', coordinates: [[[114.3, 30.6], [114.31, 30.6], [114.31, 30.61], [114.3, 30.6]]] } },
  },
  'PUT /api/map/buildings/:buildingId/point': { kind: 'record', params: { buildingId: f.buildingId }, body: { lng: 114.305, lat: 30.605, crs: 'WGS84' } },
});
