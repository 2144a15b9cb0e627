import crypto from 'node:crypto';
import type { Db } from '../../../platform/db/database.ts';
import { fail } from '../../../platform/errors.ts';
import { rollUpProgress, type ProgressNode, type RolledUp } from '../rules/progress.ts';
import { lockMatter, recordMatterStep, requireInProgress, type StepCtx } from './matter-step.ts';
import type { TaskStatus } from './matters.tables.ts';

export const TASK_STATUS_LABELS: Record<TaskStatus, { zh: string; en: string }> = {
  not_started: { zh: '未开始', en: 'Not started' },
  in_progress: { zh: '进行中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  blocked: { zh: '受阻', en: 'Blocked' },
};

export type TaskView = { id: string; parentId: string | null; title: string; weight: number; status: TaskStatus; statusLabel: string; percent: number; ownPercent: number; milestone: boolean; dueOn: string | null; reachedOn: string | null; children: TaskView[] };

/** The matter's tasks as a tree with rolled-up progress (a parent's percentage is the weighted mean of its children). */
export async function taskTree(db: Db, districtId: string, matterId: string, lang: 'zh' | 'en' = 'zh'): Promise<{ percent: number; tasks: number; roots: TaskView[] }> {
  const rows = await db.selectFrom('implementation_task').selectAll().where('district_id', '=', districtId).where('matter_id', '=', matterId).orderBy('position').orderBy('title').execute();
  if (rows.length === 0) return { percent: 0, tasks: 0, roots: [] };
  const childrenOf = (parent: string | null) => rows.filter((r) => r.parent_id === parent);
  const node = (r: (typeof rows)[number]): ProgressNode => ({ id: r.id, weight: Number(r.weight), percent: r.percent, children: childrenOf(r.id).map(node) });
  const rolled = rollUpProgress({ id: 'root', weight: 1, children: childrenOf(null).map(node) });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const view = (n: RolledUp): TaskView => {
    const r = byId.get(n.id);
    if (!r) throw new Error('task missing');
    return { id: r.id, parentId: r.parent_id, title: r.title, weight: Number(r.weight), status: r.status, statusLabel: TASK_STATUS_LABELS[r.status][lang], percent: n.percent, ownPercent: r.percent, milestone: r.milestone, dueOn: r.due_on, reachedOn: r.reached_on, children: n.children.map(view) };
  };
  return { percent: rolled.percent, tasks: rows.length, roots: rolled.children.map(view) };
}

export async function matterProgress(db: Db, districtId: string, matterId: string): Promise<{ percent: number; tasks: number }> {
  const t = await taskTree(db, districtId, matterId);
  return { percent: t.percent, tasks: t.tasks };
}

async function requireImplementation(tx: Db, districtId: string, matterId: string): Promise<void> {
  const stage = await tx.selectFrom('matter_stage').select('status').where('district_id', '=', districtId).where('matter_id', '=', matterId).where('kind', '=', 'implementation').where('status', 'in', ['open', 'closed']).executeTakeFirst();
  if (!stage) fail('TASK_IMPLEMENTATION_NOT_STARTED', { matterId });
}

/** 新增实施任务 (or milestone), under a parent task or at the top. */
export async function createTask(ctx: StepCtx, matterId: string, input: { title: string; parentId?: string | null; weight?: number; milestone?: boolean; dueOn?: string | null; position?: number }): Promise<string> {
  return ctx.db.transaction().execute(async (tx) => {
    const districtId = ctx.actor.districtId;
    const matter = await lockMatter(tx, districtId, matterId);
    requireInProgress(matter);
    await requireImplementation(tx, districtId, matterId);
    if (input.parentId) {
      const parent = await tx.selectFrom('implementation_task').select('id').where('district_id', '=', districtId).where('matter_id', '=', matterId).where('id', '=', input.parentId).executeTakeFirst();
      if (!parent) return fail('TASK_PARENT_INVALID', { field: 'parentId' });
    }
    const id = crypto.randomUUID();
    await tx.insertInto('implementation_task').values({ district_id: districtId, id, matter_id: matterId, parent_id: input.parentId ?? null, position: input.position ?? 0, title: input.title, weight: input.weight ?? 1, milestone: input.milestone ?? false, due_on: input.dueOn ?? null, reached_on: null, updated_at: ctx.now }).execute();
    await recordMatterStep(tx, ctx, matter, {
      action: 'matter.task.create', kind: 'implementation.task_added', entityType: 'implementation_task', entityId: id,
      summary: { zh: `新增${input.milestone ? '里程碑' : '实施任务'}「${input.title}」`, en: `Added ${input.milestone ? 'milestone' : 'task'} "${input.title}"` },
      data: { title: input.title, parentId: input.parentId ?? null, weight: input.weight ?? 1, milestone: input.milestone ?? false },
    });
    return id;
  });
}

/** 更新实施进度: status, percentage (leaves only), milestone reached, with a note on the timeline. */
export async function updateTask(ctx: StepCtx, matterId: string, taskId: string, input: { status?: TaskStatus; percent?: number; reachedOn?: string | null; note?: string | null; weight?: number }): Promise<{ percent: number }> {
  return ctx.db.transaction().execute(async (tx) => {
    const districtId = ctx.actor.districtId;
    const matter = await lockMatter(tx, districtId, matterId);
    requireInProgress(matter);
    const task = await tx.selectFrom('implementation_task').selectAll().where('district_id', '=', districtId).where('matter_id', '=', matterId).where('id', '=', taskId).executeTakeFirst();
    if (!task) return fail('NOT_FOUND', { field: 'taskId' });
    const kids = await tx.selectFrom('implementation_task').select('id').where('district_id', '=', districtId).where('parent_id', '=', taskId).limit(1).execute();
    if (input.percent !== undefined && kids.length > 0) return fail('TASK_HAS_CHILDREN', { field: 'percent' });
    let percent = input.percent ?? task.percent;
    let status = input.status ?? task.status;
    if (input.status === 'done' && input.percent === undefined && kids.length === 0) percent = 100;
    if (input.percent === 100 && input.status === undefined) status = 'done';
    if (input.percent !== undefined && input.percent > 0 && input.percent < 100 && input.status === undefined && task.status === 'not_started') status = 'in_progress';
    await tx
      .updateTable('implementation_task')
      .set({ status, percent, weight: input.weight ?? task.weight, reached_on: input.reachedOn !== undefined ? input.reachedOn : status === 'done' && task.milestone && !task.reached_on ? ctx.now.toISOString().slice(0, 10) : task.reached_on, updated_at: ctx.now })
      .where('district_id', '=', districtId)
      .where('id', '=', taskId)
      .execute();
    const overall = await matterProgress(tx, districtId, matterId);
    await recordMatterStep(tx, ctx, matter, {
      action: 'matter.task.update', kind: 'implementation.progress', entityType: 'implementation_task', entityId: taskId,
      summary: { zh: `「${task.title}」进度 ${percent}%（${TASK_STATUS_LABELS[status].zh}），整体进度 ${overall.percent}%${input.note ? `：${input.note}` : ''}`, en: `"${task.title}" at ${percent}% (${TASK_STATUS_LABELS[status].en}); overall ${overall.percent}%` },
      before: { status: task.status, percent: task.percent },
      data: { status, percent, overall: overall.percent, note: input.note ?? null },
    });
    return { percent: overall.percent };
  });
}
