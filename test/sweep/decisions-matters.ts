import crypto from 'node:crypto';
import type { Db } from '../../src/platform/db/database.ts';
import type { ForeignRecords, SweepCases } from './types.ts';

/**
 * Matters of 百步亭花园社区 for the sweep: the demo seed makes them; if the database holds none (the seed
 * not wired yet), a bare matter with a stage, a solicitation, a file and a community template copy is made.
 */
export const foreignRecords: ForeignRecords = async (db: Db, community) => {
  const district = (await db.selectFrom('org_node').select('district_id').where('id', '=', community.id).executeTakeFirstOrThrow()).district_id;
  let matter = await db.selectFrom('matter').select('id').where('community_id', '=', community.id).where('procedure', 'is not', null).orderBy('raised_at').executeTakeFirst();
  const now = new Date();
  if (!matter) {
    const id = crypto.randomUUID();
    await db.insertInto('matter').values({ district_id: district, id, community_id: community.id, node_path: community.path, title: '扫描用议题', status: 'in_progress', procedure: JSON.stringify({ stages: [] }), template_id: null, category: null, budget: null, affected_node_id: null, raised_by_resident_id: null, raised_by_account_id: null, raised_at: now, accepted_at: now, accepted_by: null, closed_at: null, close_reason: null, updated_at: now }).execute();
    await db.insertInto('matter_item').values({ district_id: district, id: crypto.randomUUID(), matter_id: id, position: 1, title: '扫描用事项', subject_resident_id: null, household_size: null, amount: null, stopped_at_stage_id: null }).execute();
    await db.insertInto('matter_stage').values({ district_id: district, id: crypto.randomUUID(), matter_id: id, position: 1, stage_key: 'solicitation', kind: 'solicitation', rules: JSON.stringify({ key: 'solicitation', kind: 'solicitation', name: { zh: '征求意见', en: 'Solicitation' }, body: null, attendance: null, decision: null, requiredAttachments: [] }), status: 'open', opened_at: now, due_at: null, closed_at: null, outcome: null, rules_locked_at: null, signed_off_at: null, signed_off_by: null, note: null }).execute();
    matter = { id };
  }
  const stage = await db.selectFrom('matter_stage').select('id').where('matter_id', '=', matter.id).orderBy('position').executeTakeFirstOrThrow();
  let solicitation = await db.selectFrom('solicitation').select('id').where('node_path', 'like', `${community.path}%`).executeTakeFirst();
  if (!solicitation) {
    const id = crypto.randomUUID();
    await db.insertInto('solicitation').values({ district_id: district, id, matter_id: matter.id, stage_id: stage.id, scope_node_id: community.id, node_path: community.path, title: '扫描用问卷', opens_at: now, closes_at: new Date(now.getTime() + 86_400_000), closed_at: null, created_by: null, created_at: now }).execute();
    solicitation = { id };
  }
  let file = await db.selectFrom('stored_file').select('id').where('node_path', 'like', `${community.path}%`).executeTakeFirst();
  if (!file) {
    const id = crypto.randomUUID();
    const content = Buffer.from('扫描用附件');
    await db.insertInto('stored_file').values({ district_id: district, id, owner_kind: 'matter_stage', owner_id: stage.id, node_path: community.path, purpose: 'minutes', name: 'sweep.txt', mime: 'text/plain', size: content.length, sha256: crypto.createHash('sha256').update(content).digest('hex'), content, uploaded_by_kind: 'system', uploaded_by: null, created_at: now }).execute();
    file = { id };
  }
  let template = await db.selectFrom('procedure_template').select('id').where('community_id', '=', community.id).executeTakeFirst();
  if (!template) {
    const id = crypto.randomUUID();
    await db.insertInto('procedure_template').values({ district_id: district, id, community_id: community.id, code: 'sweep_copy', version: 1, name: '扫描用程序', body: JSON.stringify({ code: 'sweep_copy', stages: [] }), based_on_id: null, superseded_at: null, created_by: null, created_at: now }).execute();
    template = { id };
  }
  const comment = await db.selectFrom('matter_comment').select('id').where('matter_id', '=', matter.id).executeTakeFirst();
  const note = await db.selectFrom('supervision_note').select('id').where('matter_id', '=', matter.id).executeTakeFirst();
  const task = await db.selectFrom('implementation_task').select('id').where('matter_id', '=', matter.id).executeTakeFirst();
  return {
    matterId: matter.id,
    matterStageId: stage.id,
    solicitationId: solicitation.id,
    storedFileId: file.id,
    templateCopyId: template.id,
    ...(comment ? { matterCommentId: comment.id } : {}),
    ...(note ? { supervisionNoteId: note.id } : {}),
    ...(task ? { taskId: task.id } : {}),
  };
};

