import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { scopePaths } from '../../platform/auth/actor.ts';
import { AUDIT_ACTIONS } from '../../platform/audit/audit.ts';
import { staffOf } from '../../platform/http/authorize.ts';
import { pageWindow } from '../../platform/http/request-context.ts';
import { searchAudit } from './audit.repository.ts';

const tags = ['审计日志'];

const auditQuery = z.object({
  q: z.string().trim().max(50).optional().describe('关键词'),
  action: z.string().trim().max(60).optional().describe('操作类型'),
  entityType: z.string().trim().max(60).optional().describe('对象类型'),
  from: z.iso.datetime({ offset: true }).optional().describe('开始时间'),
  to: z.iso.datetime({ offset: true }).optional().describe('结束时间'),
  page: z.coerce.number().int().min(1).max(100000).default(1).describe('页码'),
  pageSize: z.coerce.number().int().min(1).max(200).default(50).describe('每页条数'),
});

const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  summary: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});

/** Audit search: entries filed under a node in the caller's scope, newest first. */
export function registerAuditRoutes(app: App, deps: AppDeps): void {
  app.get('/api/audit', {
    config: { access: { kind: 'staff', permission: 'audit.read' } },
    schema: { tags, summary: '查询审计日志（管辖范围内）', querystring: auditQuery, response: { 200: z.object({ items: z.array(auditEntrySchema), total: z.number(), page: z.number(), pageSize: z.number() }) } },
  }, async (req) => {
    const actor = staffOf(req);
    const { page, pageSize, ...filters } = req.query;
    const { rows, total } = await searchAudit(deps.db, { districtId: actor.districtId, scope: scopePaths(actor, 'audit.read'), ...filters, ...pageWindow(page, pageSize) });
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        actionLabel: AUDIT_ACTIONS[r.action]?.[req.lang] ?? r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        summary: r.summary,
        before: r.before,
        after: r.after,
        ip: r.ip,
      })),
      total,
      page,
      pageSize,
    };
  });
}
