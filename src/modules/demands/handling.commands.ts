import { sql } from 'kysely';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/errors.ts';
import { loadWorkingCalendar, type WorkingCalendar } from '../calendar/index.ts';
import {
  applyDemandEvent,
  levelAbove,
  levelRank,
  matchRoute,
  replayDemand,
  type Assignment,
  type DemandEvent,
  type DemandState,
  type EventActor,
  type HandlingLevel,
  type OutcomeResult,
  type Rating,
} from './rules/index.ts';
import { bodyByCode, cachedColumns, categoryRule, DEFAULT_BODY_BY_LEVEL, deadlinesOf, eventFromRow, eventToRow, ROUTING_RULES } from './demand-store.ts';
import { ruleError } from './demands.errors.ts';
import { EVENT_NAMES } from './demand-labels.ts';
import { hotlineLimitOf } from './demands.repository.ts';

export type CommandCtx = { actor: Actor; ip: string; now: Date };

/** What a handling command asks for; the builder turns it into the rules' event from the current state. */
export type DemandCommand =
  | { kind: 'route' }
  | { kind: 'accept' }
  | { kind: 'escalate'; reason: string; level?: HandlingLevel | undefined }
  | { kind: 'return'; reason: string }
  | { kind: 'transfer'; reason: string; level: HandlingLevel; body: string }
  | { kind: 'extend'; amount: number; reason: string }
  | { kind: 'suspend'; reason: string }
  | { kind: 'resume' }
  | { kind: 'urge'; note?: string | undefined }
  | { kind: 'supervise'; note?: string | undefined }
  | { kind: 'finish'; outcome: { result: OutcomeResult; text: string } | null | undefined }
  | { kind: 'reopen'; reason: string }
  | { kind: 'rate'; rating: Rating; comment?: string | undefined }
  | { kind: 'merge'; intoDemandId: string };

const AUDIT_ACTION: Record<DemandCommand['kind'], string> = {
  route: 'demand.route', accept: 'demand.accept', escalate: 'demand.escalate', return: 'demand.return', transfer: 'demand.transfer',
  extend: 'demand.extend', suspend: 'demand.suspend', resume: 'demand.resume', urge: 'demand.urge', supervise: 'demand.supervise',
  finish: 'demand.finish', reopen: 'demand.reopen', rate: 'demand.rate', merge: 'demand.merge',
};

function defaultAssignment(level: HandlingLevel): Assignment {
  return { level, lead: DEFAULT_BODY_BY_LEVEL[level], coHandlers: [] };
}

/** The rules' event for a command, given the demand's current state (routing and escalation pick the body here). */
export function eventFor(state: DemandState, command: DemandCommand, actor: EventActor, at: Date): DemandEvent {
  const base = { at, actor };
  switch (command.kind) {
    case 'route': {
      const match = matchRoute({ rules: ROUTING_RULES, lineage: categoryRule(state.categoryCode).lineage, areaPath: state.areaPath });
      if (!match) return fail('DEMAND_NO_ROUTE');
      return { ...base, kind: 'routed', to: { level: match.level, lead: match.lead, coHandlers: match.coHandlers } };
    }
    case 'accept':
      return { ...base, kind: 'accepted' };
    case 'escalate': {
      const current = state.assignment?.level ?? null;
      const above = current === null ? 'grid' : levelAbove(current);
      const target = command.level ?? above ?? current ?? 'district';
      let to = defaultAssignment(target);
      if (above !== null && levelRank(target) >= levelRank(above)) {
        const match = matchRoute({ rules: ROUTING_RULES, lineage: categoryRule(state.categoryCode).lineage, areaPath: state.areaPath, minLevel: target });
        if (match && match.level === target) to = { level: match.level, lead: match.lead, coHandlers: match.coHandlers };
      }
      return { ...base, kind: 'escalated', reason: command.reason, to };
    }
    case 'return':
      return { ...base, kind: 'returned', reason: command.reason };
    case 'transfer': {
      const lead = bodyByCode(command.body);
      if (!lead) return fail('DEMAND_BODY_UNKNOWN', { field: 'body', body: command.body });
      return { ...base, kind: 'transferred', reason: command.reason, to: { level: command.level, lead, coHandlers: [] } };
    }
    case 'extend':
      return { ...base, kind: 'extended', amount: command.amount, reason: command.reason, approvedBy: actor.name };
    case 'suspend':
      return { ...base, kind: 'suspended', reason: command.reason };
    case 'resume':
      return { ...base, kind: 'resumed' };
    case 'urge':
      return { ...base, kind: 'urged', ...(command.note ? { note: command.note } : {}) };
    case 'supervise':
      return { ...base, kind: 'supervised', ...(command.note ? { note: command.note } : {}) };
    case 'finish':
      return { ...base, kind: 'done', outcome: command.outcome ?? null };
    case 'reopen':
      return { ...base, kind: 'reopened', reason: command.reason };
    case 'rate':
      return { ...base, kind: 'rated', rating: command.rating, ...(command.comment ? { comment: command.comment } : {}) };
    case 'merge':
      return { ...base, kind: 'merged', intoDemandId: command.intoDemandId };
  }
}

