import type { App, AppDeps } from '../../app.ts';
import { inQuery, staffOf } from '../../platform/http/authorize.ts';
import { commandContext } from '../../platform/http/request-context.ts';
import { FIGURE_DEFINITIONS } from './coverage.definitions.ts';
import { attachment, coverageWorkbook } from './coverage-export.ts';
import { coverageQuery, coverageResponse, missingQuery, missingResponse } from './coverage.schema.ts';
import { nodeCoverage } from './compute-coverage.ts';
import { listMissing } from './list-missing.ts';

const tags = ['五个百分百'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerCoverageRoutes(app: App, deps: AppDeps): void {
  app.get('/api/coverage', {
    config: { access: { kind: 'staff', permission: 'coverage.read', scope: inQuery('org_node', 'nodeId') } },
    schema: { tags, summary: '节点及其下级的五个百分百覆盖率（网格的下级为楼栋）', querystring: coverageQuery, response: { 200: coverageResponse } },
  }, async (req) => {
    const actor = staffOf(req);
    const coverage = await nodeCoverage(deps.db, { districtId: actor.districtId, nodeId: req.query.nodeId, now: deps.clock(), lang: req.lang });
    return { ...coverage, definitions: [...FIGURE_DEFINITIONS] };
  });

  app.get('/api/coverage/missing', {
    config: { access: { kind: 'staff', permission: 'coverage.read', scope: inQuery('org_node', 'nodeId') } },
    schema: { tags, summary: '未覆盖的房屋、楼栋或人员（分页；人员脱敏；重点人员仅对有权角色列出并留痕）', querystring: missingQuery, response: { 200: missingResponse } },
  }, async (req) => {
    const { nodeId, figure, page, pageSize } = req.query;
    return listMissing({ ...commandContext(req, deps), nodeId, figure, page, pageSize });
  });

  app.get('/api/coverage/export.xlsx', {
    config: { access: { kind: 'staff', permission: 'coverage.read', scope: inQuery('org_node', 'nodeId') } },
    schema: { tags, summary: '导出覆盖率表（Excel，含指标说明）', querystring: coverageQuery },
  }, async (req, reply) => {
    const actor = staffOf(req);
    const coverage = await nodeCoverage(deps.db, { districtId: actor.districtId, nodeId: req.query.nodeId, now: deps.clock(), lang: 'zh' });
    const body = await coverageWorkbook(coverage);
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', attachment(`五个百分百_${coverage.node.name}_${coverage.asOf}.xlsx`, `coverage-${coverage.asOf}.xlsx`))
      .header('cache-control', 'no-store')
      .send(body);
  });
}
