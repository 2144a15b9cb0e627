import crypto from 'node:crypto';
import { sql } from 'kysely';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { StaffActor } from '../../platform/auth/actor.ts';
import { chinaDate } from '../../platform/china-time.ts';
import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/errors.ts';
import { ageOn, checkIdNumber } from '../../platform/security/id-number.ts';
import { addDays } from '../calendar/working-calendar.ts';
import { CLOSE_OUTCOMES, DISPUTE_TYPES, onWarningList, type CloseOutcome, type DisputeSource, type DisputeStatus, type DisputeType, type PartyRole, type Performance, type RiskLevel, type WarningFlag } from './dispute-catalogue.ts';
import { disputeStatus, ladderOf, ladderOrDefault, replayLadder, settlingAttempt, type EventData, type StoredEvent, type Who } from './dispute-history.ts';
import { ruleError } from './disputes.errors.ts';
import type { DisputeEventKind, DisputeTable } from './disputes.tables.ts';
import { escalateEarly, recordAttempt, referOut, trackReferral, REFERRAL_TARGETS, THREE_BY_THREE, type AttemptOutcome, type LadderState, type MediationMethod, type ReferralTarget } from './rules/index.ts';
import type { Selectable } from 'kysely';

/**
 * Dispute commands: each one loads the dispute and its history, asks the pure ladder rules what
 * follows, and writes the new event, the cached state and the audit entry in one transaction.
 */
export type DisputeCtx = { actor: StaffActor; ip: string; now: Date };
type Row = Selectable<DisputeTable>;
type NewEvent = { [K in DisputeEventKind]: { kind: K; data: EventData[K]; at?: Date } }[DisputeEventKind];

export const JUDICIAL_WINDOW_DAYS = 30;
const PLACE_KINDS = ['community', 'grid', 'building', 'household'];

/** The 'dispute' scope resolver: a dispute belongs to its place. */
export async function disputeScope(db: Db, districtId: string, id: string): Promise<string[] | null> {
  const row = await db.selectFrom('dispute').select('node_path').where('district_id', '=', districtId).where('id', '=', id).executeTakeFirst();
  return row ? [row.node_path] : null;
}

export function rowToEvent(r: { seq: number; kind: DisputeEventKind; at: Date; actor_id: string | null; actor_name: string; data: Record<string, unknown> | string }): StoredEvent {
  const data = typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data;
  return { seq: r.seq, kind: r.kind, at: new Date(r.at), actor: r.actor_id ? { id: r.actor_id, name: r.actor_name } : null, data } as StoredEvent;
}

export async function loadEvents(db: Db, districtId: string, disputeId: string): Promise<StoredEvent[]> {
  const rows = await db.selectFrom('dispute_event').selectAll().where('district_id', '=', districtId).where('dispute_id', '=', disputeId).orderBy('seq').execute();
  return rows.map(rowToEvent);
}

/** Staff accounts of the district, by id, that are enabled (for mediators and visitors). */
async function staffNames(db: Db, districtId: string, ids: readonly string[], field: string): Promise<Who[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await db
    .selectFrom('account as a')
    .select(['a.id', 'a.display_name'])
    .where('a.district_id', '=', districtId)
    .where('a.disabled', '=', false)
    .where('a.id', 'in', unique)
    .execute();
  if (rows.length !== unique.length) fail('DISPUTE_MEDIATOR_UNKNOWN', { field });
  const byId = new Map(rows.map((r) => [r.id, r.display_name]));
  return unique.map((id) => ({ id, name: byId.get(id) ?? '' }));
}

function isFutureDate(date: string, now: Date): boolean {
  return date > chinaDate(now);
}

// ---------------------------------------------------------------------------------------------
// Registration

export type PartyInput = {
  role: PartyRole;
  name: string;
  phone?: string | undefined;
  residentId?: string | undefined;
  gender?: 'male' | 'female' | undefined;
  age?: number | undefined;
  ethnicity?: string | undefined;
  address?: string | undefined;
  idNumber?: string | undefined;
};

