import type { Db } from '../../../platform/db/database.ts';
import { fail } from '../../../platform/errors.ts';
import { filesOf } from '../../../platform/files/files.ts';
import { stageKindLabel, type ProcedureTemplate, type StageTemplate } from '../rules/procedure-template.ts';
import { bodyName, renderName } from '../rules/wording.ts';
import { taskTree } from './implementation.commands.ts';
import { MATTER_STATUS_LABELS, STAGE_OUTCOME_LABELS, STAGE_STATUS_LABELS } from './matter-step.ts';
import type { MatterStatus, QuestionOption, StoredAnswer } from './matters.tables.ts';

type Lang = 'zh' | 'en';

/** Scope resolvers: a matter and everything under it lie in the matter's community. */
export async function matterScope(db: Db, districtId: string, id: string): Promise<string[] | null> {
  const row = await db.selectFrom('matter').select('node_path').where('district_id', '=', districtId).where('id', '=', id).executeTakeFirst();
  return row ? [row.node_path] : null;
}
export async function stageScope(db: Db, districtId: string, id: string): Promise<string[] | null> {
  const row = await db.selectFrom('matter_stage as s').innerJoin('matter as m', (j) => j.onRef('m.district_id', '=', 's.district_id').onRef('m.id', '=', 's.matter_id')).select('m.node_path').where('s.district_id', '=', districtId).where('s.id', '=', id).executeTakeFirst();
  return row ? [row.node_path] : null;
}
export async function solicitationScope(db: Db, districtId: string, id: string): Promise<string[] | null> {
  const row = await db.selectFrom('solicitation as s').innerJoin('matter as m', (j) => j.onRef('m.district_id', '=', 's.district_id').onRef('m.id', '=', 's.matter_id')).select('m.node_path').where('s.district_id', '=', districtId).where('s.id', '=', id).executeTakeFirst();
  return row ? [row.node_path] : null;
}

export type MatterListItem = {
  id: string; title: string; communityId: string; communityName: string; category: string | null; status: MatterStatus; statusLabel: string; batch: boolean; itemCount: number;
  procedureName: string | null; raisedAt: string; raisedByResident: boolean;
  currentStage: { id: string; key: string; kind: string; name: string; openedAt: string | null; dueAt: string | null; overdue: boolean } | null;
  stageCount: number; stagesDone: number;
};

