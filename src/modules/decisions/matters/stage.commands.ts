import type { Db } from '../../../platform/db/database.ts';
import { fail } from '../../../platform/errors.ts';
import { purposesOf } from '../../../platform/files/files.ts';
import type { ProcedureTemplate, StageTemplate } from '../rules/procedure-template.ts';
import { nextStep, outcomeOfMeeting, stageCloseProblems, stageNeedsMeeting, type StageProblem } from '../rules/stage-gate.ts';
import { renderName } from '../rules/wording.ts';
import { meetingOutcome, unansweredObjectionCount, workingDayPredicate, type MeetingOutcome } from './collaborators.ts';
import { openStageRow } from './matter.commands.ts';
import { recordMatterStep, type StepCtx, lockOpenStage } from './matter-step.ts';
import type { MatterRow, MatterStageRow } from './matters.tables.ts';
import { matterProgress } from './implementation.commands.ts';

type Facts = { problems: StageProblem[]; outcome: MeetingOutcome | null };

/** The stage's meeting outcome, ignoring a meeting called before the stage (re)opened (a matter sent back). */
async function currentMeetingOutcome(tx: Db, districtId: string, stage: MatterStageRow): Promise<MeetingOutcome | null> {
  const outcome = await meetingOutcome(tx, districtId, stage.id);
  if (!outcome || !stage.opened_at) return outcome;
  const meeting = await tx.selectFrom('meeting').select('called_at').where('district_id', '=', districtId).where('id', '=', outcome.meetingId).executeTakeFirst();
  if (meeting && new Date(meeting.called_at).getTime() < new Date(stage.opened_at).getTime()) return null;
  return outcome;
}

/** Gathers what the pure gate needs, inside the transaction. */
async function gatherFacts(tx: Db, ctx: StepCtx, matter: MatterRow, stage: MatterStageRow, skipping: boolean): Promise<Facts> {
  const districtId = ctx.actor.districtId;
  const rules = stage.rules as StageTemplate;
  const flags = await tx.selectFrom('supervision_note').select((eb) => eb.fn.countAll<number>().as('n')).where('district_id', '=', districtId).where('stage_id', '=', stage.id).where('kind', '=', 'flag').where('answered_at', 'is', null).executeTakeFirstOrThrow();
  let unanswered = 0;
  const publication = await tx.selectFrom('matter_publication').select(['board_entry_id', 'published_at']).where('district_id', '=', districtId).where('stage_id', '=', stage.id).executeTakeFirst();
  if (publication) unanswered += await unansweredObjectionCount(tx, districtId, publication.board_entry_id);
  if (rules.kind === 'public_comment' || rules.kind === 'hearing') {
    const c = await tx.selectFrom('matter_comment').select((eb) => eb.fn.countAll<number>().as('n')).where('district_id', '=', districtId).where('stage_id', '=', stage.id).where('answered_at', 'is', null).executeTakeFirstOrThrow();
    unanswered += Number(c.n);
  }
  const outcome = !skipping && stageNeedsMeeting(rules) ? await currentMeetingOutcome(tx, districtId, stage) : null;
  const problems = stageCloseProblems({
    stage: { ...rules, name: renderName(rules.name, matter.unit) },
    attachmentsPresent: await purposesOf(tx, districtId, 'matter_stage', stage.id),
    openFlags: Number(flags.n),
    unansweredObjections: unanswered,
    publishedAt: publication ? new Date(publication.published_at) : null,
    openedAt: stage.opened_at,
    now: ctx.now,
    isWorkingDay: await workingDayPredicate(tx, districtId),
    meetingOutcome: outcome,
    signedOff: stage.signed_off_at !== null,
    skipping,
  });
  if (!skipping && rules.kind === 'implementation') {
    const progress = await matterProgress(tx, districtId, matter.id);
    if (progress.tasks === 0 || progress.percent < 100) {
      problems.push({ code: 'DECISION_MIN_PERIOD_RUNNING', zh: `实施尚未完成（进度 ${progress.percent}%），完成全部任务后才能结束实施环节`, en: `implementation is not finished (${progress.percent}%)` });
    }
  }
  return { problems, outcome };
}

function refuse(problems: StageProblem[]): never {
  return fail('STAGE_CANNOT_CLOSE', { problems }, `该环节尚不能结束：${problems.map((p) => p.zh).join('；')}`, `The stage cannot close: ${problems.map((p) => p.en).join('; ')}`);
}

