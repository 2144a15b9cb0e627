import type { ResidentActor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import { fail } from '../../../platform/errors.ts';
import { BODY_KIND_LABELS } from './bodies.commands.ts';
import { paperState } from './meeting-rules.ts';
import { itemIdsOf, rulesOf, STATUS_LABELS } from './meeting-shared.ts';
import type { BallotChoice, MeetingStatus } from './meetings.tables.ts';
import type { BodyKind } from '../rules/procedure-template.ts';

/** Read side of meetings: lists scoped by the actor's paths, a meeting's whole sheet, the portal's votes. */


export async function listBodies(db: Db, input: { districtId: string; paths: string[]; communityId?: string }) {
  if (input.paths.length === 0) return { items: [] };
  let q = db
    .selectFrom('body as b')
    .innerJoin('org_node as c', (j) => j.onRef('c.district_id', '=', 'b.district_id').onRef('c.id', '=', 'b.community_id'))
    .innerJoin('org_node as s', (j) => j.onRef('s.district_id', '=', 'b.district_id').onRef('s.id', '=', 'b.scope_node_id'))
    .select((eb) => ['b.id', 'b.kind', 'b.name', 'b.community_id', 'c.name as community_name', 'b.scope_node_id', 's.name as scope_name', 'b.standard', 'b.created_at',
      eb.selectFrom('body_member as m').select((e) => e.fn.countAll<string>().as('n')).whereRef('m.district_id', '=', 'b.district_id').whereRef('m.body_id', '=', 'b.id').as('members')])
    .where('b.district_id', '=', input.districtId)
    .where((eb) => eb.or(input.paths.map((p) => eb('b.node_path', 'like', `${p}%`))));
  if (input.communityId) q = q.where('b.community_id', '=', input.communityId);
  const rows = await q.orderBy('c.path').orderBy('b.standard', 'desc').orderBy('b.created_at').execute();
  return {
    items: rows.map((r) => ({
      id: r.id, kind: r.kind, kindLabel: BODY_KIND_LABELS[r.kind], name: r.name, communityId: r.community_id, communityName: r.community_name,
      scopeNodeId: r.scope_node_id, scopeName: r.scope_name, standard: r.standard, memberCount: Number(r.members ?? 0),
    })),
  };
}

export async function bodyDetail(db: Db, districtId: string, bodyId: string) {
  const body = await db.selectFrom('body').selectAll().where('district_id', '=', districtId).where('id', '=', bodyId).executeTakeFirst();
  if (!body) return fail('NOT_FOUND', { entity: 'body' });
  const members = await db
    .selectFrom('body_member as m')
    .innerJoin('resident as r', (j) => j.onRef('r.district_id', '=', 'm.district_id').onRef('r.id', '=', 'm.resident_id'))
    .innerJoin('org_node as h', (j) => j.onRef('h.district_id', '=', 'r.district_id').onRef('h.id', '=', 'r.household_id'))
    .select(['m.resident_id', 'r.name', 'r.status', 'h.name as household_name', 'm.role', 'm.source', 'm.added_at'])
    .where('m.district_id', '=', districtId)
    .where('m.body_id', '=', bodyId)
    .orderBy('r.node_path')
    .orderBy('r.id')
    .execute();
  return {
    id: body.id, kind: body.kind, kindLabel: BODY_KIND_LABELS[body.kind], name: body.name, communityId: body.community_id, scopeNodeId: body.scope_node_id, standard: body.standard,
    members: members.map((m) => ({ residentId: m.resident_id, name: m.name, householdName: m.household_name, present: m.status === 'present', role: m.role, source: m.source, addedAt: m.added_at.toISOString() })),
  };
}

export async function listMeetings(db: Db, input: { districtId: string; paths: string[]; matterId?: string; stageId?: string; status?: MeetingStatus; bodyId?: string }) {
  if (input.paths.length === 0) return { items: [] };
  let q = db
    .selectFrom('meeting as m')
    .innerJoin('body as b', (j) => j.onRef('b.district_id', '=', 'm.district_id').onRef('b.id', '=', 'm.body_id'))
    .innerJoin('matter as t', (j) => j.onRef('t.district_id', '=', 'm.district_id').onRef('t.id', '=', 'm.matter_id'))
    .select((eb) => [
      'm.id', 'm.title', 'm.status', 'm.scheduled_at', 'm.called_at', 'm.closed_at', 'm.ballot', 'm.rules', 'm.matter_id', 't.title as matter_title', 'm.stage_id', 'm.body_id', 'b.name as body_name', 'b.kind as body_kind',
      eb.selectFrom('meeting_roster as r').select((e) => e.fn.countAll<string>().as('n')).whereRef('r.district_id', '=', 'm.district_id').whereRef('r.meeting_id', '=', 'm.id').as('entitled'),
      eb.selectFrom('meeting_attendance as a').select((e) => e.fn.countAll<string>().as('n')).whereRef('a.district_id', '=', 'm.district_id').whereRef('a.meeting_id', '=', 'm.id').as('present'),
    ])
    .where('m.district_id', '=', input.districtId)
    .where((eb) => eb.or(input.paths.map((p) => eb('m.node_path', 'like', `${p}%`))));
  if (input.matterId) q = q.where('m.matter_id', '=', input.matterId);
  if (input.stageId) q = q.where('m.stage_id', '=', input.stageId);
  if (input.bodyId) q = q.where('m.body_id', '=', input.bodyId);
  if (input.status) q = q.where('m.status', '=', input.status);
  const rows = await q.orderBy('m.scheduled_at', 'desc').orderBy('m.id').limit(500).execute();
  return {
    items: rows.map((r) => {
      const rules = rulesOf(r);
      return {
        id: r.id, title: r.title, status: r.status, statusLabel: STATUS_LABELS[r.status], scheduledAt: r.scheduled_at.toISOString(), calledAt: r.called_at.toISOString(), closedAt: r.closed_at?.toISOString() ?? null,
        matterId: r.matter_id, matterTitle: r.matter_title, stageId: r.stage_id, stageName: rules.stageName, bodyId: r.body_id, bodyName: r.body_name, bodyKind: r.body_kind as BodyKind,
        ballot: r.ballot, entitled: Number(r.entitled ?? 0), present: Number(r.present ?? 0),
      };
    }),
  };
}

type PaperReading = { id: string; tellerId: string; tellerName: string; choice: BallotChoice | null; enteredAt: string; correctionReason: string | null; superseded: boolean };

/** A meeting's whole sheet for the console: roster with sign-in, items with recusals, ballots, paper readings and results. */
export async function meetingDetail(db: Db, districtId: string, meetingId: string) {
  const m = await db
    .selectFrom('meeting as m')
    .innerJoin('body as b', (j) => j.onRef('b.district_id', '=', 'm.district_id').onRef('b.id', '=', 'm.body_id'))
    .innerJoin('matter as t', (j) => j.onRef('t.district_id', '=', 'm.district_id').onRef('t.id', '=', 'm.matter_id'))
    .selectAll('m')
    .select(['b.name as body_name', 'b.kind as body_kind', 't.title as matter_title'])
    .where('m.district_id', '=', districtId)
    .where('m.id', '=', meetingId)
    .executeTakeFirst();
  if (!m) return fail('NOT_FOUND', { entity: 'meeting' });
  const rules = rulesOf(m);
  const itemIds = await itemIdsOf(db, m);
  const secret = rules.ballot === 'secret';
  const [roster, attendance, recusals, ballots, entries, results, items] = await Promise.all([
    db.selectFrom('meeting_roster').selectAll().where('district_id', '=', districtId).where('meeting_id', '=', m.id).orderBy('position').execute(),
    db.selectFrom('meeting_attendance').selectAll().where('district_id', '=', districtId).where('meeting_id', '=', m.id).execute(),
    db.selectFrom('meeting_recusal').selectAll().where('district_id', '=', districtId).where('meeting_id', '=', m.id).execute(),
    db.selectFrom('ballot').selectAll().where('district_id', '=', districtId).where('meeting_id', '=', m.id).execute(),
    db.selectFrom('ballot_entry').selectAll().where('district_id', '=', districtId).where('meeting_id', '=', m.id).orderBy('seq').execute(),
    db.selectFrom('meeting_result').selectAll().where('district_id', '=', districtId).where('meeting_id', '=', m.id).execute(),
    itemIds.length ? db.selectFrom('matter_item').select(['id', 'position', 'title', 'description']).where('district_id', '=', districtId).where('id', 'in', itemIds).orderBy('position').execute() : Promise.resolve([]),
  ]);
  const nameOf = new Map(roster.map((r) => [r.resident_id, r.name]));
  const attendanceOf = new Map(attendance.map((a) => [a.resident_id, a]));
  const showChoices = !secret;
  const showCounts = !secret || m.status === 'closed';
  return {
    id: m.id, title: m.title, place: m.place, status: m.status, statusLabel: STATUS_LABELS[m.status],
    scheduledAt: m.scheduled_at.toISOString(), calledAt: m.called_at.toISOString(), signInOpenedAt: m.sign_in_opened_at?.toISOString() ?? null,
    votingOpenedAt: m.voting_opened_at?.toISOString() ?? null, votingClosesAt: m.voting_closes_at?.toISOString() ?? null, closedAt: m.closed_at?.toISOString() ?? null,
    matter: { id: m.matter_id, title: m.matter_title }, stage: { id: m.stage_id, name: rules.stageName, alternativeKey: m.alternative_key },
    body: { id: m.body_id, name: m.body_name, kind: m.body_kind, kindLabel: BODY_KIND_LABELS[m.body_kind] },
    ballot: rules.ballot, allowProxy: rules.allowProxy, noticeDays: rules.noticeDays, attendanceMode: rules.attendanceMode, attendanceRule: rules.attendance, decisionRule: rules.decision,
    counts: {
      entitled: roster.length, present: attendance.length,
      inPerson: attendance.filter((a) => a.mode === 'in_person').length, proxy: attendance.filter((a) => a.mode === 'proxy').length, online: attendance.filter((a) => a.mode === 'online').length,
    },
    roster: roster.map((r) => {
      const a = attendanceOf.get(r.resident_id);
      return {
        residentId: r.resident_id, position: r.position, name: r.name, weightArea: r.weight_area === null ? null : Number(r.weight_area),
        attendance: a ? { mode: a.mode, proxyName: a.proxy_name, proxyReason: a.proxy_reason, witness: a.witness, signedInAt: a.signed_in_at.toISOString() } : null,
      };
    }),
    items: items.map((i) => {
      const mine = ballots.filter((b) => b.item_id === i.id);
      const result = results.find((r) => r.item_id === i.id);
      const readings = entries.filter((e) => e.item_id === i.id);
      const paperFor = [...new Set(readings.map((e) => e.resident_id))].map((residentId) => {
        const all = readings.filter((e) => e.resident_id === residentId);
        const current = all.filter((e) => e.superseded_at === null);
        const state = paperState(current.map((e) => ({ tellerId: e.teller_id, choice: e.choice })));
        return {
          residentId, name: nameOf.get(residentId) ?? '', state,
          readings: all.map((e): PaperReading => ({ id: e.id, tellerId: e.teller_id, tellerName: e.teller_name, choice: showChoices ? e.choice : null, enteredAt: e.entered_at.toISOString(), correctionReason: e.correction_reason, superseded: e.superseded_at !== null })),
        };
      });
      return {
        itemId: i.id, position: i.position, title: i.title, description: i.description,
        recusals: recusals.filter((r) => r.item_id === i.id).map((r) => ({ residentId: r.resident_id, name: nameOf.get(r.resident_id) ?? '', reason: r.reason, automatic: r.automatic })),
        cast: mine.length,
        tally: showCounts ? { yes: mine.filter((b) => b.choice === 'yes').length, no: mine.filter((b) => b.choice === 'no').length, abstain: mine.filter((b) => b.choice === 'abstain').length } : null,
        // Secret ballot: who voted, never what.
        votes: mine.map((b) => ({ residentId: b.resident_id, name: nameOf.get(b.resident_id) ?? '', channel: b.channel, choice: showChoices ? b.choice : null, castAt: b.cast_at.toISOString() })),
        paper: paperFor,
        result: result ? { quorumMet: result.quorum_met, passed: result.passed, counts: result.counts, explanation: { zh: result.explanation_zh, en: result.explanation_en } } : null,
      };
    }),
  };
}

/** The votes a resident is called to (GET /api/portal/votes): meetings whose frozen roster holds them, open or closed within 30 days. */
export async function portalVotes(db: Db, actor: ResidentActor, now: Date) {
  const rows = await db
    .selectFrom('meeting_roster as r')
    .innerJoin('meeting as m', (j) => j.onRef('m.district_id', '=', 'r.district_id').onRef('m.id', '=', 'r.meeting_id'))
    .innerJoin('body as b', (j) => j.onRef('b.district_id', '=', 'm.district_id').onRef('b.id', '=', 'm.body_id'))
    .select(['m.id', 'm.title', 'm.status', 'm.scheduled_at', 'm.voting_closes_at', 'm.rules', 'm.matter_id', 'b.name as body_name'])
    .where('r.district_id', '=', actor.districtId)
    .where('r.resident_id', '=', actor.id)
    // Open meetings, and those closed in the last 30 days (so a voter still sees what they voted).
    .where((eb) => eb.or([eb('m.status', '<>', 'closed'), eb('m.closed_at', '>=', new Date(now.getTime() - 30 * 86_400_000))]))
    .orderBy('m.scheduled_at')
    .orderBy('m.id')
    .execute();
  const items = [];
  for (const m of rows) {
    const rules = rulesOf(m);
    const itemIds = await itemIdsOf(db, { district_id: actor.districtId, matter_id: m.matter_id, rules: m.rules });
    const [matterItems, mine, recused] = await Promise.all([
      itemIds.length ? db.selectFrom('matter_item').select(['id', 'position', 'title', 'description']).where('district_id', '=', actor.districtId).where('id', 'in', itemIds).orderBy('position').execute() : Promise.resolve([]),
      db.selectFrom('ballot').select(['item_id', 'choice']).where('district_id', '=', actor.districtId).where('meeting_id', '=', m.id).where('resident_id', '=', actor.id).execute(),
      db.selectFrom('meeting_recusal').select('item_id').where('district_id', '=', actor.districtId).where('meeting_id', '=', m.id).where('resident_id', '=', actor.id).execute(),
    ]);
    items.push({
      meetingId: m.id, title: m.title, bodyName: m.body_name, closesAt: m.voting_closes_at?.toISOString() ?? null, secret: rules.ballot === 'secret',
      status: m.status, statusLabel: STATUS_LABELS[m.status], scheduledAt: m.scheduled_at.toISOString(), canVote: m.status === 'voting' && (!m.voting_closes_at || m.voting_closes_at > now),
      items: matterItems.map((i) => ({
        itemId: i.id, title: i.title, description: i.description,
        myChoice: mine.find((b) => b.item_id === i.id)?.choice ?? null,
        recused: recused.some((r) => r.item_id === i.id),
      })),
    });
  }
  return { items };
}