export type RegisterInput = {
  nodeId: string;
  type: DisputeType;
  typeNote?: string | undefined;
  summary: string;
  riskLevel: RiskLevel;
  warningFlags?: WarningFlag[] | undefined;
  source: DisputeSource;
  sourceNote?: string | undefined;
  screeningReportId?: string | undefined;
  demandId?: string | undefined;
  occurredOn?: string | undefined;
  ladderCode?: string | undefined;
  parties: PartyInput[];
};

export async function registerDispute(db: Db, ctx: DisputeCtx, input: RegisterInput): Promise<string> {
  const districtId = ctx.actor.districtId;
  const ladder = ladderOf(input.ladderCode ?? THREE_BY_THREE.code);
  if (!ladder) return fail('DISPUTE_LADDER_UNKNOWN', { field: 'ladderCode' });
  if (input.type === 'other' && !input.typeNote?.trim()) return fail('DISPUTE_TYPE_NOTE_REQUIRED', { field: 'typeNote' });
  if (!input.parties.some((p) => p.role === 'applicant')) return fail('DISPUTE_APPLICANT_REQUIRED', { field: 'parties' });
  if (input.occurredOn && isFutureDate(input.occurredOn, ctx.now)) return fail('DISPUTE_DATE_IN_FUTURE', { field: 'occurredOn' }, '「发生日期」不能晚于今天');
  const node = await db.selectFrom('org_node').select(['id', 'kind', 'path']).where('district_id', '=', districtId).where('id', '=', input.nodeId).executeTakeFirst();
  if (!node || !PLACE_KINDS.includes(node.kind)) return fail('DISPUTE_PLACE_NOT_ALLOWED', { field: 'nodeId' });
  const community = await db.selectFrom('org_node').select(['id', 'path']).where('district_id', '=', districtId).where('kind', '=', 'community').where(sql<boolean>`${node.path} like path || '%'`).executeTakeFirst();
  if (!community) return fail('DISPUTE_PLACE_NOT_ALLOWED', { field: 'nodeId' });

  if (input.screeningReportId) {
    const report = await db.selectFrom('dispute_screening_report').select('id').where('district_id', '=', districtId).where('id', '=', input.screeningReportId).where('node_path', 'like', `${community.path}%`).executeTakeFirst();
    if (!report) return fail('DISPUTE_SCREENING_REPORT_UNKNOWN', { field: 'screeningReportId' });
  }
  const parties = await Promise.all(input.parties.map((p) => completeParty(db, districtId, p, ctx.now)));
  const flags = [...new Set(input.warningFlags ?? [])];
  const id = crypto.randomUUID();
  const year = chinaDate(ctx.now).slice(0, 4);

  await db.transaction().execute(async (tx) => {
    const count = await tx.selectFrom('dispute').select((eb) => eb.fn.countAll<string>().as('n')).where('district_id', '=', districtId).where('number', 'like', `纠${year}-%`).executeTakeFirstOrThrow();
    const number = `纠${year}-${String(Number(count.n) + 1).padStart(4, '0')}`;
    await tx
      .insertInto('dispute')
      .values({
        district_id: districtId,
        id,
        number,
        node_id: node.id,
        node_path: node.path,
        community_id: community.id,
        type: input.type,
        type_note: input.typeNote?.trim() || null,
        summary: input.summary,
        risk_level: input.riskLevel,
        warning_flags: JSON.stringify(flags),
        on_warning_list: onWarningList(input.riskLevel, flags),
        source: input.source,
        source_note: input.sourceNote?.trim() || null,
        screening_report_id: input.screeningReportId ?? null,
        demand_id: input.demandId ?? null,
        occurred_on: input.occurredOn ?? null,
        ladder_code: ladder.code,
        status: 'mediating',
        registered_by: ctx.actor.id,
        registered_by_name: ctx.actor.displayName,
        registered_at: ctx.now,
        last_activity_at: ctx.now,
        event_count: 1,
      })
      .execute();
    await tx
      .insertInto('dispute_party')
      .values(parties.map((p, i) => ({ district_id: districtId, id: crypto.randomUUID(), dispute_id: id, seq: i + 1, ...p })))
      .execute();
    const data: EventData['registered'] = { ladderCode: ladder.code, riskLevel: input.riskLevel, warningFlags: flags, summary: input.summary, type: input.type };
    await tx.insertInto('dispute_event').values({ district_id: districtId, dispute_id: id, seq: 1, kind: 'registered', at: ctx.now, actor_id: ctx.actor.id, actor_name: ctx.actor.displayName, data: JSON.stringify(data) }).execute();
    await appendAudit(tx, {
      districtId,
      actor: ctx.actor,
      ip: ctx.ip,
      at: ctx.now,
      action: 'dispute.register',
      entityType: 'dispute',
      entityId: id,
      nodePath: node.path,
      summary: `登记矛盾纠纷 ${number}（${DISPUTE_TYPES[input.type].zh}）`,
      after: { number, type: input.type, riskLevel: input.riskLevel, warningFlags: flags, ladder: ladder.code, parties: parties.length },
    });
  });
  return id;
}

