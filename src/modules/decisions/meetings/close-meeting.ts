import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import { fail } from '../../../platform/errors.ts';
import { tally, type Elector, type TallyResult } from '../rules/tally.ts';
import type { Ctx } from './bodies.commands.ts';
import { itemIdsOf, lockMeeting, recordStep, requireOpen, rulesOf, withTx } from './meeting-shared.ts';
import type { MeetingRow } from './meetings.tables.ts';

export type ItemResult = { itemId: string; position: number; title: string; quorumMet: boolean; passed: boolean; counts: TallyResult['counts']; explanation: { zh: string; en: string } };

/** The tally of every item of the meeting, from what is stored now (pure tally over the frozen roster). */
export async function tallyMeeting(tx: Db, meeting: MeetingRow): Promise<ItemResult[]> {
  const rules = rulesOf(meeting);
  const itemIds = await itemIdsOf(tx, meeting);
  const districtId = meeting.district_id;
  const [roster, present, recusals, ballots, items] = await Promise.all([
    tx.selectFrom('meeting_roster').select(['resident_id', 'weight_area']).where('district_id', '=', districtId).where('meeting_id', '=', meeting.id).orderBy('position').execute(),
    tx.selectFrom('meeting_attendance').select('resident_id').where('district_id', '=', districtId).where('meeting_id', '=', meeting.id).execute(),
    tx.selectFrom('meeting_recusal').select(['item_id', 'resident_id']).where('district_id', '=', districtId).where('meeting_id', '=', meeting.id).execute(),
    tx.selectFrom('ballot').select(['item_id', 'resident_id', 'choice']).where('district_id', '=', districtId).where('meeting_id', '=', meeting.id).execute(),
    itemIds.length ? tx.selectFrom('matter_item').select(['id', 'position', 'title']).where('district_id', '=', districtId).where('id', 'in', itemIds).execute() : Promise.resolve([]),
  ]);
  const presentIds = present.map((p) => p.resident_id);
  const out: ItemResult[] = [];
  for (const itemId of itemIds) {
    const item = items.find((i) => i.id === itemId);
    if (!item) continue;
    const recused = new Set(recusals.filter((r) => r.item_id === itemId).map((r) => r.resident_id));
    const electorate: Elector[] = roster.map((r) => ({ memberId: r.resident_id, weight: r.weight_area === null ? { head: 1 } : { head: 1, area: Number(r.weight_area) }, ...(recused.has(r.resident_id) ? { recused: true } : {}) }));
    const result = tally({
      rule: { attendance: rules.attendance, decision: rules.decision },
      electorate,
      present: presentIds,
      ballots: ballots.filter((b) => b.item_id === itemId && !recused.has(b.resident_id)).map((b) => ({ memberId: b.resident_id, choice: b.choice })),
    });
    out.push({ itemId, position: item.position, title: item.title, quorumMet: result.quorumMet, passed: result.passed, counts: result.counts, explanation: result.explanation });
  }
  return out;
}

/** Closes the meeting: tallies each item (a batch is voted and tallied item by item) and stores the results. */
export async function closeMeeting(ctx: Ctx, meetingId: string): Promise<ItemResult[]> {
  return withTx(ctx.db, async (tx) => {
    const meeting = await lockMeeting(tx, ctx.actor.districtId, meetingId, 'update');
    requireOpen(meeting);
    if (meeting.status !== 'voting') return fail('MEETING_WRONG_STATUS', { status: meeting.status }, '会议还没有开始表决，不能结束计票');
    const unresolved = await tx
      .selectFrom('ballot_entry as e')
      .select(sql<string>`count(distinct (e.item_id, e.resident_id))`.as('n'))
      .where('e.district_id', '=', meeting.district_id)
      .where('e.meeting_id', '=', meeting.id)
      .where('e.superseded_at', 'is', null)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('ballot as b').select('b.id').whereRef('b.district_id', '=', 'e.district_id').whereRef('b.meeting_id', '=', 'e.meeting_id').whereRef('b.item_id', '=', 'e.item_id').whereRef('b.resident_id', '=', 'e.resident_id'))))
      .executeTakeFirstOrThrow();
    if (Number(unresolved.n) > 0) return fail('MEETING_PAPER_UNRESOLVED', { count: Number(unresolved.n) }, `还有 ${unresolved.n} 张纸质选票两名计票人的录入不一致或尚未核对，不能结束会议`);
    const results = await tallyMeeting(tx, meeting);
    if (results.length > 0) {
      await tx.insertInto('meeting_result').values(results.map((r) => ({
        district_id: meeting.district_id, meeting_id: meeting.id, item_id: r.itemId, quorum_met: r.quorumMet, passed: r.passed, counts: JSON.stringify(r.counts),
        explanation_zh: r.explanation.zh, explanation_en: r.explanation.en, tallied_at: ctx.now,
      }))).execute();
    }
    await tx.updateTable('meeting').set({ status: 'closed', closed_at: ctx.now, closed_by: ctx.actor.id }).where('district_id', '=', meeting.district_id).where('id', '=', meeting.id).execute();
    const passed = results.filter((r) => r.passed).length;
    const word = (r: ItemResult) => (r.passed ? '通过' : r.quorumMet ? '未通过' : '到会人数不足，表决无效');
    await recordStep(tx, {
      meeting, actor: ctx.actor, ip: ctx.ip, at: ctx.now, kind: 'meeting.closed',
      summary: {
        zh: `会议结束计票：${results.length === 1 && results[0] ? `${word(results[0])}。${results[0].explanation.zh}` : `${results.length} 项中 ${passed} 项通过（${results.map((r) => `第 ${r.position} 项${word(r)}`).join('；')}）`}`,
        en: `Meeting closed and tallied: ${passed} of ${results.length} items passed`,
      },
      data: { results: results.map((r) => ({ itemId: r.itemId, quorumMet: r.quorumMet, passed: r.passed })) },
      audit: { before: { status: 'voting' }, after: { status: 'closed', passed, items: results.length } },
    });
    return results;
  });
}

export type MeetingOutcome = { meetingId: string; closed: boolean; items: { itemId: string; quorumMet: boolean; passed: boolean; explanation: { zh: string; en: string } }[] };

/**
 * What MATTERS' close-stage check reads: the stage's latest meeting, and for a closed one each item's
 * stored result (quorum met, passed, explanation for the minutes). Null when the stage has no meeting.
 */
export async function meetingOutcome(tx: Db, districtId: string, stageId: string): Promise<MeetingOutcome | null> {
  const meeting = await tx.selectFrom('meeting').select(['id', 'status']).where('district_id', '=', districtId).where('stage_id', '=', stageId).orderBy('called_at', 'desc').orderBy(sql`closed_at is null`, 'desc').orderBy('closed_at', 'desc').limit(1).executeTakeFirst();
  if (!meeting) return null;
  if (meeting.status !== 'closed') return { meetingId: meeting.id, closed: false, items: [] };
  const rows = await tx
    .selectFrom('meeting_result as r')
    .innerJoin('matter_item as i', (j) => j.onRef('i.district_id', '=', 'r.district_id').onRef('i.id', '=', 'r.item_id'))
    .select(['r.item_id', 'r.quorum_met', 'r.passed', 'r.explanation_zh', 'r.explanation_en'])
    .where('r.district_id', '=', districtId)
    .where('r.meeting_id', '=', meeting.id)
    .orderBy('i.position')
    .execute();
  return { meetingId: meeting.id, closed: true, items: rows.map((r) => ({ itemId: r.item_id, quorumMet: r.quorum_met, passed: r.passed, explanation: { zh: r.explanation_zh, en: r.explanation_en } })) };
}
