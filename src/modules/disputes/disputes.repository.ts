import { sql, type Selectable } from 'kysely';
import { appendAudit } from '../../platform/audit/audit.ts';
import { pathInScope, scopePaths, type StaffActor } from '../../platform/auth/actor.ts';
import { roleGrants, STAFF_ROLES, isStaffRole } from '../../platform/auth/roles.ts';
import type { Db } from '../../platform/db/database.ts';
import type { NodeKind } from '../../platform/db/schema.ts';
import { fail } from '../../platform/errors.ts';
import { maskIdNumber, maskPhone } from '../../platform/security/masking.ts';
import {
  ATTEMPT_OUTCOMES,
  CLOSE_OUTCOMES,
  DISPUTE_SOURCES,
  DISPUTE_STATUSES,
  DISPUTE_TYPES,
  JUDICIAL_STATUSES,
  LEVEL_BODY_KIND,
  maskName,
  PARTY_ROLES,
  PERFORMANCES,
  RISK_LEVELS,
  WARNING_FLAGS,
  type DisputeStatus,
} from './dispute-catalogue.ts';
import { loadEvents } from './dispute.commands.ts';
import { ladderOrDefault, replayLadder, type StoredEvent, type Who } from './dispute-history.ts';
import type { DisputeAgreementTable, DisputePartyTable, DisputeTable } from './disputes.tables.ts';
import { loadAssignments, type AssignmentRow } from './mediator-assignment.commands.ts';
import { mayBeAssigned, MEDIATION_METHODS, MEDIATOR_ROLES, nextStep as ladderNextStep, REFERRAL_TARGETS, type EscalationLadder } from './rules/index.ts';

type Lang = 'zh' | 'en';
type Row = Selectable<DisputeTable>;
type PartyRow = Selectable<DisputePartyTable>;
type AgreementRow = Selectable<DisputeAgreementTable>;
const label = <T extends Record<string, { zh: string; en: string }>>(table: T, code: string, lang: Lang): string => (table as Record<string, { zh: string; en: string }>)[code]?.[lang] ?? code;
const iso = (d: Date | string) => new Date(d).toISOString();
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

// ---------------------------------------------------------------------------------------------
// Who may read a dispute's records (人民调解法 34: mediation is confidential)

export type RecordAccess = { canSee: boolean; asSupervisor: boolean };

/** The dispute's mediators and staff holding dispute.supervise over its place see its records. Pure. */
export function recordAccess(actor: StaffActor, nodePath: string, mediatorIds: readonly string[]): RecordAccess {
  const mediator = mediatorIds.includes(actor.id);
  const supervisor = pathInScope(scopePaths(actor, 'dispute.supervise'), nodePath);
  return { canSee: mediator || supervisor, asSupervisor: supervisor && !mediator };
}

/**
 * The mediators of each dispute, who read its records: the accounts named as mediators in its attempts
 * (dispute_mediator, kept for good) and those a supervisor assigned now (dispute_assignment).
 */
async function mediatorIdsOf(db: Db, districtId: string, disputeIds: readonly string[], assigned: Map<string, AssignmentRow[]>): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (disputeIds.length === 0) return out;
  const rows = await db.selectFrom('dispute_mediator').select(['dispute_id', 'account_id']).where('district_id', '=', districtId).where('dispute_id', 'in', [...disputeIds]).execute();
  for (const r of rows) out.set(r.dispute_id, [...(out.get(r.dispute_id) ?? []), r.account_id]);
  for (const [id, list] of assigned) out.set(id, [...new Set([...(out.get(id) ?? []), ...list.map((a) => a.accountId)])]);
  return out;
}

async function partiesOf(db: Db, districtId: string, disputeIds: readonly string[]): Promise<Map<string, PartyRow[]>> {
  const out = new Map<string, PartyRow[]>();
  if (disputeIds.length === 0) return out;
  const rows = await db.selectFrom('dispute_party').selectAll().where('district_id', '=', districtId).where('dispute_id', 'in', [...disputeIds]).orderBy('seq').execute();
  for (const r of rows) out.set(r.dispute_id, [...(out.get(r.dispute_id) ?? []), r]);
  return out;
}

