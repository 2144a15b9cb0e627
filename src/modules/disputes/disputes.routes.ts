import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Permission } from '../../platform/auth/roles.ts';
import { fail } from '../../platform/errors.ts';
import { inParams, inQuery, residentOf, staffOf, type ScopeRef } from '../../platform/http/authorize.ts';
import { clientIp, commandContext } from '../../platform/http/request-context.ts';
import { renderAgreementPdf } from './agreement-pdf.ts';
import { CLOSE_OUTCOMES, DISPUTE_SOURCES, DISPUTE_STATUSES, DISPUTE_TYPES, JUDICIAL_STATUSES, LEVEL_BODY_KIND, options, PARTY_ROLES, PERFORMANCES, RISK_LEVELS, WARNING_FLAGS, ATTEMPT_OUTCOMES } from './dispute-catalogue.ts';
import { changeRisk, closeDispute, disputeScope, drawUpAgreement, escalateDispute, recordFollowUp, recordJudicial, recordMediation, referDispute, registerDispute, signAgreement, updateReferral } from './dispute.commands.ts';
import './disputes.errors.ts';
import { disputeCard, disputeDetail, listDisputes, loadDispute, mediatorCandidates, recordAccess, residentDispute, residentDisputes } from './disputes.repository.ts';
import * as s from './disputes.schema.ts';
import { disputeFigures } from './figures.repository.ts';
import { assignDisputeMediator, removeDisputeMediator } from './mediator-assignment.commands.ts';
import { MEDIATION_METHODS, REFERRAL_TARGETS, SHIPPED_LADDERS, THREE_BY_THREE } from './rules/index.ts';
import { submitScreeningReport } from './screening.commands.ts';
import { screeningReport, screeningSummary, screeningWeek } from './screening.repository.ts';

const tags = ['矛盾纠纷'];
const P = { read: 'dispute.read', record: 'dispute.record', mediate: 'dispute.mediate', supervise: 'dispute.supervise' } as const satisfies Record<string, Permission>;

