import { sql } from 'kysely';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { scopePaths } from '../../platform/auth/actor.ts';
import { inBody, inParams, inQuery, staffOf } from '../../platform/http/authorize.ts';
import { commandContext, pageWindow } from '../../platform/http/request-context.ts';
import { maskIdNumber, maskPhone } from '../../platform/security/masking.ts';
import { findNode } from '../org/org.repository.ts';
import { addressesOf } from '../residents/residents.repository.ts';
import { listDueVisits } from './due-visits.service.ts';
import { endResidence, findHousehold, moveResident, registerResident, updateResident } from './registry.commands.ts';
import { addTag, endTag, tagsOfResident } from './tag.commands.ts';
import { logVisit, raiseRequiredVisit, recordAbsence } from './visit.commands.ts';
import { responsibleChain, setResponsible } from './responsibility.ts';
import { registerGridAdminRoutes } from './grid-admin.routes.ts';
import * as s from './grid.schema.ts';
import { residentIdParams } from '../residents/residents.schema.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { chinaDate } from '../../platform/china-time.ts';

const tags = ['网格管理'];
const CATEGORY_LABELS = { vulnerable: '困难群体', key_person: '重点人员', supporting: '骨干力量', other: '其他' } as const;

export function registerGridRoutes(app: App, deps: AppDeps): void {
  registerGridAdminRoutes(app, deps);
  const ctx = (req: Parameters<typeof staffOf>[0]) => commandContext(req, deps);
  const householdParams = z.object({ householdId: z.uuid().describe('户编号') });

  app.get('/api/grid/tags', {
    config: { access: { kind: 'staff', permission: 'resident.read' } },
    schema: { tags, summary: '标签目录', response: { 200: z.array(z.object({ code: z.string(), name: z.string(), category: z.string(), categoryLabel: z.string(), sensitivity: z.string() })) } },
  }, async (req) => {
    const rows = await deps.db.selectFrom('tag_definition').selectAll().where('district_id', '=', staffOf(req).districtId).orderBy('sort_order').execute();
    return rows.map((r) => ({ code: r.code, name: r.name, category: r.category, categoryLabel: CATEGORY_LABELS[r.category], sensitivity: r.sensitivity }));
  });

  app.get('/api/residents/:residentId/tags', {
    config: { access: { kind: 'staff', permission: 'resident.read', scope: inParams('resident', 'residentId') } },
    schema: { tags, summary: '居民的标签（重点人员标签仅对有权角色显示，查看留痕）', params: residentIdParams },
  }, async (req) => tagsOfResident(deps.db, ctx(req), req.params.residentId));

  app.post('/api/residents/:residentId/tags', {
    config: { access: { kind: 'staff', permission: 'registry.write', scope: inParams('resident', 'residentId') } },
    schema: { tags, summary: '添加标签', params: residentIdParams, body: s.addTagBody },
  }, async (req, reply) => {
    await addTag(ctx(req), req.params.residentId, req.body);
    return reply.status(201).send(await tagsOfResident(deps.db, ctx(req), req.params.residentId));
  });

  app.post('/api/residents/:residentId/tags/:tagCode/end', {
    config: { access: { kind: 'staff', permission: 'registry.write', scope: inParams('resident', 'residentId') } },
    schema: { tags, summary: '结束标签', params: s.tagParams, body: s.endTagBody },
  }, async (req) => {
    await endTag(ctx(req), req.params.residentId, req.params.tagCode, req.body);
    return tagsOfResident(deps.db, ctx(req), req.params.residentId);
  });

  app.post('/api/residents', {
    config: { access: { kind: 'staff', permission: 'registry.write', scope: inBody('org_node', 'householdId') } },
    schema: { tags, summary: '登记居民（身份证号校验，重复登记拒绝）', body: s.registerResidentBody, response: { 201: z.object({ id: z.string() }) } },
  }, async (req, reply) => reply.status(201).send({ id: await registerResident(ctx(req), req.body) }));

  app.patch('/api/residents/:residentId', {
    config: { access: { kind: 'staff', permission: 'registry.write', scope: inParams('resident', 'residentId') } },
    schema: { tags, summary: '修改居民信息', params: residentIdParams, body: s.updateResidentBody },
  }, async (req, reply) => {
    await updateResident(ctx(req), req.params.residentId, req.body);
    return reply.status(204).send();
  });

  app.post('/api/residents/:residentId/move', {
    config: { access: { kind: 'staff', permission: 'registry.write', scope: (req) => [...inParams('resident', 'residentId')(req), ...inBody('org_node', 'householdId')(req)] } },
    schema: { tags, summary: '在本区内迁移到另一户', params: residentIdParams, body: s.moveBody },
  }, async (req, reply) => {
    await moveResident(ctx(req), req.params.residentId, req.body);
    return reply.status(204).send();
  });

  app.post('/api/residents/:residentId/move-out', {
    config: { access: { kind: 'staff', permission: 'registry.write', scope: inParams('resident', 'residentId') } },
    schema: { tags, summary: '迁出本区（记录保留）', params: residentIdParams, body: s.endResidenceBody },
  }, async (req, reply) => {
    await endResidence(ctx(req), req.params.residentId, { kind: 'moved_out', ...req.body });
    return reply.status(204).send();
  });

  app.post('/api/residents/:residentId/deceased', {
    config: { access: { kind: 'staff', permission: 'registry.write', scope: inParams('resident', 'residentId') } },
    schema: { tags, summary: '登记亡故（记录保留）', params: residentIdParams, body: s.endResidenceBody },
  }, async (req, reply) => {
    await endResidence(ctx(req), req.params.residentId, { kind: 'deceased', ...req.body });
    return reply.status(204).send();
  });

  app.get('/api/residents/:residentId/history', {
    config: { access: { kind: 'staff', permission: 'resident.read', scope: inParams('resident', 'residentId') } },
    schema: { tags, summary: '居民变动历史（只增不改）', params: residentIdParams },
  }, async (req) => {
    const rows = await deps.db.selectFrom('resident_event').selectAll().where('district_id', '=', staffOf(req).districtId).where('resident_id', '=', req.params.residentId).orderBy('at').execute();
    return rows.map((r) => ({ id: r.id, kind: r.kind, occurredOn: r.occurred_on, at: new Date(r.at).toISOString(), actorName: r.actor_name, details: r.details }));
  });

  app.get('/api/households/:householdId', {
    config: { access: { kind: 'staff', permission: 'resident.read', scope: inParams('org_node', 'householdId') } },
    schema: { tags, summary: '户（房屋）详情与家庭成员', params: householdParams },
  }, async (req) => {
    const actor = staffOf(req);
    const node = await findHousehold(deps.db, actor.districtId, req.params.householdId);
    const house = await deps.db.selectFrom('house').selectAll().where('district_id', '=', actor.districtId).where('house_id', '=', node.id).executeTakeFirst();
    const members = await deps.db.selectFrom('resident').select(['id', 'name', 'gender', 'birth_date', 'relation', 'id_number', 'phone', 'status']).where('district_id', '=', actor.districtId).where('household_id', '=', node.id).orderBy('birth_date').execute();
    const address = (await addressesOf(deps.db, actor.districtId, [node.path])).get(node.path) ?? node.name;
    return {
      id: node.id, address, floorArea: house?.floor_area ? Number(house.floor_area) : null, use: house?.use ?? null, verifiedAt: house?.verified_at ? new Date(house.verified_at).toISOString() : null,
      members: members.map((m) => ({ id: m.id, name: m.name, gender: m.gender, birthDate: m.birth_date, relation: m.relation, idNumber: maskIdNumber(m.id_number), phone: maskPhone(m.phone), status: m.status })),
    };
  });

  app.post('/api/households/:householdId/verify', {
    config: { access: { kind: 'staff', permission: 'registry.write', scope: inParams('org_node', 'householdId') } },
    schema: { tags, summary: '核实该户基础信息', params: householdParams },
  }, async (req, reply) => {
    const c = ctx(req);
    await deps.db.transaction().execute(async (tx) => {
      const node = await findHousehold(tx, c.actor.districtId, req.params.householdId);
      await tx.insertInto('house').values({ district_id: c.actor.districtId, house_id: node.id, verified_at: c.now, verified_by: c.actor.id }).onConflict((oc) => oc.columns(['district_id', 'house_id']).doUpdateSet({ verified_at: c.now, verified_by: c.actor.id })).execute();
      await appendAudit(tx, { districtId: c.actor.districtId, actor: c.actor, ip: c.ip, at: c.now, action: 'house.verify', entityType: 'org_node', entityId: node.id, nodePath: node.path, summary: `核实「${node.name}」的基础信息` });
    });
    return reply.status(204).send();
  });

  app.get('/api/visits/due', {
    config: { access: { kind: 'staff', permission: 'visit.read', scope: inQuery('org_node', 'nodeId') } },
    schema: { tags, summary: '应访清单（逾期在前）', querystring: s.dueQuery, response: { 200: z.object({ items: z.array(s.dueItemSchema), overdue: z.number(), total: z.number() }) } },
  }, async (req) => {
    const actor = staffOf(req);
    const under = req.query.nodeId ? await findNode(deps.db, actor.districtId, req.query.nodeId) : null;
    const items = await listDueVisits(deps.db, { actor, underPath: under?.path ?? null, mineOnly: req.query.mine === '1', now: deps.clock() });
    return { items, overdue: items.filter((i) => i.overdue).length, total: items.length };
  });

  app.post('/api/visits', {
    bodyLimit: 5 * 1024 * 1024,
    config: { access: { kind: 'staff', permission: 'visit.write', scope: inBody('org_node', 'householdId') } },
    schema: { tags, summary: '走访登记（民情日记）', body: s.visitBody, response: { 201: z.object({ id: z.string() }) } },
  }, async (req, reply) => reply.status(201).send({ id: await logVisit(ctx(req), req.body) }));

  app.get('/api/visits', {
    config: { access: { kind: 'staff', permission: 'visit.read', scope: inQuery('org_node', 'nodeId') } },
    schema: { tags, summary: '民情日记（走访记录）', querystring: s.visitsQuery },
  }, async (req) => {
    const actor = staffOf(req);
    const under = req.query.nodeId ? await findNode(deps.db, actor.districtId, req.query.nodeId) : null;
    const scope = under ? [under.path] : scopePaths(actor, 'visit.read');
    const { limit, offset } = pageWindow(req.query.page, req.query.pageSize);
    const base = deps.db.selectFrom('visit as v').where('v.district_id', '=', actor.districtId).where((eb) => eb.or(scope.map((p) => eb('v.node_path', 'like', `${p}%`))));
    const [rows, count] = await Promise.all([
      base.innerJoin('account as a', 'a.id', 'v.visitor_id').select(['v.id', 'v.household_id', 'v.node_path', 'v.visited_at', 'v.visitor_role', 'v.findings', 'a.display_name']).orderBy('v.visited_at', 'desc').limit(limit).offset(offset).execute(),
      base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    const ids = rows.map((r) => r.id);
    const met = ids.length ? await deps.db.selectFrom('visit_resident as vr').innerJoin('resident as r', (j) => j.onRef('r.district_id', '=', 'vr.district_id').onRef('r.id', '=', 'vr.resident_id')).select(['vr.visit_id', 'r.name']).where('vr.district_id', '=', actor.districtId).where('vr.visit_id', 'in', ids).execute() : [];
    const followUps = ids.length ? await deps.db.selectFrom('follow_up').select(['visit_id', 'kind', 'summary', 'status']).where('district_id', '=', actor.districtId).where('visit_id', 'in', ids).execute() : [];
    const addresses = await addressesOf(deps.db, actor.districtId, rows.map((r) => r.node_path));
    return {
      items: rows.map((r) => ({
        id: r.id, householdId: r.household_id, address: addresses.get(r.node_path) ?? '', visitedAt: new Date(r.visited_at).toISOString(), visitorName: r.display_name, visitorRole: r.visitor_role, findings: r.findings,
        peopleMet: met.filter((m) => m.visit_id === r.id).map((m) => m.name), followUps: followUps.filter((f) => f.visit_id === r.id).map((f) => ({ kind: f.kind, summary: f.summary, status: f.status })),
      })),
      total: count.n, page: req.query.page, pageSize: req.query.pageSize,
    };
  });

  app.post('/api/required-visits', {
    config: { access: { kind: 'staff', permission: 'visit.write', scope: inBody('org_node', 'householdId') } },
    schema: { tags, summary: '三必到：登记须走访的事由', body: s.requiredVisitBody, response: { 201: z.object({ id: z.string(), dueAt: z.string() }) } },
  }, async (req, reply) => {
    const r = await raiseRequiredVisit(ctx(req), req.body);
    return reply.status(201).send({ id: r.id, dueAt: r.dueAt.toISOString() });
  });

  app.post('/api/absences', {
    config: { access: { kind: 'staff', permission: 'visit.write', scope: inBody('account', 'accountId') } },
    schema: { tags, summary: '登记请假 / 病休（工作由责任链上一级顶岗）', body: s.absenceBody, response: { 201: z.object({ id: z.string() }) } },
  }, async (req, reply) => reply.status(201).send({ id: await recordAbsence(ctx(req), req.body) }));

  app.get('/api/absences', {
    config: { access: { kind: 'staff', permission: 'visit.read' } },
    schema: { tags, summary: '当前和今后的请假（管辖范围内的人员）' },
  }, async (req) => {
    const actor = staffOf(req);
    const scope = scopePaths(actor, 'visit.read');
    if (scope.length === 0) return [];
    const today = chinaDate(deps.clock());
    const rows = await deps.db
      .selectFrom('absence as ab')
      .innerJoin('account as a', 'a.id', 'ab.account_id')
      .select(['ab.id', 'ab.account_id', 'a.display_name', 'ab.starts_on', 'ab.ends_on', 'ab.reason'])
      .where('ab.district_id', '=', actor.districtId)
      .where('ab.ends_on', '>=', today)
      .where(sql<boolean>`exists (select 1 from role_binding b join org_node n on n.district_id = b.district_id and n.id = b.node_id where b.account_id = ab.account_id and b.district_id = ab.district_id and (${sql.join(scope.map((p) => sql`n.path like ${p + '%'}`), sql` or `)}))`)
      .orderBy('ab.starts_on')
      .execute();
    return rows.map((r) => ({ id: r.id, accountId: r.account_id, name: r.display_name, startsOn: r.starts_on, endsOn: r.ends_on, reason: r.reason }));
  });

  app.get('/api/absences/colleagues', {
    config: { access: { kind: 'staff', permission: 'visit.write' } },
    schema: { tags, summary: '可为其登记请假的同事（所有岗位都在本人管辖范围内的人员）', response: { 200: z.array(z.object({ id: z.string(), name: z.string() })) } },
  }, async (req) => {
    const actor = staffOf(req);
    const scope = scopePaths(actor, 'visit.write');
    if (scope.length === 0) return [];
    const inScope = (column: string) => sql.join(scope.map((p) => sql`${sql.ref(column)} like ${p + '%'}`), sql` or `);
    const rows = await deps.db
      .selectFrom('account as a')
      .select(['a.id', 'a.display_name'])
      .where('a.district_id', '=', actor.districtId)
      .where(sql<boolean>`exists (select 1 from role_binding b where b.district_id = a.district_id and b.account_id = a.id)`)
      .where(sql<boolean>`not exists (select 1 from role_binding b join org_node n on n.district_id = b.district_id and n.id = b.node_id
        where b.district_id = a.district_id and b.account_id = a.id and not (${inScope('n.path')}))`)
      .orderBy('a.display_name')
      .limit(500)
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.display_name }));
  });

  app.get('/api/org/nodes/:nodeId/responsible', {
    config: { access: { kind: 'staff', permission: 'visit.read', scope: inParams('org_node', 'nodeId') } },
    schema: { tags, summary: '五级负责：该节点的责任人（由近及远）', params: z.object({ nodeId: z.uuid().describe('组织节点编号') }) },
  }, async (req) => responsibleChain(deps.db, staffOf(req).districtId, req.params.nodeId, req.lang));

  app.put('/api/org/nodes/:nodeId/responsible', {
    config: {
      access: {
        kind: 'staff',
        permission: 'registry.write',
        scope: (req) => [...inParams('org_node', 'nodeId')(req), ...((req.body as { accountIds?: string[] }).accountIds ?? []).map((id) => ({ entity: 'account', id }))],
      },
    },
    schema: { tags, summary: '指定该节点的第一责任人及其后备（按顺序）', params: z.object({ nodeId: z.uuid().describe('组织节点编号') }), body: s.responsibleBody },
  }, async (req) => {
    await setResponsible(ctx(req), req.params.nodeId, req.body.accountIds);
    return responsibleChain(deps.db, staffOf(req).districtId, req.params.nodeId, req.lang);
  });

  app.get('/api/visit-cadences', {
    config: { access: { kind: 'staff', permission: 'visit.read' } },
    schema: { tags, summary: '走访频次规则（五必访等）' },
  }, async (req) => {
    const actor = staffOf(req);
    const rows = await deps.db.selectFrom('visit_cadence as c').innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'c.district_id').onRef('n.id', '=', 'c.scope_node_id')).innerJoin('tag_definition as t', (j) => j.onRef('t.district_id', '=', 'c.district_id').onRef('t.code', '=', 'c.tag_code')).select(['c.id', 'c.tag_code', 't.name as tag_name', 'c.role', 'c.frequency', 'c.event', 'c.within_days', 'c.label', 'c.active', 'n.name as scope_name']).where('c.district_id', '=', actor.districtId).orderBy('t.sort_order').execute();
    return rows.map((r) => ({ id: r.id, tagCode: r.tag_code, tagName: r.tag_name, role: r.role, frequency: r.frequency, event: r.event, withinDays: r.within_days, label: r.label, active: r.active, scopeName: r.scope_name }));
  });
}