async function nodeNames(db: Db, districtId: string, ids: readonly string[]): Promise<Map<string, { name: string; kind: NodeKind; path: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('org_node').select(['id', 'name', 'kind', 'path']).where('district_id', '=', districtId).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, kind: r.kind, path: r.path }]));
}

/** The ids along a path ('/a/b/c/' → [a, b, c]). */
const pathIds = (path: string) => path.split('/').filter(Boolean);

// ---------------------------------------------------------------------------------------------
// Presenting

function levelOf(row: Row, ladder: EscalationLadder, lang: Lang) {
  const level = ladder.levels[row.level_index];
  if (!level) return null;
  return { key: level.key, name: level.name[lang], index: row.level_index, attemptsUsed: row.attempts_at_level, maxAttempts: level.maxAttempts };
}

function summaryOf(row: Row, ctx: { lang: Lang; masked: boolean; parties: PartyRow[]; places: Map<string, { name: string }>; assignments: readonly AssignmentRow[] }) {
  const ladder = ladderOrDefault(row.ladder_code);
  const flags = json<string[]>(row.warning_flags) ?? [];
  return {
    id: row.id,
    number: row.number,
    type: row.type,
    typeLabel: label(DISPUTE_TYPES, row.type, ctx.lang),
    summary: row.summary,
    nodeId: row.node_id,
    placeName: ctx.places.get(row.node_id)?.name ?? '',
    communityName: ctx.places.get(row.community_id)?.name ?? null,
    riskLevel: row.risk_level,
    riskLabel: label(RISK_LEVELS, row.risk_level, ctx.lang),
    warningFlags: flags,
    warningLabels: flags.map((f) => label(WARNING_FLAGS, f, ctx.lang)),
    onWarningList: row.on_warning_list,
    status: row.status,
    statusLabel: label(DISPUTE_STATUSES, row.status, ctx.lang),
    ladderCode: ladder.code,
    ladderName: ladder.name[ctx.lang],
    level: levelOf(row, ladder, ctx.lang),
    attempts: row.attempt_count,
    partyNames: ctx.parties.map((p) => (ctx.masked ? maskName(p.name) : p.name)),
    registeredAt: iso(row.registered_at),
    lastActivityAt: iso(row.last_activity_at),
    judicialDeadline: row.judicial_deadline,
    leadMediator: ((lead) => (lead ? { id: lead.accountId, name: lead.name } : null))(ctx.assignments.find((a) => a.role === 'lead')),
  };
}

export type DisputeSummaryView = ReturnType<typeof summaryOf>;

function partyOf(p: PartyRow, lang: Lang, canSee: boolean) {
  const base = { id: p.id, role: p.role, roleLabel: label(PARTY_ROLES, p.role, lang), name: canSee ? p.name : maskName(p.name), residentId: p.resident_id, phone: maskPhone(p.phone) };
  if (!canSee) return base;
  return { ...base, gender: p.gender, age: p.age, ethnicity: p.ethnicity, address: p.address, idNumber: p.id_number ? maskIdNumber(p.id_number) : null };
}

function agreementOf(a: AgreementRow, lang: Lang, canSee: boolean) {
  const base = {
    id: a.id,
    attemptNumber: a.attempt_number,
    draftedAt: iso(a.drafted_at),
    signedOn: a.signed_on,
    effectiveOn: a.effective_on,
    judicialDeadline: a.judicial_deadline,
    judicial: { status: a.judicial_status, statusLabel: label(JUDICIAL_STATUSES, a.judicial_status, lang), on: a.judicial_on, court: a.judicial_court, note: a.judicial_note },
    copies: a.copies,
    mediators: json<Who[]>(a.mediators),
  };
  if (!canSee) return base;
  return { ...base, facts: a.facts, issues: a.issues, responsibilities: a.responsibilities, terms: a.terms, performance: a.performance };
}

