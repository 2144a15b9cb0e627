import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { scopePaths } from '../../platform/auth/actor.ts';
import { inBody, inParams, staffOf } from '../../platform/http/authorize.ts';
import { commandContext } from '../../platform/http/request-context.ts';
import { saveCadence } from './cadence.commands.ts';
import { registerTenancy, updateHouse } from './house.commands.ts';
import { acknowledgePolicy, publishPolicyNotice } from './policy.commands.ts';

const tags = ['网格管理'];
const date = (label: string) => z.iso.date().describe(label);

const cadenceBody = z
  .object({
    scopeNodeId: z.uuid().describe('适用范围'),
    tagCode: z.string().min(1).max(40).describe('标签'),
    role: z.string().min(1).max(40).describe('走访人角色'),
    frequency: z.enum(['weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly', 'on_event']).describe('频次'),
    withinDays: z.number().int().min(0).max(365).nullish().describe('期限（天）'),
    label: z.string().trim().min(2).max(100).describe('说明'),
    active: z.boolean().optional().describe('启用'),
  })
  .strict();

/** Houses and rentals, the community's own visit cadences, and policy notices with acknowledgements. */
export function registerGridAdminRoutes(app: App, deps: AppDeps): void {
  const ctx = (req: Parameters<typeof staffOf>[0]) => commandContext(req, deps);
  const householdParams = z.object({ householdId: z.uuid().describe('户编号') });

  deps.registerScope('visit_cadence', async (db, districtId, id) => {
    const row = await db.selectFrom('visit_cadence as c').innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'c.district_id').onRef('n.id', '=', 'c.scope_node_id')).select('n.path').where('c.district_id', '=', districtId).where('c.id', '=', id).executeTakeFirst();
    return row ? [row.path] : null;
  });
  deps.registerScope('policy_notice', async (db, districtId, id) => {
    const row = await db.selectFrom('policy_notice as p').innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'p.district_id').onRef('n.id', '=', 'p.scope_node_id')).select('n.path').where('p.district_id', '=', districtId).where('p.id', '=', id).executeTakeFirst();
    // A household worker acknowledges a district-wide notice: the notice is readable wherever it applies.
    return row ? [row.path] : null;
  });

  app.patch('/api/households/:householdId', {
    config: { access: { kind: 'staff', permission: 'registry.write', scope: inParams('org_node', 'householdId') } },
    schema: { tags, summary: '修改房屋信息（面积、用途）', params: householdParams, body: z.object({ floorArea: z.number().positive().max(100000).nullish().describe('建筑面积'), use: z.enum(['owner_occupied', 'rented', 'vacant', 'commercial']).optional().describe('房屋用途') }).strict() },
  }, async (req, reply) => {
    await updateHouse(ctx(req), req.params.householdId, req.body);
    return reply.status(204).send();
  });

  app.post('/api/households/:householdId/tenancies', {
    config: { access: { kind: 'staff', permission: 'registry.write', scope: inParams('org_node', 'householdId') } },
    schema: {
      tags, summary: '登记出租（房东、租期）', params: householdParams,
      body: z.object({ landlordName: z.string().trim().min(1).max(50).describe('房东姓名'), landlordPhone: z.string().trim().max(11).nullish().describe('房东手机号'), startsOn: date('起租日期'), endsOn: date('到期日期').nullish(), note: z.string().trim().max(200).nullish().describe('备注') }).strict(),
      response: { 201: z.object({ id: z.string() }) },
    },
  }, async (req, reply) => reply.status(201).send({ id: await registerTenancy(ctx(req), req.params.householdId, req.body) }));

  app.get('/api/households/:householdId/tenancies', {
    config: { access: { kind: 'staff', permission: 'resident.read', scope: inParams('org_node', 'householdId') } },
    schema: { tags, summary: '出租记录', params: householdParams },
  }, async (req) => {
    const rows = await deps.db.selectFrom('tenancy').selectAll().where('district_id', '=', staffOf(req).districtId).where('house_id', '=', req.params.householdId).orderBy('starts_on', 'desc').execute();
    return rows.map((r) => ({ id: r.id, landlordName: r.landlord_name, startsOn: r.starts_on, endsOn: r.ends_on, note: r.note }));
  });

  app.post('/api/visit-cadences', {
    config: { access: { kind: 'staff', permission: 'registry.write', scope: inBody('org_node', 'scopeNodeId') } },
    schema: { tags, summary: '新增走访频次（社区规则优先于全区规则）', body: cadenceBody, response: { 201: z.object({ id: z.string() }) } },
  }, async (req, reply) => reply.status(201).send({ id: await saveCadence(ctx(req), req.body) }));

  app.put('/api/visit-cadences/:cadenceId', {
    config: { access: { kind: 'staff', permission: 'registry.write', scope: (req) => [...inParams('visit_cadence', 'cadenceId')(req), ...inBody('org_node', 'scopeNodeId')(req)] } },
    schema: { tags, summary: '修改走访频次', params: z.object({ cadenceId: z.uuid().describe('规则编号') }), body: cadenceBody },
  }, async (req) => ({ id: await saveCadence(ctx(req), req.body, req.params.cadenceId) }));

  app.get('/api/policy-notices', {
    config: { access: { kind: 'staff', permission: 'visit.read' } },
    schema: { tags, summary: '政策告知（管辖范围及其上级发布的）' },
  }, async (req) => {
    const actor = staffOf(req);
    const scope = scopePaths(actor, 'visit.read');
    const rows = await deps.db.selectFrom('policy_notice as p').innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'p.district_id').onRef('n.id', '=', 'p.scope_node_id')).select(['p.id', 'p.title', 'p.body', 'p.published_on', 'p.expires_on', 'n.name', 'n.path']).where('p.district_id', '=', actor.districtId).orderBy('p.published_on', 'desc').execute();
    return rows.filter((r) => scope.some((s) => s.startsWith(r.path) || r.path.startsWith(s))).map((r) => ({ id: r.id, title: r.title, body: r.body, publishedOn: r.published_on, expiresOn: r.expires_on, scopeName: r.name }));
  });

  app.post('/api/policy-notices', {
    config: { access: { kind: 'staff', permission: 'registry.write', scope: inBody('org_node', 'scopeNodeId') } },
    schema: { tags, summary: '发布政策告知', body: z.object({ scopeNodeId: z.uuid().describe('告知范围'), title: z.string().trim().min(2).max(100).describe('标题'), body: z.string().trim().min(2).max(5000).describe('内容'), publishedOn: date('发布日期'), expiresOn: date('有效期至').nullish() }).strict(), response: { 201: z.object({ id: z.string() }) } },
  }, async (req, reply) => reply.status(201).send({ id: await publishPolicyNotice(ctx(req), req.body) }));

  app.post('/api/policy-notices/:noticeId/acknowledgements', {
    config: { access: { kind: 'staff', permission: 'visit.write', scope: inBody('org_node', 'householdId') } },
    schema: { tags, summary: '登记该户已知晓政策', params: z.object({ noticeId: z.uuid().describe('政策告知编号') }), body: z.object({ householdId: z.uuid().describe('户') }).strict() },
  }, async (req, reply) => {
    await acknowledgePolicy(ctx(req), req.params.noticeId, req.body.householdId);
    return reply.status(204).send();
  });
}
