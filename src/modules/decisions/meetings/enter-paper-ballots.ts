import crypto from 'node:crypto';
import type { Db } from '../../../platform/db/database.ts';
import { errorSpec, fail } from '../../../platform/errors.ts';
import type { Ctx } from './bodies.commands.ts';
import type { PaperState, Reading } from './meeting-rules.ts';
import { CHOICE_LABELS, itemIdsOf, lockMeeting, recordStep, rulesOf, withTx } from './meeting-shared.ts';
import type { BallotChoice, MeetingRow } from './meetings.tables.ts';
import { ballotKey, planPaperBatch, type PaperBatchEntry, type PaperBatchRefusal } from './paper-batch.ts';

export type PaperBallotsInput = { entries: { itemId: string; residentId: string; choice: BallotChoice; correctionReason?: string | null }[] };
export type PaperBallotsResult = { count: number; agreed: number; pending: number; disagreed: number; corrected: number; states: PaperState[] };

const ROWS_PER_INSERT = 500;

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * A teller's readings of many paper ballots in one command (the bulk of a paper count): the same rules
 * as `enterPaperBallot`, checked for every reading before anything is written. If any reading is refused,
 * the command fails with BALLOT_BATCH_INVALID listing each refusal with its index and reason, and writes
 * nothing; otherwise all readings are written in one transaction with one matter event and ONE audit
 * entry that counts them (each reading keeps its own row in ballot_entry: teller, time, correction reason).
 */