/** Opens the stage with the key, moving the matter on, or completes the matter after the last stage. */
async function moveOn(tx: Db, ctx: StepCtx, matter: MatterRow, fromKey: string, outcome: 'passed' | 'completed' | 'skipped'): Promise<void> {
  const procedure = matter.procedure as ProcedureTemplate;
  const step = nextStep(procedure, fromKey, outcome);
  if ('moveTo' in step) {
    const next = await tx.selectFrom('matter_stage').select(['id', 'rules']).where('district_id', '=', ctx.actor.districtId).where('matter_id', '=', matter.id).where('stage_key', '=', step.moveTo).executeTakeFirstOrThrow();
    await openStageRow(tx, ctx, matter, next);
    return;
  }
  await tx.updateTable('matter').set({ status: 'completed', closed_at: ctx.now, updated_at: ctx.now }).where('district_id', '=', ctx.actor.districtId).where('id', '=', matter.id).execute();
  await tx.updateTable('matter_item').set({ status: 'passed' }).where('district_id', '=', ctx.actor.districtId).where('matter_id', '=', matter.id).where('status', '=', 'active').execute();
  await recordMatterStep(tx, ctx, matter, { action: 'matter.stage.close', kind: 'matter.completed', summary: { zh: '议题办结', en: 'The matter is completed' } });
}

export type CloseResult = { outcome: 'passed' | 'partly_passed' | 'rejected' | 'done'; next: 'moved_on' | 'sent_back' | 'stopped' | 'completed'; stoppedItems: string[] };

/**
 * 结束环节: checks the gate (attachments, supervision flags, objections and comments, periods, sign-off,
 * the meeting's tally); then moves on, goes back or stops per the stage's rules. In a batch every item has
 * its own result: items that failed stop, the others go on.
 */
export async function closeStage(ctx: StepCtx, matterId: string, stageId: string, input: { note?: string | null } = {}): Promise<CloseResult> {
  return ctx.db.transaction().execute(async (tx) => {
    const { districtId, matter, stage } = await lockOpenStage(tx, ctx, matterId, stageId);
    const rules = stage.rules as StageTemplate;
    const facts = await gatherFacts(tx, ctx, matter, stage, false);
    // A vote that did not pass is an outcome (go back or stop), not a reason to keep the stage open.
    const problems = facts.problems.filter((p) => p.code !== 'DECISION_VOTE_NOT_PASSED');
    const outcome = facts.outcome;
    if (problems.length > 0) refuse(problems);
    const name = renderName(rules.name, matter.unit);
    const closeRow = async (value: 'passed' | 'partly_passed' | 'rejected' | 'done' | 'sent_back') =>
      tx.updateTable('matter_stage').set({ status: 'closed', closed_at: ctx.now, outcome: value, note: input.note ?? null }).where('district_id', '=', districtId).where('id', '=', stage.id).execute();

    if (!outcome) {
      await closeRow('done');
      await recordMatterStep(tx, ctx, matter, { action: 'matter.stage.close', kind: 'stage.closed', stageId, entityType: 'matter_stage', entityId: stageId, summary: { zh: `环节「${name.zh}」完成`, en: `Stage "${name.en}" closed` }, data: { outcome: 'done', note: input.note ?? null } });
      await moveOn(tx, ctx, matter, rules.key, 'completed');
      const after = await tx.selectFrom('matter').select('status').where('district_id', '=', districtId).where('id', '=', matterId).executeTakeFirstOrThrow();
      return { outcome: 'done', next: after.status === 'completed' ? 'completed' : 'moved_on', stoppedItems: [] };
    }

    // A meeting stage: item by item.
    const active = await tx.selectFrom('matter_item').select(['id', 'position', 'title']).where('district_id', '=', districtId).where('matter_id', '=', matterId).where('status', '=', 'active').orderBy('position').execute();
    const resultOf = new Map(outcome.items.map((i) => [i.itemId, i]));
    const passedItems = active.filter((i) => resultOf.get(i.id)?.passed);
    const failedItems = active.filter((i) => !resultOf.get(i.id)?.passed);
    const overall = outcomeOfMeeting(active.map((i) => resultOf.get(i.id) ?? { quorumMet: false, passed: false }));
    if (overall === 'passed') {
      const value = failedItems.length > 0 ? 'partly_passed' : 'passed';
      if (failedItems.length > 0) {
        await tx.updateTable('matter_item').set({ status: 'stopped', stopped_at_stage_id: stage.id }).where('district_id', '=', districtId).where('id', 'in', failedItems.map((i) => i.id)).execute();
      }
      await closeRow(value);
      await recordMatterStep(tx, ctx, matter, {
        action: 'matter.stage.close', kind: 'stage.closed', stageId, entityType: 'matter_stage', entityId: stageId,
        summary: failedItems.length === 0
          ? { zh: `环节「${name.zh}」通过`, en: `Stage "${name.en}" passed` }
          : { zh: `环节「${name.zh}」：${active.length} 项中 ${passedItems.length} 项通过，未通过的 ${failedItems.length} 项（${failedItems.map((i) => `第 ${i.position} 项`).join('、')}）终止`, en: `Stage "${name.en}": ${passedItems.length} of ${active.length} items passed; ${failedItems.length} stopped` },
        data: { outcome: value, meetingId: outcome.meetingId, passed: passedItems.map((i) => i.id), stopped: failedItems.map((i) => i.id) },
      });
      await moveOn(tx, ctx, matter, rules.key, 'passed');
      const after = await tx.selectFrom('matter').select('status').where('district_id', '=', districtId).where('id', '=', matterId).executeTakeFirstOrThrow();
      return { outcome: value, next: after.status === 'completed' ? 'completed' : 'moved_on', stoppedItems: failedItems.map((i) => i.id) };
    }

    // Nothing passed: back to an earlier stage, or stop.
    const step = nextStep(matter.procedure as ProcedureTemplate, rules.key, 'rejected');
    if ('backTo' in step) {
      const target = await tx.selectFrom('matter_stage').selectAll().where('district_id', '=', districtId).where('matter_id', '=', matterId).where('stage_key', '=', step.backTo).executeTakeFirstOrThrow();
      await closeRow('sent_back');
      await recordMatterStep(tx, ctx, matter, {
        action: 'matter.stage.close', kind: 'stage.sent_back', stageId, entityType: 'matter_stage', entityId: stageId,
        summary: { zh: `环节「${name.zh}」未通过，退回「${renderName((target.rules as StageTemplate).name, matter.unit).zh}」重议`, en: `Stage "${name.en}" rejected; sent back` },
        data: { outcome: 'rejected', meetingId: outcome.meetingId, backTo: step.backTo },
      });
      // The stages from the target on run again (a new round): the later ones wait.
      await tx
        .updateTable('matter_stage')
        .set((eb) => ({ status: 'pending', opened_at: null, due_at: null, closed_at: null, outcome: null, rules_locked_at: null, signed_off_at: null, signed_off_by: null, round: eb('round', '+', 1) }))
        .where('district_id', '=', districtId)
        .where('matter_id', '=', matterId)
        .where('position', '>=', target.position)
        .where('position', '<=', stage.position)
        .execute();
      await openStageRow(tx, ctx, matter, target);
      return { outcome: 'rejected', next: 'sent_back', stoppedItems: [] };
    }
    await closeRow('rejected');
    await tx.updateTable('matter_item').set({ status: 'stopped', stopped_at_stage_id: stage.id }).where('district_id', '=', districtId).where('matter_id', '=', matterId).where('status', '=', 'active').execute();
    await tx.updateTable('matter').set({ status: 'stopped', closed_at: ctx.now, close_reason: `「${name.zh}」未通过`, updated_at: ctx.now }).where('district_id', '=', districtId).where('id', '=', matterId).execute();
    await recordMatterStep(tx, ctx, matter, {
      action: 'matter.stage.close', kind: 'matter.stopped', stageId, entityType: 'matter_stage', entityId: stageId,
      summary: { zh: `环节「${name.zh}」未通过，议题终止`, en: `Stage "${name.en}" rejected; the matter stops` },
      data: { outcome: 'rejected', meetingId: outcome.meetingId },
    });
    return { outcome: 'rejected', next: 'stopped', stoppedItems: active.map((i) => i.id) };
  });
}

