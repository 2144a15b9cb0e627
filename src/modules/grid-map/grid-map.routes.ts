import type { App, AppDeps } from '../../app.ts';
import { inParams, inQuery, staffOf } from '../../platform/http/authorize.ts';
import { commandContext } from '../../platform/http/request-context.ts';
import { localDate } from '../coverage/index.ts';
import { setBuildingPoint, setGridBoundary } from './grid-map.commands.ts';
import {
  boundaryBody, buildingIdParams, buildingsQuery, gridIdParams, gridsQuery, locateQuery, locateResponse, mapBuildingsResponse, mapGridsResponse,
  pointBody, setBoundaryResponse, setPointResponse,
} from './grid-map.schema.ts';
import { locatePoint, mapBuildings, mapGrids } from './map-queries.ts';

const tags = ['网格地图'];

export function registerGridMapRoutes(app: App, deps: AppDeps): void {
  const ctx = (req: Parameters<typeof staffOf>[0]) => commandContext(req, deps);

  app.get('/api/map/grids', {
    config: { access: { kind: 'staff', permission: 'coverage.read', scope: inQuery('org_node', 'nodeId') } },
    schema: { tags, summary: '节点下各网格在某日的边界（换算到请求的坐标系）和覆盖率', querystring: gridsQuery, response: { 200: mapGridsResponse } },
  }, async (req) => mapGrids(deps.db, { actor: staffOf(req), nodeId: req.query.nodeId, on: req.query.on, crs: req.query.crs, now: deps.clock(), lang: req.lang }));

  app.get('/api/map/buildings', {
    config: { access: { kind: 'staff', permission: 'coverage.read', scope: inQuery('org_node', 'nodeId') } },
    schema: { tags, summary: '节点下各楼栋的位置', querystring: buildingsQuery, response: { 200: mapBuildingsResponse } },
  }, async (req) => mapBuildings(deps.db, { actor: staffOf(req), nodeId: req.query.nodeId, crs: req.query.crs }));

  app.get('/api/map/locate', {
    config: { access: { kind: 'staff', permission: 'coverage.read' } },
    schema: { tags, summary: '某点在某日所属的网格（仅在管辖范围内查找）', querystring: locateQuery, response: { 200: locateResponse } },
  }, async (req) => locatePoint(deps.db, { actor: staffOf(req), ...req.query, now: deps.clock() }));

  app.put('/api/map/grids/:gridId/boundary', {
    config: { access: { kind: 'staff', permission: 'map.write', scope: inParams('org_node', 'gridId') } },
    schema: { tags, summary: '设置网格边界（自生效日期起；原边界保留至该日）', params: gridIdParams, body: boundaryBody, response: { 200: setBoundaryResponse } },
  }, async (req) => setGridBoundary(ctx(req), { gridId: req.params.gridId, crs: req.body.crs, geometry: req.body.geometry, validFrom: req.body.validFrom }));

  app.put('/api/map/buildings/:buildingId/point', {
    config: { access: { kind: 'staff', permission: 'map.write', scope: inParams('org_node', 'buildingId') } },
    schema: { tags, summary: '标注楼栋位置', params: buildingIdParams, body: pointBody, response: { 200: setPointResponse } },
  }, async (req) => {
    const c = ctx(req);
    return setBuildingPoint({ ...c, today: localDate(c.now) }, { buildingId: req.params.buildingId, ...req.body });
  });
}
