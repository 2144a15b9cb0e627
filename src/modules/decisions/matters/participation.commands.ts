import crypto from 'node:crypto';
import type { ResidentActor } from '../../../platform/auth/actor.ts';
import { appendAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/database.ts';
import { fail } from '../../../platform/errors.ts';
import { findNode } from '../../org/org.repository.ts';
import type { StageTemplate } from '../rules/procedure-template.ts';
import { renderName } from '../rules/wording.ts';
import { appendMatterEvent } from './matter-events.ts';
import { lockMatter, lockStage, recordMatterStep, type StepCtx, lockOpenStage } from './matter-step.ts';
import type { QuestionOption, StoredAnswer } from './matters.tables.ts';

export type QuestionInput = { kind: 'single' | 'multiple' | 'text'; text: string; options?: string[]; required?: boolean };

/**
 * 一征: a questionnaire for the residents of the affected scope (the matter's affected node, or the
 * community), open from now until `closesAt`, on an open solicitation stage.
 */
export async function createSolicitation(ctx: StepCtx, matterId: string, stageId: string, input: { title: string; description?: string; closesAt: string; scopeNodeId?: string | null; questions: QuestionInput[] }): Promise<string> {
  return ctx.db.transaction().execute(async (tx) => {
    const { districtId, matter, stage } = await lockOpenStage(tx, ctx, matterId, stageId);
    if (stage.kind !== 'solicitation') return fail('STAGE_WRONG_KIND', { stageId, kind: stage.kind }, '只有征求意见环节可以发起问卷');
    const closesAt = new Date(input.closesAt);
    if (!(closesAt.getTime() > ctx.now.getTime())) return fail('SOLICITATION_CLOSES_BEFORE_OPEN', { field: 'closesAt' });
    const scopeId = input.scopeNodeId ?? matter.affected_node_id ?? matter.community_id;
    const scope = await findNode(tx, districtId, scopeId);
    if (!scope) return fail('NOT_FOUND', { field: 'scopeNodeId' });
    if (!scope.path.startsWith(matter.node_path)) return fail('SOLICITATION_SCOPE_OUTSIDE', { field: 'scopeNodeId' });
    input.questions.forEach((q, i) => {
      if (q.kind !== 'text' && (q.options ?? []).length < 2) fail('SOLICITATION_ANSWER_INVALID', { field: `questions.${i}.options` }, `第 ${i + 1} 题是选择题，至少要有两个选项`, `Question ${i + 1} needs at least two options`);
    });
    const id = crypto.randomUUID();
    await tx.insertInto('solicitation').values({ district_id: districtId, id, matter_id: matterId, stage_id: stageId, scope_node_id: scope.id, node_path: scope.path, title: input.title, description: input.description ?? '', opens_at: ctx.now, closes_at: closesAt, closed_at: null, created_by: ctx.actor.id, created_at: ctx.now }).execute();
    await tx
      .insertInto('solicitation_question')
      .values(input.questions.map((q, i) => ({ district_id: districtId, id: crypto.randomUUID(), solicitation_id: id, position: i + 1, kind: q.kind, text: q.text, options: JSON.stringify(q.kind === 'text' ? [] : (q.options ?? []).map((text, j) => ({ id: `o${j + 1}`, text }))), required: q.required ?? true })))
      .execute();
    if (!stage.due_at || new Date(stage.due_at).getTime() < closesAt.getTime()) {
      await tx.updateTable('matter_stage').set({ due_at: closesAt }).where('district_id', '=', districtId).where('id', '=', stageId).execute();
    }
    await recordMatterStep(tx, ctx, matter, {
      action: 'matter.solicitation.create', kind: 'solicitation.opened', stageId, entityType: 'solicitation', entityId: id,
      summary: { zh: `发起征求意见「${input.title}」（${scope.name}，${input.questions.length} 题，截止 ${closesAt.toISOString().slice(0, 16).replace('T', ' ')} UTC）`, en: `Opened the solicitation "${input.title}" (${input.questions.length} questions)` },
      data: { solicitationId: id, scopeNodeId: scope.id, closesAt: closesAt.toISOString(), questions: input.questions.length },
    });
    return id;
  });
}

/**
 * A resident answers a solicitation. One response per resident: a later answer, while the solicitation is
 * open, replaces the earlier one (the count of replacements is kept). A closed solicitation, a resident
 * outside its scope, or answers that do not fit the questions are refused and nothing changes.
 */
export async function answerSolicitation(ctx: { db: Db; actor: ResidentActor; ip: string; now: Date }, solicitationId: string, input: { answers: StoredAnswer[] }): Promise<{ replaced: boolean }> {
  return ctx.db.transaction().execute(async (tx) => {
    const districtId = ctx.actor.districtId;
    const s = await tx.selectFrom('solicitation').selectAll().where('district_id', '=', districtId).where('id', '=', solicitationId).executeTakeFirst();
    if (!s) return fail('NOT_FOUND', { field: 'solicitationId' });
    if (!ctx.actor.nodePath.startsWith(s.node_path)) return fail('SOLICITATION_OUT_OF_SCOPE', { solicitationId });
    if (ctx.now.getTime() < new Date(s.opens_at).getTime()) return fail('SOLICITATION_NOT_YET_OPEN', { solicitationId });
    if (s.closed_at || ctx.now.getTime() >= new Date(s.closes_at).getTime()) return fail('SOLICITATION_CLOSED', { solicitationId });
    const questions = await tx.selectFrom('solicitation_question').selectAll().where('district_id', '=', districtId).where('solicitation_id', '=', s.id).orderBy('position').execute();
    const byId = new Map(input.answers.map((a) => [a.questionId, a]));
    if (byId.size !== input.answers.length) fail('SOLICITATION_ANSWER_INVALID', { field: 'answers' }, '「答卷」中同一题只能回答一次');
    for (const a of input.answers) if (!questions.some((q) => q.id === a.questionId)) fail('SOLICITATION_ANSWER_INVALID', { field: 'answers', questionId: a.questionId }, '「答卷」中有不属于该问卷的题目');
    const clean: StoredAnswer[] = [];
    for (const q of questions) {
      const a = byId.get(q.id);
      const label = `第 ${q.position} 题`;
      const options = q.options as QuestionOption[];
      if (q.kind === 'text') {
        const text = a?.text?.trim() ?? '';
        if (!text && q.required) fail('SOLICITATION_ANSWER_INVALID', { field: 'answers', questionId: q.id }, `「答卷」${label}为必答题，请填写`);
        if (text) clean.push({ questionId: q.id, text: text.slice(0, 2000) });
        continue;
      }
      const chosen = [...new Set(a?.optionIds ?? [])];
      if (chosen.some((o) => !options.some((opt) => opt.id === o))) fail('SOLICITATION_ANSWER_INVALID', { field: 'answers', questionId: q.id }, `「答卷」${label}的选项不存在`);
      if (chosen.length === 0 && q.required) fail('SOLICITATION_ANSWER_INVALID', { field: 'answers', questionId: q.id }, `「答卷」${label}为必答题，请选择`);
      if (q.kind === 'single' && chosen.length > 1) fail('SOLICITATION_ANSWER_INVALID', { field: 'answers', questionId: q.id }, `「答卷」${label}是单选题，只能选一项`);
      if (chosen.length > 0) clean.push({ questionId: q.id, optionIds: chosen });
    }
    const before = await tx.selectFrom('solicitation_response').select('id').where('district_id', '=', districtId).where('solicitation_id', '=', s.id).where('resident_id', '=', ctx.actor.id).executeTakeFirst();
    await tx
      .insertInto('solicitation_response')
      .values({ district_id: districtId, id: crypto.randomUUID(), solicitation_id: s.id, resident_id: ctx.actor.id, answers: JSON.stringify(clean), submitted_at: ctx.now })
      .onConflict((oc) => oc.columns(['district_id', 'solicitation_id', 'resident_id']).doUpdateSet((eb) => ({ answers: eb.ref('excluded.answers'), submitted_at: eb.ref('excluded.submitted_at'), replaced_count: eb('solicitation_response.replaced_count', '+', 1) })))
      .execute();
    const matter = await tx.selectFrom('matter').select(['id', 'node_path']).where('district_id', '=', districtId).where('id', '=', s.matter_id).executeTakeFirstOrThrow();
    await appendAudit(tx, { districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'matter.solicitation.respond', entityType: 'solicitation', entityId: s.id, nodePath: ctx.actor.nodePath, summary: `${before ? '修改' : '提交'}征求意见答卷「${s.title}」` });
    await appendMatterEvent(tx, { districtId, matterId: matter.id, stageId: s.stage_id, actor: ctx.actor, kind: 'solicitation.answered', summary: { zh: `收到一份${before ? '修改后的' : ''}答卷（「${s.title}」）`, en: `A ${before ? 'revised ' : ''}response to "${s.title}"` }, data: { solicitationId: s.id, replaced: !!before }, at: ctx.now });
    return { replaced: !!before };
  });
}

/** 座谈会 / 听证会 / 专家论证 records on an open stage. */
export async function addRecord(ctx: StepCtx, matterId: string, stageId: string, input: { kind: 'symposium' | 'hearing' | 'expert_review'; heldAt: string; place?: string; participants?: number | null; summary: string }): Promise<string> {
  return ctx.db.transaction().execute(async (tx) => {
    const { districtId, matter, stage } = await lockOpenStage(tx, ctx, matterId, stageId);
    const id = crypto.randomUUID();
    await tx.insertInto('matter_record').values({ district_id: districtId, id, matter_id: matterId, stage_id: stageId, kind: input.kind, held_at: input.heldAt, place: input.place ?? '', participants: input.participants ?? null, summary: input.summary, created_by: ctx.actor.id, created_at: ctx.now }).execute();
    const what = { symposium: ['座谈会', 'symposium'], hearing: ['听证会', 'hearing'], expert_review: ['专家论证', 'expert review'] }[input.kind];
    await recordMatterStep(tx, ctx, matter, {
      action: 'matter.record.create', kind: `record.${input.kind}`, stageId, entityType: 'matter_record', entityId: id,
      summary: { zh: `登记${what[0]}记录${input.participants ? `（${input.participants} 人参加）` : ''}`, en: `Recorded a ${what[1]}` },
      data: { kind: input.kind, heldAt: input.heldAt, place: input.place ?? '', participants: input.participants ?? null },
    });
    return id;
  });
}

/** 开言路 / 听证: a comment received on the draft (on an open public-comment or hearing stage). */
export async function addComment(ctx: StepCtx, matterId: string, stageId: string, input: { authorName: string; text: string; receivedAt?: string; residentId?: string | null }): Promise<string> {
  return ctx.db.transaction().execute(async (tx) => {
    const { districtId, matter, stage } = await lockOpenStage(tx, ctx, matterId, stageId);
    if (stage.kind !== 'public_comment' && stage.kind !== 'hearing') return fail('STAGE_WRONG_KIND', { stageId }, '只有公开征求意见（开言路）或听证环节可以登记意见');
    if (input.residentId) {
      const r = await tx.selectFrom('resident').select('node_path').where('district_id', '=', districtId).where('id', '=', input.residentId).executeTakeFirst();
      if (!r || !r.node_path.startsWith(matter.node_path)) return fail('MATTER_ITEM_SUBJECT_OUTSIDE', { field: 'residentId' });
    }
    const id = crypto.randomUUID();
    await tx.insertInto('matter_comment').values({ district_id: districtId, id, matter_id: matterId, stage_id: stageId, author_name: input.authorName, resident_id: input.residentId ?? null, text: input.text, received_at: input.receivedAt ?? ctx.now, answer: null, answered_at: null, answered_by: null, created_at: ctx.now }).execute();
    await recordMatterStep(tx, ctx, matter, {
      action: 'matter.comment.create', kind: 'comment.received', stageId, entityType: 'matter_comment', entityId: id,
      summary: { zh: `收到${input.authorName}的意见`, en: `Comment received from ${input.authorName}` },
      data: { authorName: input.authorName },
    });
    return id;
  });
}

export async function answerComment(ctx: StepCtx, matterId: string, commentId: string, input: { answer: string }): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const districtId = ctx.actor.districtId;
    const matter = await lockMatter(tx, districtId, matterId);
    const c = await tx.selectFrom('matter_comment').selectAll().where('district_id', '=', districtId).where('matter_id', '=', matterId).where('id', '=', commentId).forUpdate().executeTakeFirst();
    if (!c) return fail('NOT_FOUND', { field: 'commentId' });
    if (c.answered_at) return fail('COMMENT_ALREADY_ANSWERED', { commentId });
    await tx.updateTable('matter_comment').set({ answer: input.answer, answered_at: ctx.now, answered_by: ctx.actor.id }).where('district_id', '=', districtId).where('id', '=', commentId).execute();
    await recordMatterStep(tx, ctx, matter, { action: 'matter.comment.answer', kind: 'comment.answered', stageId: c.stage_id, entityType: 'matter_comment', entityId: commentId, summary: { zh: `答复${c.author_name}的意见`, en: `Answered the comment from ${c.author_name}` }, data: { answer: input.answer } });
  });
}