type Loaded = { row: Row; parties: PartyRow[]; events: StoredEvent[]; agreement: AgreementRow | null; mediatorIds: string[]; assignments: AssignmentRow[]; places: Map<string, { name: string; kind: NodeKind; path: string }> };

export async function loadDispute(db: Db, districtId: string, disputeId: string): Promise<Loaded> {
  const row = await db.selectFrom('dispute').selectAll().where('district_id', '=', districtId).where('id', '=', disputeId).executeTakeFirst();
  if (!row) return fail('NOT_FOUND');
  const [parties, events, agreement, assigned] = await Promise.all([
    partiesOf(db, districtId, [disputeId]),
    loadEvents(db, districtId, disputeId),
    db.selectFrom('dispute_agreement').selectAll().where('district_id', '=', districtId).where('dispute_id', '=', disputeId).executeTakeFirst(),
    loadAssignments(db, districtId, [disputeId]),
  ]);
  const [mediators, places] = await Promise.all([mediatorIdsOf(db, districtId, [disputeId], assigned), nodeNames(db, districtId, [...pathIds(row.node_path), row.node_id, row.community_id])]);
  return { row, parties: parties.get(disputeId) ?? [], events, agreement: agreement ?? null, mediatorIds: mediators.get(disputeId) ?? [], assignments: assigned.get(disputeId) ?? [], places };
}

function nextStepOf(l: Loaded, lang: Lang) {
  const ladder = ladderOrDefault(l.row.ladder_code);
  const state = replayLadder(ladder, l.events);
  const status = l.row.status as DisputeStatus;
  const zh = lang === 'zh';
  if (status === 'closed') return { kind: 'done' as const, label: zh ? '已结案' : 'Closed' };
  if (status === 'settled') {
    if (l.agreement?.signed_on) return { kind: 'follow_up' as const, label: zh ? '协议已签署：请回访履行情况，履行完毕后结案' : 'Agreement signed: follow up, then close' };
    return { kind: 'draw_up_agreement' as const, label: zh ? (l.agreement ? '请打印调解协议书，由当事人和调解员签字后登记签署日期' : '调解成功：请制作调解协议书') : l.agreement ? 'Print the agreement for signing' : 'Settled: draw up the agreement' };
  }
  const step = ladderNextStep(state, ladder);
  switch (step.kind) {
    case 'try_again':
    case 'moved_up': {
      const level = ladder.levels.find((x) => x.key === step.level);
      const name = level?.name[lang] ?? step.level;
      return { kind: step.kind, level: step.level, attemptsLeft: step.attemptsLeft, label: zh ? `由「${name}」调解，还可调解 ${step.attemptsLeft} 次` : `${name} mediates; ${step.attemptsLeft} attempts left` };
    }
    case 'refer_out':
      return { kind: 'refer_out' as const, options: step.options, label: zh ? '调解未成：请引导当事人通过诉讼、仲裁、信访等途径解决，登记移交并继续跟踪' : 'Not settled: refer the parties out and keep tracking' };
    case 'track_referral':
      return { kind: 'track_referral' as const, label: zh ? `已移交${REFERRAL_TARGETS[step.target].zh}：请跟踪处理结果` : `Referred to ${REFERRAL_TARGETS[step.target].en}: track the result` };
    default:
      return { kind: 'done' as const, label: zh ? '无待办' : 'Nothing to do' };
  }
}

/** Audits a supervisor's view of full records (mediators' own views are part of their work). */
async function auditRecordView(db: Db, actor: StaffActor, row: Row, meta: { ip: string; now: Date; what: string }) {
  await appendAudit(db, { districtId: actor.districtId, actor, ip: meta.ip, at: meta.now, action: 'dispute.view_records', entityType: 'dispute', entityId: row.id, nodePath: row.node_path, summary: `${row.number}：查看调解记录（${meta.what}）` });
}

