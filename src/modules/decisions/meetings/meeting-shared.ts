import { appendAudit } from '../../../platform/audit/audit.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import { fail } from '../../../platform/errors.ts';
import { appendMatterEvent } from '../matters/index.ts';
import type { AttendanceMode, ShareRule } from '../rules/procedure-template.ts';
import type { MeetingRow, MeetingStatus } from './meetings.tables.ts';
import './meetings.errors.ts';

/** The effective rules of a meeting, fixed at its call (the stage's rules or the chosen alternative's). */
export type MeetingRules = {
  stageName: { zh: string; en: string };
  body: string | null;
  attendanceMode: AttendanceMode;
  attendance: ShareRule | null;
  decision: ShareRule | null;
  noticeDays: number | null;
  allowProxy: boolean;
  ballot: 'open' | 'secret';
  /** The matter items voted at this meeting (those in play when it was called), in order. */
  itemIds: string[];
};

export const STATUS_LABELS: Record<MeetingStatus, { zh: string; en: string }> = {
  called: { zh: '已召集', en: 'Called' },
  signing_in: { zh: '签到中', en: 'Signing in' },
  voting: { zh: '表决中', en: 'Voting' },
  closed: { zh: '已结束', en: 'Closed' },
};

export const CHOICE_LABELS = { yes: { zh: '同意', en: 'yes' }, no: { zh: '不同意', en: 'no' }, abstain: { zh: '弃权', en: 'abstain' } } as const;

/**
 * The meeting's rules, read defensively: a meeting row written by other code (the demo seed's stand-in
 * stores the StageTemplate itself) lacks some fields; `itemIds` is then empty and `itemIdsOf` falls back
 * to the matter's items.
 */
export function rulesOf(meeting: { rules: unknown }): MeetingRules & { itemIdsKnown: boolean } {
  const raw = (meeting.rules ?? {}) as Partial<MeetingRules> & { name?: { zh: string; en: string } };
  return {
    stageName: raw.stageName ?? raw.name ?? { zh: '', en: '' },
    body: raw.body ?? null,
    attendanceMode: raw.attendanceMode ?? 'members',
    attendance: raw.attendance ?? null,
    decision: raw.decision ?? null,
    noticeDays: raw.noticeDays ?? null,
    allowProxy: raw.allowProxy ?? false,
    ballot: raw.ballot === 'secret' ? 'secret' : 'open',
    itemIds: Array.isArray(raw.itemIds) ? raw.itemIds : [],
    itemIdsKnown: Array.isArray(raw.itemIds),
  };
}

/** The items voted at a meeting, in order (for a row without `itemIds`: the matter's items not stopped). */
export async function itemIdsOf(db: Db, meeting: { district_id: string; matter_id: string; rules: unknown }): Promise<string[]> {
  const rules = rulesOf(meeting);
  if (rules.itemIdsKnown) return rules.itemIds;
  const rows = await db.selectFrom('matter_item').select('id').where('district_id', '=', meeting.district_id).where('matter_id', '=', meeting.matter_id).where('status', '<>', 'stopped').orderBy('position').execute();
  return rows.map((r) => r.id);
}

/** Runs `fn` in a transaction, or inside the caller's when `db` already is one (so the demo seed can compose commands). */
export function withTx<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** The meeting row, locked against a concurrent close (`share`) or for a status change (`update`). */
export async function lockMeeting(tx: Db, districtId: string, meetingId: string, mode: 'share' | 'update'): Promise<MeetingRow> {
  const q = tx.selectFrom('meeting').selectAll().where('district_id', '=', districtId).where('id', '=', meetingId);
  const row = await (mode === 'share' ? q.forShare() : q.forUpdate()).executeTakeFirst();
  return row ?? fail('NOT_FOUND', { entity: 'meeting', id: meetingId });
}

export function requireOpen(meeting: MeetingRow): void {
  if (meeting.status === 'closed') fail('MEETING_CLOSED', { status: meeting.status });
}

export async function rosterEntry(tx: Db, meeting: MeetingRow, residentId: string, field = 'residentId') {
  const row = await tx.selectFrom('meeting_roster').selectAll().where('district_id', '=', meeting.district_id).where('meeting_id', '=', meeting.id).where('resident_id', '=', residentId).executeTakeFirst();
  return row ?? fail('MEETING_NOT_ON_ROSTER', { field, residentId });
}

export async function requireItem(db: Db, meeting: MeetingRow, itemId: string): Promise<void> {
  if (!(await itemIdsOf(db, meeting)).includes(itemId)) fail('MEETING_ITEM_UNKNOWN', { field: 'itemId' });
}

/** One step of a meeting: an event on the matter's timeline and an audit entry, in the caller's transaction. */
export async function recordStep(
  tx: Db,
  input: { meeting: MeetingRow; actor: Actor | null; ip: string | null; at: Date; kind: string; summary: { zh: string; en: string }; data?: Record<string, unknown> | null; audit?: { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null } },
): Promise<void> {
  const m = input.meeting;
  await appendMatterEvent(tx, { districtId: m.district_id, matterId: m.matter_id, stageId: m.stage_id, actor: input.actor, kind: input.kind, summary: input.summary, data: { meetingId: m.id, ...(input.data ?? {}) }, at: input.at });
  await appendAudit(tx, {
    districtId: m.district_id, actor: input.actor, ip: input.ip, at: input.at, action: input.kind, entityType: 'meeting', entityId: m.id, nodePath: m.node_path,
    summary: `「${m.title}」${input.summary.zh}`, before: input.audit?.before ?? null, after: input.audit?.after ?? null,
  });
}