/** 监督: a finding (记录) or a flag (问题) on the matter or one of its stages; a flag blocks the stage from closing until answered. */
export async function addSupervisionNote(ctx: StepCtx, matterId: string, input: { kind: 'finding' | 'flag'; stageId?: string | null; text: string }): Promise<string> {
  return ctx.db.transaction().execute(async (tx) => {
    const districtId = ctx.actor.districtId;
    const matter = await lockMatter(tx, districtId, matterId);
    let stageName: string | null = null;
    if (input.stageId) {
      const stage = await lockStage(tx, districtId, matterId, input.stageId);
      stageName = renderName((stage.rules as StageTemplate).name, matter.unit).zh;
    } else if (input.kind === 'flag') {
      // A flag without a stage falls on the stage that is open now.
      const open = await tx.selectFrom('matter_stage').select(['id', 'rules']).where('district_id', '=', districtId).where('matter_id', '=', matterId).where('status', '=', 'open').executeTakeFirst();
      if (open) {
        input = { ...input, stageId: open.id };
        stageName = renderName((open.rules as StageTemplate).name, matter.unit).zh;
      }
    }
    const id = crypto.randomUUID();
    await tx.insertInto('supervision_note').values({ district_id: districtId, id, matter_id: matterId, stage_id: input.stageId ?? null, kind: input.kind, text: input.text, raised_by: ctx.actor.id, raised_at: ctx.now, answer: null, answered_by: null, answered_at: null }).execute();
    const committee = renderName('{居务监督委员会}', matter.unit);
    await recordMatterStep(tx, ctx, matter, {
      action: 'matter.supervision.create', kind: input.kind === 'flag' ? 'supervision.flagged' : 'supervision.finding', stageId: input.stageId ?? null, entityType: 'supervision_note', entityId: id,
      summary: input.kind === 'flag'
        ? { zh: `${committee}${stageName ? `对「${stageName}」` : ''}提出问题：${input.text}`, en: `The supervision committee flagged an irregularity: ${input.text}` }
        : { zh: `${committee}检查记录：${input.text}`, en: `Supervision finding: ${input.text}` },
      data: { kind: input.kind, text: input.text },
    });
    return id;
  });
}

export async function answerSupervisionNote(ctx: StepCtx, matterId: string, noteId: string, input: { answer: string }): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const districtId = ctx.actor.districtId;
    const matter = await lockMatter(tx, districtId, matterId);
    const note = await tx.selectFrom('supervision_note').selectAll().where('district_id', '=', districtId).where('matter_id', '=', matterId).where('id', '=', noteId).forUpdate().executeTakeFirst();
    if (!note) return fail('NOT_FOUND', { field: 'noteId' });
    if (note.kind !== 'flag') return fail('SUPERVISION_NOT_FLAG', { noteId });
    if (note.answered_at) return fail('SUPERVISION_ALREADY_ANSWERED', { noteId });
    await tx.updateTable('supervision_note').set({ answer: input.answer, answered_at: ctx.now, answered_by: ctx.actor.id }).where('district_id', '=', districtId).where('id', '=', noteId).execute();
    await recordMatterStep(tx, ctx, matter, { action: 'matter.supervision.answer', kind: 'supervision.answered', stageId: note.stage_id, entityType: 'supervision_note', entityId: noteId, summary: { zh: `答复监督问题：${input.answer}`, en: `Answered the supervision flag: ${input.answer}` }, data: { answer: input.answer } });
  });
}