export async function disputeDetail(db: Db, actor: StaffActor, disputeId: string, opts: { lang: Lang; ip: string; now: Date; audit?: boolean }) {
  const l = await loadDispute(db, actor.districtId, disputeId);
  const access = recordAccess(actor, l.row.node_path, l.mediatorIds);
  if (access.canSee && access.asSupervisor && opts.audit !== false) await auditRecordView(db, actor, l.row, { ip: opts.ip, now: opts.now, what: '纠纷详情' });
  return presentDetail(l, opts.lang, access.canSee);
}

function presentDetail(l: Loaded, lang: Lang, canSee: boolean) {
  const { row } = l;
  const ladder = ladderOrDefault(row.ladder_code);
  const levelName = (key: string) => ladder.levels.find((x) => x.key === key)?.name[lang] ?? key;
  const attempts = l.events.flatMap((e) =>
    e.kind === 'attempt'
      ? [{
          number: e.data.number,
          level: e.data.level,
          levelName: levelName(e.data.level),
          numberAtLevel: e.data.numberAtLevel,
          at: e.data.at,
          mediators: e.data.mediators,
          method: e.data.method,
          methodLabel: (MEDIATION_METHODS as Record<string, { name: { zh: string; en: string } }>)[e.data.method]?.name[lang] ?? e.data.method,
          methodNote: e.data.methodNote,
          outcome: e.data.outcome,
          outcomeLabel: label(ATTEMPT_OUTCOMES, e.data.outcome, lang),
          recordedBy: e.actor,
          ...(canSee ? { record: e.data.record } : {}),
        }]
      : [],
  );
  const escalations = l.events.flatMap((e) => (e.kind === 'escalated' ? [{ at: iso(e.at), fromLevel: e.data.fromLevel, fromName: levelName(e.data.fromLevel), toLevel: e.data.toLevel, toName: levelName(e.data.toLevel), reason: e.data.reason, early: e.data.early, by: e.actor }] : []));
  const referredEvent = l.events.find((e) => e.kind === 'referred');
  const referral =
    referredEvent && referredEvent.kind === 'referred'
      ? {
          target: referredEvent.data.target,
          targetLabel: REFERRAL_TARGETS[referredEvent.data.target]?.[lang] ?? referredEvent.data.target,
          at: iso(referredEvent.at),
          reason: referredEvent.data.reason,
          by: referredEvent.actor,
          updates: l.events.flatMap((e) => (e.kind === 'referral_update' ? [{ at: iso(e.at), note: e.data.note, by: e.actor }] : [])),
          result: l.events.flatMap((e) => (e.kind === 'referral_update' && e.data.result ? [e.data.result] : [])).at(-1) ?? null,
        }
      : null;
  const followUps = l.events.flatMap((e) =>
    e.kind === 'follow_up'
      ? [{ id: e.data.id, on: e.data.on, visitors: e.data.visitors, performance: e.data.performance, performanceLabel: label(PERFORMANCES, e.data.performance, lang), recordedBy: e.actor, ...(canSee ? { note: e.data.note ?? '' } : {}) }]
      : [],
  );
  const closedEvent = l.events.find((e) => e.kind === 'closed');
  const registered = l.events.find((e) => e.kind === 'registered');
  return {
    ...summaryOf(row, { lang, masked: !canSee, parties: l.parties, places: l.places, assignments: l.assignments }),
    confidential: !canSee,
    canSeeRecords: canSee,
    source: row.source,
    sourceLabel: label(DISPUTE_SOURCES, row.source, lang),
    sourceNote: row.source_note,
    screeningReportId: row.screening_report_id,
    demandId: row.demand_id,
    occurredOn: row.occurred_on,
    typeNote: row.type_note,
    parties: l.parties.map((p) => partyOf(p, lang, canSee)),
    registeredBy: registered?.actor ?? { id: row.registered_by, name: row.registered_by_name },
    nextStep: nextStepOf(l, lang),
    attemptsList: attempts,
    escalations,
    referral,
    agreement: l.agreement ? agreementOf(l.agreement, lang, canSee) : null,
    followUps,
    closed: closedEvent && closedEvent.kind === 'closed' ? { at: iso(closedEvent.at), outcome: closedEvent.data.outcome, outcomeLabel: label(CLOSE_OUTCOMES, closedEvent.data.outcome, lang), note: closedEvent.data.note } : null,
    mediatorIds: l.mediatorIds,
    assignments: l.assignments.map((a) => ({
      id: a.accountId,
      name: a.name,
      role: a.role,
      roleLabel: MEDIATOR_ROLES[a.role][lang],
      level: a.level,
      levelName: a.level ? levelName(a.level) : null,
      assignedAt: iso(a.assignedAt),
      assignedBy: a.assignedBy,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// 一卡通: the whole history in the order it was recorded, with the body at each step

export async function disputeCard(db: Db, actor: StaffActor, disputeId: string, opts: { lang: Lang; ip: string; now: Date }) {
  const l = await loadDispute(db, actor.districtId, disputeId);
  const access = recordAccess(actor, l.row.node_path, l.mediatorIds);
  if (access.canSee && access.asSupervisor) await auditRecordView(db, actor, l.row, { ip: opts.ip, now: opts.now, what: '一卡通' });
  return presentCard(l, opts.lang, access.canSee);
}

function bodyAt(l: Loaded, levelKey: string | null, ladder: EscalationLadder, lang: Lang) {
  const place = l.places.get(l.row.node_id);
  if (levelKey === null) return { level: null, name: lang === 'zh' ? '纠纷登记' : 'Registration', nodeName: place?.name ?? null };
  const kind = LEVEL_BODY_KIND[levelKey] ?? 'community';
  const along = pathIds(l.row.node_path).map((id) => l.places.get(id)).filter((x): x is { name: string; kind: NodeKind; path: string } => x !== undefined);
  const node = along.find((n) => n.kind === kind) ?? along.find((n) => n.kind === 'community');
  return { level: levelKey, name: ladder.levels.find((x) => x.key === levelKey)?.name[lang] ?? levelKey, nodeName: node?.name ?? null };
}

function presentCard(l: Loaded, lang: Lang, canSee: boolean) {
  const ladder = ladderOrDefault(l.row.ladder_code);
  const zh = lang === 'zh';
  let currentLevel: string = ladder.levels[0]?.key ?? '';
  let settledLevel: string | null = null;
  const steps = l.events.map((e) => {
    const base = { at: iso(e.at), kind: e.kind, by: e.actor };
    switch (e.kind) {
      case 'registered':
        return { ...base, title: zh ? `登记矛盾纠纷（${label(DISPUTE_TYPES, l.row.type, lang)}，风险${label(RISK_LEVELS, e.data.riskLevel, lang)}）` : `Registered (${label(DISPUTE_TYPES, l.row.type, lang)})`, body: bodyAt(l, null, ladder, lang), ...(canSee ? { detail: e.data.summary } : {}) };
      case 'risk_changed':
        return { ...base, title: zh ? `风险等级调整为「${label(RISK_LEVELS, e.data.riskLevel, lang)}」` : `Risk changed to ${e.data.riskLevel}`, body: bodyAt(l, currentLevel, ladder, lang), detail: e.data.reason };
      case 'attempt': {
        currentLevel = e.data.level;
        if (e.data.outcome === 'settled') settledLevel = e.data.level;
        const body = bodyAt(l, e.data.level, ladder, lang);
        return { ...base, at: e.data.at, title: zh ? `「${body.name}」第 ${e.data.numberAtLevel} 次调解：${label(ATTEMPT_OUTCOMES, e.data.outcome, lang)}` : `${body.name} attempt ${e.data.numberAtLevel}: ${label(ATTEMPT_OUTCOMES, e.data.outcome, lang)}`, body, ...(canSee ? { detail: e.data.record } : {}) };
      }
      case 'escalated': {
        currentLevel = e.data.toLevel;
        const body = bodyAt(l, e.data.toLevel, ladder, lang);
        return { ...base, title: zh ? `${e.data.early ? '提级' : '移交上一级'}：由「${body.name}」调解` : `Moved up to ${body.name}`, body, detail: e.data.reason };
      }
      case 'referred': {
        const name = REFERRAL_TARGETS[e.data.target]?.[lang] ?? e.data.target;
        return { ...base, title: zh ? `移交${name}` : `Referred to ${name}`, body: { level: null, name, nodeName: null }, detail: e.data.reason };
      }
      case 'referral_update':
        return { ...base, title: zh ? (e.data.result ? '移交处理结果' : '移交后跟踪') : e.data.result ? 'Referral result' : 'Referral follow-up', body: bodyAt(l, currentLevel, ladder, lang), detail: e.data.result ?? e.data.note };
      case 'agreement':
        return { ...base, title: zh ? (e.data.redrawn ? '重新制作调解协议书' : '制作调解协议书') : 'Agreement drawn up', body: bodyAt(l, settledLevel ?? currentLevel, ladder, lang) };
      case 'agreement_signed':
        return { ...base, title: zh ? `调解协议书签署（${e.data.signedOn}），司法确认申请期限至 ${e.data.judicialDeadline}` : `Agreement signed ${e.data.signedOn}; judicial confirmation until ${e.data.judicialDeadline}`, body: bodyAt(l, settledLevel ?? currentLevel, ladder, lang) };
      case 'judicial':
        return { ...base, title: zh ? `司法确认：${label(JUDICIAL_STATUSES, e.data.status, lang)}（${e.data.on}）` : `Judicial confirmation: ${e.data.status}`, body: { level: null, name: e.data.court ?? (zh ? '人民法院' : 'Court'), nodeName: null } };
      case 'follow_up':
        return { ...base, title: zh ? `回访（${e.data.on}）：${label(PERFORMANCES, e.data.performance, lang)}` : `Follow-up ${e.data.on}: ${e.data.performance}`, body: bodyAt(l, settledLevel ?? currentLevel, ladder, lang), ...(canSee && e.data.note ? { detail: e.data.note } : {}) };
      case 'mediator_assigned': {
        const d = e.data;
        const role = MEDIATOR_ROLES[d.role][lang];
        const level = d.level ? (ladder.levels.find((x) => x.key === d.level)?.name[lang] ?? d.level) : null;
        const verb = d.previousRole ? (zh ? '调整调解员' : 'Mediator changed') : zh ? '指派调解员' : 'Mediator assigned';
        const replaced = d.replacedLead ? (zh ? `；原主调解员${d.replacedLead.name}改为协助` : `; ${d.replacedLead.name} now assists`) : '';
        return { ...base, title: `${verb}${zh ? '：' : ': '}${d.name}（${role}${level ? (zh ? `，${level}` : `, ${level}`) : ''}）${replaced}`, body: bodyAt(l, d.level ?? currentLevel, ladder, lang), ...(d.note ? { detail: d.note } : {}) };
      }
      case 'mediator_removed':
        return { ...base, title: zh ? `撤销调解员：${e.data.name}（${MEDIATOR_ROLES[e.data.role].zh}）` : `Mediator removed: ${e.data.name}`, body: bodyAt(l, e.data.level ?? currentLevel, ladder, lang) };
      case 'closed':
        return { ...base, title: zh ? `结案：${label(CLOSE_OUTCOMES, e.data.outcome, lang)}` : `Closed: ${e.data.outcome}`, body: bodyAt(l, settledLevel ?? currentLevel, ladder, lang), ...(e.data.note ? { detail: e.data.note } : {}) };
    }
  });
  // Without access to the records a step shows what happened and who handled it, never the text.
  const shown = canSee ? steps : steps.map(({ detail: _detail, ...step }: (typeof steps)[number] & { detail?: string }) => step);
  return { dispute: summaryOf(l.row, { lang, masked: !canSee, parties: l.parties, places: l.places, assignments: l.assignments }), confidential: !canSee, steps: shown };
}

// ---------------------------------------------------------------------------------------------
// Lists

export type ListFilters = { nodePath?: string | undefined; mine?: boolean; status?: string | undefined; riskLevel?: string | undefined; warning?: boolean; type?: string | undefined; q?: string | undefined; page: number; pageSize: number };

export async function listDisputes(db: Db, actor: StaffActor, f: ListFilters, lang: Lang) {
  const districtId = actor.districtId;
  const paths = scopePaths(actor, 'dispute.read');
  if (paths.length === 0) return { items: [], total: 0, page: f.page, pageSize: f.pageSize };
  let q = db.selectFrom('dispute').where('district_id', '=', districtId).where((eb) => eb.or(paths.map((p) => eb('node_path', 'like', `${p}%`))));
  if (f.nodePath) q = q.where('node_path', 'like', `${f.nodePath}%`);
  // 我调解的纠纷: assigned to me now, or I was named as a mediator in an attempt.
  if (f.mine) {
    q = q.where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('dispute_assignment as m').select(sql.lit(1).as('one')).whereRef('m.district_id', '=', 'dispute.district_id').whereRef('m.dispute_id', '=', 'dispute.id').where('m.account_id', '=', actor.id)),
        eb.exists(eb.selectFrom('dispute_mediator as m').select(sql.lit(1).as('one')).whereRef('m.district_id', '=', 'dispute.district_id').whereRef('m.dispute_id', '=', 'dispute.id').where('m.account_id', '=', actor.id)),
      ]),
    );
  }
  if (f.status === 'open') q = q.where('status', '<>', 'closed');
  else if (f.status) q = q.where('status', '=', f.status as DisputeStatus);
  if (f.riskLevel) q = q.where('risk_level', '=', f.riskLevel);
  if (f.warning) q = q.where('on_warning_list', '=', true);
  if (f.type) q = q.where('type', '=', f.type);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('number', 'like', like), eb('summary', 'like', like)]));
  }
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('on_warning_list', 'desc').orderBy('last_activity_at', 'desc').orderBy('id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await summaries(db, actor, rows, lang), total: Number(count.n), page: f.page, pageSize: f.pageSize };
}