export async function enterPaperBallots(ctx: Ctx, meetingId: string, input: PaperBallotsInput): Promise<PaperBallotsResult> {
  return withTx(ctx.db, async (tx) => {
    const meeting = await lockMeeting(tx, ctx.actor.districtId, meetingId, 'share');
    if (meeting.status === 'closed') fail('MEETING_CLOSED', { status: meeting.status }, '会议已结束，不能再投票');
    if (meeting.status !== 'voting') fail('BALLOT_NOT_VOTING', { status: meeting.status });
    if (meeting.voting_closes_at && ctx.now > meeting.voting_closes_at) fail('BALLOT_DEADLINE_PASSED');
    const entries: PaperBatchEntry[] = input.entries.map((e) => ({ itemId: e.itemId, residentId: e.residentId, choice: e.choice, reason: e.correctionReason?.trim() || null }));
    const residentIds = [...new Set(entries.map((e) => e.residentId))].sort();
    const facts = await loadFacts(tx, { meeting, residentIds, tellerId: ctx.actor.id });
    const plan = planPaperBatch(entries, facts);
    if (!plan.ok) return refuse(plan.refusals, { entries, names: facts.names, positions: facts.positions, count: entries.length });

    const byKey = new Map(facts.entryRows.filter((r) => r.teller_id === ctx.actor.id).map((r) => [ballotKey(r.item_id, r.resident_id), r]));
    const rows = plan.steps.map((step) => {
      const entry = entries[step.index] as PaperBatchEntry;
      return { step, entry, id: crypto.randomUUID(), mine: byKey.get(step.key) ?? null };
    });
    const districtId = meeting.district_id;
    for (const row of rows) {
      if (row.mine) await tx.updateTable('ballot_entry').set({ superseded_at: ctx.now, superseded_by: row.id }).where('district_id', '=', districtId).where('id', '=', row.mine.id).execute();
    }
    for (const part of chunks(rows, ROWS_PER_INSERT)) {
      await tx.insertInto('ballot_entry').values(part.map((row) => ({
        district_id: districtId, id: row.id, meeting_id: meeting.id, item_id: row.entry.itemId, resident_id: row.entry.residentId, teller_id: ctx.actor.id, teller_name: ctx.actor.displayName,
        choice: row.entry.choice, entered_at: ctx.now, correction_reason: row.entry.reason, superseded_at: null, superseded_by: null,
      }))).execute();
    }
    const agreed = rows.filter((row) => row.step.state === 'agreed');
    for (const part of chunks(agreed, ROWS_PER_INSERT)) {
      await tx.insertInto('ballot')
        .values(part.map((row) => ({ district_id: districtId, id: crypto.randomUUID(), meeting_id: meeting.id, item_id: row.entry.itemId, resident_id: row.entry.residentId, choice: row.entry.choice, channel: 'paper' as const, cast_at: ctx.now })))
        .onConflict((oc) => oc.columns(['district_id', 'meeting_id', 'item_id', 'resident_id']).doUpdateSet((eb) => ({ choice: eb.ref('excluded.choice'), cast_at: eb.ref('excluded.cast_at') })))
        .execute();
    }
    // A counted paper ballot whose readings no longer agree (a correction) stops counting.
    for (const row of rows) {
      if (row.step.state !== 'agreed' && facts.paperCast.has(row.step.key)) {
        await tx.deleteFrom('ballot').where('district_id', '=', districtId).where('meeting_id', '=', meeting.id).where('item_id', '=', row.entry.itemId).where('resident_id', '=', row.entry.residentId).execute();
      }
    }

    const result: PaperBallotsResult = {
      count: rows.length,
      agreed: agreed.length,
      pending: rows.filter((row) => row.step.state === 'pending').length,
      disagreed: rows.filter((row) => row.step.state === 'disagreed').length,
      corrected: rows.filter((row) => row.step.action === 'correct').length,
      states: rows.map((row) => row.step.state),
    };
    const secret = rulesOf(meeting).ballot === 'secret';
    const positions = [...new Set(rows.map((row) => facts.positions.get(row.entry.itemId) ?? 0))].sort((a, b) => a - b);
    const choices = { yes: 0, no: 0, abstain: 0 };
    for (const row of rows) choices[row.entry.choice] += 1;
    const counts = { count: result.count, agreed: result.agreed, pending: result.pending, disagreed: result.disagreed, corrected: result.corrected };
    const zhChoices = secret ? '' : `（${(['yes', 'no', 'abstain'] as const).filter((c) => choices[c] > 0).map((c) => `${CHOICE_LABELS[c].zh} ${choices[c]} 张`).join('、')}）`;
    const enChoices = secret ? '' : ` (${(['yes', 'no', 'abstain'] as const).filter((c) => choices[c] > 0).map((c) => `${choices[c]} ${CHOICE_LABELS[c].en}`).join(', ')})`;
    await recordStep(tx, {
      meeting, actor: ctx.actor, ip: ctx.ip, at: ctx.now, kind: 'meeting.paper_entry.bulk',
      summary: {
        zh: `批量录入第 ${positions.join('、')} 项纸质选票 ${result.count} 张${zhChoices}${result.corrected > 0 ? `，其中更正 ${result.corrected} 张` : ''}：两名计票人一致计入 ${result.agreed} 张，待另一名计票人核对 ${result.pending} 张，不一致暂不计入 ${result.disagreed} 张`,
        en: `Entered ${result.count} paper ballots on item${positions.length > 1 ? 's' : ''} ${positions.join(', ')}${enChoices}${result.corrected > 0 ? `, ${result.corrected} of them corrections` : ''}: ${result.agreed} agreed, ${result.pending} pending, ${result.disagreed} disagreed`,
      },
      data: { ...counts, itemIds: [...new Set(entries.map((e) => e.itemId))], ...(secret ? {} : { choices }) },
      audit: { before: null, after: { ...counts, ...(secret ? {} : { choices }) } },
    });
    return result;
  });
}

type EntryRow = { id: string; item_id: string; resident_id: string; teller_id: string; choice: BallotChoice };