type PartyColumns = { role: PartyRole; name: string; phone: string | null; resident_id: string | null; gender: 'male' | 'female' | null; age: number | null; ethnicity: string | null; address: string | null; id_number: string | null };

/** A party linked to a resident takes what is missing from the registry. */
async function completeParty(db: Db, districtId: string, p: PartyInput, now: Date): Promise<PartyColumns> {
  let idNumber = p.idNumber?.trim().toUpperCase() || null;
  if (idNumber && !checkIdNumber(idNumber, now).ok) fail('DISPUTE_ID_NUMBER_INVALID', { field: 'idNumber' }, `「身份证号」不正确（${p.name}）`);
  const out: PartyColumns = { role: p.role, name: p.name, phone: p.phone ?? null, resident_id: p.residentId ?? null, gender: p.gender ?? null, age: p.age ?? null, ethnicity: p.ethnicity?.trim() || null, address: p.address?.trim() || null, id_number: idNumber };
  if (p.residentId) {
    const r = await db
      .selectFrom('resident as r')
      .innerJoin('org_node as h', (j) => j.onRef('h.district_id', '=', 'r.district_id').onRef('h.id', '=', 'r.household_id'))
      .select(['r.gender', 'r.birth_date', 'r.phone', 'r.id_number', 'h.name as household'])
      .where('r.district_id', '=', districtId)
      .where('r.id', '=', p.residentId)
      .executeTakeFirst();
    if (!r) return fail('DISPUTE_RESIDENT_UNKNOWN', { field: 'residentId' });
    out.gender ??= r.gender as 'male' | 'female';
    out.age ??= ageOn(String(r.birth_date), now);
    out.phone ??= r.phone;
    idNumber ??= r.id_number;
    out.id_number = idNumber;
    out.address ??= r.household;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Commands on a registered dispute

export type LoadedForCommand = { row: Row; events: StoredEvent[]; state: LadderState; status: DisputeStatus };
type Loaded = LoadedForCommand;
/** What a command decided; `noop` (a repeated, unchanged request) writes nothing. */
export type CommandOutcome = Outcome;
type Outcome = { noop?: boolean; events: NewEvent[]; state?: LadderState; set?: Partial<Record<keyof Row, unknown>>; audit: { action: string; summary: string; after?: Record<string, unknown> }; after?: (tx: Db) => Promise<void> };

export async function onDispute(db: Db, ctx: DisputeCtx, disputeId: string, decide: (loaded: Loaded, tx: Db) => Promise<Outcome> | Outcome): Promise<void> {
  const districtId = ctx.actor.districtId;
  await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('dispute').selectAll().where('district_id', '=', districtId).where('id', '=', disputeId).forUpdate().executeTakeFirst();
    if (!row) return fail('NOT_FOUND');
    const events = await loadEvents(tx, districtId, disputeId);
    const ladder = ladderOrDefault(row.ladder_code);
    const state = replayLadder(ladder, events);
    const loaded: Loaded = { row, events, state, status: disputeStatus(state, events) };
    const out = await decide(loaded, tx);
    if (out.noop) return;
    let seq = row.event_count;
    for (const e of out.events) {
      seq++;
      await tx.insertInto('dispute_event').values({ district_id: districtId, dispute_id: disputeId, seq, kind: e.kind, at: e.at ?? ctx.now, actor_id: ctx.actor.id, actor_name: ctx.actor.displayName, data: JSON.stringify(e.data) }).execute();
    }
    const next = out.state ?? state;
    const allEvents = [...events, ...out.events.map((e, i) => ({ seq: row.event_count + i + 1, kind: e.kind, at: e.at ?? ctx.now, actor: null, data: e.data }) as StoredEvent)];
    const status = disputeStatus(next, allEvents);
    const set: Record<string, unknown> = {
      status,
      level_index: next.levelIndex,
      attempts_at_level: next.attemptsAtLevel,
      attempt_count: next.attempts.length,
      last_activity_at: ctx.now,
      event_count: seq,
      ...out.set,
    };
    // The figures count a dispute's mediation as ended once: keep the first date.
    if (row.concluded_at !== null) delete set.concluded_at;
    if (row.settled_at !== null) delete set.settled_at;
    if (row.referred_at !== null) delete set.referred_at;
    if (status === 'closed' && row.closed_at === null) set.closed_at = ctx.now;
    const risk = (set.risk_level as RiskLevel | undefined) ?? (row.risk_level as RiskLevel);
    const flags = (set.warning_flags ? (JSON.parse(set.warning_flags as string) as string[]) : row.warning_flags) ?? [];
    set.on_warning_list = status !== 'closed' && onWarningList(risk, flags);
    await tx.updateTable('dispute').set(set as never).where('district_id', '=', districtId).where('id', '=', disputeId).execute();
    await out.after?.(tx);
    await appendAudit(tx, { districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: out.audit.action, entityType: 'dispute', entityId: disputeId, nodePath: row.node_path, summary: `${row.number}：${out.audit.summary}`, after: out.audit.after ?? null });
  });
}

