import type { App, AppDeps } from '../../../app.ts';
import { scopePaths } from '../../../platform/auth/actor.ts';
import { inBody, inParams, inQuery, residentOf, staffOf } from '../../../platform/http/authorize.ts';
import { clientIp, commandContext } from '../../../platform/http/request-context.ts';
import { castPortalBallot, enterPaperBallot } from './ballots.ts';
import { enterPaperBallots } from './enter-paper-ballots.ts';
import { addBodyMember, createBody, ensureStandardBodies, removeBodyMember } from './bodies.commands.ts';
import { callMeeting } from './call-meeting.ts';
import { attachGenerated } from './meeting-papers.ts';
import { closeMeeting } from './close-meeting.ts';
import { openSignIn, openVoting, recuse, signIn } from './meeting-steps.ts';
import { bodyDetail, listBodies, listMeetings, meetingDetail, portalVotes } from './meetings.queries.ts';
import * as s from './meetings.schema.ts';
import { signInSheetCsv } from './sign-in-sheet.ts';

const tags = ['会议与表决'];

/** 会议（议事主体、名册、签到、回避、表决、计票）and the resident portal's votes. */
export function registerMeetingRoutes(app: App, deps: AppDeps): void {
  const ctx = (req: Parameters<typeof staffOf>[0]) => commandContext(req, deps);
  const pathOf = (table: 'body' | 'meeting') => async (db: AppDeps['db'], districtId: string, id: string) => {
    const row = await db.selectFrom(table).select('node_path').where('district_id', '=', districtId).where('id', '=', id).executeTakeFirst();
    return row ? [row.node_path] : null;
  };
  deps.registerScope('body', pathOf('body'));
  deps.registerScope('meeting', pathOf('meeting'));
  const read = (scope?: Parameters<typeof inParams>) => ({ access: { kind: 'staff' as const, permission: 'matter.read' as const, ...(scope ? { scope: inParams(...scope) } : {}) } });
  const write = (scope: Parameters<typeof inParams>) => ({ access: { kind: 'staff' as const, permission: 'matter.write' as const, scope: inParams(...scope) } });

  // 议事主体 bodies
  app.get('/api/decision-bodies', {
    config: { access: { kind: 'staff', permission: 'matter.read', scope: inQuery('org_node', 'communityId') } },
    schema: { tags, summary: '议事主体列表（管辖范围内）', querystring: s.listBodiesQuery },
  }, async (req) => {
    const actor = staffOf(req);
    return listBodies(deps.db, { districtId: actor.districtId, paths: scopePaths(actor, 'matter.read'), communityId: req.query.communityId });
  });

  app.post('/api/decision-bodies', {
    config: { access: { kind: 'staff', permission: 'matter.write', scope: inBody('org_node', 'communityId') } },
    schema: { tags, summary: '新建议事主体', body: s.createBodyBody },
  }, async (req, reply) => reply.status(201).send({ id: await createBody(ctx(req), req.body) }));

  app.post('/api/decision-bodies/standard', {
    config: { access: { kind: 'staff', permission: 'matter.write', scope: inBody('org_node', 'communityId') } },
    schema: { tags, summary: '按党员、居民代表、业主等角色和标签生成本社区的标准议事主体（已有的不变）', body: s.standardBodiesBody },
  }, async (req) => {
    const c = ctx(req);
    const items = await c.db.transaction().execute((tx) => ensureStandardBodies(tx, { districtId: c.actor.districtId, communityId: req.body.communityId, now: c.now, actor: c.actor }));
    return { items };
  });

  app.get('/api/decision-bodies/:bodyId', {
    config: read(['body', 'bodyId']),
    schema: { tags, summary: '议事主体及其成员', params: s.bodyParams },
  }, async (req) => bodyDetail(deps.db, staffOf(req).districtId, req.params.bodyId));

  app.post('/api/decision-bodies/:bodyId/members', {
    config: { access: { kind: 'staff', permission: 'matter.write', scope: (req) => [...inParams('body', 'bodyId')(req), ...inBody('resident', 'residentId')(req)] } },
    schema: { tags, summary: '添加议事主体成员', params: s.bodyParams, body: s.addMemberBody },
  }, async (req, reply) => {
    await addBodyMember(ctx(req), req.params.bodyId, req.body);
    return reply.status(204).send();
  });

  app.delete('/api/decision-bodies/:bodyId/members/:residentId', {
    config: write(['body', 'bodyId']),
    schema: { tags, summary: '移除议事主体成员（已召集会议的名册不变）', params: s.memberParams },
  }, async (req, reply) => {
    await removeBodyMember(ctx(req), req.params.bodyId, req.params.residentId);
    return reply.status(204).send();
  });

  // 会议 meetings
  app.get('/api/meetings', {
    config: read(),
    schema: { tags, summary: '会议列表（管辖范围内）', querystring: s.listMeetingsQuery },
  }, async (req) => {
    const actor = staffOf(req);
    return listMeetings(deps.db, { districtId: actor.districtId, paths: scopePaths(actor, 'matter.read'), ...req.query });
  });

  app.post('/api/meetings', {
    config: { access: { kind: 'staff', permission: 'matter.write', scope: (req) => [...inBody('body', 'bodyId')(req), ...inBody('matter_stage', 'stageId')(req)] } },
    schema: { tags, summary: '召集会议（名册在召集时确定，检查提前通知天数）', body: s.callMeetingBody },
  }, async (req, reply) => reply.status(201).send({ id: await callMeeting(ctx(req), req.body) }));

  app.get('/api/meetings/:meetingId', {
    config: read(['meeting', 'meetingId']),
    schema: { tags, summary: '会议详情：名册、签到、回避、选票、计票结果', params: s.meetingParams },
  }, async (req) => meetingDetail(deps.db, staffOf(req).districtId, req.params.meetingId));

  app.get('/api/meetings/:meetingId/sign-in-sheet', {
    config: read(['meeting', 'meetingId']),
    schema: { tags, summary: '导出签到表（CSV，Excel 可直接打开）', params: s.meetingParams },
  }, async (req, reply) => {
    const sheet = await signInSheetCsv(deps.db, staffOf(req).districtId, req.params.meetingId);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="sign-in-sheet.csv"; filename*=UTF-8''${encodeURIComponent(sheet.fileName)}`)
      .send(sheet.body);
  });

  app.post('/api/meetings/:meetingId/generated-papers', {
    config: write(['meeting', 'meetingId']),
    schema: { tags, summary: '生成签到表或会议记录（计票部分），归入本阶段附件', params: s.meetingParams, body: s.generatedPaperBody },
  }, async (req, reply) => reply.status(201).send(await attachGenerated(ctx(req), req.params.meetingId, req.body.kind)));

  app.post('/api/meetings/:meetingId/open-sign-in', {
    config: write(['meeting', 'meetingId']),
    schema: { tags, summary: '开始签到', params: s.meetingParams },
  }, async (req, reply) => {
    await openSignIn(ctx(req), req.params.meetingId);
    return reply.status(204).send();
  });

  app.post('/api/meetings/:meetingId/attendance', {
    config: write(['meeting', 'meetingId']),
    schema: { tags, summary: '签到（本人到会，或委托出席并写明原因和见证人）', params: s.meetingParams, body: s.signInBody },
  }, async (req, reply) => {
    await signIn(ctx(req), req.params.meetingId, req.body);
    return reply.status(204).send();
  });

  app.post('/api/meetings/:meetingId/recusals', {
    config: write(['meeting', 'meetingId']),
    schema: { tags, summary: '登记回避（该成员不就此事项投票，也不计入应到和实到）', params: s.meetingParams, body: s.recusalBody },
  }, async (req, reply) => {
    await recuse(ctx(req), req.params.meetingId, req.body);
    return reply.status(204).send();
  });

  app.post('/api/meetings/:meetingId/open-voting', {
    config: write(['meeting', 'meetingId']),
    schema: { tags, summary: '开始表决（本阶段规则自此锁定）', params: s.meetingParams, body: s.openVotingBody.optional() },
  }, async (req, reply) => {
    await openVoting(ctx(req), req.params.meetingId, req.body ?? {});
    return reply.status(204).send();
  });

  app.post('/api/meetings/:meetingId/paper-ballots', {
    config: write(['meeting', 'meetingId']),
    schema: { tags, summary: '录入纸质选票（两名计票人录入一致才计入；更正须写原因，原录入保留）', params: s.meetingParams, body: s.paperBallotBody },
  }, async (req) => enterPaperBallot(ctx(req), req.params.meetingId, req.body));

  app.post('/api/meetings/:meetingId/paper-ballots/bulk', {
    config: write(['meeting', 'meetingId']),
    bodyLimit: 4 * 1024 * 1024,
    schema: { tags, summary: '批量录入纸质选票（一名计票人的多张选票：先逐条检查，任何一条有误则全部不录入并逐条说明；一次写入，一条审计记录）', params: s.meetingParams, body: s.paperBallotsBulkBody },
  }, async (req) => enterPaperBallots(ctx(req), req.params.meetingId, req.body));

  app.post('/api/meetings/:meetingId/close', {
    config: write(['meeting', 'meetingId']),
    schema: { tags, summary: '结束会议并逐项计票', params: s.meetingParams },
  }, async (req) => ({ items: await closeMeeting(ctx(req), req.params.meetingId) }));

  // 居民端 portal
  app.get('/api/portal/votes', {
    config: { access: { kind: 'resident' } },
    schema: { tags, summary: '我参加的表决（居民代表、党员、业主等）' },
  }, async (req) => portalVotes(deps.db, residentOf(req), deps.clock()));

  app.post('/api/portal/votes/:meetingId/ballots', {
    config: { access: { kind: 'resident' } },
    schema: { tags, summary: '网上投票（每个事项只能投一次）', params: s.meetingParams, body: s.portalBallotBody },
  }, async (req, reply) => {
    await castPortalBallot({ db: deps.db, actor: residentOf(req), ip: clientIp(req), now: deps.clock() }, req.params.meetingId, req.body);
    return reply.status(201).send({ ok: true });
  });
}