/** 跳过 an optional stage (a hearing that is not needed); the matter moves on. */
export async function skipStage(ctx: StepCtx, matterId: string, stageId: string, input: { reason: string }): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { districtId, matter, stage } = await lockOpenStage(tx, ctx, matterId, stageId);
    const { problems } = await gatherFacts(tx, ctx, matter, stage, true);
    if (problems.some((p) => p.code === 'DECISION_STAGE_NOT_OPTIONAL')) return fail('STAGE_NOT_OPTIONAL', { stageId });
    if (problems.length > 0) refuse(problems);
    const rules = stage.rules as StageTemplate;
    const name = renderName(rules.name, matter.unit);
    await tx.updateTable('matter_stage').set({ status: 'skipped', closed_at: ctx.now, outcome: 'skipped', note: input.reason }).where('district_id', '=', districtId).where('id', '=', stageId).execute();
    await recordMatterStep(tx, ctx, matter, { action: 'matter.stage.skip', kind: 'stage.skipped', stageId, entityType: 'matter_stage', entityId: stageId, summary: { zh: `跳过环节「${name.zh}」：${input.reason}`, en: `Stage "${name.en}" skipped: ${input.reason}` }, data: { reason: input.reason } });
    await moveOn(tx, ctx, matter, rules.key, 'skipped');
  });
}

/** The supervision committee signs off on a stage (required before each publication). */
export async function signOffStage(ctx: StepCtx, matterId: string, stageId: string, input: { note?: string | null }): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { districtId, matter, stage } = await lockOpenStage(tx, ctx, matterId, stageId);
    if (stage.signed_off_at) return fail('SIGN_OFF_ALREADY', { stageId });
    await tx.updateTable('matter_stage').set({ signed_off_at: ctx.now, signed_off_by: ctx.actor.id }).where('district_id', '=', districtId).where('id', '=', stageId).execute();
    const name = renderName((stage.rules as StageTemplate).name, matter.unit);
    await recordMatterStep(tx, ctx, matter, {
      action: 'matter.stage.sign_off', kind: 'supervision.signed_off', stageId, entityType: 'matter_stage', entityId: stageId,
      summary: { zh: `${renderName('{居务监督委员会}', matter.unit)}对「${name.zh}」签字确认${input.note ? `：${input.note}` : ''}`, en: `The supervision committee signed off "${name.en}"` },
      data: { note: input.note ?? null },
    });
  });
}
