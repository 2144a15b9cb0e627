import crypto from 'node:crypto';
import type { Db } from '../../../platform/db/database.ts';
import { fail } from '../../../platform/errors.ts';
import { periodAfter } from '../rules/periods.ts';
import type { ProcedureTemplate, StageTemplate } from '../rules/procedure-template.ts';
import { DEFAULT_PUBLICATION_DAYS } from '../rules/shipped-procedures.ts';
import { renderName } from '../rules/wording.ts';
import { publishEntry, workingDayPredicate } from './collaborators.ts';
import { lockMatter, lockStage, recordMatterStep, requireInProgress, type StepCtx } from './matter-step.ts';
import type { MatterRow } from './matters.tables.ts';
import { taskTree } from './implementation.commands.ts';

/** Has a vote stage before this one passed (and every vote stage before it closed)? */
async function votePassedBefore(tx: Db, districtId: string, matterId: string, position: number): Promise<boolean> {
  const votes = await tx.selectFrom('matter_stage').select(['status', 'outcome']).where('district_id', '=', districtId).where('matter_id', '=', matterId).where('kind', '=', 'vote').where('position', '<', position).execute();
  return votes.length > 0 && votes.every((v) => v.status === 'closed' && (v.outcome === 'passed' || v.outcome === 'partly_passed'));
}

/** The text of the notice: the matter, its items that passed, and (for a result) the implementation. */
async function noticeText(tx: Db, districtId: string, matter: MatterRow, kind: 'resolution' | 'result') {
  const items = await tx
    .selectFrom('matter_item as i')
    .leftJoin('resident as r', (j) => j.onRef('r.district_id', '=', 'i.district_id').onRef('r.id', '=', 'i.subject_resident_id'))
    .select(['i.position', 'i.title', 'i.description', 'i.subject_resident_id', 'i.household_size', 'i.amount', 'r.name as subject_name'])
    .where('i.district_id', '=', districtId)
    .where('i.matter_id', '=', matter.id)
    .where('i.status', '<>', 'stopped')
    .orderBy('i.position')
    .execute();
  const personalItems = items.filter((i) => i.subject_resident_id);
  const general = items.filter((i) => !i.subject_resident_id);
  // Personal items (低保) show only name, household size and amount (最低生活保障审核确认办法): no ID, no address, no reasons.
  const personal = personalItems.map((i) => ({ name: i.subject_name ?? '', householdSize: i.household_size ?? 1, amount: Number(i.amount ?? 0) }));
  const procedure = matter.procedure as ProcedureTemplate;
  const lines: string[] = [];
  if (kind === 'resolution') {
    lines.push(`经${renderName(procedure.name, matter.unit).zh}程序，「${matter.title}」已表决通过，现予公示。`);
    if (!personalItems.length && matter.description) lines.push(matter.description);
    if (matter.budget !== null && !personalItems.length) lines.push(`预算：${Number(matter.budget).toLocaleString('zh-CN')} 元。`);
    if (general.length > 1) general.forEach((i) => lines.push(`${i.position}. ${i.title}`));
  } else {
    const progress = await taskTree(tx, districtId, matter.id);
    lines.push(`「${matter.title}」实施情况公示：整体进度 ${progress.percent}%。`);
    const walk = (ts: typeof progress.roots, depth: number) => ts.forEach((t) => { lines.push(`${'  '.repeat(depth)}- ${t.title}：${t.percent}%（${t.statusLabel}）`); walk(t.children, depth + 1); });
    walk(progress.roots, 0);
  }
  if (personal.length) lines.push(`名单共 ${personal.length} 户，公示期内如有异议，请向${renderName('{居委会}', matter.unit)}或${renderName('{居务监督委员会}', matter.unit)}反映。`);
  else lines.push(`公示期内如有异议，请向${renderName('{居委会}', matter.unit)}或${renderName('{居务监督委员会}', matter.unit)}反映。`);
  return { body: lines.join('\n'), personal };
}

/**
 * 两公开: publishes the resolution (or, after implementation, the result) of a matter on the community's
 * public board at once. Refused before the vote passed, and without the supervision committee's sign-off.
 */
export async function publishStage(ctx: StepCtx, matterId: string, stageId: string, input: { title?: string; body?: string; column?: string }): Promise<{ entryId: string; endsAt: string }> {
  return ctx.db.transaction().execute(async (tx) => {
    const districtId = ctx.actor.districtId;
    const matter = await lockMatter(tx, districtId, matterId);
    requireInProgress(matter);
    const stage = await lockStage(tx, districtId, matterId, stageId);
    if (stage.kind !== 'publication') return fail('STAGE_WRONG_KIND', { stageId }, '只有公开环节可以公开');
    if (!(await votePassedBefore(tx, districtId, matterId, stage.position))) return fail('PUBLISH_BEFORE_VOTE', { stageId });
    if (stage.status !== 'open') return fail('STAGE_NOT_OPEN', { stageId });
    const existing = await tx.selectFrom('matter_publication').select('id').where('district_id', '=', districtId).where('stage_id', '=', stageId).executeTakeFirst();
    if (existing) return fail('PUBLISH_ALREADY', { stageId });
    if (!stage.signed_off_at) return fail('PUBLISH_NEEDS_SIGN_OFF', { stageId }, `公开前须经${renderName('{居务监督委员会}', matter.unit)}签字确认`);
    const rules = stage.rules as StageTemplate;
    const implementationBefore = await tx.selectFrom('matter_stage').select('id').where('district_id', '=', districtId).where('matter_id', '=', matterId).where('kind', '=', 'implementation').where('position', '<', stage.position).executeTakeFirst();
    const kind = implementationBefore ? 'result' : 'resolution';
    const text = await noticeText(tx, districtId, matter, kind);
    const days = rules.publicationDays ?? DEFAULT_PUBLICATION_DAYS;
    const title = input.title ?? `${kind === 'result' ? '实施结果公示' : '决议公示'}：${matter.title}`;
    const entry = await publishEntry(tx, {
      districtId, communityId: matter.community_id, column: input.column ?? 'residents', title, body: input.body ?? text.body, publicationDays: days,
      matterId, stageId, personal: text.personal.length ? text.personal : null, actor: ctx.actor, ip: ctx.ip, now: ctx.now,
    });
    await tx.insertInto('matter_publication').values({ district_id: districtId, id: crypto.randomUUID(), matter_id: matterId, stage_id: stageId, kind, board_entry_id: entry.id, publication_days: days, published_at: ctx.now, published_by: ctx.actor.id }).execute();
    const endsAt = periodAfter(ctx.now, days, await workingDayPredicate(tx, districtId)).endsAt;
    await tx.updateTable('matter_stage').set({ due_at: endsAt }).where('district_id', '=', districtId).where('id', '=', stageId).execute();
    await recordMatterStep(tx, ctx, matter, {
      action: 'matter.publish', kind: kind === 'result' ? 'publication.result' : 'publication.resolution', stageId, entityType: 'matter_stage', entityId: stageId,
      summary: { zh: `在公开栏公开${kind === 'result' ? '实施结果' : '决议'}「${title}」，公示 ${days} 天（至 ${entry.endsOn}）`, en: `Published the ${kind} on the public board for ${days} days (until ${entry.endsOn})` },
      data: { boardEntryId: entry.id, kind, publicationDays: days, endsOn: entry.endsOn, personalLines: text.personal.length },
    });
    return { entryId: entry.id, endsAt: endsAt.toISOString() };
  });
}
