import { chinaDate } from '../../../platform/china-time.ts';
import { fail } from '../../../platform/errors.ts';
import type { Ctx } from './bodies.commands.ts';
import { lockMeeting, recordStep, requireItem, requireOpen, rosterEntry, rulesOf, withTx } from './meeting-shared.ts';

/** The steps of a meeting before the ballots: open sign-in, sign in, recuse, open voting. */

export async function openSignIn(ctx: Ctx, meetingId: string): Promise<void> {
  await withTx(ctx.db, async (tx) => {
    const meeting = await lockMeeting(tx, ctx.actor.districtId, meetingId, 'update');
    requireOpen(meeting);
    if (meeting.status !== 'called') return fail('MEETING_WRONG_STATUS', { status: meeting.status }, '会议已开始签到或表决');
    if (chinaDate(ctx.now) < chinaDate(meeting.scheduled_at)) return fail('MEETING_NOT_YET', { scheduledOn: chinaDate(meeting.scheduled_at) }, `还没到会议日期（${chinaDate(meeting.scheduled_at)}），不能开始签到`);
    await tx.updateTable('meeting').set({ status: 'signing_in', sign_in_opened_at: ctx.now }).where('district_id', '=', meeting.district_id).where('id', '=', meeting.id).execute();
    await recordStep(tx, { meeting, actor: ctx.actor, ip: ctx.ip, at: ctx.now, kind: 'meeting.sign_in.open', summary: { zh: '开始签到', en: 'Sign-in opened' }, audit: { before: { status: 'called' }, after: { status: 'signing_in' } } });
  });
}

export type SignInInput = { residentId: string; mode: 'in_person' | 'proxy'; proxyName?: string | null; proxyReason?: string | null; witness?: string | null };

export async function signIn(ctx: Ctx, meetingId: string, input: SignInInput): Promise<void> {
  await withTx(ctx.db, async (tx) => {
    const meeting = await lockMeeting(tx, ctx.actor.districtId, meetingId, 'share');
    requireOpen(meeting);
    if (meeting.status === 'called') return fail('MEETING_WRONG_STATUS', { status: meeting.status }, '会议还没有开始签到');
    const member = await rosterEntry(tx, meeting, input.residentId);
    if (input.mode === 'proxy') {
      if (!meeting.allow_proxy) return fail('MEETING_PROXY_NOT_ALLOWED', { field: 'mode' });
      if (!input.proxyName?.trim() || !input.proxyReason?.trim() || !input.witness?.trim()) return fail('MEETING_PROXY_INCOMPLETE', { field: !input.proxyName?.trim() ? 'proxyName' : !input.proxyReason?.trim() ? 'proxyReason' : 'witness' });
    }
    const added = await tx
      .insertInto('meeting_attendance')
      .values({
        district_id: meeting.district_id, meeting_id: meeting.id, resident_id: member.resident_id, mode: input.mode,
        proxy_name: input.mode === 'proxy' ? (input.proxyName?.trim() ?? null) : null, proxy_reason: input.mode === 'proxy' ? (input.proxyReason?.trim() ?? null) : null, witness: input.mode === 'proxy' ? (input.witness?.trim() ?? null) : null,
        signed_in_at: ctx.now, recorded_by: ctx.actor.id,
      })
      .onConflict((oc) => oc.columns(['district_id', 'meeting_id', 'resident_id']).doNothing())
      .returning('resident_id')
      .executeTakeFirst();
    if (!added) return fail('MEETING_ALREADY_SIGNED_IN', { field: 'residentId' });
    const how = input.mode === 'proxy' ? { zh: `委托「${input.proxyName?.trim()}」代为出席（${input.proxyReason?.trim()}，见证人 ${input.witness?.trim()}）`, en: 'by proxy' } : { zh: '本人到会', en: 'in person' };
    await recordStep(tx, {
      meeting, actor: ctx.actor, ip: ctx.ip, at: ctx.now, kind: 'meeting.sign_in',
      summary: { zh: `「${member.name}」签到：${how.zh}`, en: `${member.name} signed in ${how.en}` },
      data: { residentId: member.resident_id, mode: input.mode }, audit: { after: { residentId: member.resident_id, mode: input.mode, proxyName: input.proxyName ?? null, witness: input.witness ?? null } },
    });
  });
}

