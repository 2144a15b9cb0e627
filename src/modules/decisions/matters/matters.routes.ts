import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { pathInScope, scopePaths } from '../../../platform/auth/actor.ts';
import { fail } from '../../../platform/errors.ts';
import { fileScope } from '../../../platform/files/files.ts';
import { inBody, inParams, inQuery, residentOf, staffOf } from '../../../platform/http/authorize.ts';
import { clientIp, commandContext } from '../../../platform/http/request-context.ts';
import { createTask, updateTask } from './implementation.commands.ts';
import { acceptMatter, declineMatter, raiseMatter } from './matter.commands.ts';
import { listMatters, matterPage, matterScope, residentSolicitations, residentTopics, solicitationScope, solicitationSummary, stageScope } from './matters.repository.ts';
import * as s from './matters.schema.ts';
import { addComment, addRecord, addSupervisionNote, answerComment, answerSolicitation, answerSupervisionNote, createSolicitation } from './participation.commands.ts';
import { copyTemplate, findTemplate, installProcedureTemplates, listTemplates, templateScope, updateTemplate } from './procedure-templates.ts';
import { publishStage } from './publication.commands.ts';
import { closeStage, signOffStage, skipStage } from './stage.commands.ts';
import { registerFileRoutes } from './files.routes.ts';

const tags = ['议事决策'];
const created = z.object({ id: z.string() });