/**
 * Applies one command to a demand in one transaction: lock the row, replay the history, apply the
 * event with the rules (a refusal becomes the rules' error), append the event, rewrite the cached
 * state and deadlines, and append the audit entry. A resident acts only on their own demands
 * (another's is 404, as if it did not exist). Answers with the working calendar it used, so that the
 * caller presents the demand without reading the calendar again.
 */
export async function handleDemand(db: Db, ctx: CommandCtx, demandId: string, command: DemandCommand): Promise<{ id: string; status: string; calendar: WorkingCalendar }> {
  const districtId = ctx.actor.districtId;
  const calendar = await loadWorkingCalendar(db, districtId);
  return db.transaction().execute(async (tx) => {
    let query = tx.selectFrom('demand').select(['id', 'node_path', 'event_count', 'closed_at', 'title', 'status', 'channel']).where('district_id', '=', districtId).where('id', '=', demandId);
    if (ctx.actor.kind === 'resident') query = query.where('resident_id', '=', ctx.actor.id);
    const row = await query.forUpdate().executeTakeFirst();
    if (!row) return fail('NOT_FOUND', { entity: 'demand', id: demandId }, '要找的诉求不存在');
    const rows = await tx.selectFrom('demand_event').selectAll().where('district_id', '=', districtId).where('demand_id', '=', demandId).orderBy('seq').execute();
    // A 12345 transfer's own limit can bring the finish deadline forward.
    const hotline = row.channel === 'hotline_12345' || row.channel === 'hotline' ? await hotlineLimitOf(tx, districtId, demandId) : null;
    const replayed = replayDemand(rows.map(eventFromRow));
    if (!replayed.ok) throw new Error(`demand ${demandId}: stored history does not replay: ${replayed.error.code}`);
    const state = replayed.value;
    if (command.kind === 'merge') await checkMergeTarget(tx, districtId, demandId, command.intoDemandId);
    // The clock never runs backwards within a history.
    const at = ctx.now.getTime() < state.lastEventAt.getTime() ? state.lastEventAt : ctx.now;
    const actor: EventActor = { kind: ctx.actor.kind, id: ctx.actor.id, name: ctx.actor.displayName };
    const event = eventFor(state, command, actor, at);
    const next = applyDemandEvent(state, event);
    if (!next.ok) throw ruleError(next.error);
    const seq = rows.length + 1;
    await tx.insertInto('demand_event').values(eventToRow(districtId, demandId, seq, event)).execute();
    const updated = await tx
      .updateTable('demand')
      .set({ ...cachedColumns(next.value, deadlinesOf(next.value, calendar, at, hotline), at, row.closed_at), event_count: seq })
      .where('district_id', '=', districtId)
      .where('id', '=', demandId)
      .where('event_count', '=', row.event_count)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return fail('DEMAND_CONCURRENT');
    const reason = 'reason' in event && typeof event.reason === 'string' ? `：${event.reason.trim()}` : '';
    await appendAudit(tx, {
      districtId,
      actor: ctx.actor,
      ip: ctx.ip,
      at,
      action: AUDIT_ACTION[command.kind],
      entityType: 'demand',
      entityId: demandId,
      nodePath: row.node_path,
      summary: `诉求「${row.title}」${EVENT_NAMES[event.kind].zh}${reason}`,
      before: { status: state.status },
      after: { status: next.value.status, ...(event.kind === 'escalated' || event.kind === 'transferred' || event.kind === 'routed' ? { level: event.to.level, lead: event.to.lead.body } : {}) },
    });
    return { id: demandId, status: next.value.status, calendar };
  });
}

async function checkMergeTarget(tx: Db, districtId: string, demandId: string, intoId: string): Promise<void> {
  if (intoId === demandId) fail('DEMAND_MERGE_SELF', { field: 'intoDemandId' });
  const target = await tx.selectFrom('demand').select(['status']).where('district_id', '=', districtId).where('id', '=', intoId).executeTakeFirst();
  if (!target) fail('NOT_FOUND', { field: 'intoDemandId' }, '「合并到」的诉求不存在');
  if (target.status === 'closed' || target.status === 'merged') fail('DEMAND_MERGE_TARGET_CLOSED', { field: 'intoDemandId' });
}

/** Scope resolver for 'demand': the org path of the demand's place. */
export async function demandScope(db: Db, districtId: string, id: string): Promise<string[] | null> {
  const row = await db.selectFrom('demand').select('node_path').where('district_id', '=', districtId).where('id', '=', id).executeTakeFirst();
  return row ? [row.node_path] : null;
}

export const openStatuses = sql`('received', 'routed', 'accepted', 'suspended')`;
