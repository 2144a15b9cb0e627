import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../app.ts';
import { scopePaths } from '../../platform/auth/actor.ts';
import { fail } from '../../platform/errors.ts';
import { loadFile } from '../../platform/files/files.ts';
import { deferredScope, inParams, residentOf, staffOf, statementSession, type ScopeRef } from '../../platform/http/authorize.ts';
import { clientIp, commandContext } from '../../platform/http/request-context.ts';
import { loadWorkingCalendar } from '../calendar/index.ts';
import { CATEGORIES, DEMAND_PERMISSIONS, categoryRule, handlingBodiesByLevel } from './demand-store.ts';
import { demandDetail, mergeCandidates, residentDemands } from './demands.repository.ts';
import { countDemands, listDemandPage, listFilter, pageBatcher, type PageBatcher } from './demand-list.ts';
import { demandScope, handleDemand, type DemandCommand } from './handling.commands.ts';
import { intakeBatcher, receiveDemand, receiveDemandWithSession, type IntakeBatcher } from './intake.commands.ts';
import { LEVEL_NAMES } from './rules/index.ts';
import * as s from './demands.schema.ts';

const tags = ['民情诉求'];
const P = DEMAND_PERMISSIONS;

const batchersOfApp = new WeakMap<App, { intake: IntakeBatcher; list: PageBatcher }>();
/** How many statements the app's intake and list batchers sent, and how many requests they carried. */
export function demandBatchStats(app: App): { intake: IntakeBatcher['stats']; list: PageBatcher['stats'] } | null {
  const b = batchersOfApp.get(app);
  return b ? { intake: b.intake.stats, list: b.list.stats } : null;
}

/** The limits the app's intake and list batchers run with (BATCH_MAX, BATCH_IN_FLIGHT or their defaults). */
export function demandBatchLimits(app: App): { intake: IntakeBatcher['limits']; list: PageBatcher['limits'] } | null {
  const b = batchersOfApp.get(app);
  return b ? { intake: b.intake.limits, list: b.list.limits } : null;
}