async function summaries(db: Db, actor: StaffActor, rows: Row[], lang: Lang): Promise<DisputeSummaryView[]> {
  const ids = rows.map((r) => r.id);
  const [parties, assigned, places] = await Promise.all([partiesOf(db, actor.districtId, ids), loadAssignments(db, actor.districtId, ids), nodeNames(db, actor.districtId, rows.flatMap((r) => [r.node_id, r.community_id]))]);
  const mediators = await mediatorIdsOf(db, actor.districtId, ids, assigned);
  return rows.map((r) => summaryOf(r, { lang, masked: !recordAccess(actor, r.node_path, mediators.get(r.id) ?? []).canSee, parties: parties.get(r.id) ?? [], places, assignments: assigned.get(r.id) ?? [] }));
}

/**
 * Staff who may be named as mediators of a dispute: holders of dispute.mediate / record / supervise on its place, above it, or inside its community.
 * `assignable`: a supervisor may assign them (a binding on the place or above it, so they can open the dispute; rules/mediator-assignment.ts).
 */
export async function mediatorCandidates(db: Db, districtId: string, disputeId: string, lang: Lang) {
  const row = await db.selectFrom('dispute as d').innerJoin('org_node as c', (j) => j.onRef('c.district_id', '=', 'd.district_id').onRef('c.id', '=', 'd.community_id')).select(['d.node_path', 'c.path as community_path']).where('d.district_id', '=', districtId).where('d.id', '=', disputeId).executeTakeFirst();
  if (!row) return fail('NOT_FOUND');
  const rows = await db
    .selectFrom('role_binding as b')
    .innerJoin('account as a', 'a.id', 'b.account_id')
    .innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'b.district_id').onRef('n.id', '=', 'b.node_id'))
    .select(['a.id', 'a.display_name', 'b.role', 'n.name as node_name', 'n.path'])
    .where('b.district_id', '=', districtId)
    .where('a.disabled', '=', false)
    .where((eb) => eb.or([eb(sql.val(row.node_path), 'like', sql<string>`n.path || '%'`), eb('n.path', 'like', `${row.community_path}%`)]))
    .orderBy('a.display_name')
    .execute();
  const byAccount = new Map<string, { id: string; name: string; roleLabels: string[]; nodeName: string; assignable: boolean }>();
  for (const r of rows) {
    if (!['dispute.mediate', 'dispute.record', 'dispute.supervise'].some((p) => roleGrants(r.role, p as 'dispute.mediate'))) continue;
    const roleLabel = isStaffRole(r.role) ? (lang === 'zh' ? STAFF_ROLES[r.role].label : STAFF_ROLES[r.role].labelEn) : r.role;
    const entry = byAccount.get(r.id) ?? { id: r.id, name: r.display_name, roleLabels: [], nodeName: r.node_name, assignable: false };
    if (!entry.roleLabels.includes(roleLabel)) entry.roleLabels.push(roleLabel);
    if (mayBeAssigned([{ role: r.role, nodePath: r.path }], row.node_path)) entry.assignable = true;
    byAccount.set(r.id, entry);
  }
  return [...byAccount.values()];
}