/** 议题（提出、受理、征询、阶段、公开、实施、监督）and 议事程序模板. */
export function registerMatterRoutes(app: App, deps: AppDeps): void {
  deps.registerScope('matter', matterScope);
  deps.registerScope('matter_stage', stageScope);
  deps.registerScope('solicitation', solicitationScope);
  deps.registerScope('procedure_template', templateScope);
  deps.registerScope('stored_file', fileScope);
  const ctx = (req: FastifyRequest) => commandContext(req, deps);
  const residentCtx = (req: FastifyRequest) => ({ db: deps.db, actor: residentOf(req), ip: clientIp(req), now: deps.clock() });
  const matterAccess = (permission: 'matter.read' | 'matter.write' | 'supervision.write') => ({ kind: 'staff' as const, permission, scope: inParams('matter', 'matterId') });
  const page = async (req: FastifyRequest, matterId: string) => matterPage(deps.db, staffOf(req).districtId, matterId, req.lang);

  // ---- procedure templates ----
  app.get('/api/procedure-templates', {
    config: { access: { kind: 'staff', permission: 'matter.read', scope: inQuery('org_node', 'communityId') } },
    schema: { tags, summary: '议事程序模板（区级内置 + 本社区调整的副本，标明是否在用）', querystring: s.templateListQuery },
  }, async (req) => {
    const actor = staffOf(req);
    const existing = await deps.db.selectFrom('procedure_template').select('id').where('district_id', '=', actor.districtId).limit(1).executeTakeFirst();
    if (!existing) await deps.db.transaction().execute((tx) => installProcedureTemplates(tx, actor.districtId, deps.clock()));
    return { items: await listTemplates(deps.db, actor.districtId, scopePaths(actor, 'matter.read'), req.query.communityId) };
  });

  app.get('/api/procedure-templates/:templateId', {
    config: { access: { kind: 'staff', permission: 'matter.read' } },
    schema: { tags, summary: '一个议事程序模板（区级内置的对所有人可见；社区副本只在本社区可见）', params: s.templateIdParams },
  }, async (req) => {
    const actor = staffOf(req);
    const row = await findTemplate(deps.db, actor.districtId, req.params.templateId);
    if (!row) return fail('NOT_FOUND', { field: 'templateId' });
    if (row.community_id) {
      const paths = await templateScope(deps.db, actor.districtId, row.id);
      if (!paths || !paths.every((p) => pathInScope(scopePaths(actor, 'matter.read'), p))) return fail('NOT_FOUND', { field: 'templateId' });
    }
    const views = await listTemplates(deps.db, actor.districtId, scopePaths(actor, 'matter.read'));
    const view = views.find((v) => v.id === row.id);
    return view ?? { id: row.id, communityId: row.community_id, communityName: null, code: row.code, version: row.version, name: row.name, shipped: row.community_id === null, basedOnId: row.based_on_id, inUse: 0, createdAt: new Date(row.created_at).toISOString(), body: row.body, supersededAt: row.superseded_at };
  });

  app.post('/api/procedure-templates/:templateId/copy', {
    config: { access: { kind: 'staff', permission: 'procedure.manage', scope: inBody('org_node', 'communityId') } },
    schema: { tags, summary: '复制议事程序模板到本社区（可同时调整，按规则校验）', params: s.templateIdParams, body: s.copyTemplateBody, response: { 201: created } },
  }, async (req, reply) => {
    const actor = staffOf(req);
    const source = await findTemplate(deps.db, actor.districtId, req.params.templateId);
    if (source?.community_id) {
      const paths = await templateScope(deps.db, actor.districtId, source.id);
      if (!paths || !paths.every((p) => pathInScope(scopePaths(actor, 'procedure.manage'), p))) return fail('NOT_FOUND', { field: 'templateId' });
    }
    return reply.status(201).send({ id: await copyTemplate(ctx(req), req.params.templateId, req.body) });
  });

  app.put('/api/procedure-templates/:templateId', {
    config: { access: { kind: 'staff', permission: 'procedure.manage', scope: inParams('procedure_template', 'templateId') } },
    schema: { tags, summary: '调整本社区的议事程序（生成新版本；被进行中的议题使用时拒绝）', params: s.templateIdParams, body: s.updateTemplateBody, response: { 200: created } },
  }, async (req) => ({ id: await updateTemplate(ctx(req), req.params.templateId, req.body) }));

  // ---- matters ----
  app.get('/api/matters', {
    config: { access: { kind: 'staff', permission: 'matter.read', scope: inQuery('org_node', 'communityId') } },
    schema: { tags, summary: '议题列表（当前环节和期限；按状态、社区筛选，分页）', querystring: s.listQuery },
  }, async (req) => {
    const actor = staffOf(req);
    return listMatters(deps.db, { districtId: actor.districtId, scope: scopePaths(actor, 'matter.read'), ...req.query, now: deps.clock(), lang: req.lang });
  });

  app.post('/api/matters', {
    config: { access: { kind: 'staff', permission: 'matter.write', scope: inBody('org_node', 'communityId') } },
    schema: { tags, summary: '提出议题（工作人员）', body: s.raiseBody, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await raiseMatter(ctx(req), req.body) }));

  app.get('/api/matters/:matterId', {
    config: { access: matterAccess('matter.read') },
    schema: { tags, summary: '议题详情：事项、环节（规则、附件、记录、意见、监督、公开）、实施进度和时间线', params: s.matterIdParams },
  }, async (req) => page(req, req.params.matterId));

  app.post('/api/matters/:matterId/accept', {
    config: { access: { kind: 'staff', permission: 'matter.write', scope: (req) => [...inParams('matter', 'matterId')(req), ...inBody('org_node', 'affectedNodeId')(req)] } },
    schema: { tags, summary: '两委受理议题：选择程序、类别、预算、涉及户、事项（多项即简易程序）、附件', params: s.matterIdParams, body: s.acceptBody },
  }, async (req) => {
    await acceptMatter(ctx(req), req.params.matterId, req.body);
    return page(req, req.params.matterId);
  });

  app.post('/api/matters/:matterId/decline', {
    config: { access: matterAccess('matter.write') },
    schema: { tags, summary: '不予受理（说明理由）', params: s.matterIdParams, body: s.declineBody },
  }, async (req) => {
    await declineMatter(ctx(req), req.params.matterId, req.body);
    return page(req, req.params.matterId);
  });

  app.post('/api/matters/:matterId/stages/:stageId/close', {
    config: { access: matterAccess('matter.write') },
    schema: { tags, summary: '结束环节（检查附件、监督问题、异议、公示期、会议表决结果），进入下一环节、退回或终止', params: s.stageParams, body: s.closeBody },
  }, async (req) => {
    const result = await closeStage(ctx(req), req.params.matterId, req.params.stageId, req.body);
    return { result, matter: await page(req, req.params.matterId) };
  });

  app.post('/api/matters/:matterId/stages/:stageId/skip', {
    config: { access: matterAccess('matter.write') },
    schema: { tags, summary: '跳过可选环节（如无需听证）', params: s.stageParams, body: s.skipBody },
  }, async (req) => {
    await skipStage(ctx(req), req.params.matterId, req.params.stageId, req.body);
    return page(req, req.params.matterId);
  });

  app.post('/api/matters/:matterId/stages/:stageId/sign-off', {
    config: { access: matterAccess('supervision.write') },
    schema: { tags, summary: '监督委员会签字（每次公开前必须）', params: s.stageParams, body: s.signOffBody },
  }, async (req) => {
    await signOffStage(ctx(req), req.params.matterId, req.params.stageId, req.body);
    return page(req, req.params.matterId);
  });

  app.post('/api/matters/:matterId/stages/:stageId/publish', {
    config: { access: matterAccess('matter.write') },
    schema: { tags, summary: '公开决议或实施结果到公开栏（须表决通过、监督委员会签字；个人事项只公开姓名、家庭人口、金额）', params: s.stageParams, body: s.publishBody },
  }, async (req) => {
    const published = await publishStage(ctx(req), req.params.matterId, req.params.stageId, req.body);
    return { published, matter: await page(req, req.params.matterId) };
  });

  app.post('/api/matters/:matterId/stages/:stageId/solicitations', {
    config: { access: { kind: 'staff', permission: 'matter.write', scope: (req) => [...inParams('matter', 'matterId')(req), ...inBody('org_node', 'scopeNodeId')(req)] } },
    schema: { tags, summary: '发起征求意见问卷（单选、多选、填空；范围内居民在期限内作答）', params: s.stageParams, body: s.solicitationBody, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await createSolicitation(ctx(req), req.params.matterId, req.params.stageId, req.body) }));

  app.get('/api/solicitations/:solicitationId/summary', {
    config: { access: { kind: 'staff', permission: 'matter.read', scope: inParams('solicitation', 'solicitationId') } },
    schema: { tags, summary: '征求意见汇总：每个选项的票数（用于图表）、填空回答和座谈会记录', params: s.solicitationParams },
  }, async (req) => solicitationSummary(deps.db, staffOf(req).districtId, req.params.solicitationId));

  app.post('/api/matters/:matterId/stages/:stageId/records', {
    config: { access: matterAccess('matter.write') },
    schema: { tags, summary: '登记座谈会、听证会或专家论证记录', params: s.stageParams, body: s.recordBody, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await addRecord(ctx(req), req.params.matterId, req.params.stageId, req.body) }));

  app.post('/api/matters/:matterId/stages/:stageId/comments', {
    config: { access: matterAccess('matter.write') },
    schema: { tags, summary: '登记开言路 / 听证意见', params: s.stageParams, body: s.commentBody, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await addComment(ctx(req), req.params.matterId, req.params.stageId, req.body) }));

  app.post('/api/matters/:matterId/comments/:commentId/answer', {
    config: { access: matterAccess('matter.write') },
    schema: { tags, summary: '答复意见', params: s.commentParams, body: s.answerBody },
  }, async (req, reply) => {
    await answerComment(ctx(req), req.params.matterId, req.params.commentId, req.body);
    return reply.status(204).send();
  });

  app.post('/api/matters/:matterId/supervision', {
    config: { access: matterAccess('supervision.write') },
    schema: { tags, summary: '监督：检查记录或提出问题（有未答复问题的环节不能结束）', params: s.matterIdParams, body: s.supervisionBody, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await addSupervisionNote(ctx(req), req.params.matterId, req.body) }));

  app.post('/api/matters/:matterId/supervision/:noteId/answer', {
    config: { access: matterAccess('matter.write') },
    schema: { tags, summary: '答复监督问题', params: s.noteParams, body: s.answerBody },
  }, async (req, reply) => {
    await answerSupervisionNote(ctx(req), req.params.matterId, req.params.noteId, req.body);
    return reply.status(204).send();
  });

  app.post('/api/matters/:matterId/tasks', {
    config: { access: matterAccess('matter.write') },
    schema: { tags, summary: '新增实施任务或里程碑', params: s.matterIdParams, body: s.taskBody, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await createTask(ctx(req), req.params.matterId, req.body) }));

  app.patch('/api/matters/:matterId/tasks/:taskId', {
    config: { access: matterAccess('matter.write') },
    schema: { tags, summary: '更新实施进度（上级任务按权重汇总）', params: s.taskParams, body: s.taskUpdateBody },
  }, async (req) => updateTask(ctx(req), req.params.matterId, req.params.taskId, req.body));

  // ---- resident portal ----
  app.post('/api/portal/topics', {
    config: { access: { kind: 'resident' } },
    schema: { tags, summary: '民事民提：居民提出议题（本社区）', body: s.portalTopicBody, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send({ id: await raiseMatter(residentCtx(req), req.body) }));

  app.get('/api/portal/topics', {
    config: { access: { kind: 'resident' } },
    schema: { tags, summary: '我提出的议题' },
  }, async (req) => {
    const actor = residentOf(req);
    return residentTopics(deps.db, actor.districtId, actor.id, req.lang);
  });

  app.get('/api/portal/solicitations', {
    config: { access: { kind: 'resident' } },
    schema: { tags, summary: '我可以参与的征求意见（进行中）' },
  }, async (req) => {
    const actor = residentOf(req);
    return residentSolicitations(deps.db, actor.districtId, actor.id, actor.nodePath, deps.clock());
  });

  app.post('/api/portal/solicitations/:solicitationId/responses', {
    config: { access: { kind: 'resident' } },
    schema: { tags, summary: '提交征求意见答卷（每人一份；截止前再次提交即替换原答卷）', params: s.solicitationParams, body: s.responseBody },
  }, async (req) => answerSolicitation(residentCtx(req), req.params.solicitationId, req.body));

  registerFileRoutes(app, deps);
}
