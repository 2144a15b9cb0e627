import crypto from 'node:crypto';
import type { Db } from '../../src/platform/db/database.ts';
import type { ForeignRecords, SweepCases } from './types.ts';
import '../../src/modules/decisions/meetings/meetings.tables.ts';
import '../../src/modules/decisions/matters/matters.tables.ts';

const ZERO = '00000000-0000-4000-8000-000000000000';

/** A representatives' assembly with one member, a matter with a vote stage, and a meeting of it, all in 百步亭花园社区. */
export const foreignRecords: ForeignRecords = async (db: Db, community) => {
  const district = await db.selectFrom('org_node').select('district_id').where('path', '=', community.path).executeTakeFirstOrThrow();
  const districtId = district.district_id;
  const found = await db.selectFrom('meeting').select(['id', 'body_id', 'stage_id']).where('district_id', '=', districtId).where('node_path', '=', community.path).orderBy('called_at').limit(1).executeTakeFirst();
  const member = await db.selectFrom('resident').select(['id']).where('district_id', '=', districtId).where('node_path', 'like', `${community.path}%`).where('status', '=', 'present').orderBy('id').limit(1).executeTakeFirstOrThrow();
  if (found) {
    const item = await db.selectFrom('meeting').select('rules').where('district_id', '=', districtId).where('id', '=', found.id).executeTakeFirstOrThrow();
    return { bodyId: found.body_id, meetingId: found.id, stageId: found.stage_id, meetingItemId: (item.rules as { itemIds?: string[] }).itemIds?.[0] ?? ZERO, bodyMemberId: member.id };
  }
  const now = new Date();
  const bodyId = crypto.randomUUID();
  const matterId = crypto.randomUUID();
  const stageId = crypto.randomUUID();
  const itemId = crypto.randomUUID();
  const meetingId = crypto.randomUUID();
  const rules = { key: 'vote', kind: 'vote', name: { zh: '居民代表会议决议', en: 'Vote' }, body: 'representatives_assembly', attendance: null, decision: { comparison: 'more_than', num: 1, den: 2, base: 'present', measures: ['head'] }, requiredAttachments: [] };
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('body').values({ district_id: districtId, id: bodyId, community_id: community.id, node_path: community.path, kind: 'representatives_assembly', name: '越权测试代表会议', scope_node_id: community.id, standard: false, created_at: now, created_by: null }).execute();
    await tx.insertInto('body_member').values({ district_id: districtId, body_id: bodyId, resident_id: member.id, role: null, source: 'manual', added_at: now, added_by: null }).execute();
    await tx.insertInto('matter').values({ district_id: districtId, id: matterId, community_id: community.id, node_path: community.path, title: '越权测试议题', status: 'in_progress', procedure: JSON.stringify({ stages: [rules] }), raised_at: now, updated_at: now }).execute();
    await tx.insertInto('matter_item').values({ district_id: districtId, id: itemId, matter_id: matterId, position: 1, title: '越权测试事项' }).execute();
    await tx.insertInto('matter_stage').values({ district_id: districtId, id: stageId, matter_id: matterId, position: 1, stage_key: 'vote', kind: 'vote', rules: JSON.stringify(rules), status: 'open', opened_at: now }).execute();
    await tx.insertInto('meeting').values({
      district_id: districtId, id: meetingId, community_id: community.id, node_path: community.path, matter_id: matterId, stage_id: stageId, body_id: bodyId, alternative_key: null, title: '越权测试会议', place: '',
      scheduled_at: now, called_at: now, called_by: null, status: 'voting', ballot: 'open', allow_proxy: false,
      rules: JSON.stringify({ stageName: rules.name, body: rules.body, attendanceMode: 'members', attendance: null, decision: rules.decision, noticeDays: null, allowProxy: false, ballot: 'open', itemIds: [itemId] }),
      sign_in_opened_at: now, voting_opened_at: now, voting_closes_at: null, closed_at: null, closed_by: null,
    }).execute();
    await tx.insertInto('meeting_roster').values({ district_id: districtId, meeting_id: meetingId, resident_id: member.id, position: 1, name: '成员', household_id: null, weight_area: null }).execute();
  });
  return { bodyId, meetingId, stageId, meetingItemId: itemId, bodyMemberId: member.id };
};

export const sweepCases: SweepCases = (f) => {
  const bodyId = f.records.bodyId ?? ZERO;
  const meetingId = f.records.meetingId ?? ZERO;
  const itemId = f.records.meetingItemId ?? ZERO;
  const residentId = f.records.bodyMemberId ?? f.residentId;
  return {
    'GET /api/decision-bodies': { kind: 'list' },
    'POST /api/decision-bodies': { kind: 'record', body: { communityId: f.communityId, kind: 'experts', name: '越权专家组' } },
    'POST /api/decision-bodies/standard': { kind: 'record', body: { communityId: f.communityId } },
    'GET /api/decision-bodies/:bodyId': { kind: 'record', params: { bodyId } },
    'POST /api/decision-bodies/:bodyId/members': { kind: 'record', params: { bodyId }, body: { residentId: f.residentId } },
    'DELETE /api/decision-bodies/:bodyId/members/:residentId': { kind: 'record', params: { bodyId, residentId } },
    'GET /api/meetings': { kind: 'list' },
    'POST /api/meetings': { kind: 'record', body: { stageId: f.records.stageId ?? ZERO, bodyId, scheduledAt: '2026-12-01T09:00:00+08:00' } },
    'GET /api/meetings/:meetingId': { kind: 'record', params: { meetingId } },
    'GET /api/meetings/:meetingId/sign-in-sheet': { kind: 'record', params: { meetingId } },
    'POST /api/meetings/:meetingId/generated-papers': { kind: 'record', params: { meetingId }, body: { kind: 'sign_in_sheet' } },
    'POST /api/meetings/:meetingId/open-sign-in': { kind: 'record', params: { meetingId } },
    'POST /api/meetings/:meetingId/attendance': { kind: 'record', params: { meetingId }, body: { residentId, mode: 'in_person' } },
    'POST /api/meetings/:meetingId/recusals': { kind: 'record', params: { meetingId }, body: { itemId, residentId, reason: '越权' } },
    'POST /api/meetings/:meetingId/open-voting': { kind: 'record', params: { meetingId }, body: {} },
    'POST /api/meetings/:meetingId/paper-ballots': { kind: 'record', params: { meetingId }, body: { itemId, residentId, choice: 'yes' } },
    'POST /api/meetings/:meetingId/paper-ballots/bulk': { kind: 'record', params: { meetingId }, body: { entries: [{ itemId, residentId, choice: 'yes' }] } },
    'POST /api/meetings/:meetingId/close': { kind: 'record', params: { meetingId } },
    'GET /api/portal/votes': { kind: 'exempt', why: 'resident access: lists only meetings whose frozen roster holds the signed-in resident' },
    'POST /api/portal/votes/:meetingId/ballots': { kind: 'exempt', why: 'resident access: refused unless the signed-in resident is on the meeting\u2019s frozen roster (tested in decisions-meetings.db.test.ts)' },
  };
};
