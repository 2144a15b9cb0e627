import crypto from 'node:crypto';
import type { ResidentActor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import { fail } from '../../../platform/errors.ts';
import type { Ctx } from './bodies.commands.ts';
import { CHOICE_LABELS, lockMeeting, recordStep, requireItem, rosterEntry, rulesOf, withTx } from './meeting-shared.ts';
import type { BallotChoice, MeetingRow } from './meetings.tables.ts';
import { tellerStep, type PaperState } from './meeting-rules.ts';

/**
 * Ballots: cast by a member on the portal, or read from paper by two tellers. One ballot per meeting ×
 * item × member (a unique key): of two concurrent ballots from the same member exactly one counts.
 * In a secret ballot no list or timeline shows who voted what, only that someone voted.
 */

async function checkVoter(tx: Db, meeting: MeetingRow, input: { itemId: string; residentId: string }, now: Date) {
  if (meeting.status === 'closed') fail('MEETING_CLOSED', { status: meeting.status }, '会议已结束，不能再投票');
  const member = await rosterEntry(tx, meeting, input.residentId);
  if (meeting.status !== 'voting') fail('BALLOT_NOT_VOTING', { status: meeting.status });
  if (meeting.voting_closes_at && now > meeting.voting_closes_at) fail('BALLOT_DEADLINE_PASSED');
  await requireItem(tx, meeting, input.itemId);
  const recused = await tx.selectFrom('meeting_recusal').select('reason').where('district_id', '=', meeting.district_id).where('meeting_id', '=', meeting.id).where('item_id', '=', input.itemId).where('resident_id', '=', member.resident_id).executeTakeFirst();
  if (recused) fail('BALLOT_RECUSED', { field: 'itemId', reason: recused.reason }, `该成员已就此事项回避（${recused.reason}），不能投票`);
  return member;
}

async function itemLabel(tx: Db, meeting: MeetingRow, itemId: string): Promise<{ position: number; title: string }> {
  return tx.selectFrom('matter_item').select(['position', 'title']).where('district_id', '=', meeting.district_id).where('id', '=', itemId).executeTakeFirstOrThrow();
}

export async function castPortalBallot(input: { db: Db; actor: ResidentActor; ip: string; now: Date }, meetingId: string, ballot: { itemId: string; choice: BallotChoice }): Promise<void> {
  const { actor, now } = input;
  await withTx(input.db, async (tx) => {
    const meeting = await lockMeeting(tx, actor.districtId, meetingId, 'share');
    const member = await checkVoter(tx, meeting, { itemId: ballot.itemId, residentId: actor.id }, now);
    // Serialised with the tellers' paper entries for the same member (see enterPaperBallot).
    await tx.selectFrom('meeting_roster').select('resident_id').where('district_id', '=', meeting.district_id).where('meeting_id', '=', meeting.id).where('resident_id', '=', actor.id).forUpdate().execute();
    const paper = await tx.selectFrom('ballot_entry').select('id').where('district_id', '=', meeting.district_id).where('meeting_id', '=', meeting.id).where('item_id', '=', ballot.itemId).where('resident_id', '=', actor.id).where('superseded_at', 'is', null).executeTakeFirst();
    if (paper) fail('BALLOT_ALREADY_CAST', { itemId: ballot.itemId }, '您的纸质选票已在录入，不能再网上投票');
    const inserted = await tx
      .insertInto('ballot')
      .values({ district_id: meeting.district_id, id: crypto.randomUUID(), meeting_id: meeting.id, item_id: ballot.itemId, resident_id: actor.id, choice: ballot.choice, channel: 'portal', cast_at: now })
      .onConflict((oc) => oc.columns(['district_id', 'meeting_id', 'item_id', 'resident_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) fail('BALLOT_ALREADY_CAST', { itemId: ballot.itemId });
    // Voting on the portal counts as attending (出席) from the moment of the first ballot.
    await tx.insertInto('meeting_attendance')
      .values({ district_id: meeting.district_id, meeting_id: meeting.id, resident_id: actor.id, mode: 'online', proxy_name: null, proxy_reason: null, witness: null, signed_in_at: now, recorded_by: null })
      .onConflict((oc) => oc.columns(['district_id', 'meeting_id', 'resident_id']).doNothing())
      .execute();
    const item = await itemLabel(tx, meeting, ballot.itemId);
    const secret = rulesOf(meeting).ballot === 'secret';
    await recordStep(tx, {
      meeting, actor, ip: input.ip, at: now, kind: 'meeting.ballot',
      summary: secret
        ? { zh: `「${member.name}」已在网上就第 ${item.position} 项投票（无记名）`, en: `${member.name} voted online on item ${item.position} (secret ballot)` }
        : { zh: `「${member.name}」在网上就第 ${item.position} 项投「${CHOICE_LABELS[ballot.choice].zh}」`, en: `${member.name} voted ${CHOICE_LABELS[ballot.choice].en} online on item ${item.position}` },
      data: secret ? { itemId: ballot.itemId, residentId: actor.id } : { itemId: ballot.itemId, residentId: actor.id, choice: ballot.choice },
      audit: { after: secret ? { itemId: ballot.itemId } : { itemId: ballot.itemId, choice: ballot.choice } },
    });
  });
}

export type PaperEntryState = PaperState;

/**
 * A teller's reading of one paper ballot. The ballot counts when the two tellers' current readings
 * agree; a teller changes their reading only with a correction reason, and the old reading is kept.
 */
export async function enterPaperBallot(ctx: Ctx, meetingId: string, input: { itemId: string; residentId: string; choice: BallotChoice; correctionReason?: string | null }): Promise<{ state: PaperEntryState }> {
  return withTx(ctx.db, async (tx) => {
    const meeting = await lockMeeting(tx, ctx.actor.districtId, meetingId, 'share');
    const member = await checkVoter(tx, meeting, input, ctx.now);
    const key = (q: ReturnType<typeof tx.selectFrom<'ballot_entry'>>) => q.where('district_id', '=', meeting.district_id).where('meeting_id', '=', meeting.id).where('item_id', '=', input.itemId).where('resident_id', '=', member.resident_id);
    // Serialise the tellers' entries for one ballot on the member's roster row.
    await tx.selectFrom('meeting_roster').select('resident_id').where('district_id', '=', meeting.district_id).where('meeting_id', '=', meeting.id).where('resident_id', '=', member.resident_id).forUpdate().execute();
    const attended = await tx.selectFrom('meeting_attendance').select('mode').where('district_id', '=', meeting.district_id).where('meeting_id', '=', meeting.id).where('resident_id', '=', member.resident_id).executeTakeFirst();
    if (!attended) fail('BALLOT_NOT_SIGNED_IN', { field: 'residentId' });
    const cast = await tx.selectFrom('ballot').select(['channel']).where('district_id', '=', meeting.district_id).where('meeting_id', '=', meeting.id).where('item_id', '=', input.itemId).where('resident_id', '=', member.resident_id).executeTakeFirst();
    if (cast?.channel === 'portal') fail('BALLOT_ALREADY_CAST', { field: 'residentId' }, '该成员已在网上投票，不能再录入纸质选票');
    const current = await key(tx.selectFrom('ballot_entry')).selectAll().where('superseded_at', 'is', null).execute();
    const mine = current.find((e) => e.teller_id === ctx.actor.id);
    const reason = input.correctionReason?.trim() || null;
    const step = tellerStep(current.map((e) => ({ tellerId: e.teller_id, choice: e.choice })), { tellerId: ctx.actor.id, choice: input.choice, reason });
    if (!step.ok) return fail(step.code, { field: step.code === 'BALLOT_TELLERS_FULL' ? 'residentId' : 'correctionReason' });
    const state = step.state;
    const id = crypto.randomUUID();
    if (mine) await tx.updateTable('ballot_entry').set({ superseded_at: ctx.now, superseded_by: id }).where('district_id', '=', meeting.district_id).where('id', '=', mine.id).execute();
    await tx.insertInto('ballot_entry').values({
      district_id: meeting.district_id, id, meeting_id: meeting.id, item_id: input.itemId, resident_id: member.resident_id, teller_id: ctx.actor.id, teller_name: ctx.actor.displayName,
      choice: input.choice, entered_at: ctx.now, correction_reason: reason, superseded_at: null, superseded_by: null,
    }).execute();
    const ballotKey = (q: ReturnType<typeof tx.deleteFrom<'ballot'>>) => q.where('district_id', '=', meeting.district_id).where('meeting_id', '=', meeting.id).where('item_id', '=', input.itemId).where('resident_id', '=', member.resident_id);
    if (state === 'agreed') {
      await tx.insertInto('ballot')
        .values({ district_id: meeting.district_id, id: crypto.randomUUID(), meeting_id: meeting.id, item_id: input.itemId, resident_id: member.resident_id, choice: input.choice, channel: 'paper', cast_at: ctx.now })
        .onConflict((oc) => oc.columns(['district_id', 'meeting_id', 'item_id', 'resident_id']).doUpdateSet({ choice: input.choice, cast_at: ctx.now }))
        .execute();
    } else if (cast) {
      await ballotKey(tx.deleteFrom('ballot')).execute();
    }
    const item = await itemLabel(tx, meeting, input.itemId);
    const secret = rulesOf(meeting).ballot === 'secret';
    const what = secret ? '' : `「${CHOICE_LABELS[input.choice].zh}」`;
    const outcome = { pending: '待另一名计票人核对', agreed: '两名计票人一致，计入', disagreed: '两名计票人不一致，暂不计入' }[state];
    await recordStep(tx, {
      meeting, actor: ctx.actor, ip: ctx.ip, at: ctx.now, kind: reason ? 'meeting.paper_entry.correct' : 'meeting.paper_entry',
      summary: {
        zh: `${reason ? `更正（${reason}）` : '录入'}「${member.name}」第 ${item.position} 项纸质选票${what}：${outcome}`,
        en: `${reason ? 'Corrected' : 'Entered'} the paper ballot of ${member.name} on item ${item.position}${secret ? '' : ` (${CHOICE_LABELS[input.choice].en})`}: ${state}`,
      },
      data: { itemId: input.itemId, residentId: member.resident_id, entryId: id, state, ...(secret ? {} : { choice: input.choice }), ...(reason ? { reason } : {}) },
      audit: { before: mine ? (secret ? { entryId: mine.id } : { entryId: mine.id, choice: mine.choice }) : null, after: { entryId: id, state, ...(secret ? {} : { choice: input.choice }), ...(reason ? { reason } : {}) } },
    });
    return { state };
  });
}