export async function recuse(ctx: Ctx, meetingId: string, input: { itemId: string; residentId: string; reason: string }): Promise<void> {
  await withTx(ctx.db, async (tx) => {
    const meeting = await lockMeeting(tx, ctx.actor.districtId, meetingId, 'share');
    requireOpen(meeting);
    await requireItem(tx, meeting, input.itemId);
    const member = await rosterEntry(tx, meeting, input.residentId);
    const voted = await tx.selectFrom('ballot').select('id').where('district_id', '=', meeting.district_id).where('meeting_id', '=', meeting.id).where('item_id', '=', input.itemId).where('resident_id', '=', member.resident_id).executeTakeFirst();
    const entered = await tx.selectFrom('ballot_entry').select('id').where('district_id', '=', meeting.district_id).where('meeting_id', '=', meeting.id).where('item_id', '=', input.itemId).where('resident_id', '=', member.resident_id).where('superseded_at', 'is', null).executeTakeFirst();
    if (voted || entered) return fail('MEETING_RECUSAL_AFTER_BALLOT', { field: 'residentId' });
    const added = await tx
      .insertInto('meeting_recusal')
      .values({ district_id: meeting.district_id, meeting_id: meeting.id, item_id: input.itemId, resident_id: member.resident_id, reason: input.reason.trim(), automatic: false, recorded_at: ctx.now, recorded_by: ctx.actor.id })
      .onConflict((oc) => oc.columns(['district_id', 'meeting_id', 'item_id', 'resident_id']).doNothing())
      .returning('resident_id')
      .executeTakeFirst();
    if (!added) return fail('MEETING_RECUSAL_EXISTS', { field: 'residentId' });
    const item = await tx.selectFrom('matter_item').select(['title', 'position']).where('district_id', '=', meeting.district_id).where('id', '=', input.itemId).executeTakeFirstOrThrow();
    await recordStep(tx, {
      meeting, actor: ctx.actor, ip: ctx.ip, at: ctx.now, kind: 'meeting.recusal',
      summary: { zh: `「${member.name}」就第 ${item.position} 项「${item.title}」回避：${input.reason.trim()}`, en: `${member.name} recused from item ${item.position}` },
      data: { itemId: input.itemId, residentId: member.resident_id }, audit: { after: { itemId: input.itemId, residentId: member.resident_id, reason: input.reason.trim() } },
    });
  });
}

/** Opens voting; from now on the stage's rules are locked (matter_stage.rules_locked_at). */
export async function openVoting(ctx: Ctx, meetingId: string, input: { closesAt?: string | null } = {}): Promise<void> {
  const closesAt = input.closesAt ? new Date(input.closesAt) : null;
  if (closesAt && (Number.isNaN(closesAt.getTime()) || closesAt <= ctx.now)) fail('VALIDATION_FAILED', { fields: [{ field: 'closesAt', label: '投票截止时间', message: '应晚于现在' }] }, '「投票截止时间」应晚于现在');
  await withTx(ctx.db, async (tx) => {
    const meeting = await lockMeeting(tx, ctx.actor.districtId, meetingId, 'update');
    requireOpen(meeting);
    if (meeting.status !== 'signing_in') return fail('MEETING_WRONG_STATUS', { status: meeting.status }, meeting.status === 'called' ? '请先开始签到，再开始表决' : '会议已在表决中');
    const present = await tx.selectFrom('meeting_attendance').select((eb) => eb.fn.countAll<string>().as('n')).where('district_id', '=', meeting.district_id).where('meeting_id', '=', meeting.id).executeTakeFirstOrThrow();
    await tx.updateTable('meeting').set({ status: 'voting', voting_opened_at: ctx.now, voting_closes_at: closesAt }).where('district_id', '=', meeting.district_id).where('id', '=', meeting.id).execute();
    await tx.updateTable('matter_stage').set({ rules_locked_at: ctx.now }).where('district_id', '=', meeting.district_id).where('id', '=', meeting.stage_id).where('rules_locked_at', 'is', null).execute();
    const secret = rulesOf(meeting).ballot === 'secret';
    await recordStep(tx, {
      meeting, actor: ctx.actor, ip: ctx.ip, at: ctx.now, kind: 'meeting.voting.open',
      summary: { zh: `开始${secret ? '无记名' : '记名'}表决（已签到 ${present.n} 人），本阶段规则自此锁定`, en: `Voting opened (${secret ? 'secret' : 'open'} ballot, ${present.n} signed in); the stage's rules are locked` },
      data: { present: Number(present.n), closesAt: closesAt?.toISOString() ?? null }, audit: { before: { status: 'signing_in' }, after: { status: 'voting', closesAt: closesAt?.toISOString() ?? null } },
    });
  });
}