export const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: Parameters<typeof ruleError>[0] }): T => {
  if (!r.ok) throw ruleError(r.error);
  return r.value;
};

export async function changeRisk(db: Db, ctx: DisputeCtx, disputeId: string, input: { riskLevel: RiskLevel; warningFlags: WarningFlag[]; reason: string }): Promise<void> {
  await onDispute(db, ctx, disputeId, ({ status, row }) => {
    if (status === 'closed') fail('DISPUTE_CLOSED');
    const flags = [...new Set(input.warningFlags)];
    return {
      events: [{ kind: 'risk_changed', data: { riskLevel: input.riskLevel, warningFlags: flags, reason: input.reason } }],
      set: { risk_level: input.riskLevel, warning_flags: JSON.stringify(flags) },
      audit: { action: 'dispute.risk', summary: `风险等级 ${row.risk_level} → ${input.riskLevel}`, after: { riskLevel: input.riskLevel, warningFlags: flags, reason: input.reason } },
    };
  });
}

export type AttemptCommand = { level: string; at: string; mediatorIds: string[]; method: string; methodNote?: string | undefined; record: string; outcome?: AttemptOutcome | undefined };

/** A date alone means that day: now when it is today, else noon China time. */
export function attemptInstant(at: string, now: Date): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) return at === chinaDate(now) ? now : new Date(`${at}T12:00:00+08:00`);
  return new Date(at);
}