/** 矛盾纠纷 (issue #5): screening, disputes, mediation ladder, agreements, 一卡通. Contract: docs/disputes-api.md. */
export function registerDisputeRoutes(app: App, deps: AppDeps): void {
  deps.registerScope('dispute', disputeScope);
  const disputeInParams = inParams('dispute', 'disputeId');
  const nodeInQuery = inQuery('org_node', 'nodeId');
  const view = (req: FastifyRequest, disputeId: string) => disputeDetail(deps.db, staffOf(req), disputeId, { lang: req.lang, ip: clientIp(req), now: deps.clock(), audit: false });

  app.get('/api/disputes/catalogue', {
    config: { access: { kind: 'staff', permission: P.read } },
    schema: { tags, summary: '纠纷类型、风险等级、预警标记、调解流程（三三制等）、调解方法、移交去向等目录' },
  }, async (req) => {
    const lang = req.lang;
    return {
      statuses: options(DISPUTE_STATUSES, lang),
      riskLevels: options(RISK_LEVELS, lang),
      warningFlags: options(WARNING_FLAGS, lang),
      types: options(DISPUTE_TYPES, lang),
      sources: options(DISPUTE_SOURCES, lang),
      partyRoles: options(PARTY_ROLES, lang),
      outcomes: options(ATTEMPT_OUTCOMES, lang),
      judicialStatuses: options(JUDICIAL_STATUSES, lang),
      performances: options(PERFORMANCES, lang),
      closeOutcomes: options(CLOSE_OUTCOMES, lang),
      ladders: SHIPPED_LADDERS.map((l) => ({ code: l.code, name: l.name[lang], source: l.source, default: l.code === THREE_BY_THREE.code, levels: l.levels.map((v) => ({ key: v.key, name: v.name[lang], maxAttempts: v.maxAttempts, bodyKind: LEVEL_BODY_KIND[v.key] ?? 'community' })) })),
      methods: Object.entries(MEDIATION_METHODS).map(([code, m]) => ({ code, name: m.name[lang], help: m.help[lang] })),
      referralTargets: options(REFERRAL_TARGETS, lang),
    };
  });

  // ---- screening (一周一排查、一旬一汇报、一月一通报) ----
  app.post('/api/disputes/screening/reports', {
    config: { access: { kind: 'staff', permission: P.record, scope: (req): ScopeRef[] => [{ entity: 'org_node', id: (req.body as { gridId?: string }).gridId }] } },
    schema: { tags, summary: '网格每周排查上报（没有纠纷也要零报告；同一周再次提交即更正）', body: s.screeningReportBody },
  }, async (req) => {
    const id = await submitScreeningReport(deps.db, commandContext(req, deps), req.body);
    return screeningReport(deps.db, staffOf(req).districtId, id);
  });

  app.get('/api/disputes/screening/week', {
    config: { access: { kind: 'staff', permission: P.read, scope: nodeInQuery } },
    schema: { tags, summary: '某周各网格排查上报情况：已报、零报告、未报', querystring: s.screeningWeekQuery },
  }, async (req) => screeningWeek(deps.db, staffOf(req), { nodeId: req.query.nodeId, week: req.query.week, now: deps.clock(), lang: req.lang }));

  app.get('/api/disputes/screening/summary', {
    config: { access: { kind: 'staff', permission: P.read, scope: nodeInQuery } },
    schema: { tags, summary: '排查旬报、月通报（按网格：应报周数、已报、零报告、发现纠纷、缺报周）', querystring: s.screeningSummaryQuery },
  }, async (req) => screeningSummary(deps.db, staffOf(req), { nodeId: req.query.nodeId, kind: req.query.kind, date: req.query.date, now: deps.clock(), lang: req.lang }));

  // ---- figures ----
  app.get('/api/disputes/figures', {
    config: { access: { kind: 'staff', permission: P.read, scope: nodeInQuery } },
    schema: { tags, summary: '纠纷统计：登记、调解、成功率、移交、预警、排查上报（按下级单位和期间）', querystring: s.figuresQuery },
  }, async (req) => disputeFigures(deps.db, staffOf(req), { nodeId: req.query.nodeId, from: req.query.from, to: req.query.to, now: deps.clock(), lang: req.lang }));

  // ---- disputes ----
  app.get('/api/disputes', {
    config: { access: { kind: 'staff', permission: P.read, scope: nodeInQuery } },
    schema: { tags, summary: '纠纷台账（管辖范围内；warning=1 为预警名单）', querystring: s.listQuery },
  }, async (req) => {
    const actor = staffOf(req);
    const q = req.query;
    const nodePath = q.nodeId ? (await deps.db.selectFrom('org_node').select('path').where('district_id', '=', actor.districtId).where('id', '=', q.nodeId).executeTakeFirst())?.path : undefined;
    return listDisputes(deps.db, actor, { nodePath, mine: q.mine === '1', status: q.status, riskLevel: q.riskLevel, warning: q.warning === '1', type: q.type, q: q.q, page: q.page, pageSize: q.pageSize }, req.lang);
  });

  app.post('/api/disputes', {
    config: {
      access: {
        kind: 'staff',
        permission: P.record,
        scope: (req): ScopeRef[] => {
          const b = req.body as { nodeId?: string; parties?: { residentId?: string }[]; demandId?: string };
          return [{ entity: 'org_node', id: b.nodeId }, { entity: 'demand', id: b.demandId }, ...(b.parties ?? []).map((p) => ({ entity: 'resident', id: p.residentId }))];
        },
      },
    },
    schema: { tags, summary: '登记矛盾纠纷（当事人、类型、风险与预警、来源、调解流程）', body: s.registerBody },
  }, async (req, reply) => {
    const id = await registerDispute(deps.db, commandContext(req, deps), req.body);
    return reply.status(201).send(await view(req, id));
  });

  app.get('/api/disputes/:disputeId', {
    config: { access: { kind: 'staff', permission: P.read, scope: disputeInParams } },
    schema: { tags, summary: '纠纷详情（调解记录仅调解员、调解工作负责人可见，负责人查看留痕）', params: s.disputeParams },
  }, async (req) => disputeDetail(deps.db, staffOf(req), req.params.disputeId, { lang: req.lang, ip: clientIp(req), now: deps.clock() }));

  app.get('/api/disputes/:disputeId/card', {
    config: { access: { kind: 'staff', permission: P.read, scope: disputeInParams } },
    schema: { tags, summary: '一卡通：纠纷从登记到结案的全部经过和每一步的经手单位', params: s.disputeParams },
  }, async (req) => disputeCard(deps.db, staffOf(req), req.params.disputeId, { lang: req.lang, ip: clientIp(req), now: deps.clock() }));

  app.get('/api/disputes/:disputeId/mediators', {
    config: { access: { kind: 'staff', permission: P.read, scope: disputeInParams } },
    schema: { tags, summary: '可选的调解员（本纠纷所在社区及上级的调解工作人员）', params: s.disputeParams },
  }, async (req) => mediatorCandidates(deps.db, staffOf(req).districtId, req.params.disputeId, req.lang));

  const command = <B>(method: 'POST' | 'PUT', url: string, permission: Permission, summary: string, body: z.ZodType<B>, run: (req: FastifyRequest, disputeId: string, body: B) => Promise<void>) => {
    app.route({
      method,
      url,
      config: { access: { kind: 'staff', permission, scope: disputeInParams } },
      schema: { tags, summary, params: s.disputeParams, body },
      handler: async (req) => {
        const { disputeId } = req.params as { disputeId: string };
        await run(req, disputeId, req.body as B);
        return view(req, disputeId);
      },
    });
  };
  const ctx = (req: FastifyRequest) => commandContext(req, deps);
  command('POST', '/api/disputes/:disputeId/risk', P.record, '调整风险等级和预警标记（须原因）', s.riskBody, (req, id, b) => changeRisk(deps.db, ctx(req), id, b));
  command('POST', '/api/disputes/:disputeId/attempts', P.mediate, '登记一次调解（层级、日期、调解员、方法、经过、结果）；每级最多 3 次，用尽后上移', s.attemptBody, (req, id, b) => recordMediation(deps.db, ctx(req), id, b));
  command('POST', '/api/disputes/:disputeId/escalate', P.mediate, '提前提级调解（须原因）', s.reasonBody, (req, id, b) => escalateDispute(deps.db, ctx(req), id, b));
  command('POST', '/api/disputes/:disputeId/referral', P.mediate, '调解不成，移交法院、仲裁、信访等（继续跟踪）', s.referralBody, (req, id, b) => referDispute(deps.db, ctx(req), id, b));
  command('POST', '/api/disputes/:disputeId/referral/updates', P.record, '移交后的跟踪情况与处理结果', s.referralUpdateBody, (req, id, b) => updateReferral(deps.db, ctx(req), id, b));
  command('PUT', '/api/disputes/:disputeId/agreement', P.mediate, '制作（签署前可修改）调解协议书', s.agreementBody, (req, id, b) => drawUpAgreement(deps.db, ctx(req), id, b));
  command('POST', '/api/disputes/:disputeId/agreement/sign', P.mediate, '登记协议签署日期（司法确认申请期限 = 生效之日起 30 日）', s.signBody, (req, id, b) => signAgreement(deps.db, ctx(req), id, b));
  command('POST', '/api/disputes/:disputeId/agreement/judicial', P.mediate, '登记司法确认申请和结果', s.judicialBody, (req, id, b) => recordJudicial(deps.db, ctx(req), id, b));
  command('POST', '/api/disputes/:disputeId/follow-ups', P.record, '回访协议履行情况', s.followUpBody, (req, id, b) => recordFollowUp(deps.db, ctx(req), id, b));
  command('POST', '/api/disputes/:disputeId/close', P.record, '结案（须选择结案情况）', s.closeBody, (req, id, b) => closeDispute(deps.db, ctx(req), id, b));

  // ---- 指派调解员: supervisors name the lead and assisting mediators ----
  app.put('/api/disputes/:disputeId/assignments/:accountId', {
    config: { access: { kind: 'staff', permission: P.supervise, scope: disputeInParams } },
    schema: { tags, summary: '指派调解员（主调解员一名，其余协助；可限当前调解层级）或调整分工；被指派的调解员可查看调解记录', params: s.assignmentParams, body: s.assignmentBody },
  }, async (req) => {
    await assignDisputeMediator(deps.db, ctx(req), req.params.disputeId, req.params.accountId, req.body);
    return view(req, req.params.disputeId);
  });

  app.delete('/api/disputes/:disputeId/assignments/:accountId', {
    config: { access: { kind: 'staff', permission: P.supervise, scope: disputeInParams } },
    schema: { tags, summary: '撤销指派的调解员（调解进行中不能撤下唯一的主调解员）；撤销后不再能查看调解记录（曾参与调解的除外）', params: s.assignmentParams },
  }, async (req) => {
    await removeDisputeMediator(deps.db, ctx(req), req.params.disputeId, req.params.accountId);
    return view(req, req.params.disputeId);
  });

  app.get('/api/disputes/:disputeId/agreement.pdf', {
    config: { access: { kind: 'staff', permission: P.read, scope: disputeInParams } },
    schema: { tags, summary: '调解协议书 PDF（A4，供签字；仅可查看调解记录的人员，打印留痕）', params: s.disputeParams },
  }, async (req, reply) => {
    const actor = staffOf(req);
    const l = await loadDispute(deps.db, actor.districtId, req.params.disputeId);
    if (!recordAccess(actor, l.row.node_path, l.mediatorIds).canSee) return fail('DISPUTE_RECORDS_CONFIDENTIAL');
    if (!l.agreement) return fail('DISPUTE_AGREEMENT_MISSING', {}, undefined, undefined);
    const pdf = await agreementPdf(l);
    await appendAudit(deps.db, { districtId: actor.districtId, actor, ip: clientIp(req), at: deps.clock(), action: 'dispute.print_agreement', entityType: 'dispute', entityId: l.row.id, nodePath: l.row.node_path, summary: `${l.row.number}：打印调解协议书` });
    return sendPdf(reply, pdf, l.row.number);
  });

  // ---- the resident portal: a party sees their own dispute ----
  app.get('/api/portal/disputes', {
    config: { access: { kind: 'resident' } },
    schema: { tags, summary: '我作为当事人的纠纷' },
  }, async (req) => {
    const me = residentOf(req);
    return { items: await residentDisputes(deps.db, me.districtId, me.id, req.lang) };
  });

  app.get('/api/portal/disputes/:disputeId', {
    config: { access: { kind: 'resident' } },
    schema: { tags, summary: '我的一件纠纷：调解进度和调解协议（非当事人 404）', params: s.disputeParams },
  }, async (req) => {
    const me = residentOf(req);
    return residentDispute(deps.db, me.districtId, me.id, req.params.disputeId, req.lang);
  });

  app.get('/api/portal/disputes/:disputeId/agreement.pdf', {
    config: { access: { kind: 'resident' } },
    schema: { tags, summary: '我的纠纷的调解协议书 PDF（非当事人 404）', params: s.disputeParams },
  }, async (req, reply) => {
    const me = residentOf(req);
    await residentDispute(deps.db, me.districtId, me.id, req.params.disputeId, req.lang);
    const l = await loadDispute(deps.db, me.districtId, req.params.disputeId);
    if (!l.agreement) return fail('NOT_FOUND');
    return sendPdf(reply, await agreementPdf(l), l.row.number);
  });
}