// ---------------------------------------------------------------------------------------------
// The resident portal: a party sees their own dispute's card and agreement

export async function residentDisputes(db: Db, districtId: string, residentId: string, lang: Lang) {
  const ids = await db.selectFrom('dispute_party').select('dispute_id').distinct().where('district_id', '=', districtId).where('resident_id', '=', residentId).execute();
  const out = [];
  for (const { dispute_id } of ids) out.push(await residentDispute(db, districtId, residentId, dispute_id, lang));
  return out.sort((a, b) => b.registeredAt.localeCompare(a.registeredAt));
}

export async function residentDispute(db: Db, districtId: string, residentId: string, disputeId: string, lang: Lang) {
  const party = await db.selectFrom('dispute_party').select('id').where('district_id', '=', districtId).where('dispute_id', '=', disputeId).where('resident_id', '=', residentId).executeTakeFirst();
  if (!party) return fail('NOT_FOUND');
  const l = await loadDispute(db, districtId, disputeId);
  const ladder = ladderOrDefault(l.row.ladder_code);
  return {
    id: l.row.id,
    number: l.row.number,
    typeLabel: label(DISPUTE_TYPES, l.row.type, lang),
    summary: l.row.summary,
    status: l.row.status,
    statusLabel: label(DISPUTE_STATUSES, l.row.status, lang),
    levelName: ladder.levels[l.row.level_index]?.name[lang] ?? null,
    registeredAt: iso(l.row.registered_at),
    parties: l.parties.map((p) => ({ role: p.role, roleLabel: label(PARTY_ROLES, p.role, lang), name: p.name })),
    agreement: l.agreement ? agreementOf(l.agreement, lang, true) : null,
    attempts: l.events.flatMap((e) => (e.kind === 'attempt' ? [{ at: e.data.at, levelName: ladder.levels.find((x) => x.key === e.data.level)?.name[lang] ?? e.data.level, outcomeLabel: label(ATTEMPT_OUTCOMES, e.data.outcome, lang) }] : [])),
  };
}