export async function recordMediation(db: Db, ctx: DisputeCtx, disputeId: string, input: AttemptCommand): Promise<void> {
  if (!input.outcome) fail('DISPUTE_OUTCOME_REQUIRED', { field: 'outcome' });
  const outcome = input.outcome;
  const at = attemptInstant(input.at, ctx.now);
  if (chinaDate(at) > chinaDate(ctx.now)) fail('DISPUTE_ATTEMPT_IN_FUTURE', { field: 'at' });
  await onDispute(db, ctx, disputeId, async ({ row, state, status }, tx) => {
    if (status === 'closed') fail('DISPUTE_CLOSED', { status });
    const ladder = ladderOrDefault(row.ladder_code);
    if (input.mediatorIds.length === 0) fail('DISPUTE_MEDIATOR_REQUIRED', { field: 'mediatorIds' });
    const mediators = await staffNames(tx, ctx.actor.districtId, input.mediatorIds, 'mediatorIds');
    const step = unwrap(recordAttempt(state, ladder, { level: input.level, at, mediators: mediators.map((m) => m.id), method: input.method as MediationMethod, ...(input.methodNote ? { methodNote: input.methodNote } : {}), outcome }));
    const next = step.state;
    const record = next.attempts.at(-1);
    const levelName = ladder.levels.find((l) => l.key === input.level)?.name.zh ?? input.level;
    const events: NewEvent[] = [
      { kind: 'attempt', at, data: { number: next.attempts.length, numberAtLevel: state.attemptsAtLevel + 1, level: input.level, at: at.toISOString(), mediators, method: input.method, methodNote: input.methodNote?.trim() || null, outcome, record: input.record } },
    ];
    const moved = next.escalations.length > state.escalations.length ? next.escalations.at(-1) : undefined;
    if (moved) events.push({ kind: 'escalated', at, data: { fromLevel: moved.fromLevel, toLevel: moved.toLevel, reason: moved.reason, early: false } });
    const set: Partial<Record<keyof Row, unknown>> = {};
    if (outcome === 'settled') set.settled_at = at;
    if (next.status !== 'mediating') set.concluded_at = at;
    return {
      events,
      state: next,
      set,
      audit: { action: 'dispute.attempt', summary: `「${levelName}」第 ${state.attemptsAtLevel + 1} 次调解：${outcome === 'settled' ? '调解成功' : outcome === 'failed' ? '调解不成功' : '当事人拒绝调解'}`, after: { number: record?.number, level: input.level, outcome, mediators: mediators.map((m) => m.id), method: input.method } },
      after: async (t) => {
        await t.insertInto('dispute_mediator').values(mediators.map((m) => ({ district_id: ctx.actor.districtId, dispute_id: disputeId, account_id: m.id }))).onConflict((oc) => oc.doNothing()).execute();
      },
    };
  });
}

export async function escalateDispute(db: Db, ctx: DisputeCtx, disputeId: string, input: { reason: string }): Promise<void> {
  await onDispute(db, ctx, disputeId, ({ row, state }) => {
    const ladder = ladderOrDefault(row.ladder_code);
    const next = unwrap(escalateEarly(state, ladder, { at: ctx.now, reason: input.reason }));
    const moved = next.escalations.at(-1);
    if (!moved) return fail('DISPUTE_ALREADY_AT_TOP');
    return {
      events: [{ kind: 'escalated', data: { fromLevel: moved.fromLevel, toLevel: moved.toLevel, reason: moved.reason, early: true } }],
      state: next,
      audit: { action: 'dispute.escalate', summary: `提级调解：${moved.fromLevel} → ${moved.toLevel}（${moved.reason}）`, after: { from: moved.fromLevel, to: moved.toLevel, reason: moved.reason } },
    };
  });
}