async function agreementPdf(l: Awaited<ReturnType<typeof loadDispute>>): Promise<Buffer> {
  const a = l.agreement;
  if (!a) return fail('DISPUTE_AGREEMENT_MISSING');
  const community = l.places.get(l.row.community_id)?.name ?? '';
  const mediators = typeof a.mediators === 'string' ? (JSON.parse(a.mediators) as { name: string }[]) : a.mediators;
  const blank = '________';
  return renderAgreementPdf({
    number: l.row.number,
    committeeName: `${community}人民调解委员会`,
    parties: l.parties.map((p) => ({
      roleLabel: PARTY_ROLES[p.role].zh,
      name: p.name,
      gender: p.gender === 'male' ? '男' : p.gender === 'female' ? '女' : blank,
      age: p.age === null ? blank : `${p.age} 岁`,
      ethnicity: p.ethnicity ?? blank,
      address: p.address ?? blank,
      // Art. 29 asks for the parties' basic information; the printout is for the signing table (only those who may read the records print it, and it is audited).
      idNumber: p.id_number ?? blank,
    })),
    facts: a.facts,
    issues: a.issues,
    responsibilities: a.responsibilities,
    terms: a.terms,
    performance: a.performance,
    mediators: mediators.map((m) => m.name),
    copies: a.copies,
    signedOn: a.signed_on,
    judicialDeadline: a.judicial_deadline,
  });
}

function sendPdf(reply: FastifyReply, pdf: Buffer, number: string) {
  return reply
    .header('content-disposition', `inline; filename="agreement.pdf"; filename*=UTF-8''${encodeURIComponent(`调解协议书-${number}.pdf`)}`)
    .header('cache-control', 'private, no-store')
    .type('application/pdf')
    .send(pdf);
}