/** The roster, sign-ins, recusals, ballots and current readings of the members the batch names, and the meeting's items. */
async function loadFacts(tx: Db, input: { meeting: MeetingRow; residentIds: string[]; tellerId: string }) {
  const { meeting, residentIds } = input;
  // Serialised with single readings and portal ballots of the same members on their roster rows, in one order.
  const roster = await tx.selectFrom('meeting_roster').select(['resident_id', 'name'])
    .where('district_id', '=', meeting.district_id).where('meeting_id', '=', meeting.id).where('resident_id', 'in', residentIds)
    .orderBy('resident_id').forUpdate().execute();
  const attended = await tx.selectFrom('meeting_attendance').select('resident_id').where('district_id', '=', meeting.district_id).where('meeting_id', '=', meeting.id).where('resident_id', 'in', residentIds).execute();
  const recusals = await tx.selectFrom('meeting_recusal').select(['item_id', 'resident_id', 'reason']).where('district_id', '=', meeting.district_id).where('meeting_id', '=', meeting.id).execute();
  const ballots = await tx.selectFrom('ballot').select(['item_id', 'resident_id', 'channel']).where('district_id', '=', meeting.district_id).where('meeting_id', '=', meeting.id).where('resident_id', 'in', residentIds).execute();
  const entryRows: EntryRow[] = await tx.selectFrom('ballot_entry').select(['id', 'item_id', 'resident_id', 'teller_id', 'choice'])
    .where('district_id', '=', meeting.district_id).where('meeting_id', '=', meeting.id).where('resident_id', 'in', residentIds).where('superseded_at', 'is', null).execute();
  const itemIds = await itemIdsOf(tx, meeting);
  const items = itemIds.length === 0 ? [] : await tx.selectFrom('matter_item').select(['id', 'position']).where('district_id', '=', meeting.district_id).where('id', 'in', itemIds).execute();
  const readings = new Map<string, Reading[]>();
  for (const r of entryRows) {
    const key = ballotKey(r.item_id, r.resident_id);
    readings.set(key, [...(readings.get(key) ?? []), { tellerId: r.teller_id, choice: r.choice }]);
  }
  return {
    tellerId: input.tellerId,
    itemIds,
    onRoster: new Set(roster.map((r) => r.resident_id)),
    present: new Set(attended.map((r) => r.resident_id)),
    recused: new Map(recusals.map((r) => [ballotKey(r.item_id, r.resident_id), r.reason])),
    portal: new Set(ballots.filter((b) => b.channel === 'portal').map((b) => ballotKey(b.item_id, b.resident_id))),
    paperCast: new Set(ballots.filter((b) => b.channel === 'paper').map((b) => ballotKey(b.item_id, b.resident_id))),
    readings,
    entryRows,
    names: new Map(roster.map((r) => [r.resident_id, r.name])),
    positions: new Map(items.map((i) => [i.id, i.position])),
  };
}

/** Fails with every refusal: its index, code, field and a zh-CN / English message naming the member and the item. */
function refuse(refusals: PaperBatchRefusal[], input: { entries: PaperBatchEntry[]; names: Map<string, string>; positions: Map<string, number>; count: number }): never {
  const listed = refusals.map((r) => {
    const entry = input.entries[r.index];
    const name = entry ? input.names.get(entry.residentId) : undefined;
    const position = entry ? input.positions.get(entry.itemId) : undefined;
    const spec = errorSpec(r.code);
    const where = [name ? `「${name}」` : '', position ? `第 ${position} 项` : ''].filter(Boolean).join('');
    const whereEn = [name ?? '', position ? `item ${position}` : ''].filter(Boolean).join(', ');
    const zh = r.code === 'BALLOT_RECUSED' && typeof r.detail === 'string' ? `${spec.zh}（${r.detail}）`
      : r.code === 'BALLOT_BATCH_DUPLICATE' && typeof r.detail === 'number' ? `${spec.zh}（与第 ${r.detail + 1} 条重复）`
      : spec.zh;
    return {
      index: r.index, code: r.code, field: r.field,
      message: `第 ${r.index + 1} 条${where ? `（${where}）` : ''}：${zh}`,
      messageEn: `Entry ${r.index + 1}${whereEn ? ` (${whereEn})` : ''}: ${spec.en}`,
    };
  });
  const first = listed[0]?.message ?? '';
  return fail(
    'BALLOT_BATCH_INVALID',
    { count: input.count, refused: listed.length, entries: listed },
    `${input.count} 条选票中有 ${listed.length} 条不能录入，本次未录入任何选票。${first}${listed.length > 1 ? ` 等` : ''}`,
    `${listed.length} of ${input.count} readings cannot be entered; none was saved. ${listed[0]?.messageEn ?? ''}${listed.length > 1 ? ' …' : ''}`,
  );
}