export async function referDispute(db: Db, ctx: DisputeCtx, disputeId: string, input: { target: ReferralTarget; reason: string }): Promise<void> {
  await onDispute(db, ctx, disputeId, ({ state, status }) => {
    if (status === 'closed') fail('DISPUTE_CLOSED');
    const next = unwrap(referOut(state, { target: input.target, at: ctx.now, reason: input.reason }));
    return {
      events: [{ kind: 'referred', data: { target: input.target, reason: input.reason.trim() } }],
      state: next,
      set: { referred_at: ctx.now, concluded_at: ctx.now },
      audit: { action: 'dispute.refer', summary: `移交${REFERRAL_TARGETS[input.target].zh}`, after: { target: input.target, reason: input.reason } },
    };
  });
}

export async function updateReferral(db: Db, ctx: DisputeCtx, disputeId: string, input: { note: string; result?: string | undefined }): Promise<void> {
  await onDispute(db, ctx, disputeId, ({ state }) => {
    const next = unwrap(trackReferral(state, { at: ctx.now, note: input.note, ...(input.result ? { result: input.result } : {}) }));
    const events: NewEvent[] = [{ kind: 'referral_update', data: { note: input.note.trim(), result: input.result?.trim() || null } }];
    if (next.status === 'closed') events.push({ kind: 'closed', data: { outcome: 'referral_concluded', note: input.result?.trim() || null } });
    return { events, state: next, audit: { action: 'dispute.referral_update', summary: next.status === 'closed' ? '移交处理已有结果，结案' : '登记移交后的跟踪', after: { result: input.result ?? null } } };
  });
}

export type AgreementInput = {
  facts: string;
  issues: string;
  responsibilities: string;
  terms: string;
  performance: string;
  copies?: number | undefined;
  parties?: { partyId: string; gender?: 'male' | 'female' | undefined; age?: number | undefined; ethnicity?: string | undefined; address?: string | undefined; idNumber?: string | undefined }[] | undefined;
};

export async function drawUpAgreement(db: Db, ctx: DisputeCtx, disputeId: string, input: AgreementInput): Promise<void> {
  const districtId = ctx.actor.districtId;
  await onDispute(db, ctx, disputeId, async ({ events, status }, tx) => {
    const settled = settlingAttempt(events);
    if (status !== 'settled' || !settled) return fail('DISPUTE_NOT_SETTLED');
    const existing = await tx.selectFrom('dispute_agreement').select(['signed_on']).where('district_id', '=', districtId).where('dispute_id', '=', disputeId).executeTakeFirst();
    if (existing?.signed_on) return fail('DISPUTE_AGREEMENT_SIGNED');
    const parties = await tx.selectFrom('dispute_party').select(['id']).where('district_id', '=', districtId).where('dispute_id', '=', disputeId).execute();
    const partyIds = new Set(parties.map((p) => p.id));
    for (const p of input.parties ?? []) {
      if (!partyIds.has(p.partyId)) fail('DISPUTE_PARTY_UNKNOWN', { field: 'parties' });
      const idNumber = p.idNumber?.trim().toUpperCase();
      if (idNumber && !checkIdNumber(idNumber, ctx.now).ok) fail('DISPUTE_ID_NUMBER_INVALID', { field: 'idNumber' });
    }
    const values = {
      attempt_number: settled.number,
      facts: input.facts,
      issues: input.issues,
      responsibilities: input.responsibilities,
      terms: input.terms,
      performance: input.performance,
      copies: input.copies ?? parties.length + 1,
      mediators: JSON.stringify(settled.mediators),
      drafted_at: ctx.now,
      drafted_by: ctx.actor.id,
    };
    return {
      events: [{ kind: 'agreement', data: { attemptNumber: settled.number, redrawn: existing !== undefined } }],
      audit: { action: 'dispute.agreement', summary: existing ? '重新制作调解协议书' : '制作调解协议书', after: { attemptNumber: settled.number, copies: values.copies } },
      after: async (t) => {
        if (existing) await t.updateTable('dispute_agreement').set(values).where('district_id', '=', districtId).where('dispute_id', '=', disputeId).execute();
        else await t.insertInto('dispute_agreement').values({ district_id: districtId, dispute_id: disputeId, id: crypto.randomUUID(), ...values }).execute();
        for (const p of input.parties ?? []) {
          const patch: Record<string, unknown> = {};
          if (p.gender) patch.gender = p.gender;
          if (p.age !== undefined) patch.age = p.age;
          if (p.ethnicity) patch.ethnicity = p.ethnicity.trim();
          if (p.address) patch.address = p.address.trim();
          if (p.idNumber) patch.id_number = p.idNumber.trim().toUpperCase();
          if (Object.keys(patch).length > 0) await t.updateTable('dispute_party').set(patch).where('district_id', '=', districtId).where('id', '=', p.partyId).execute();
        }
      },
    };
  });
}

