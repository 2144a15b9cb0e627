import crypto from 'node:crypto';
import { pathInScope, scopePaths } from '../../../platform/auth/actor.ts';
import { chinaDate } from '../../../platform/china-time.ts';
import type { Db } from '../../../platform/db/database.ts';
import { DomainError, fail } from '../../../platform/errors.ts';
import { loadStage } from '../matters/index.ts';
import { stageVariant } from '../rules/procedure-template.ts';
import { BODY_KIND_LABELS, findBody, type Ctx } from './bodies.commands.ts';
import { earliestMeetingDate, noticeSatisfied } from '../rules/periods.ts';
import { pickOnePerHouse } from './meeting-rules.ts';
import { recordStep, withTx, type MeetingRules } from './meeting-shared.ts';

export type CallMeetingInput = { stageId: string; bodyId: string; alternativeKey?: string | null; title?: string | null; place?: string | null; scheduledAt: string };

/**
 * Calls a meeting of a body for a matter stage. The roster is frozen now (应到): the body's current
 * members who still live in its scope, one per house for owners (with the house's floor area as weight).
 * Where the stage sets a notice period the meeting day must leave it. Members concerned by an item (its
 * subject or someone of the subject's household) are recused from that item at once.
 */
export async function callMeeting(ctx: Ctx, input: CallMeetingInput): Promise<string> {
  const districtId = ctx.actor.districtId;
  const scheduledAt = new Date(input.scheduledAt);
  if (Number.isNaN(scheduledAt.getTime())) fail('VALIDATION_FAILED', { field: 'scheduledAt' }, '「会议时间」格式不正确');
  try {
    return await withTx(ctx.db, async (tx) => {
      const stage = await loadStage(tx, districtId, input.stageId);
      if (!stage) return fail('NOT_FOUND', { field: 'stageId' }, '「议题阶段」不存在');
      if (!pathInScope(scopePaths(ctx.actor, 'matter.write'), stage.matter.nodePath)) return fail('FORBIDDEN_SCOPE', { field: 'stageId' });
      if (stage.status !== 'open') return fail('MEETING_STAGE_NOT_OPEN', { field: 'stageId', status: stage.status });
      if (input.alternativeKey && !stage.rules.alternatives?.some((a) => a.key === input.alternativeKey)) return fail('MEETING_ALTERNATIVE_UNKNOWN', { field: 'alternativeKey' });
      const variant = stageVariant(stage.rules, input.alternativeKey ?? null);
      if (!variant.body) return fail('MEETING_STAGE_NO_BODY', { field: 'stageId' });
      const body = await findBody(tx, districtId, input.bodyId);
      if (body.community_id !== stage.matter.communityId) return fail('MEETING_COMMUNITY_MISMATCH', { field: 'bodyId' });
      if (body.kind !== variant.body) {
        const want = BODY_KIND_LABELS[variant.body].zh;
        return fail('MEETING_BODY_MISMATCH', { field: 'bodyId', expected: variant.body }, `「议事主体」与该阶段规定的主体不符：该阶段应由${want}表决`, `This stage is decided by the ${BODY_KIND_LABELS[variant.body].en}`);
      }
      const today = chinaDate(ctx.now);
      const day = chinaDate(scheduledAt);
      if (day < today) return fail('MEETING_SCHEDULED_IN_PAST', { field: 'scheduledAt' });
      const noticeDays = variant.noticeDays ?? null;
      if (noticeDays && !noticeSatisfied(ctx.now, scheduledAt, noticeDays)) {
        const earliest = earliestMeetingDate(ctx.now, noticeDays);
        return fail('MEETING_NOTICE_TOO_SHORT', { field: 'scheduledAt', noticeDays, earliest }, `「会议时间」应提前 ${noticeDays} 日通知，最早可定于 ${earliest}`, `The meeting needs ${noticeDays} days' notice: ${earliest} at the earliest`);
      }
      const open = await tx.selectFrom('meeting').select('id').where('district_id', '=', districtId).where('stage_id', '=', stage.id).where('status', '<>', 'closed').executeTakeFirst();
      if (open) return fail('MEETING_ALREADY_OPEN', { field: 'stageId', meetingId: open.id });

      const scope = await tx.selectFrom('org_node').select('path').where('district_id', '=', districtId).where('id', '=', body.scope_node_id).executeTakeFirstOrThrow();
      const roster = await freezeRoster(tx, { districtId, bodyId: body.id, scopePath: scope.path, onePerHouse: body.kind === 'owners_assembly' || variant.attendanceMode === 'households' || variant.attendanceMode === 'owners', withArea: body.kind === 'owners_assembly' || [variant.attendance, variant.decision].some((r) => r?.measures.includes('area')) });
      if (roster.length === 0) return fail('MEETING_ROSTER_EMPTY', { field: 'bodyId' });

      const id = crypto.randomUUID();
      const rules: MeetingRules = {
        stageName: variant.name, body: variant.body, attendanceMode: variant.attendanceMode, attendance: variant.attendance, decision: variant.decision,
        noticeDays, allowProxy: variant.allowProxy, ballot: variant.ballot, itemIds: stage.items.map((i) => i.id),
      };
      const title = input.title?.trim() || `${stage.matter.title}：${body.name}`;
      await tx.insertInto('meeting').values({
        district_id: districtId, id, community_id: body.community_id, node_path: stage.matter.nodePath, matter_id: stage.matterId, stage_id: stage.id, body_id: body.id,
        alternative_key: input.alternativeKey ?? null, title, place: input.place ?? '', scheduled_at: scheduledAt, called_at: ctx.now, called_by: ctx.actor.id, status: 'called',
        ballot: variant.ballot, allow_proxy: variant.allowProxy, rules: JSON.stringify(rules), sign_in_opened_at: null, voting_opened_at: null, voting_closes_at: null, closed_at: null, closed_by: null,
      }).execute();
      for (let i = 0; i < roster.length; i += 1000) {
        await tx.insertInto('meeting_roster').values(roster.slice(i, i + 1000).map((r, j) => ({ district_id: districtId, meeting_id: id, resident_id: r.id, position: i + j + 1, name: r.name, household_id: r.household_id, weight_area: r.area }))).execute();
      }
      // Automatic recusal: the subject of a personal item (低保 …) and the members of the subject's household.
      const recusals: { item_id: string; resident_id: string; reason: string }[] = [];
      for (const item of stage.items) {
        if (!item.subjectResidentId) continue;
        const subject = await tx.selectFrom('resident').select(['id', 'household_id']).where('district_id', '=', districtId).where('id', '=', item.subjectResidentId).executeTakeFirst();
        if (!subject) continue;
        for (const r of roster) {
          if (r.id === subject.id) recusals.push({ item_id: item.id, resident_id: r.id, reason: '本人为该事项的当事人' });
          else if (r.household_id === subject.household_id) recusals.push({ item_id: item.id, resident_id: r.id, reason: '与该事项当事人为同户家庭成员' });
        }
      }
      if (recusals.length > 0) {
        await tx.insertInto('meeting_recusal').values(recusals.map((r) => ({ district_id: districtId, meeting_id: id, ...r, automatic: true, recorded_at: ctx.now, recorded_by: ctx.actor.id }))).execute();
      }
      const meeting = await tx.selectFrom('meeting').selectAll().where('district_id', '=', districtId).where('id', '=', id).executeTakeFirstOrThrow();
      await recordStep(tx, {
        meeting, actor: ctx.actor, ip: ctx.ip, at: ctx.now, kind: 'meeting.called',
        summary: { zh: `召集${body.name}会议，定于 ${day}，应到 ${roster.length} 人${recusals.length ? `，自动回避 ${recusals.length} 人次` : ''}`, en: `Called a meeting of the ${BODY_KIND_LABELS[body.kind].en} for ${day}; ${roster.length} entitled${recusals.length ? `, ${recusals.length} automatic recusals` : ''}` },
        data: { bodyId: body.id, scheduledAt: scheduledAt.toISOString(), entitled: roster.length, recusals: recusals.length },
        audit: { after: { bodyId: body.id, scheduledAt: scheduledAt.toISOString(), entitled: roster.length, ballot: variant.ballot } },
      });
      return id;
    });
  } catch (err) {
    // Two calls for one stage at the same moment: the partial unique index lets only one through.
    if (!(err instanceof DomainError) && (err as { code?: string }).code === '23505') fail('MEETING_ALREADY_OPEN', { field: 'stageId' });
    throw err;
  }
}

