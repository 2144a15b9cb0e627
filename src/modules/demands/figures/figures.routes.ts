import type { App, AppDeps } from '../../../app.ts';
import { inQuery, staffOf } from '../../../platform/http/authorize.ts';
import { demandFiguresFor } from './demand-figures.ts';
import { attachment, demandFiguresWorkbook } from './figures-export.ts';
import { figuresQuery, figuresResponse } from './figures.schema.ts';

const tags = ['民情诉求'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Demand figures per grid / community / street and period (GET /api/demand-figures and its Excel
 * export). The backlog and overdue lists are the demand list route's (status=open, overdue=1).
 */
export function registerDemandFigureRoutes(app: App, deps: AppDeps): void {
  app.get('/api/demand-figures', {
    config: { access: { kind: 'staff', permission: 'demand.read', scope: inQuery('org_node', 'nodeId') } },
    schema: { tags, summary: '诉求指标：响应率、当日处理率、按时办结率、解决率、满意率，积压与超期数（节点及其下级，按期间）', querystring: figuresQuery, response: { 200: figuresResponse } },
  }, async (req) => {
    const { nodeId, from, to } = req.query;
    return demandFiguresFor(deps.db, { actor: staffOf(req), nodeId, from, to, now: deps.clock(), lang: req.lang });
  });

  app.get('/api/demand-figures.xlsx', {
    config: { access: { kind: 'staff', permission: 'demand.read', scope: inQuery('org_node', 'nodeId') } },
    schema: { tags, summary: '导出诉求指标表（Excel，含指标说明）', querystring: figuresQuery },
  }, async (req, reply) => {
    const { nodeId, from, to } = req.query;
    const result = await demandFiguresFor(deps.db, { actor: staffOf(req), nodeId, from, to, now: deps.clock(), lang: 'zh' });
    const body = await demandFiguresWorkbook(result);
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', attachment('诉求指标.xlsx', 'demand-figures.xlsx'))
      .header('cache-control', 'no-store')
      .send(body);
  });
}