/** 人民调解法 33: the parties may jointly apply for judicial confirmation within 30 days of the agreement taking effect. Pure. */
export function judicialDeadline(effectiveOn: string): string {
  return addDays(effectiveOn, JUDICIAL_WINDOW_DAYS);
}

export async function signAgreement(db: Db, ctx: DisputeCtx, disputeId: string, input: { signedOn: string; effectiveOn?: string | undefined }): Promise<void> {
  const districtId = ctx.actor.districtId;
  const effectiveOn = input.effectiveOn ?? input.signedOn;
  if (isFutureDate(input.signedOn, ctx.now)) fail('DISPUTE_DATE_IN_FUTURE', { field: 'signedOn' }, '「签署日期」不能晚于今天');
  if (effectiveOn < input.signedOn) fail('DISPUTE_DATE_IN_FUTURE', { field: 'effectiveOn' }, '「生效日期」不能早于签署日期', 'The agreement cannot take effect before it is signed');
  const deadline = judicialDeadline(effectiveOn);
  await onDispute(db, ctx, disputeId, async (_l, tx) => {
    const a = await tx.selectFrom('dispute_agreement').select(['signed_on']).where('district_id', '=', districtId).where('dispute_id', '=', disputeId).executeTakeFirst();
    if (!a) return fail('DISPUTE_AGREEMENT_MISSING');
    if (a.signed_on) return fail('DISPUTE_AGREEMENT_SIGNED');
    return {
      events: [{ kind: 'agreement_signed', data: { signedOn: input.signedOn, effectiveOn, judicialDeadline: deadline } }],
      set: { judicial_deadline: deadline },
      audit: { action: 'dispute.agreement_sign', summary: `调解协议书已签署（${input.signedOn}），司法确认申请期限至 ${deadline}`, after: { signedOn: input.signedOn, effectiveOn, judicialDeadline: deadline } },
      after: async (t) => {
        await t.updateTable('dispute_agreement').set({ signed_on: input.signedOn, effective_on: effectiveOn, judicial_deadline: deadline }).where('district_id', '=', districtId).where('dispute_id', '=', disputeId).execute();
      },
    };
  });
}

export async function recordJudicial(db: Db, ctx: DisputeCtx, disputeId: string, input: { status: 'applied' | 'confirmed' | 'rejected'; on: string; court?: string | undefined; note?: string | undefined }): Promise<void> {
  const districtId = ctx.actor.districtId;
  if (isFutureDate(input.on, ctx.now)) fail('DISPUTE_DATE_IN_FUTURE', { field: 'on' });
  await onDispute(db, ctx, disputeId, async (_l, tx) => {
    const a = await tx.selectFrom('dispute_agreement').select(['signed_on', 'judicial_deadline']).where('district_id', '=', districtId).where('dispute_id', '=', disputeId).executeTakeFirst();
    if (!a) return fail('DISPUTE_AGREEMENT_MISSING');
    if (!a.signed_on || !a.judicial_deadline) return fail('DISPUTE_AGREEMENT_NOT_SIGNED');
    if (input.status === 'applied' && input.on > a.judicial_deadline) return fail('DISPUTE_JUDICIAL_WINDOW_PASSED', { deadline: a.judicial_deadline });
    return {
      events: [{ kind: 'judicial', data: { status: input.status, on: input.on, court: input.court?.trim() || null, note: input.note?.trim() || null } }],
      audit: { action: 'dispute.judicial', summary: `司法确认：${input.status}（${input.on}）`, after: { status: input.status, on: input.on } },
      after: async (t) => {
        await t.updateTable('dispute_agreement').set({ judicial_status: input.status, judicial_on: input.on, judicial_court: input.court?.trim() || null, judicial_note: input.note?.trim() || null }).where('district_id', '=', districtId).where('dispute_id', '=', disputeId).execute();
      },
    };
  });
}

