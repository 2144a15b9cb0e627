import crypto from 'node:crypto';
import type { ResidentActor, StaffActor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { storeFile } from '../../platform/files/files.ts';
import { ensureStandardBodies } from '../decisions/meetings/bodies.commands.ts';
import { holdDemoMeeting } from '../decisions/meetings/demo-meeting.ts';
import { createTask, updateTask } from '../decisions/matters/implementation.commands.ts';
import { acceptMatter, raiseMatter, type ItemInput } from '../decisions/matters/matter.commands.ts';
import type { StepCtx } from '../decisions/matters/matter-step.ts';
import { addRecord, answerSolicitation, createSolicitation } from '../decisions/matters/participation.commands.ts';
import { installProcedureTemplates } from '../decisions/matters/procedure-templates.ts';
import { publishStage } from '../decisions/matters/publication.commands.ts';
import { closeStage, signOffStage, skipStage } from '../decisions/matters/stage.commands.ts';
import type { BodyKind, StageTemplate } from '../decisions/rules/procedure-template.ts';
import { stageNeedsMeeting } from '../decisions/rules/stage-gate.ts';

/**
 * The decisions part of the demo district: matters at several stages in 百步亭花园社区 and 幸福里社区 —
 * a 一征三议两公开 matter at solicitation with answers, one at the representatives' vote, one published
 * and in implementation at 60 %, and a simplified batch of twelve 低保 reviews voted item by item.
 * Meetings are recorded as closed meetings with their results (the meeting module's own demo shows the
 * full sign-in and ballot flow). Runs inside the caller's transaction.
 */

/** A handle whose `transaction()` runs in the caller's open transaction, so commands can be reused in a seed. */
export function inTransaction(tx: Db): Db {
  const fake = { execute: <T>(fn: (t: Db) => Promise<T>) => fn(tx) };
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === 'transaction') return () => fake;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** Attaches a small file for each attachment the stage requires (a photo for photos, a text note otherwise). */
export async function attachRequired(tx: Db, input: { districtId: string; stageId: string; nodePath: string; rules: StageTemplate; actor: StaffActor; at: Date }): Promise<void> {
  for (const kind of input.rules.requiredAttachments) {
    const photo = kind === 'photos' || kind === 'posting_photo';
    await storeFile(tx, {
      districtId: input.districtId, ownerKind: 'matter_stage', ownerId: input.stageId, nodePath: input.nodePath, purpose: kind, actor: input.actor, at: input.at,
      name: photo ? `${kind}.png` : `${kind}.txt`, mime: photo ? 'image/png' : 'text/plain',
      content: photo ? PNG_1PX : Buffer.from(`演示附件：${input.rules.name.zh}（${kind}）`).toString('base64'),
    });
  }
}

/** Records a closed meeting of the stage's body with a result per item (demo and tests stand in for the meeting flow). */
export async function recordClosedMeeting(tx: Db, input: { districtId: string; matterId: string; stageId: string; communityId: string; nodePath: string; rules: StageTemplate; at: Date; failItemIds?: string[]; actorId?: string | null }): Promise<string> {
  const bodies = await ensureStandardBodies(tx, { districtId: input.districtId, communityId: input.communityId, now: input.at, committeeSize: 7 });
  const kind = (input.rules.body ?? 'two_committees') as BodyKind;
  const body = bodies.find((b) => b.kind === kind) ?? bodies[0];
  if (!body) throw new Error('no standard body');
  const id = crypto.randomUUID();
  await tx
    .insertInto('meeting')
    .values({ district_id: input.districtId, id, community_id: input.communityId, node_path: input.nodePath, matter_id: input.matterId, stage_id: input.stageId, body_id: body.id, alternative_key: null, title: input.rules.name.zh, place: '社区会议室', scheduled_at: input.at, called_at: input.at, called_by: input.actorId ?? null, status: 'closed', ballot: input.rules.ballot ?? 'open', allow_proxy: false, rules: JSON.stringify(input.rules), sign_in_opened_at: input.at, voting_opened_at: input.at, voting_closes_at: null, closed_at: input.at, closed_by: input.actorId ?? null })
    .execute();
  await tx.updateTable('matter_stage').set({ rules_locked_at: input.at }).where('district_id', '=', input.districtId).where('id', '=', input.stageId).execute();
  const items = await tx.selectFrom('matter_item').select(['id', 'position']).where('district_id', '=', input.districtId).where('matter_id', '=', input.matterId).where('status', '=', 'active').orderBy('position').execute();
  const fail = new Set(input.failItemIds ?? []);
  for (const item of items) {
    const passed = !fail.has(item.id);
    const counts = { head: { entitled: 35, present: 27, yes: passed ? 22 : 9, no: passed ? 3 : 16, abstain: 2 } };
    await tx
      .insertInto('meeting_result')
      .values({
        district_id: input.districtId, meeting_id: id, item_id: item.id, quorum_met: true, passed, counts: JSON.stringify(counts), tallied_at: input.at,
        explanation_zh: `应到 35 人，实到 27 人，超过半数；同意 ${counts.head.yes} 票，${passed ? '超过实到人数半数，通过' : '未超过实到人数半数，未通过'}`,
        explanation_en: `35 entitled, 27 present (more than half); ${counts.head.yes} yes — ${passed ? 'passed' : 'not passed'}`,
      })
      .execute();
  }
  return id;
}

type Clock = { now: Date };

/** Moves a matter through its stages up to (not past) the stage with `untilKey`, one day per step. */
async function advance(tx: Db, input: { districtId: string; matterId: string; untilKey: string | null; clock: Clock; staff: StaffActor; supervisor: StaffActor; failItemIds?: string[]; progressPercent?: number }): Promise<void> {
  const ctx = (actor: StaffActor): StepCtx => ({ db: inTransaction(tx), actor, ip: '127.0.0.1', now: input.clock.now });
  const tick = (days: number) => { input.clock.now = new Date(input.clock.now.getTime() + days * 86_400_000); };
  const matter = await tx.selectFrom('matter').select(['community_id', 'node_path']).where('district_id', '=', input.districtId).where('id', '=', input.matterId).executeTakeFirstOrThrow();
  for (let guard = 0; guard < 30; guard++) {
    const stage = await tx.selectFrom('matter_stage').selectAll().where('district_id', '=', input.districtId).where('matter_id', '=', input.matterId).where('status', '=', 'open').executeTakeFirst();
    if (!stage || stage.stage_key === input.untilKey) return;
    const rules = stage.rules as StageTemplate;
    tick(1);
    if (rules.optional) {
      await skipStage(ctx(input.staff), input.matterId, stage.id, { reason: '各方无争议，无需听证' });
      continue;
    }
    await attachRequired(tx, { districtId: input.districtId, stageId: stage.id, nodePath: matter.node_path, rules, actor: input.staff, at: input.clock.now });
    if (stageNeedsMeeting(rules)) {
      // A real meeting through the meeting commands: frozen roster, sign-in, ballots, tally.
      await holdDemoMeeting(tx, { districtId: input.districtId, stageId: stage.id, accountId: input.staff.id, at: input.clock.now, failItemIds: rules.kind === 'vote' ? input.failItemIds : [] });
    }
    if (rules.kind === 'publication') {
      await signOffStage(ctx(input.supervisor), input.matterId, stage.id, { note: '程序合规，同意公开' });
      await publishStage(ctx(input.staff), input.matterId, stage.id, {});
      if (input.untilKey === null || stage.stage_key !== input.untilKey) tick((rules.publicationDays ?? 7) + 2);
    }
    if (rules.kind === 'implementation') {
      const a = await createTask(ctx(input.staff), input.matterId, { title: '施工', weight: 3 });
      const b = await createTask(ctx(input.staff), input.matterId, { title: '验收', weight: 1, milestone: true });
      await updateTask(ctx(input.staff), input.matterId, a, { percent: 100 });
      await updateTask(ctx(input.staff), input.matterId, b, { percent: 100 });
    }
    if (rules.minDays) tick(rules.minDays + 1);
    await closeStage(ctx(input.staff), input.matterId, stage.id, {});
  }
}

export type SeedDecisionsInput = {
  districtId: string;
  now: Date;
  /** Staff accounts that act in the demo (百步亭 secretary and supervisor; the 幸福里 administrator or another staff account). */
  accounts: { secretary: string; supervisor: string; otherCommunityStaff: string };
  /** Community names (defaults: 百步亭花园社区, 幸福里社区). */
  communities?: { first?: string; second?: string };
};

/** The demo matters by role: at solicitation, at the representatives' vote, in implementation (幸福里), the 低保 batch. */
export type DemoMatters = { solicitation: string; vote: string; implementation: string; batch: string };

export async function seedDecisionsDemo(tx: Db, input: SeedDecisionsInput): Promise<{ matters: DemoMatters }> {
  const { districtId } = input;
  await installProcedureTemplates(tx, districtId, input.now);
  const byName = async (name: string, fallback: number) => {
    const named = await tx.selectFrom('org_node').select(['id', 'path', 'name']).where('district_id', '=', districtId).where('kind', '=', 'community').where('name', '=', name).executeTakeFirst();
    if (named) return named;
    const all = await tx.selectFrom('org_node').select(['id', 'path', 'name']).where('district_id', '=', districtId).where('kind', '=', 'community').orderBy('path').execute();
    const pick = all[fallback] ?? all[0];
    if (!pick) throw new Error('no community for the decisions demo');
    return pick;
  };
  const c1 = await byName(input.communities?.first ?? '百步亭花园社区', 0);
  const c2 = await byName(input.communities?.second ?? '幸福里社区', 1);
  const accounts = await tx.selectFrom('account').select(['id', 'username', 'display_name']).where('id', 'in', [input.accounts.secretary, input.accounts.supervisor, input.accounts.otherCommunityStaff]).execute();
  const staffOf = (id: string): StaffActor => {
    const a = accounts.find((x) => x.id === id);
    return { kind: 'staff', id, districtId, username: a?.username ?? 'demo', displayName: a?.display_name ?? '演示账号', mustChangePassword: false, bindings: [] };
  };
  const secretary = staffOf(input.accounts.secretary);
  const supervisor = staffOf(input.accounts.supervisor);
  const other = staffOf(input.accounts.otherCommunityStaff);
  const template = async (code: string) => (await tx.selectFrom('procedure_template').select('id').where('district_id', '=', districtId).where('community_id', 'is', null).where('code', '=', code).where('superseded_at', 'is', null).executeTakeFirstOrThrow()).id;
  const yizheng = await template('yizheng_sanyi_liang_gongkai');
  const day = 86_400_000;
  const matters: DemoMatters = { solicitation: '', vote: '', implementation: '', batch: '' };
  const db = inTransaction(tx);

  // 1. 百步亭: at solicitation, with a questionnaire and some answers.
  {
    const clock: Clock = { now: new Date(input.now.getTime() - 6 * day) };
    const ctx = (): StepCtx => ({ db, actor: secretary, ip: '127.0.0.1', now: clock.now });
    // The affected scope: the grid where the portal's demo residents live (else the community's first grid).
    const demoResident = await tx.selectFrom('resident').select('node_path').where('district_id', '=', districtId).where('phone', '=', '13800000001').where('node_path', 'like', `${c1.path}%`).executeTakeFirst();
    const firstGrid = await tx.selectFrom('org_node').select(['id', 'path']).where('district_id', '=', districtId).where('kind', '=', 'grid').where('path', 'like', `${c1.path}%`).$if(!!demoResident, (q) => q.where('id', 'in', (demoResident?.node_path ?? '').split('/').filter(Boolean))).orderBy('path').executeTakeFirstOrThrow();
    const id = await raiseMatter(ctx(), { communityId: c1.id, title: '小区停车位规划和收费调整', description: '小区车位紧张，拟重新规划地面停车位并调整收费标准，先征求居民意见。', category: '公共设施' });
    clock.now = new Date(clock.now.getTime() + day);
    await acceptMatter(ctx(), id, { templateId: yizheng, category: '公共设施', budget: 120000, affectedNodeId: firstGrid.id });
    const stage = await tx.selectFrom('matter_stage').select('id').where('district_id', '=', districtId).where('matter_id', '=', id).where('stage_key', '=', 'solicitation').executeTakeFirstOrThrow();
    const sid = await createSolicitation(ctx(), id, stage.id, {
      title: '停车位规划意见征询', description: '请在截止前填写，每户居民均可参与。', closesAt: new Date(input.now.getTime() + 30 * day).toISOString(),
      questions: [
        { kind: 'single', text: '您是否赞成重新规划地面停车位？', options: ['赞成', '不赞成', '无所谓'] },
        { kind: 'multiple', text: '您希望优先解决哪些问题？（可多选）', options: ['车位不足', '乱停乱放', '收费过高', '充电桩'] },
        { kind: 'text', text: '其他意见和建议', required: false },
      ],
    });
    await addRecord(ctx(), id, stage.id, { kind: 'symposium', heldAt: new Date(clock.now.getTime() + day).toISOString(), place: '社区议事厅', participants: 18, summary: '居民代表、业主代表和物业座谈，多数赞成重新规划，关注收费标准和充电桩。' });
    const questions = await tx.selectFrom('solicitation_question').select(['id', 'position']).where('district_id', '=', districtId).where('solicitation_id', '=', sid).orderBy('position').execute();
    const people = await tx.selectFrom('resident').select(['id', 'name', 'node_path']).where('district_id', '=', districtId).where('node_path', 'like', `${firstGrid.path}%`).where('birth_date', '<=', '2006-01-01')
      // The portal's demo residents (138000000xx) are left to answer it themselves.
      .where((eb) => eb.or([eb('phone', 'is', null), eb('phone', 'not like', '13800000%')])).orderBy('id').limit(9).execute();
    const texts = ['希望增加充电桩', '晚上巷口乱停车严重，建议划线', '', '收费请公示明细'];
    for (const [i, p] of people.entries()) {
      const resident: ResidentActor = { kind: 'resident', id: p.id, districtId, displayName: p.name, nodePath: p.node_path, roles: [] };
      const [q1, q2, q3] = questions;
      if (!q1 || !q2 || !q3) break;
      await answerSolicitation({ db, actor: resident, ip: '127.0.0.1', now: new Date(clock.now.getTime() + (i + 2) * 3600_000) }, sid, {
        answers: [
          { questionId: q1.id, optionIds: [i % 4 === 3 ? 'o2' : 'o1'] },
          { questionId: q2.id, optionIds: i % 2 === 0 ? ['o1', 'o4'] : ['o2'] },
          ...(texts[i % texts.length] ? [{ questionId: q3.id, text: texts[i % texts.length] }] : []),
        ],
      });
    }
    matters.solicitation = id;
  }

  // 2. 百步亭: at the representatives' vote (一征、两委提议、党员议事会审议 done; no hearing needed).
  {
    const clock: Clock = { now: new Date(input.now.getTime() - 20 * day) };
    const id = await raiseMatter({ db, actor: secretary, ip: '127.0.0.1', now: clock.now }, { communityId: c1.id, title: '老旧小区雨污分流改造', description: '3 栋至 8 栋雨水、污水管网混接，雨季返水，拟申请改造资金实施雨污分流。', category: '老旧小区改造' });
    clock.now = new Date(clock.now.getTime() + day);
    await acceptMatter({ db, actor: secretary, ip: '127.0.0.1', now: clock.now }, id, { templateId: yizheng, category: '老旧小区改造', budget: 860000 });
    await advance(tx, { districtId, matterId: id, untilKey: 'representatives_resolution', clock, staff: secretary, supervisor });
    matters.vote = id;
  }

  // 3. 幸福里: published and in implementation at 60 %.
  {
    const clock: Clock = { now: new Date(input.now.getTime() - 40 * day) };
    const id = await raiseMatter({ db, actor: other, ip: '127.0.0.1', now: clock.now }, { communityId: c2.id, title: '社区文化广场修缮', description: '广场地砖破损、照明不足，拟修缮地面、增设路灯和健身器材。', category: '公共设施' });
    clock.now = new Date(clock.now.getTime() + day);
    await acceptMatter({ db, actor: other, ip: '127.0.0.1', now: clock.now }, id, { templateId: yizheng, category: '公共设施', budget: 350000 });
    await advance(tx, { districtId, matterId: id, untilKey: 'implementation', clock, staff: other, supervisor: other });
    const ctx = (): StepCtx => ({ db, actor: other, ip: '127.0.0.1', now: clock.now });
    const works = await createTask(ctx(), id, { title: '工程施工', weight: 4 });
    const floor = await createTask(ctx(), id, { title: '地面铺装', parentId: works, weight: 2 });
    const lights = await createTask(ctx(), id, { title: '路灯安装', parentId: works, weight: 1 });
    const gym = await createTask(ctx(), id, { title: '健身器材安装', parentId: works, weight: 1 });
    const accept = await createTask(ctx(), id, { title: '竣工验收', weight: 1, milestone: true });
    await updateTask(ctx(), id, floor, { percent: 100, note: '地砖铺装完成' });
    await updateTask(ctx(), id, lights, { percent: 100, note: '12 盏路灯已通电' });
    await updateTask(ctx(), id, gym, { percent: 0 });
    await updateTask(ctx(), id, accept, { status: 'not_started' });
    // works = (2·100 + 1·100 + 1·0)/4 = 75; overall = (4·75 + 1·0)/5 = 60.
    matters.implementation = id;
  }

  // 4. 百步亭: a simplified batch of twelve 低保 reviews; eleven passed, one did not; the resolution awaits publication.
  {
    const clock: Clock = { now: new Date(input.now.getTime() - 15 * day) };
    const id = await raiseMatter({ db, actor: secretary, ip: '127.0.0.1', now: clock.now }, { communityId: c1.id, title: '第四季度最低生活保障资格复审（12 户）', description: '按简易程序集中审议，逐户表决。', category: '低保' });
    const people = await tx.selectFrom('resident').select(['id', 'name']).where('district_id', '=', districtId).where('node_path', 'like', `${c1.path}%`).where('relation', '=', '户主').orderBy('id').limit(12).execute();
    const heads = people.length >= 12 ? people : await tx.selectFrom('resident').select(['id', 'name']).where('district_id', '=', districtId).where('node_path', 'like', `${c1.path}%`).orderBy('id').limit(12).execute();
    const items: ItemInput[] = heads.map((p, i) => ({ title: `${p.name}户低保复审`, description: '家庭收入、财产状况入户核查', subjectResidentId: p.id, householdSize: 1 + (i % 4), amount: 620 + (i % 3) * 80 }));
    clock.now = new Date(clock.now.getTime() + day);
    await acceptMatter({ db, actor: secretary, ip: '127.0.0.1', now: clock.now }, id, { templateId: yizheng, category: '低保', items });
    const last = await tx.selectFrom('matter_item').select('id').where('district_id', '=', districtId).where('matter_id', '=', id).orderBy('position', 'desc').executeTakeFirstOrThrow();
    await advance(tx, { districtId, matterId: id, untilKey: 'resolution_publication', clock, staff: secretary, supervisor, failItemIds: [last.id] });
    matters.batch = id;
  }
  return { matters };
}