async function freezeRoster(tx: Db, input: { districtId: string; bodyId: string; scopePath: string; onePerHouse: boolean; withArea: boolean }) {
  const rows = await tx
    .selectFrom('body_member as m')
    .innerJoin('resident as r', (j) => j.onRef('r.district_id', '=', 'm.district_id').onRef('r.id', '=', 'm.resident_id'))
    .leftJoin('house as h', (j) => j.onRef('h.district_id', '=', 'r.district_id').onRef('h.house_id', '=', 'r.household_id'))
    .select(['r.id', 'r.name', 'r.household_id', 'r.relation', 'r.node_path', 'h.floor_area'])
    .where('m.district_id', '=', input.districtId)
    .where('m.body_id', '=', input.bodyId)
    .where('r.status', '=', 'present')
    // A member who has since moved out of the body's scope is no longer entitled.
    .where('r.node_path', 'like', `${input.scopePath}%`)
    .orderBy('r.node_path')
    .orderBy('r.id')
    .execute();
  const picked = input.onePerHouse ? pickOnePerHouse(rows.map((r) => ({ ...r, householdId: r.household_id }))) : rows;
  return picked.map((r) => ({ id: r.id, name: r.name, household_id: r.household_id, area: input.withArea ? (r.floor_area ?? '0') : null }));
}
