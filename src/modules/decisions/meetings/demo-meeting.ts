import type { ResidentActor, StaffActor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import { loadStage } from '../matters/index.ts';
import { stageVariant } from '../rules/procedure-template.ts';
import { castPortalBallot } from './ballots.ts';
import { ensureStandardBodies } from './bodies.commands.ts';
import { callMeeting } from './call-meeting.ts';
import { closeMeeting, type ItemResult } from './close-meeting.ts';
import { openSignIn, openVoting, signIn } from './meeting-steps.ts';

/**
 * For the demo seed (inside its transaction): holds a whole meeting of the stage's standard body through
 * the real commands — call (roster frozen), sign-in of `attendShare` of the roster in person, ballots
 * (yes, or mostly no on `failItemIds`), close and tally. Returns the meeting and its results.
 */
export async function holdDemoMeeting(
  tx: Db,
  input: { districtId: string; stageId: string; accountId: string; at: Date; failItemIds?: string[]; attendShare?: number; alternativeKey?: string | null },
): Promise<{ meetingId: string; results: ItemResult[] }> {
  const stage = await loadStage(tx, input.districtId, input.stageId);
  if (!stage) throw new Error(`no stage ${input.stageId}`);
  const community = await tx.selectFrom('org_node').select(['id', 'path', 'name']).where('district_id', '=', input.districtId).where('id', '=', stage.matter.communityId).executeTakeFirstOrThrow();
  const actor: StaffActor = {
    kind: 'staff', id: input.accountId, districtId: input.districtId, username: 'demo', displayName: '演示数据', mustChangePassword: false,
    bindings: [{ role: 'secretary', nodeId: community.id, nodePath: community.path, nodeName: community.name, nodeKind: 'community' }],
  };
  const bodies = await ensureStandardBodies(tx, { districtId: input.districtId, communityId: community.id, now: input.at, committeeSize: 7, actor });
  const variant = stageVariant(stage.rules, input.alternativeKey ?? null);
  const body = bodies.find((b) => b.kind === variant.body);
  if (!body) throw new Error(`no standard body for ${String(variant.body)}`);
  const calledAt = new Date(input.at.getTime() - (variant.noticeDays ?? 0) * 86_400_000);
  const ctx = (now: Date) => ({ db: tx, actor, ip: 'demo', now });
  const meetingId = await callMeeting(ctx(calledAt), { stageId: stage.id, bodyId: body.id, alternativeKey: input.alternativeKey ?? null, place: '社区议事厅', scheduledAt: input.at.toISOString() });
  await openSignIn(ctx(input.at), meetingId);
  const roster = await tx.selectFrom('meeting_roster').select(['resident_id', 'name']).where('district_id', '=', input.districtId).where('meeting_id', '=', meetingId).orderBy('position').execute();
  const present = roster.slice(0, Math.max(1, Math.ceil(roster.length * (input.attendShare ?? 0.8))));
  for (const m of present) await signIn(ctx(input.at), meetingId, { residentId: m.resident_id, mode: 'in_person' });
  await openVoting(ctx(input.at), meetingId);
  const recusals = await tx.selectFrom('meeting_recusal').select(['item_id', 'resident_id']).where('district_id', '=', input.districtId).where('meeting_id', '=', meetingId).execute();
  const fail = new Set(input.failItemIds ?? []);
  for (const item of stage.items) {
    for (const [i, m] of present.entries()) {
      if (recusals.some((r) => r.item_id === item.id && r.resident_id === m.resident_id)) continue;
      const choice = fail.has(item.id) ? (i % 3 === 0 ? 'yes' : 'no') : i % 10 === 9 ? 'abstain' : 'yes';
      const voter: ResidentActor = { kind: 'resident', id: m.resident_id, districtId: input.districtId, displayName: m.name, nodePath: community.path, roles: ['resident'] };
      await castPortalBallot({ db: tx, actor: voter, ip: 'demo', now: input.at }, meetingId, { itemId: item.id, choice });
    }
  }
  const results = await closeMeeting(ctx(input.at), meetingId);
  return { meetingId, results };
}
