import { appendAudit } from '../../../platform/audit/audit.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import { fail } from '../../../platform/errors.ts';
import { appendMatterEvent } from './matter-events.ts';
import type { MatterRow } from './matters.tables.ts';
import type { Unit } from '../rules/procedure-template.ts';
import { word } from '../rules/wording.ts';
import './matters.errors.ts';

/** What a command needs: the database, who acts (staff or resident), their address and the time. */
export type StepCtx = { db: Db; actor: Actor; ip: string; now: Date };

/** Locks the matter row for the rest of the transaction (commands on one matter run one after another). */
export async function lockMatter(tx: Db, districtId: string, matterId: string): Promise<MatterRow> {
  const row = await tx.selectFrom('matter').selectAll().where('district_id', '=', districtId).where('id', '=', matterId).forUpdate().executeTakeFirst();
  if (!row) return fail('NOT_FOUND', { field: 'matterId' });
  return row;
}

export async function lockStage(tx: Db, districtId: string, matterId: string, stageId: string) {
  const row = await tx.selectFrom('matter_stage').selectAll().where('district_id', '=', districtId).where('matter_id', '=', matterId).where('id', '=', stageId).forUpdate().executeTakeFirst();
  if (!row) return fail('NOT_FOUND', { field: 'stageId' });
  return row;
}

/** The common start of a stage command: the matter locked and in progress, the stage locked and open. */
export async function lockOpenStage(tx: Db, ctx: StepCtx, matterId: string, stageId: string) {
  const districtId = ctx.actor.districtId;
  const matter = await lockMatter(tx, districtId, matterId);
  requireInProgress(matter);
  const stage = await lockStage(tx, districtId, matterId, stageId);
  if (stage.status !== 'open') return fail('STAGE_NOT_OPEN', { stageId });
  return { districtId, matter, stage };
}

export function requireInProgress(matter: MatterRow): void {
  if (matter.status !== 'in_progress') fail('MATTER_WRONG_STATUS', { status: matter.status }, `议题当前为「${MATTER_STATUS_LABELS[matter.status].zh}」，不能进行此操作`);
}

/** One step: its audit entry and its timeline event, in the caller's transaction. */
export async function recordMatterStep(
  tx: Db,
  ctx: StepCtx,
  matter: Pick<MatterRow, 'id' | 'node_path'>,
  step: { action: string; kind: string; stageId?: string | null; summary: { zh: string; en: string }; data?: Record<string, unknown> | null; entityType?: string; entityId?: string; before?: Record<string, unknown> | null },
): Promise<void> {
  await appendAudit(tx, {
    districtId: ctx.actor.districtId,
    actor: ctx.actor,
    ip: ctx.ip,
    at: ctx.now,
    action: step.action,
    entityType: step.entityType ?? 'matter',
    entityId: step.entityId ?? matter.id,
    nodePath: matter.node_path,
    summary: step.summary.zh,
    before: step.before ?? null,
    after: step.data ?? null,
  });
  await appendMatterEvent(tx, { districtId: ctx.actor.districtId, matterId: matter.id, stageId: step.stageId ?? null, actor: ctx.actor, kind: step.kind, summary: step.summary, data: step.data ?? null, at: ctx.now });
}

export const MATTER_STATUS_LABELS = {
  raised: { zh: '待受理', en: 'Raised' },
  in_progress: { zh: '办理中', en: 'In progress' },
  completed: { zh: '已办结', en: 'Completed' },
  stopped: { zh: '已终止', en: 'Stopped' },
  declined: { zh: '不予受理', en: 'Declined' },
} as const;

export const STAGE_STATUS_LABELS = {
  pending: { zh: '未开始', en: 'Pending' },
  open: { zh: '进行中', en: 'Open' },
  closed: { zh: '已完成', en: 'Closed' },
  skipped: { zh: '已跳过', en: 'Skipped' },
} as const;

export const STAGE_OUTCOME_LABELS = {
  passed: { zh: '通过', en: 'Passed' },
  partly_passed: { zh: '部分事项通过', en: 'Partly passed' },
  rejected: { zh: '未通过', en: 'Rejected' },
  done: { zh: '已完成', en: 'Done' },
  skipped: { zh: '已跳过', en: 'Skipped' },
  sent_back: { zh: '退回重议', en: 'Sent back' },
} as const;

/** The unit of a community node: a name ending in 村 is a village (村委会), otherwise a community (居委会). */
export function unitOfCommunity(name: string): Unit {
  return /村$/.test(name) ? 'village' : 'community';
}

/** 居民 / 村民 for messages. */
export function peopleWord(unit: Unit): string {
  return word(unit, '居民');
}