export async function recordFollowUp(db: Db, ctx: DisputeCtx, disputeId: string, input: { on: string; visitorIds?: string[] | undefined; performance: Performance; note?: string | undefined }): Promise<void> {
  const districtId = ctx.actor.districtId;
  if (isFutureDate(input.on, ctx.now)) fail('DISPUTE_DATE_IN_FUTURE', { field: 'on' }, '「回访日期」不能晚于今天');
  await onDispute(db, ctx, disputeId, async (_l, tx) => {
    const a = await tx.selectFrom('dispute_agreement').select(['signed_on']).where('district_id', '=', districtId).where('dispute_id', '=', disputeId).executeTakeFirst();
    if (!a?.signed_on) return fail('DISPUTE_AGREEMENT_NOT_SIGNED');
    const visitors = await staffNames(tx, districtId, input.visitorIds && input.visitorIds.length > 0 ? input.visitorIds : [ctx.actor.id], 'visitorIds');
    return {
      events: [{ kind: 'follow_up', data: { id: crypto.randomUUID(), on: input.on, visitors, performance: input.performance, note: input.note?.trim() || null } }],
      audit: { action: 'dispute.follow_up', summary: `回访（${input.on}）：${input.performance}`, after: { on: input.on, performance: input.performance } },
    };
  });
}

export async function closeDispute(db: Db, ctx: DisputeCtx, disputeId: string, input: { outcome?: CloseOutcome | undefined; note?: string | undefined }): Promise<void> {
  if (!input.outcome) fail('DISPUTE_OUTCOME_REQUIRED', { field: 'outcome' }, '请选择「结案情况」（协议履行完毕 / 当事人撤回或自行和解 / 移交处理已有结果 / 其他）', 'Choose how the dispute ends');
  const outcome = input.outcome;
  const districtId = ctx.actor.districtId;
  await onDispute(db, ctx, disputeId, async ({ status }, tx) => {
    if (status === 'closed') fail('DISPUTE_CLOSED', { status });
    if (outcome === 'performed') {
      const a = await tx.selectFrom('dispute_agreement').select(['signed_on']).where('district_id', '=', districtId).where('dispute_id', '=', disputeId).executeTakeFirst();
      if (status !== 'settled' || !a?.signed_on) fail('DISPUTE_CLOSE_NOT_ALLOWED', { outcome }, '调解协议书签署后才能以“协议履行完毕”结案');
    }
    if (outcome === 'referral_concluded' && status !== 'referred') fail('DISPUTE_CLOSE_NOT_ALLOWED', { outcome }, '该纠纷尚未移交，不能以“移交处理已有结果”结案');
    if (outcome === 'withdrawn' && status !== 'mediating' && status !== 'exhausted') fail('DISPUTE_CLOSE_NOT_ALLOWED', { outcome }, '只有调解中或待移交的纠纷可以“撤回或自行和解”结案');
    return {
      events: [{ kind: 'closed', data: { outcome, note: input.note?.trim() || null } }],
      set: { closed_at: ctx.now },
      audit: { action: 'dispute.close', summary: `结案：${CLOSE_OUTCOMES[outcome].zh}`, after: { outcome } },
    };
  });
}