/** Matters in the scope, newest first, with the open stage and its deadline. */
export async function listMatters(db: Db, input: { districtId: string; scope: string[]; status?: MatterStatus; communityId?: string; q?: string; page: number; pageSize: number; now: Date; lang: Lang }): Promise<{ total: number; items: MatterListItem[] }> {
  if (input.scope.length === 0) return { total: 0, items: [] };
  let base = db
    .selectFrom('matter as m')
    .innerJoin('org_node as c', (j) => j.onRef('c.district_id', '=', 'm.district_id').onRef('c.id', '=', 'm.community_id'))
    .where('m.district_id', '=', input.districtId)
    .where((eb) => eb.or(input.scope.map((p) => eb('m.node_path', 'like', `${p}%`))));
  if (input.status) base = base.where('m.status', '=', input.status);
  if (input.communityId) base = base.where('m.community_id', '=', input.communityId);
  if (input.q) base = base.where('m.title', 'like', `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .select(['m.id', 'm.title', 'm.community_id', 'c.name as community_name', 'm.category', 'm.status', 'm.batch', 'm.procedure', 'm.unit', 'm.raised_at', 'm.raised_by_resident_id'])
    .orderBy('m.raised_at', 'desc')
    .orderBy('m.id')
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize)
    .execute();
  const ids = rows.map((r) => r.id);
  const stages = ids.length ? await db.selectFrom('matter_stage').select(['id', 'matter_id', 'stage_key', 'kind', 'rules', 'status', 'opened_at', 'due_at']).where('district_id', '=', input.districtId).where('matter_id', 'in', ids).orderBy('position').execute() : [];
  const counts = ids.length ? await db.selectFrom('matter_item').select(['matter_id', (eb) => eb.fn.countAll<number>().as('n')]).where('district_id', '=', input.districtId).where('matter_id', 'in', ids).groupBy('matter_id').execute() : [];
  return {
    total,
    items: rows.map((r) => {
      const own = stages.filter((s) => s.matter_id === r.id);
      const open = own.find((s) => s.status === 'open');
      const procedure = r.procedure as ProcedureTemplate | null;
      return {
        id: r.id, title: r.title, communityId: r.community_id, communityName: r.community_name, category: r.category, status: r.status, statusLabel: MATTER_STATUS_LABELS[r.status][input.lang], batch: r.batch,
        itemCount: Number(counts.find((c) => c.matter_id === r.id)?.n ?? 0),
        procedureName: procedure ? renderName(procedure.name, r.unit)[input.lang] : null,
        raisedAt: new Date(r.raised_at).toISOString(), raisedByResident: r.raised_by_resident_id !== null,
        currentStage: open ? { id: open.id, key: open.stage_key, kind: open.kind, name: renderName((open.rules as StageTemplate).name, r.unit)[input.lang], openedAt: open.opened_at ? new Date(open.opened_at).toISOString() : null, dueAt: open.due_at ? new Date(open.due_at).toISOString() : null, overdue: !!open.due_at && new Date(open.due_at).getTime() < input.now.getTime() } : null,
        stageCount: own.length, stagesDone: own.filter((s) => s.status === 'closed' || s.status === 'skipped').length,
      };
    }),
  };
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** Everything the matter page shows: the matter, its items, stages (with rules, files, records, comments, flags, publications), tasks and timeline. */
export async function matterPage(db: Db, districtId: string, matterId: string, lang: Lang) {
  const m = await db
    .selectFrom('matter as m')
    .innerJoin('org_node as c', (j) => j.onRef('c.district_id', '=', 'm.district_id').onRef('c.id', '=', 'm.community_id'))
    .leftJoin('resident as r', (j) => j.onRef('r.district_id', '=', 'm.district_id').onRef('r.id', '=', 'm.raised_by_resident_id'))
    .leftJoin('account as a', 'a.id', 'm.raised_by_account_id')
    .selectAll('m')
    .select(['c.name as community_name', 'r.name as resident_name', 'a.display_name as account_name'])
    .where('m.district_id', '=', districtId)
    .where('m.id', '=', matterId)
    .executeTakeFirst();
  if (!m) return fail('NOT_FOUND', { field: 'matterId' });
  const [items, stages, events, notes, records, comments, publications, solicitations] = await Promise.all([
    db.selectFrom('matter_item as i').leftJoin('resident as r', (j) => j.onRef('r.district_id', '=', 'i.district_id').onRef('r.id', '=', 'i.subject_resident_id')).selectAll('i').select('r.name as subject_name').where('i.district_id', '=', districtId).where('i.matter_id', '=', matterId).orderBy('i.position').execute(),
    db.selectFrom('matter_stage').selectAll().where('district_id', '=', districtId).where('matter_id', '=', matterId).orderBy('position').execute(),
    db.selectFrom('matter_event').selectAll().where('district_id', '=', districtId).where('matter_id', '=', matterId).orderBy('at').orderBy('seq').execute(),
    db.selectFrom('supervision_note').selectAll().where('district_id', '=', districtId).where('matter_id', '=', matterId).orderBy('raised_at').execute(),
    db.selectFrom('matter_record').selectAll().where('district_id', '=', districtId).where('matter_id', '=', matterId).orderBy('held_at').execute(),
    db.selectFrom('matter_comment').selectAll().where('district_id', '=', districtId).where('matter_id', '=', matterId).orderBy('received_at').execute(),
    db.selectFrom('matter_publication').selectAll().where('district_id', '=', districtId).where('matter_id', '=', matterId).execute(),
    db.selectFrom('solicitation').select(['id', 'stage_id', 'title', 'opens_at', 'closes_at', 'closed_at']).where('district_id', '=', districtId).where('matter_id', '=', matterId).orderBy('created_at').execute(),
  ]);
  const stageFiles = await filesOf(db, districtId, 'matter_stage', stages.map((s) => s.id), lang);
  const matterFiles = await filesOf(db, districtId, 'matter', [matterId], lang);
  const tasks = await taskTree(db, districtId, matterId, lang);
  const procedure = m.procedure as ProcedureTemplate | null;
  const unit = m.unit;
  return {
    id: m.id,
    title: m.title,
    description: m.description,
    communityId: m.community_id,
    communityName: m.community_name,
    category: m.category,
    budget: m.budget === null ? null : Number(m.budget),
    status: m.status,
    statusLabel: MATTER_STATUS_LABELS[m.status][lang],
    unit,
    batch: m.batch,
    templateId: m.template_id,
    procedureName: procedure ? renderName(procedure.name, unit)[lang] : null,
    procedure,
    affectedNodeId: m.affected_node_id,
    affectedHouseIds: m.affected_house_ids,
    raisedBy: m.raised_by_resident_id ? { kind: 'resident' as const, name: m.resident_name ?? '' } : { kind: 'staff' as const, name: m.account_name ?? '' },
    raisedAt: iso(m.raised_at),
    acceptedAt: iso(m.accepted_at),
    closedAt: iso(m.closed_at),
    closeReason: m.close_reason,
    files: matterFiles,
    items: items.map((i) => ({ id: i.id, position: i.position, title: i.title, description: i.description, subjectResidentId: i.subject_resident_id, subjectName: i.subject_name, householdSize: i.household_size, amount: i.amount === null ? null : Number(i.amount), status: i.status, stoppedAtStageId: i.stopped_at_stage_id })),
    stages: stages.map((s) => {
      const rules = s.rules as StageTemplate;
      return {
        id: s.id, position: s.position, key: s.stage_key, kind: s.kind, kindLabel: stageKindLabel(s.kind)[lang], name: renderName(rules.name, unit)[lang], bodyName: rules.body ? bodyName(rules.body, unit)[lang] : null,
        rules, status: s.status, statusLabel: STAGE_STATUS_LABELS[s.status][lang], round: s.round, openedAt: iso(s.opened_at), dueAt: iso(s.due_at), closedAt: iso(s.closed_at),
        outcome: s.outcome, outcomeLabel: s.outcome ? STAGE_OUTCOME_LABELS[s.outcome][lang] : null, rulesLockedAt: iso(s.rules_locked_at), signedOffAt: iso(s.signed_off_at), note: s.note,
        files: stageFiles.filter((f) => f.ownerId === s.id),
        records: records.filter((r) => r.stage_id === s.id).map((r) => ({ id: r.id, kind: r.kind, heldAt: iso(r.held_at), place: r.place, participants: r.participants, summary: r.summary })),
        comments: comments.filter((c) => c.stage_id === s.id).map((c) => ({ id: c.id, authorName: c.author_name, text: c.text, receivedAt: iso(c.received_at), answer: c.answer, answeredAt: iso(c.answered_at) })),
        openFlags: notes.filter((n) => n.stage_id === s.id && n.kind === 'flag' && !n.answered_at).length,
        publication: (() => { const p = publications.find((x) => x.stage_id === s.id); return p ? { boardEntryId: p.board_entry_id, kind: p.kind, publicationDays: p.publication_days, publishedAt: iso(p.published_at) } : null; })(),
        solicitations: solicitations.filter((x) => x.stage_id === s.id).map((x) => ({ id: x.id, title: x.title, opensAt: iso(x.opens_at), closesAt: iso(x.closes_at) })),
      };
    }),
    supervision: notes.map((n) => ({ id: n.id, kind: n.kind, stageId: n.stage_id, text: n.text, raisedAt: iso(n.raised_at), answer: n.answer, answeredAt: iso(n.answered_at) })),
    implementation: tasks,
    timeline: events.map((e) => ({ id: e.id, at: iso(e.at), stageId: e.stage_id, actorName: e.actor_name, kind: e.kind, summary: lang === 'en' ? e.summary_en : e.summary_zh, data: e.data })),
  };
}

/** 征求意见汇总: counts per option (for charts) and the free-text answers, plus offline symposium records. */
export async function solicitationSummary(db: Db, districtId: string, solicitationId: string) {
  const s = await db.selectFrom('solicitation as s').innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 's.district_id').onRef('n.id', '=', 's.scope_node_id')).selectAll('s').select('n.name as scope_name').where('s.district_id', '=', districtId).where('s.id', '=', solicitationId).executeTakeFirst();
  if (!s) return fail('NOT_FOUND', { field: 'solicitationId' });
  const questions = await db.selectFrom('solicitation_question').selectAll().where('district_id', '=', districtId).where('solicitation_id', '=', s.id).orderBy('position').execute();
  const responses = await db.selectFrom('solicitation_response').select(['answers', 'submitted_at']).where('district_id', '=', districtId).where('solicitation_id', '=', s.id).orderBy('submitted_at').execute();
  const eligible = await db.selectFrom('resident').select((eb) => eb.fn.countAll<number>().as('n')).where('district_id', '=', districtId).where('node_path', 'like', `${s.node_path}%`).where('status', '=', 'present').executeTakeFirstOrThrow();
  const records = await db.selectFrom('matter_record').select(['id', 'kind', 'held_at', 'place', 'participants', 'summary']).where('district_id', '=', districtId).where('stage_id', '=', s.stage_id).where('kind', '=', 'symposium').orderBy('held_at').execute();
  return {
    id: s.id, matterId: s.matter_id, stageId: s.stage_id, title: s.title, description: s.description, scopeNodeId: s.scope_node_id, scopeName: s.scope_name, opensAt: iso(s.opens_at), closesAt: iso(s.closes_at),
    eligible: Number(eligible.n), responses: responses.length,
    questions: questions.map((q) => {
      const answers = responses.map((r) => (r.answers as StoredAnswer[]).find((a) => a.questionId === q.id)).filter((a): a is StoredAnswer => !!a);
      const options = q.options as QuestionOption[];
      return {
        id: q.id, position: q.position, kind: q.kind, text: q.text, answered: answers.length,
        options: options.map((o) => ({ id: o.id, text: o.text, count: answers.filter((a) => a.optionIds?.includes(o.id)).length })),
        texts: q.kind === 'text' ? answers.map((a) => a.text ?? '').filter(Boolean) : [],
      };
    }),
    symposiums: records.map((r) => ({ id: r.id, heldAt: iso(r.held_at), place: r.place, participants: r.participants, summary: r.summary })),
  };
}

/** The open solicitations a resident may answer (their household lies in the scope), with whether they answered. */
export async function residentSolicitations(db: Db, districtId: string, residentId: string, nodePath: string, now: Date) {
  const rows = await db
    .selectFrom('solicitation as s')
    .leftJoin('solicitation_response as r', (j) => j.onRef('r.district_id', '=', 's.district_id').onRef('r.solicitation_id', '=', 's.id').on('r.resident_id', '=', residentId))
    .select(['s.id', 's.matter_id', 's.title', 's.description', 's.closes_at', 's.node_path', 'r.id as response_id'])
    .where('s.district_id', '=', districtId)
    .where('s.closed_at', 'is', null)
    .where('s.opens_at', '<=', now)
    .where('s.closes_at', '>', now)
    .orderBy('s.closes_at')
    .execute();
  const mine = rows.filter((r) => nodePath.startsWith(r.node_path));
  const questions = mine.length ? await db.selectFrom('solicitation_question').selectAll().where('district_id', '=', districtId).where('solicitation_id', 'in', mine.map((r) => r.id)).orderBy('position').execute() : [];
  return {
    items: mine.map((r) => ({
      id: r.id, matterId: r.matter_id, title: r.title, description: r.description, closesAt: new Date(r.closes_at).toISOString(), answered: r.response_id !== null,
      questions: questions.filter((q) => q.solicitation_id === r.id).map((q) => ({ id: q.id, kind: q.kind, text: q.text, required: q.required, options: q.options as QuestionOption[] })),
    })),
  };
}

/** A resident's own topics (民事民提) with where each stands. */
export async function residentTopics(db: Db, districtId: string, residentId: string, lang: Lang) {
  const rows = await db.selectFrom('matter').select(['id', 'title', 'status', 'unit', 'raised_at', 'close_reason']).where('district_id', '=', districtId).where('raised_by_resident_id', '=', residentId).orderBy('raised_at', 'desc').limit(200).execute();
  const stages = rows.length ? await db.selectFrom('matter_stage').select(['matter_id', 'rules']).where('district_id', '=', districtId).where('matter_id', 'in', rows.map((r) => r.id)).where('status', '=', 'open').execute() : [];
  return {
    items: rows.map((r) => {
      const open = stages.find((s) => s.matter_id === r.id);
      return { id: r.id, title: r.title, status: r.status, statusLabel: MATTER_STATUS_LABELS[r.status][lang], stageName: open ? renderName((open.rules as StageTemplate).name, r.unit)[lang] : null, createdAt: new Date(r.raised_at).toISOString(), closeReason: r.close_reason };
    }),
  };
}