/** Issue #5, first server slice: intake (staff and portal), handling commands, the scoped list and the detail. */
export function registerDemandRoutes(app: App, deps: AppDeps): void {
  deps.registerScope('demand', demandScope);
  const demandInParams = inParams('demand', 'demandId');
  // Intakes and list requests arriving together go to the database as one statement each (statement-batch.ts).
  const intakeBatch = intakeBatcher(deps.db, deps.batching.writes);
  const pageBatch = pageBatcher(deps.db, deps.batching.reads);
  batchersOfApp.set(app, { intake: intakeBatch, list: pageBatch });

  app.get('/api/demand-categories', {
    config: { access: { kind: 'public' } },
    schema: { tags, summary: '诉求分类与时限（分类目录，无个人信息）' },
  }, async (req) =>
    CATEGORIES.map((c) => {
      const rule = categoryRule(c.code);
      return { code: c.code, parent: c.parent, name: c.name[req.lang], firstLevel: rule.firstLevel, firstLevelName: LEVEL_NAMES[rule.firstLevel][req.lang], respond: rule.respond, finish: rule.finish };
    }),
  );

  // ---- staff intake and reading ----
  app.post('/api/demands', {
    // One round trip: the session, the scope checks and the writes in one statement (gz_demand_intake_as).
    config: { access: { kind: 'staff', permission: P.intake, sessionInStatement: true, scope: (req): ScopeRef[] => { const b = req.body as { nodeId?: string; residentId?: string | null }; return [{ entity: 'org_node', id: b.nodeId, inStatement: true }, { entity: 'resident', id: b.residentId, inStatement: true }]; } } },
    schema: { tags, summary: '登记诉求（热线、来访、网格员、意见箱、民情联系卡、座谈会、12345 转办）；返回疑似重复的诉求', body: s.staffIntakeBody },
  }, async (req, reply) => {
    const b = req.body;
    const { result } = await receiveDemandWithSession(deps.db, { session: statementSession(req), batcher: intakeBatch, ip: clientIp(req), now: deps.clock() }, { channel: b.channel, place: { nodeId: b.nodeId }, residentId: b.residentId ?? null, category: b.category, title: b.title, description: b.description, location: b.location, contactName: b.contactName, contactPhone: b.contactPhone, photos: b.photos, scope: null });
    return reply.status(201).send(result);
  });

  app.get('/api/demands', {
    // One round trip: the session and the page in one statement (gz_demand_pages); the count is its own request.
    config: { access: { kind: 'staff', permission: P.read, sessionInStatement: true } },
    schema: { tags, summary: '诉求列表（管辖范围内；按状态、超期、分类、渠道筛选；游标翻页；总数见 /api/demands/count）', querystring: s.listQuery },
  }, async (req) => {
    const q = req.query;
    return listDemandPage(pageBatch, statementSession(req), listFilter(q), deps.clock(), req.lang);
  });

  app.get('/api/demands/count', {
    config: { access: { kind: 'staff', permission: P.read } },
    schema: { tags, summary: '诉求列表的总数（与列表同样的筛选；超过 10000 条时显示「10000+」）', querystring: s.listQuery },
  }, async (req) => {
    const actor = staffOf(req);
    return countDemands(deps.db, actor.districtId, scopePaths(actor, P.read), listFilter(req.query), deps.clock());
  });

  app.get('/api/demands/:demandId', {
    config: { access: { kind: 'staff', permission: P.read, scope: demandInParams } },
    schema: { tags, summary: '诉求详情：时限、办理记录、照片', params: s.demandParams },
  }, async (req) => {
    const actor = staffOf(req);
    const calendar = await loadWorkingCalendar(deps.db, actor.districtId);
    return demandDetail(deps.db, { districtId: actor.districtId, id: req.params.demandId, calendar, now: deps.clock(), lang: req.lang, viewer: actor });
  });

  app.get('/api/demands/:demandId/photos/:fileId', {
    config: { access: { kind: 'staff', permission: P.read, scope: demandInParams } },
    schema: { tags, summary: '诉求照片', params: s.photoParams },
  }, async (req, reply) => sendPhoto(reply, await loadFile(deps.db, staffOf(req).districtId, req.params.fileId), req.params.demandId));

  // ---- handling commands: each one event, one transaction with its audit entry ----
  const command = <B>(url: string, permission: (typeof P)[keyof typeof P], summary: string, body: z.ZodType<B> | null, toCommand: (body: B) => DemandCommand) => {
    app.post(url, {
      config: { access: { kind: 'staff', permission, scope: demandInParams } },
      schema: { tags, summary, params: s.demandParams, ...(body ? { body } : {}) },
    }, async (req) => {
      const { demandId } = req.params as { demandId: string };
      const { calendar } = await handleDemand(deps.db, commandContext(req, deps), demandId, toCommand((req.body ?? {}) as B));
      const actor = staffOf(req);
      return demandDetail(deps.db, { districtId: actor.districtId, id: demandId, calendar, now: deps.clock(), lang: req.lang, viewer: actor });
    });
  };
  command('/api/demands/:demandId/route', P.handle, '按派单规则派单（分类 × 片区 → 层级、主办、协办）', null, () => ({ kind: 'route' }));
  command('/api/demands/:demandId/accept', P.handle, '受理（响应）', null, () => ({ kind: 'accept' }));
  command('/api/demands/:demandId/escalate', P.handle, '上报（须原因；已在最高层级时拒绝）', s.escalateBody, (b) => ({ kind: 'escalate', reason: b.reason, level: b.level }));
  command('/api/demands/:demandId/return', P.handle, '退回（须原因，居民可见）', s.reasonBody, (b) => ({ kind: 'return', reason: b.reason }));
  command('/api/demands/:demandId/transfer', P.handle, '转派（同级或下级，须原因）', s.transferBody, (b) => ({ kind: 'transfer', reason: b.reason, level: b.level, body: b.body }));
  command('/api/demands/:demandId/extend', P.supervise, '批准延期（批准人即当前账号）', s.extendBody, (b) => ({ kind: 'extend', amount: b.amount, reason: b.reason }));
  command('/api/demands/:demandId/suspend', P.handle, '挂起（计时暂停，须原因）', s.reasonBody, (b) => ({ kind: 'suspend', reason: b.reason }));
  command('/api/demands/:demandId/resume', P.handle, '恢复办理（计时继续）', null, () => ({ kind: 'resume' }));
  command('/api/demands/:demandId/urge', P.handle, '催办', s.optionalNoteBody, (b) => ({ kind: 'urge', note: b.note }));
  command('/api/demands/:demandId/supervise', P.supervise, '督办', s.optionalNoteBody, (b) => ({ kind: 'supervise', note: b.note }));
  command('/api/demands/:demandId/finish', P.handle, '办结（须办理结果）', s.finishBody, (b) => ({ kind: 'finish', outcome: b.outcome }));
  app.post('/api/demands/:demandId/merge', {
    config: { access: { kind: 'staff', permission: P.handle, scope: (req) => [...demandInParams(req), { entity: 'demand', id: (req.body as { intoDemandId?: string }).intoDemandId }] } },
    schema: { tags, summary: '合并到另一条相同诉求（本条不再单独办理）', params: s.demandParams, body: s.mergeBody },
  }, async (req) => {
    const { calendar } = await handleDemand(deps.db, commandContext(req, deps), req.params.demandId, { kind: 'merge', intoDemandId: req.body.intoDemandId });
    const actor = staffOf(req);
    return demandDetail(deps.db, { districtId: actor.districtId, id: req.params.demandId, calendar, now: deps.clock(), lang: req.lang, viewer: actor });
  });

  // ---- the resident portal ----
  const residentCtx = (req: FastifyRequest) => ({ actor: residentOf(req), ip: clientIp(req), now: deps.clock() });

  app.post('/api/portal/demands', {
    config: { access: { kind: 'resident' } },
    schema: { tags, summary: '居民提交诉求（可附照片和位置）', body: s.portalIntakeBody },
  }, async (req, reply) => {
    const ctx = residentCtx(req);
    const me = await deps.db.selectFrom('resident').select('household_id').where('district_id', '=', ctx.actor.districtId).where('id', '=', ctx.actor.id).executeTakeFirst();
    if (!me) return fail('AUTH_REQUIRED');
    const b = req.body;
    const result = await receiveDemand(deps.db, ctx, { channel: 'portal', place: { residentHousehold: me.household_id }, residentId: ctx.actor.id, category: b.category, title: b.title, description: b.description, location: b.location, photos: b.photos });
    // A resident is not shown other people's demands: only whether a similar one is already in hand.
    return reply.status(201).send({ id: result.id, status: result.status, respondBy: result.respondBy, finishBy: result.finishBy, similarInHand: result.possibleDuplicates.length > 0, photoIds: result.photoIds });
  });

  app.get('/api/portal/demands', {
    config: { access: { kind: 'resident' } },
    schema: { tags, summary: '我的诉求：状态与办理记录（含退回原因）' },
  }, async (req) => {
    const me = residentOf(req);
    return { items: await residentDemands(deps.db, me.districtId, me.id, deps.clock(), req.lang) };
  });

  app.get('/api/portal/demands/:demandId', {
    config: { access: { kind: 'resident' } },
    schema: { tags, summary: '我的一条诉求（他人的诉求 404）', params: s.demandParams },
  }, async (req) => {
    const me = residentOf(req);
    return demandDetail(deps.db, { districtId: me.districtId, id: req.params.demandId, calendar: await loadWorkingCalendar(deps.db, me.districtId), now: deps.clock(), lang: req.lang, viewer: me });
  });

  const residentCommand = <B>(url: string, summary: string, body: z.ZodType<B>, toCommand: (body: B) => DemandCommand) => {
    app.post(url, {
      config: { access: { kind: 'resident' } },
      schema: { tags, summary, params: s.demandParams, body },
    }, async (req) => {
      const { demandId } = req.params as { demandId: string };
      const ctx = residentCtx(req);
      const { calendar } = await handleDemand(deps.db, ctx, demandId, toCommand(req.body as B));
      return demandDetail(deps.db, { districtId: ctx.actor.districtId, id: demandId, calendar, now: deps.clock(), lang: req.lang, viewer: ctx.actor });
    });
  };
  residentCommand('/api/portal/demands/:demandId/rate', '评价办理结果（满意 / 基本满意 / 不满意；不满意即重新办理并回访）', s.rateBody, (b) => ({ kind: 'rate', rating: b.rating, comment: b.comment }));
  residentCommand('/api/portal/demands/:demandId/reopen', '办结后 7 天内申请重新办理（须原因）', s.reasonBody, (b) => ({ kind: 'reopen', reason: b.reason }));

  // ---- handling aids: the bodies to route to, merge targets; the resident's own photos ----
  app.get('/api/demand-handling-bodies', {
    config: { access: { kind: 'staff', permission: P.read } },
    schema: { tags, summary: '可派单、上报、转派的承办单位（按层级，来自派单规则数据）' },
  }, async (req) =>
    handlingBodiesByLevel().map(({ level, bodies }) => ({
      level, name: LEVEL_NAMES[level][req.lang], names: LEVEL_NAMES[level],
      bodies: bodies.map((b) => ({ body: b.body, name: b.name[req.lang], names: b.name })),
    })),
  );

  app.get('/api/demands/:demandId/merge-candidates', {
    config: { access: { kind: 'staff', permission: P.handle, scope: demandInParams } },
    schema: { tags, summary: '可合并到的诉求：同一社区、办理中、在本账号辖区内，标题含关键词，最新的 20 条', params: s.demandParams, querystring: s.mergeCandidatesQuery },
  }, async (req) => {
    const actor = staffOf(req);
    const items = await mergeCandidates(deps.db, { districtId: actor.districtId, demandId: req.params.demandId, scope: scopePaths(actor, P.handle), q: req.query.q ?? '', now: deps.clock(), lang: req.lang });
    return { items };
  });

  app.get('/api/portal/demands/:demandId/photos/:fileId', {
    config: { access: { kind: 'resident' } },
    schema: { tags, summary: '我的诉求的照片（他人的诉求 404）', params: s.photoParams },
  }, async (req, reply) => {
    const me = residentOf(req);
    const mine = await deps.db.selectFrom('demand').select('id').where('district_id', '=', me.districtId).where('id', '=', req.params.demandId).where('resident_id', '=', me.id).executeTakeFirst();
    if (!mine) return fail('NOT_FOUND', { entity: 'demand', id: req.params.demandId }, '要找的诉求不存在');
    return sendPhoto(reply, await loadFile(deps.db, me.districtId, req.params.fileId), req.params.demandId);
  });
}

function sendPhoto(reply: import('fastify').FastifyReply, row: Awaited<ReturnType<typeof loadFile>>, demandId: string) {
  if (!row || row.owner_kind !== 'demand' || row.owner_id !== demandId) return fail('DEMAND_PHOTO_NOT_FOUND', { field: 'fileId' });
  reply.header('content-type', row.mime);
  reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(row.name)}`);
  reply.header('cache-control', 'private, max-age=3600');
  return reply.send(Buffer.from(row.content));
}