const NONE = '00000000-0000-4000-8000-000000000000';

export const sweepCases: SweepCases = (f) => {
  const r = f.records;
  const matterId = r.matterId ?? NONE;
  const stageId = r.matterStageId ?? NONE;
  const m = { matterId };
  const ms = { matterId, stageId };
  return {
    'GET /api/procedure-templates': { kind: 'list' },
    'GET /api/procedure-templates/:templateId': { kind: 'record', params: { templateId: r.templateCopyId ?? NONE } },
    'POST /api/procedure-templates/:templateId/copy': { kind: 'record', params: { templateId: r.templateCopyId ?? NONE }, body: { communityId: f.communityId } },
    'PUT /api/procedure-templates/:templateId': { kind: 'record', params: { templateId: r.templateCopyId ?? NONE }, body: { body: {} } },
    'GET /api/matters': { kind: 'list' },
    'POST /api/matters': { kind: 'record', body: { communityId: f.communityId, title: '越权议题' } },
    'GET /api/matters/:matterId': { kind: 'record', params: m },
    'POST /api/matters/:matterId/accept': { kind: 'record', params: m, body: { templateId: NONE } },
    'POST /api/matters/:matterId/decline': { kind: 'record', params: m, body: { reason: '越权' } },
    'POST /api/matters/:matterId/stages/:stageId/close': { kind: 'record', params: ms, body: {} },
    'POST /api/matters/:matterId/stages/:stageId/skip': { kind: 'record', params: ms, body: { reason: '越权' } },
    'POST /api/matters/:matterId/stages/:stageId/sign-off': { kind: 'record', params: ms, body: {} },
    'POST /api/matters/:matterId/stages/:stageId/publish': { kind: 'record', params: ms, body: {} },
    'POST /api/matters/:matterId/stages/:stageId/solicitations': { kind: 'record', params: ms, body: { title: '越权', closesAt: '2030-01-01T00:00:00+08:00', questions: [{ kind: 'text', text: '越权' }] } },
    'GET /api/solicitations/:solicitationId/summary': { kind: 'record', params: { solicitationId: r.solicitationId ?? NONE } },
    'POST /api/matters/:matterId/stages/:stageId/records': { kind: 'record', params: ms, body: { kind: 'symposium', heldAt: '2026-11-01T10:00:00+08:00', summary: '越权' } },
    'POST /api/matters/:matterId/stages/:stageId/comments': { kind: 'record', params: ms, body: { authorName: '越权', text: '越权' } },
    'POST /api/matters/:matterId/comments/:commentId/answer': { kind: 'record', params: { matterId, commentId: r.matterCommentId ?? NONE }, body: { answer: '越权' } },
    'POST /api/matters/:matterId/supervision': { kind: 'record', params: m, body: { kind: 'flag', text: '越权' } },
    'POST /api/matters/:matterId/supervision/:noteId/answer': { kind: 'record', params: { matterId, noteId: r.supervisionNoteId ?? NONE }, body: { answer: '越权' } },
    'POST /api/matters/:matterId/tasks': { kind: 'record', params: m, body: { title: '越权' } },
    'PATCH /api/matters/:matterId/tasks/:taskId': { kind: 'record', params: { matterId, taskId: r.taskId ?? NONE }, body: { percent: 10 } },
    'POST /api/files': { kind: 'record', body: { ownerKind: 'matter_stage', ownerId: stageId, purpose: 'minutes', name: 'x.txt', mime: 'text/plain', content: 'eA==' } },
    'GET /api/files/:fileId': { kind: 'record', params: { fileId: r.storedFileId ?? NONE } },
    'POST /api/portal/topics': { kind: 'exempt', why: 'resident session only; the topic goes to the resident\u2019s own community' },
    'GET /api/portal/topics': { kind: 'exempt', why: 'resident session only; lists the resident\u2019s own topics' },
    'GET /api/portal/solicitations': { kind: 'exempt', why: 'resident session only; scoped to the resident\u2019s household path' },
    'POST /api/portal/solicitations/:solicitationId/responses': { kind: 'exempt', why: 'resident session only; a resident outside the scope is refused (tested in decisions-matters.db.test.ts)' },
  };
};
