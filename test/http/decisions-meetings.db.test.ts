import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSession } from '../../src/platform/auth/sessions.ts';
import { hashPassword } from '../../src/platform/security/password.ts';
import { holdDemoMeeting, meetingOutcome } from '../../src/modules/decisions/meetings/index.ts';
import { accountId } from '../support/lookups.ts';
import type { StageTemplate } from '../../src/modules/decisions/rules/procedure-template.ts';
import '../../src/modules/decisions/meetings/meetings.tables.ts';
import '../../src/modules/decisions/matters/matters.tables.ts';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { nodeByName } from '../support/lookups.ts';

const MAJORITY_OF_PRESENT = { comparison: 'more_than', num: 1, den: 2, base: 'present', measures: ['head'] } as const;
const TWO_THIRDS_ATTEND = { comparison: 'at_least', num: 2, den: 3, base: 'entitled', measures: ['head'] } as const;

function voteStage(overrides: Partial<StageTemplate> = {}): StageTemplate {
  return {
    key: 'resolve', kind: 'vote', name: { zh: '居民代表会议决议', en: 'Representatives resolve' }, body: 'representatives_assembly',
    attendance: TWO_THIRDS_ATTEND, decision: MAJORITY_OF_PRESENT, requiredAttachments: [], allowProxy: true, ballot: 'open', ...overrides,
  };
}

describeEachEngine('decisions: bodies, meetings and votes', (engine) => {
  let t: TestApp;
  let shuji: string;
  let liangwei: string;
  let districtId: string;
  let community: { id: string; path: string };
  /** Residents of 百步亭花园社区 in distinct households, oldest first (all adults). */
  let people: { id: string; name: string; household_id: string }[];

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, cookie: string, body?: unknown) => t.call(method, url, { cookie, body });

  async function residentCookie(residentId: string): Promise<string> {
    const { token } = await createSession(t.database.db, { subject: { kind: 'resident', districtId, residentId }, ip: '127.0.0.9', now: t.clock.now, policy: { idleMinutes: 30, maxHours: 12 } });
    return `gz_session=${token}`;
  }

  /** A matter in progress with its items and one open stage (what MATTERS' accept command leaves behind). */
  async function openStage(input: { rules: StageTemplate; items?: { title: string; subjectResidentId?: string }[]; status?: 'open' | 'pending'; communityId?: string; communityPath?: string }) {
    const db = t.database.db;
    const now = t.clock.now;
    const matterId = crypto.randomUUID();
    const stageId = crypto.randomUUID();
    const items = (input.items ?? [{ title: '加装电梯方案' }]).map((i, n) => ({ id: crypto.randomUUID(), position: n + 1, ...i }));
    await db.insertInto('matter').values({ district_id: districtId, id: matterId, community_id: input.communityId ?? community.id, node_path: input.communityPath ?? community.path, title: '老旧小区加装电梯', status: 'in_progress', procedure: JSON.stringify({ stages: [input.rules] }), raised_at: now, updated_at: now }).execute();
    for (const i of items) await db.insertInto('matter_item').values({ district_id: districtId, id: i.id, matter_id: matterId, position: i.position, title: i.title, subject_resident_id: i.subjectResidentId ?? null }).execute();
    await db.insertInto('matter_stage').values({ district_id: districtId, id: stageId, matter_id: matterId, position: 1, stage_key: input.rules.key, kind: input.rules.kind, rules: JSON.stringify(input.rules), status: input.status ?? 'open', opened_at: now }).execute();
    return { matterId, stageId, itemIds: items.map((i) => i.id) };
  }

  async function makeBody(kind: string, name: string, members: string[]): Promise<string> {
    const res = await call('POST', '/api/decision-bodies', shuji, { communityId: community.id, kind, name });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    for (const residentId of members) expect((await call('POST', `/api/decision-bodies/${id}/members`, shuji, { residentId })).statusCode).toBe(204);
    return id;
  }

  async function relogin(): Promise<void> {
    [shuji, liangwei] = await Promise.all([t.login('shuji'), t.login('liangwei')]);
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    await relogin();
    community = await nodeByName(t.database.db, '百步亭花园社区');
    districtId = (await t.database.db.selectFrom('org_node').select('district_id').where('id', '=', community.id).executeTakeFirstOrThrow()).district_id;
    const rows = await t.database.db
      .selectFrom('resident').select(['id', 'name', 'household_id'])
      .where('node_path', 'like', `${community.path}%`).where('status', '=', 'present').where('birth_date', '<=', '1990-01-01')
      .orderBy('node_path').orderBy('id').limit(400).execute();
    const seen = new Set<string>();
    people = rows.filter((r) => (seen.has(r.household_id) ? false : (seen.add(r.household_id), true))).slice(0, 12);
  });
  afterAll(async () => t?.close());

  it('builds the standard bodies from roles and tags once; staff manage members; bad input is refused', async () => {
    const first = await call('POST', '/api/decision-bodies/standard', shuji, { communityId: community.id });
    expect(first.statusCode, first.body).toBe(200);
    const byKind = Object.fromEntries(first.json().items.map((b: { kind: string }) => [b.kind, b]));
    expect(Object.keys(byKind).sort()).toEqual(['experts', 'owners_assembly', 'party_council', 'party_general_meeting', 'party_organisation', 'representatives_assembly', 'residents_council', 'residents_meeting', 'two_committees']);
    for (const kind of ['party_general_meeting', 'representatives_assembly', 'residents_meeting', 'owners_assembly']) expect(byKind[kind].members, kind).toBeGreaterThan(0);
    expect(byKind.residents_meeting.members).toBeGreaterThan(byKind.party_general_meeting.members);
    // The demo representative (13800000003) sits in the representatives' assembly.
    const rep = await t.database.db.selectFrom('resident').select('id').where('phone', '=', '13800000003').executeTakeFirstOrThrow();
    const repBody = (await call('GET', `/api/decision-bodies/${byKind.representatives_assembly.id}`, shuji)).json();
    expect(repBody.members.some((m: { residentId: string }) => m.residentId === rep.id)).toBe(true);
    const again = await call('POST', '/api/decision-bodies/standard', shuji, { communityId: community.id });
    expect(again.json().items.every((b: { created: boolean }) => !b.created)).toBe(true);

    const list = await call('GET', `/api/decision-bodies?communityId=${community.id}`, shuji);
    expect(list.json().items.length).toBe(9);
    expect(list.json().items[0]).toMatchObject({ communityName: '百步亭花园社区', standard: true });

    const custom = await makeBody('residents_council', '电梯加装议事小组', [people[0]!.id]);
    expect((await call('POST', '/api/decision-bodies', shuji, { communityId: community.id, kind: 'residents_council', name: '电梯加装议事小组' })).json().code).toBe('BODY_NAME_TAKEN');
    expect((await call('POST', `/api/decision-bodies/${custom}/members`, shuji, { residentId: people[0]!.id })).json().code).toBe('BODY_MEMBER_EXISTS');
    const elsewhere = await t.database.db.selectFrom('resident').select('id').where('node_path', 'like', `${(await nodeByName(t.database.db, '江滩社区')).path}%`).limit(1).executeTakeFirstOrThrow();
    const outside = await call('POST', `/api/decision-bodies/${custom}/members`, shuji, { residentId: elsewhere.id });
    expect([403, 404]).toContain(outside.statusCode); // the resident lies outside 书记's scope
    const badKind = await call('POST', '/api/decision-bodies', shuji, { communityId: community.id, kind: 'council_of_elders', name: 'x' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().code).toBe('VALIDATION_FAILED');
    const nonOwner = await t.database.db.selectFrom('resident as r').select('r.id').where('r.node_path', 'like', `${community.path}%`).where('r.status', '=', 'present')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('resident_role as rr').select('rr.resident_id').whereRef('rr.resident_id', '=', 'r.id').where('rr.role', '=', 'owner')))).limit(1).executeTakeFirstOrThrow();
    expect((await call('POST', `/api/decision-bodies/${byKind.owners_assembly.id}/members`, shuji, { residentId: nonOwner.id })).json().code).toBe('BODY_MEMBER_NOT_OWNER');
    expect((await call('DELETE', `/api/decision-bodies/${custom}/members/${people[0]!.id}`, shuji)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/decision-bodies/${custom}/members/${people[0]!.id}`, shuji)).json().code).toBe('BODY_MEMBER_NOT_FOUND');
    // Reading needs matter.read (the supervision committee has it), changing needs matter.write (it has not).
    const jiandu = await t.login('jiandu');
    expect((await call('GET', `/api/decision-bodies/${custom}`, jiandu)).statusCode).toBe(200);
    expect((await call('POST', `/api/decision-bodies/${custom}/members`, jiandu, { residentId: people[1]!.id })).json().code).toBe('FORBIDDEN');
  });

  it('a whole open-ballot meeting: frozen roster, sign-in with proxy, recusals, portal and paper ballots, refusals, tally', async () => {
    const [a, b, c, d, e, f] = people as [typeof people[number], typeof people[number], typeof people[number], typeof people[number], typeof people[number], typeof people[number]];
    const bodyId = await makeBody('representatives_assembly', '第一居民小组代表会议', [a.id, b.id, c.id, d.id, e.id]);
    const { stageId, itemIds, matterId } = await openStage({ rules: voteStage(), items: [{ title: '加装电梯方案' }, { title: '低保复核：' + e.name, subjectResidentId: e.id }] });
    const [item1, item2] = itemIds as [string, string];
    const called = await call('POST', '/api/meetings', shuji, { stageId, bodyId, place: '社区议事厅', scheduledAt: t.clock.now.toISOString() });
    expect(called.statusCode, called.body).toBe(201);
    const meetingId = called.json().id as string;
    // The roster is frozen: later changes to the body do not change who was entitled.
    expect((await call('DELETE', `/api/decision-bodies/${bodyId}/members/${a.id}`, shuji)).statusCode).toBe(204);
    expect((await call('POST', `/api/decision-bodies/${bodyId}/members`, shuji, { residentId: f.id })).statusCode).toBe(204);
    let sheet = (await call('GET', `/api/meetings/${meetingId}`, shuji)).json();
    expect(sheet.roster.map((r: { residentId: string }) => r.residentId).sort()).toEqual([a.id, b.id, c.id, d.id, e.id].sort());
    expect(sheet).toMatchObject({ status: 'called', ballot: 'open', allowProxy: true, counts: { entitled: 5, present: 0 } });
    // The subject of the 低保 item is recused from it at once.
    expect(sheet.items[1].recusals).toEqual([{ residentId: e.id, name: e.name, reason: '本人为该事项的当事人', automatic: true }]);
    expect((await call('POST', '/api/meetings', shuji, { stageId, bodyId, scheduledAt: t.clock.now.toISOString() })).json().code).toBe('MEETING_ALREADY_OPEN');

    const attend = (body: unknown) => call('POST', `/api/meetings/${meetingId}/attendance`, shuji, body);
    expect((await attend({ residentId: a.id, mode: 'in_person' })).json().code).toBe('MEETING_WRONG_STATUS');
    expect((await call('POST', `/api/meetings/${meetingId}/open-voting`, shuji, {})).json().code).toBe('MEETING_WRONG_STATUS');
    expect((await call('POST', `/api/meetings/${meetingId}/open-sign-in`, shuji)).statusCode).toBe(204);
    expect((await attend({ residentId: a.id, mode: 'in_person' })).statusCode).toBe(204);
    const again = await attend({ residentId: a.id, mode: 'in_person' });
    expect(again.json()).toMatchObject({ code: 'MEETING_ALREADY_SIGNED_IN', message: '该成员已签到' });
    const noWitness = await attend({ residentId: b.id, mode: 'proxy', proxyName: '王小明', proxyReason: '出差' });
    expect(noWitness.json().code).toBe('MEETING_PROXY_INCOMPLETE');
    expect((await attend({ residentId: b.id, mode: 'proxy', proxyName: '王小明', proxyReason: '出差在外', witness: '社区书记' })).statusCode).toBe(204);
    const stranger = await attend({ residentId: f.id, mode: 'in_person' });
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json().code).toBe('MEETING_NOT_ON_ROSTER');
    expect(stranger.json().message).toContain('不在本次会议的应到名单中');
    expect((await call('POST', `/api/meetings/${meetingId}/recusals`, shuji, { itemId: item1, residentId: c.id, reason: '其子承接电梯工程' })).statusCode).toBe(204);
    expect((await call('POST', `/api/meetings/${meetingId}/recusals`, shuji, { itemId: item1, residentId: c.id, reason: '重复' })).json().code).toBe('MEETING_RECUSAL_EXISTS');
    expect((await call('POST', `/api/meetings/${meetingId}/recusals`, shuji, { itemId: crypto.randomUUID(), residentId: c.id, reason: 'x' })).json().code).toBe('MEETING_ITEM_UNKNOWN');

    const [ca, cc, cd, ce, cf] = await Promise.all([a, c, d, e, f].map((p) => residentCookie(p.id)));
    const vote = (cookie: string, itemId: string, choice: string) => call('POST', `/api/portal/votes/${meetingId}/ballots`, cookie, { itemId, choice });
    expect((await vote(ca!, item1, 'yes')).json().code).toBe('BALLOT_NOT_VOTING');
    expect((await call('POST', `/api/meetings/${meetingId}/open-voting`, shuji, {})).statusCode).toBe(204);
    const stage = await t.database.db.selectFrom('matter_stage').select('rules_locked_at').where('id', '=', stageId).executeTakeFirstOrThrow();
    expect(stage.rules_locked_at).not.toBeNull();

    expect((await vote(ca!, item1, 'yes')).statusCode).toBe(201);
    const twice = await vote(ca!, item1, 'no');
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'BALLOT_ALREADY_CAST', message: '您已就此事项投过票，不能重复投票' });
    expect((await vote(cf!, item1, 'yes')).json().code).toBe('MEETING_NOT_ON_ROSTER');
    expect((await vote(cc!, item1, 'yes')).json().code).toBe('BALLOT_RECUSED');
    expect((await vote(ce!, item2, 'yes')).json().code).toBe('BALLOT_RECUSED');
    expect((await vote(ca!, crypto.randomUUID(), 'yes')).json().code).toBe('MEETING_ITEM_UNKNOWN');
    expect((await vote(ca!, item2, 'maybe')).json().code).toBe('VALIDATION_FAILED');
    // Two ballots from the same member at the same moment: exactly one counts.
    const both = await Promise.all([vote(cd!, item1, 'yes'), vote(cd!, item1, 'yes')]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect((await t.database.db.selectFrom('ballot').select('id').where('meeting_id', '=', meetingId).where('resident_id', '=', d.id).execute()).length).toBe(1);
    // Voting on the portal counts as attending.
    const mine = (await call('GET', '/api/portal/votes', cd!)).json().items.find((m: { meetingId: string }) => m.meetingId === meetingId);
    expect(mine).toMatchObject({ secret: false, canVote: true, status: 'voting', items: [{ itemId: item1, myChoice: 'yes', recused: false }, { itemId: item2, myChoice: null, recused: false }] });
    expect((await call('GET', '/api/portal/votes', cf!)).json().items.some((m: { meetingId: string }) => m.meetingId === meetingId)).toBe(false);

    // Paper ballot of the proxy, read by two tellers; a disagreement is corrected with a reason.
    const paper = (cookie: string, body: Record<string, unknown>) => call('POST', `/api/meetings/${meetingId}/paper-ballots`, cookie, { itemId: item1, residentId: b.id, ...body });
    expect((await paper(shuji, { choice: 'yes' })).json()).toEqual({ state: 'pending' });
    expect((await paper(shuji, { choice: 'no' })).json().code).toBe('BALLOT_ENTRY_EXISTS');
    expect((await paper(liangwei, { choice: 'no' })).json()).toEqual({ state: 'disagreed' });
    const third = await thirdTeller();
    expect((await paper(third, { choice: 'yes' })).json().code).toBe('BALLOT_TELLERS_FULL');
    expect((await call('POST', `/api/meetings/${meetingId}/close`, shuji)).json().code).toBe('MEETING_PAPER_UNRESOLVED');
    expect((await paper(liangwei, { choice: 'yes', correctionReason: '看错了勾选位置' })).json()).toEqual({ state: 'agreed' });
    expect((await paper(shuji, { residentId: a.id, choice: 'yes' })).json().code).toBe('BALLOT_ALREADY_CAST');
    expect((await paper(shuji, { residentId: e.id, choice: 'yes' })).json().code).toBe('BALLOT_NOT_SIGNED_IN');
    sheet = (await call('GET', `/api/meetings/${meetingId}`, shuji)).json();
    const readings = sheet.items[0].paper[0].readings;
    expect(readings.map((r: { choice: string; superseded: boolean; correctionReason: string | null }) => [r.choice, r.superseded, r.correctionReason])).toEqual([['yes', false, null], ['no', true, null], ['yes', false, '看错了勾选位置']]);
    expect(sheet.items[0]).toMatchObject({ cast: 3, tally: { yes: 3, no: 0, abstain: 0 } });
    expect(sheet.counts).toMatchObject({ entitled: 5, present: 3, inPerson: 1, proxy: 1, online: 1 });

    const csv = await call('GET', `/api/meetings/${meetingId}/sign-in-sheet`, shuji);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('委托出席');
    expect(csv.body).toContain('王小明');
    expect(csv.body).toContain('应到 5 人');

    expect((await call('POST', `/api/meetings/${meetingId}/generated-papers`, shuji, { kind: 'minutes' })).json().code).toBe('MEETING_WRONG_STATUS');
    const closed = await call('POST', `/api/meetings/${meetingId}/close`, shuji);
    expect(closed.statusCode, closed.body).toBe(200);
    const [r1, r2] = closed.json().items;
    // Item 1: C recused → 4 entitled, 3 present (≥ 2/3), 3 yes > half of 3 present.
    expect(r1).toMatchObject({ itemId: item1, quorumMet: true, passed: true, counts: { head: { entitled: 4, present: 3, yes: 3 } } });
    expect(r1.explanation.zh).toContain('通过');
    // Item 2: E recused → 4 entitled, 3 present, no ballots → not passed.
    expect(r2).toMatchObject({ itemId: item2, quorumMet: true, passed: false, counts: { head: { entitled: 4, present: 3, yes: 0 } } });

    expect((await vote(cd!, item2, 'yes')).json().code).toBe('MEETING_CLOSED');
    const closedForVoter = (await call('GET', '/api/portal/votes', cd!)).json().items.find((m: { meetingId: string }) => m.meetingId === meetingId);
    expect(closedForVoter).toMatchObject({ status: 'closed', canVote: false, items: [{ myChoice: 'yes' }, { myChoice: null }] });
    expect((await attend({ residentId: e.id, mode: 'in_person' })).json().code).toBe('MEETING_CLOSED');
    expect((await paper(shuji, { residentId: d.id, itemId: item2, choice: 'yes' })).json().code).toBe('MEETING_CLOSED');
    expect((await call('POST', `/api/meetings/${meetingId}/close`, shuji)).json().code).toBe('MEETING_CLOSED');

    // The sign-in sheet and the tally part of the minutes are filed with the stage (its close check looks for them).
    for (const kind of ['sign_in_sheet', 'minutes']) expect((await call('POST', `/api/meetings/${meetingId}/generated-papers`, shuji, { kind })).statusCode).toBe(201);
    const files = await t.database.db.selectFrom('stored_file').select(['purpose', 'content']).where('owner_kind', '=', 'matter_stage').where('owner_id', '=', stageId).orderBy('purpose').execute();
    expect(files.map((x) => x.purpose)).toEqual(['minutes', 'sign_in_sheet']);
    const minutes = Buffer.from(files[0]!.content).toString('utf8');
    expect(minutes).toContain('应到 5 人，实到 3 人');
    expect(minutes).toContain(r1.explanation.zh);
    expect(minutes).toContain('回避（其子承接电梯工程）');
    const outcome = await meetingOutcome(t.database.db, districtId, stageId);
    expect(outcome).toMatchObject({ meetingId, closed: true, items: [{ itemId: item1, passed: true }, { itemId: item2, passed: false }] });
    const events = await t.database.db.selectFrom('matter_event').select('kind').where('matter_id', '=', matterId).execute();
    const kinds = events.map((x) => x.kind);
    for (const k of ['meeting.called', 'meeting.sign_in.open', 'meeting.sign_in', 'meeting.recusal', 'meeting.voting.open', 'meeting.ballot', 'meeting.paper_entry', 'meeting.paper_entry.correct', 'meeting.closed', 'meeting.attachment']) expect(kinds, k).toContain(k);
    const audits = await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', meetingId).execute();
    expect(audits.length).toBe(events.length);
    const list = (await call('GET', `/api/meetings?matterId=${matterId}`, shuji)).json();
    expect(list.items).toMatchObject([{ id: meetingId, status: 'closed', entitled: 5, present: 3, bodyName: '第一居民小组代表会议' }]);
  });

  it('a teller enters many paper ballots in one request: all checked first, one audit entry, the second teller\u2019s disagreements found', async () => {
    const [a, b, c, d] = people as [typeof people[number], typeof people[number], typeof people[number], typeof people[number]];
    const db = t.database.db;
    const bodyId = await makeBody('residents_council', '批量计票议事会', [a.id, b.id, c.id, d.id]);
    const { stageId, itemIds, matterId } = await openStage({ rules: voteStage({ key: 'bulk', body: 'residents_council', allowProxy: false }), items: [{ title: '停车位划线方案' }, { title: '增设充电桩' }] });
    const [item1, item2] = itemIds as [string, string];
    const meetingId = (await call('POST', '/api/meetings', shuji, { stageId, bodyId, scheduledAt: t.clock.now.toISOString() })).json().id as string;
    const bulk = (cookie: string, entries: Record<string, unknown>[]) => call('POST', `/api/meetings/${meetingId}/paper-ballots/bulk`, cookie, { entries });
    const reading = (itemId: string, residentId: string, choice = 'yes', correctionReason?: string) => ({ itemId, residentId, choice, ...(correctionReason ? { correctionReason } : {}) });
    expect((await call('POST', `/api/meetings/${meetingId}/open-sign-in`, shuji)).statusCode).toBe(204);
    for (const m of [a, b, c]) expect((await call('POST', `/api/meetings/${meetingId}/attendance`, shuji, { residentId: m.id, mode: 'in_person' })).statusCode).toBe(204);
    expect((await call('POST', `/api/meetings/${meetingId}/recusals`, shuji, { itemId: item2, residentId: c.id, reason: '本人承包充电桩安装' })).statusCode).toBe(204);
    expect((await bulk(shuji, [reading(item1, a.id)])).json().code).toBe('BALLOT_NOT_VOTING');
    expect((await call('POST', `/api/meetings/${meetingId}/open-voting`, shuji, {})).statusCode).toBe(204);
    const counts = async () => ({
      entries: (await db.selectFrom('ballot_entry').select('id').where('meeting_id', '=', meetingId).execute()).length,
      ballots: (await db.selectFrom('ballot').select('id').where('meeting_id', '=', meetingId).execute()).length,
      audits: (await db.selectFrom('audit_log').select('id').where('entity_id', '=', meetingId).execute()).length,
      events: (await db.selectFrom('matter_event').select('id').where('matter_id', '=', matterId).execute()).length,
    });

    // Bad input is refused by the schema: an empty batch, a bad choice (named with its place in the batch).
    expect((await bulk(shuji, [])).json().code).toBe('VALIDATION_FAILED');
    const badChoice = await bulk(shuji, [reading(item1, a.id), reading(item1, b.id, 'maybe')]);
    expect(badChoice.statusCode).toBe(400);
    expect(badChoice.json().code).toBe('VALIDATION_FAILED');

    // Teller 1: one request for every present member on every item they may vote on.
    const before = await counts();
    const good = await bulk(shuji, [reading(item1, a.id), reading(item1, b.id), reading(item1, c.id), reading(item2, a.id), reading(item2, b.id, 'no')]);
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({ count: 5, agreed: 0, pending: 5, disagreed: 0, corrected: 0, states: ['pending', 'pending', 'pending', 'pending', 'pending'] });
    const afterGood = await counts();
    expect(afterGood).toEqual({ entries: before.entries + 5, ballots: 0, audits: before.audits + 1, events: before.events + 1 });
    const audit = await db.selectFrom('audit_log').select(['action', 'summary', 'after']).where('entity_id', '=', meetingId).where('action', '=', 'meeting.paper_entry.bulk').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ count: 5, pending: 5, agreed: 0, choices: { yes: 4, no: 1, abstain: 0 } });
    expect(audit.summary).toContain('批量录入第 1、2 项纸质选票 5 张（同意 4 张、不同意 1 张）');

    // A batch with bad readings writes nothing and names each one by its index and reason.
    const bad = await bulk(liangwei, [reading(item1, a.id), reading(item1, d.id), reading(item2, c.id), reading(item1, a.id, 'no'), reading(crypto.randomUUID(), b.id)]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('BALLOT_BATCH_INVALID');
    expect(bad.json().message).toMatch(/^5 条选票中有 4 条不能录入，本次未录入任何选票。第 2 条（「.+」第 1 项）：该成员未签到，不能录入其纸质选票 等$/);
    expect(bad.json().details.entries).toEqual([
      { index: 1, code: 'BALLOT_NOT_SIGNED_IN', field: 'residentId', message: `第 2 条（「${d.name}」第 1 项）：该成员未签到，不能录入其纸质选票`, messageEn: `Entry 2 (${d.name}, item 1): The member has not signed in` },
      { index: 2, code: 'BALLOT_RECUSED', field: 'itemId', message: `第 3 条（「${c.name}」第 2 项）：该成员已就此事项回避，不能投票（本人承包充电桩安装）`, messageEn: `Entry 3 (${c.name}, item 2): The member is recused from this item` },
      { index: 3, code: 'BALLOT_BATCH_DUPLICATE', field: 'residentId', message: `第 4 条（「${a.name}」第 1 项）：同一成员同一事项的选票在本批中出现了两次（与第 1 条重复）`, messageEn: expect.stringContaining('appears twice') },
      { index: 4, code: 'MEETING_ITEM_UNKNOWN', field: 'itemId', message: `第 5 条（「${b.name}」）：「表决事项」不属于本次会议的议题`, messageEn: expect.stringContaining('Entry 5') },
    ]);
    const en = await t.call('POST', `/api/meetings/${meetingId}/paper-ballots/bulk`, { cookie: liangwei, body: { entries: [reading(item1, d.id)] }, headers: { 'accept-language': 'en' } });
    expect(en.json().message).toBe(`1 of 1 readings cannot be entered; none was saved. Entry 1 (${d.name}, item 1): The member has not signed in`);
    expect(await counts()).toEqual(afterGood);
    // Teller 1 again, without a correction reason: refused as on the single route.
    expect((await bulk(shuji, [reading(item1, a.id, 'no')])).json().details.entries[0].code).toBe('BALLOT_ENTRY_EXISTS');

    // Teller 2 reads the same ballots; two differ from teller 1's readings and do not count.
    const second = await bulk(liangwei, [reading(item1, a.id), reading(item1, b.id, 'abstain'), reading(item1, c.id), reading(item2, a.id), reading(item2, b.id)]);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ count: 5, agreed: 3, disagreed: 2, pending: 0, states: ['agreed', 'disagreed', 'agreed', 'agreed', 'disagreed'] });
    let sheet = (await call('GET', `/api/meetings/${meetingId}`, shuji)).json();
    const stateOf = (item: number, residentId: string) => sheet.items[item].paper.find((p: { residentId: string }) => p.residentId === residentId)?.state;
    expect([stateOf(0, a.id), stateOf(0, b.id), stateOf(0, c.id), stateOf(1, a.id), stateOf(1, b.id)]).toEqual(['agreed', 'disagreed', 'agreed', 'agreed', 'disagreed']);
    expect(sheet.items[0].tally).toEqual({ yes: 2, no: 0, abstain: 0 });
    expect((await call('POST', `/api/meetings/${meetingId}/close`, shuji)).json().code).toBe('MEETING_PAPER_UNRESOLVED');
    // A third teller is refused for every ballot that two tellers have read.
    const third = await thirdTeller();
    expect((await bulk(third, [reading(item1, a.id)])).json().details.entries[0].code).toBe('BALLOT_TELLERS_FULL');

    // Teller 2 corrects both (with a reason; the old readings are kept), in one request beside the single route.
    const fixed = await bulk(liangwei, [reading(item1, b.id, 'yes', '核对原票，此前看错'), reading(item2, b.id, 'no', '核对原票，此前看错')]);
    expect(fixed.json()).toMatchObject({ count: 2, agreed: 2, corrected: 2 });
    sheet = (await call('GET', `/api/meetings/${meetingId}`, shuji)).json();
    const readings = sheet.items[0].paper.find((p: { residentId: string }) => p.residentId === b.id).readings;
    expect(readings.map((r: { choice: string; superseded: boolean; correctionReason: string | null }) => [r.choice, r.superseded, r.correctionReason]))
      .toEqual([['yes', false, null], ['abstain', true, null], ['yes', false, '核对原票，此前看错']]);
    expect(sheet.items.map((i: { tally: unknown }) => i.tally)).toEqual([{ yes: 3, no: 0, abstain: 0 }, { yes: 1, no: 1, abstain: 0 }]);
    const events = await db.selectFrom('matter_event').select(['kind', 'summary_zh']).where('matter_id', '=', matterId).where('kind', '=', 'meeting.paper_entry.bulk').execute();
    expect(events.map((e) => e.summary_zh).sort()).toEqual([
      '批量录入第 1、2 项纸质选票 5 张（同意 4 张、不同意 1 张）：两名计票人一致计入 0 张，待另一名计票人核对 5 张，不一致暂不计入 0 张',
      '批量录入第 1、2 项纸质选票 5 张（同意 4 张、弃权 1 张）：两名计票人一致计入 3 张，待另一名计票人核对 0 张，不一致暂不计入 2 张',
      '批量录入第 1、2 项纸质选票 2 张（同意 1 张、不同意 1 张），其中更正 2 张：两名计票人一致计入 2 张，待另一名计票人核对 0 张，不一致暂不计入 0 张',
    ].sort());
    // A late arrival's ballots read by both tellers at the same moment: one batch waits for the other, each ballot counts once.
    expect((await call('POST', `/api/meetings/${meetingId}/attendance`, shuji, { residentId: d.id, mode: 'in_person' })).statusCode).toBe(204);
    const raced = await Promise.all([shuji, liangwei].map((cookie) => bulk(cookie, [reading(item1, d.id), reading(item2, d.id, 'no')])));
    expect(raced.map((r) => r.json().states.join()).sort()).toEqual(['agreed,agreed', 'pending,pending']);
    expect((await db.selectFrom('ballot').select(['item_id', 'choice']).where('meeting_id', '=', meetingId).where('resident_id', '=', d.id).orderBy('choice').execute()).map((x) => x.choice)).toEqual(['no', 'yes']);
    const closed = await call('POST', `/api/meetings/${meetingId}/close`, shuji);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().items.map((i: { passed: boolean }) => i.passed)).toEqual([true, false]);
    expect((await bulk(shuji, [reading(item1, a.id)])).json().code).toBe('MEETING_CLOSED');
  });

  async function thirdTeller(): Promise<string> {
    const db = t.database.db;
    const username = `teller${crypto.randomBytes(3).toString('hex')}`;
    const id = crypto.randomUUID();
    await db.insertInto('account').values({ id, district_id: districtId, username, display_name: '第三计票人', password_hash: await hashPassword('Gongzhi@2026'), locked_until: null, last_login_at: null, password_changed_at: t.clock.now, created_at: t.clock.now, updated_at: t.clock.now }).execute();
    await db.insertInto('role_binding').values({ district_id: districtId, id: crypto.randomUUID(), account_id: id, role: 'committee', node_id: community.id, created_at: t.clock.now }).execute();
    return t.login(username);
  }

  it('an owners\u2019 secret ballot with ten days\u2019 notice, counted by area and by head', async () => {
    const db = t.database.db;
    const owners = people.slice(6, 9);
    const areas = [120.5, 80, 60];
    for (const [i, o] of owners.entries()) {
      await db.insertInto('resident_role').values({ district_id: districtId, resident_id: o.id, role: 'owner' }).onConflict((oc) => oc.doNothing()).execute();
      await db.insertInto('house').values({ district_id: districtId, house_id: o.household_id, floor_area: areas[i] ?? 50 }).onConflict((oc) => oc.columns(['district_id', 'house_id']).doUpdateSet({ floor_area: areas[i] ?? 50 })).execute();
    }
    const bodyId = await makeBody('owners_assembly', '3栋业主大会', owners.map((o) => o.id));
    const both = ['area', 'head'] as const;
    const { stageId, itemIds } = await openStage({ rules: voteStage({ key: 'owners', name: { zh: '业主表决', en: 'Owners vote' }, body: 'owners_assembly', noticeDays: 10, ballot: 'secret', allowProxy: false, attendance: { comparison: 'at_least', num: 2, den: 3, base: 'entitled', measures: both }, decision: { comparison: 'more_than', num: 1, den: 2, base: 'present', measures: both } }) });
    const short = await call('POST', '/api/meetings', shuji, { stageId, bodyId, scheduledAt: new Date(t.clock.now.getTime() + 3 * 86_400_000).toISOString() });
    expect(short.statusCode).toBe(400);
    expect(short.json().code).toBe('MEETING_NOTICE_TOO_SHORT');
    expect(short.json().message).toMatch(/^「会议时间」应提前 10 日通知，最早可定于 \d{4}-\d{2}-\d{2}$/);
    const when = new Date(t.clock.now.getTime() + 10 * 86_400_000);
    const called = await call('POST', '/api/meetings', shuji, { stageId, bodyId, scheduledAt: when.toISOString() });
    expect(called.statusCode, called.body).toBe(201);
    const meetingId = called.json().id as string;
    expect((await call('POST', `/api/meetings/${meetingId}/open-sign-in`, shuji)).json().code).toBe('MEETING_NOT_YET');
    const saved = t.clock.now;
    try {
      t.clock.now = when;
      await relogin();
      expect((await call('POST', `/api/meetings/${meetingId}/open-sign-in`, shuji)).statusCode).toBe(204);
      const proxy = await call('POST', `/api/meetings/${meetingId}/attendance`, shuji, { residentId: owners[2]!.id, mode: 'proxy', proxyName: '李四', proxyReason: '住院', witness: '物业' });
      expect(proxy.json().code).toBe('MEETING_PROXY_NOT_ALLOWED');
      expect((await call('POST', `/api/meetings/${meetingId}/open-voting`, shuji, {})).statusCode).toBe(204);
      const [o1, o2] = await Promise.all(owners.slice(0, 2).map((o) => residentCookie(o.id)));
      expect((await call('POST', `/api/portal/votes/${meetingId}/ballots`, o1!, { itemId: itemIds[0], choice: 'yes' })).statusCode).toBe(201);
      expect((await call('POST', `/api/portal/votes/${meetingId}/ballots`, o2!, { itemId: itemIds[0], choice: 'no' })).statusCode).toBe(201);
      const sheet = (await call('GET', `/api/meetings/${meetingId}`, shuji)).json();
      expect(sheet.roster.map((r: { weightArea: number }) => r.weightArea)).toEqual(areas);
      // Secret: the sheet shows who voted, never what; no running count before the close.
      expect(sheet.items[0].votes.map((v: { choice: string | null }) => v.choice)).toEqual([null, null]);
      expect(sheet.items[0].tally).toBeNull();
      const events = await db.selectFrom('matter_event').select(['summary_zh', 'data']).where('stage_id', '=', stageId).where('kind', '=', 'meeting.ballot').execute();
      expect(events.length).toBe(2);
      for (const ev of events) {
        expect(ev.summary_zh).not.toMatch(/同意|不同意|弃权/);
        expect(JSON.stringify(ev.data)).not.toContain('choice');
      }
      const closed = (await call('POST', `/api/meetings/${meetingId}/close`, shuji)).json();
      // 2 of 3 owners present (≥ 2/3 by head), 200.5 of 260.5 ㎡ (≥ 2/3 by area); yes 1 of 2 by head is not more than half.
      expect(closed.items[0]).toMatchObject({ quorumMet: true, passed: false, counts: { head: { entitled: 3, present: 2, yes: 1, no: 1 }, areaCenti: { entitled: 26050, present: 20050, yes: 12050 } } });
      const after = (await call('GET', `/api/meetings/${meetingId}`, shuji)).json();
      expect(after.items[0].tally).toEqual({ yes: 1, no: 1, abstain: 0 });
      expect(after.items[0].votes.map((v: { choice: string | null }) => v.choice)).toEqual([null, null]);
    } finally {
      t.clock.now = saved;
      await relogin();
    }
  });

  it('refuses to call a meeting for the wrong stage, body, date or an empty body', async () => {
    const reps = await makeBody('representatives_assembly', '第二居民小组代表会议', [people[9]!.id, people[10]!.id]);
    const council = await makeBody('party_council', '第二党员议事会', [people[9]!.id]);
    const experts = await makeBody('experts', '电梯专家组', []);
    const now = t.clock.now.toISOString();
    const meet = (body: Record<string, unknown>) => call('POST', '/api/meetings', shuji, { scheduledAt: now, ...body });
    const pending = await openStage({ rules: voteStage(), status: 'pending' });
    expect((await meet({ stageId: pending.stageId, bodyId: reps })).json().code).toBe('MEETING_STAGE_NOT_OPEN');
    const open = await openStage({ rules: voteStage() });
    const mismatch = await meet({ stageId: open.stageId, bodyId: council });
    expect(mismatch.json()).toMatchObject({ code: 'MEETING_BODY_MISMATCH', message: '「议事主体」与该阶段规定的主体不符：该阶段应由居民代表会议表决' });
    expect((await meet({ stageId: open.stageId, bodyId: reps, scheduledAt: new Date(t.clock.now.getTime() - 2 * 86_400_000).toISOString() })).json().code).toBe('MEETING_SCHEDULED_IN_PAST');
    expect((await meet({ stageId: open.stageId, bodyId: reps, alternativeKey: 'nope' })).json().code).toBe('MEETING_ALTERNATIVE_UNKNOWN');
    expect((await meet({ stageId: crypto.randomUUID(), bodyId: reps })).statusCode).toBe(404);
    expect((await meet({ stageId: open.stageId, bodyId: reps, scheduledAt: 'tomorrow' })).json().code).toBe('VALIDATION_FAILED');
    const publication = await openStage({ rules: voteStage({ key: 'publish', kind: 'publication', body: null, attendance: null, decision: null }) });
    expect((await meet({ stageId: publication.stageId, bodyId: reps })).json().code).toBe('MEETING_STAGE_NO_BODY');
    // Two calls for one stage at the same moment: one meeting.
    const racing = await Promise.all([meet({ stageId: open.stageId, bodyId: reps }), meet({ stageId: open.stageId, bodyId: reps })]);
    expect(racing.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(racing.find((r) => r.statusCode === 409)?.json().code).toBe('MEETING_ALREADY_OPEN');
    // Two tellers entering the same paper ballot at the same moment: one waits for the other, the ballot counts once.
    const raced = racing.find((r) => r.statusCode === 201)?.json().id as string;
    expect((await call('POST', `/api/meetings/${raced}/open-sign-in`, shuji)).statusCode).toBe(204);
    expect((await call('POST', `/api/meetings/${raced}/attendance`, shuji, { residentId: people[9]!.id, mode: 'in_person' })).statusCode).toBe(204);
    expect((await call('POST', `/api/meetings/${raced}/open-voting`, shuji, {})).statusCode).toBe(204);
    const tellers = await Promise.all([shuji, liangwei].map((cookie) => call('POST', `/api/meetings/${raced}/paper-ballots`, cookie, { itemId: open.itemIds[0], residentId: people[9]!.id, choice: 'no' })));
    expect(tellers.map((r) => r.json().state).sort()).toEqual(['agreed', 'pending']);
    expect((await t.database.db.selectFrom('ballot').select('choice').where('meeting_id', '=', raced).execute()).map((b) => b.choice)).toEqual(['no']);
    const expertStage = await openStage({ rules: voteStage({ key: 'experts', kind: 'expert_review', body: 'experts' }) });
    expect((await meet({ stageId: expertStage.stageId, bodyId: experts })).json().code).toBe('MEETING_ROSTER_EMPTY');
    // A matter of another community cannot be served by this community's body, nor reached at all.
    const other = await nodeByName(t.database.db, '幸福里社区');
    const foreign = await openStage({ rules: voteStage(), communityId: other.id, communityPath: other.path });
    expect((await meet({ stageId: foreign.stageId, bodyId: reps })).json().code).toBe('FORBIDDEN_SCOPE');
    // 居民代表会议或居民会议: the alternative chosen at the call brings its own body and rules.
    const alt = await openStage({ rules: voteStage({ alternatives: [{ key: 'meeting', name: { zh: '居民会议决议', en: 'Residents\u2019 meeting' }, body: 'residents_meeting', attendanceMode: 'households', attendance: { comparison: 'more_than', num: 1, den: 2, base: 'entitled', measures: ['head'] }, decision: MAJORITY_OF_PRESENT }] }) });
    const residentsMeeting = (await call('GET', `/api/decision-bodies?communityId=${community.id}`, shuji)).json().items.find((b: { kind: string; standard: boolean }) => b.kind === 'residents_meeting' && b.standard);
    expect((await meet({ stageId: alt.stageId, bodyId: residentsMeeting.id })).json().code).toBe('MEETING_BODY_MISMATCH');
    const started = performance.now();
    const ok = await meet({ stageId: alt.stageId, bodyId: residentsMeeting.id, alternativeKey: 'meeting' });
    const ms = performance.now() - started;
    expect(ok.statusCode, ok.body).toBe(201);
    const sheet = (await call('GET', `/api/meetings/${ok.json().id}`, shuji)).json();
    // One per household (居民会议 by household representatives).
    const households = await t.database.db.selectFrom('meeting_roster').select('household_id').distinct().where('meeting_id', '=', ok.json().id).execute();
    expect(households.length).toBe(sheet.counts.entitled);
    expect(sheet.counts.entitled).toBeGreaterThan(100);
    console.info(`[${engine}] froze a 居民会议 roster of ${sheet.counts.entitled} households in ${ms.toFixed(0)} ms`);
  });

  it('a voting deadline closes the portal ballot box; messages follow the language', async () => {
    const [m1, m2] = [people[10]!, people[11]!];
    const gone = people[5]!;
    const bodyId = await makeBody('residents_council', '截止测试议事会', [m1.id, m2.id, gone.id]);
    // A member who has moved out before the call is not entitled.
    await t.database.db.updateTable('resident').set({ status: 'moved_out', moved_out_on: '2026-11-01' }).where('id', '=', gone.id).execute();
    const { stageId, itemIds } = await openStage({ rules: voteStage({ key: 'council', body: 'residents_council', allowProxy: false }) });
    const meetingId = (await call('POST', '/api/meetings', shuji, { stageId, bodyId, scheduledAt: t.clock.now.toISOString() })).json().id as string;
    expect((await call('GET', `/api/meetings/${meetingId}`, shuji)).json().roster.map((r: { residentId: string }) => r.residentId).sort()).toEqual([m1.id, m2.id].sort());
    expect((await call('POST', `/api/meetings/${meetingId}/open-sign-in`, shuji)).statusCode).toBe(204);
    const past = await call('POST', `/api/meetings/${meetingId}/open-voting`, shuji, { closesAt: new Date(t.clock.now.getTime() - 60_000).toISOString() });
    expect(past.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: '「投票截止时间」应晚于现在' });
    const closesAt = new Date(t.clock.now.getTime() + 3600_000);
    expect((await call('POST', `/api/meetings/${meetingId}/open-voting`, shuji, { closesAt: closesAt.toISOString() })).statusCode).toBe(204);
    const c1 = await residentCookie(m1.id);
    const listed = (await call('GET', '/api/portal/votes', c1)).json().items.find((m: { meetingId: string }) => m.meetingId === meetingId);
    expect(listed).toMatchObject({ closesAt: closesAt.toISOString(), canVote: true, bodyName: '截止测试议事会' });
    expect((await call('POST', `/api/portal/votes/${meetingId}/ballots`, c1, { itemId: itemIds[0], choice: 'abstain' })).statusCode).toBe(201);
    const saved = t.clock.now;
    try {
      t.clock.now = new Date(closesAt.getTime() + 60_000);
      const c2 = await residentCookie(m2.id);
      const late = await call('POST', `/api/portal/votes/${meetingId}/ballots`, c2, { itemId: itemIds[0], choice: 'yes' });
      expect(late.json()).toMatchObject({ code: 'BALLOT_DEADLINE_PASSED', message: '投票已截止，不能再投票' });
      const en = await t.call('POST', `/api/portal/votes/${meetingId}/ballots`, { cookie: c2, body: { itemId: itemIds[0], choice: 'yes' }, headers: { 'accept-language': 'en' } });
      expect(en.json().message).toBe('Voting has ended');
      expect((await call('GET', '/api/portal/votes', c2)).json().items.find((m: { meetingId: string }) => m.meetingId === meetingId).canVote).toBe(false);
    } finally {
      t.clock.now = saved;
    }
    // Quorum failed (1 of 2 present is not 2/3): the stage may call a new meeting; the outcome follows the latest.
    const closed = (await call('POST', `/api/meetings/${meetingId}/close`, shuji)).json();
    expect(closed.items[0]).toMatchObject({ quorumMet: false, passed: false });
    expect(await meetingOutcome(t.database.db, districtId, stageId)).toMatchObject({ meetingId, closed: true, items: [{ quorumMet: false }] });
    const second = await call('POST', '/api/meetings', shuji, { stageId, bodyId, scheduledAt: t.clock.now.toISOString() });
    expect(second.statusCode).toBe(201);
    expect(await meetingOutcome(t.database.db, districtId, stageId)).toEqual({ meetingId: second.json().id, closed: false, items: [] });
  });

  it('the demo seed holds a whole meeting through the same commands, inside its own transaction', async () => {
    const { stageId, itemIds } = await openStage({ rules: voteStage({ noticeDays: 3 }), items: [{ title: '雨污分流改造方案' }, { title: '增设电动车充电桩' }] });
    const shujiId = await accountId(t.database.db, 'shuji');
    const held = await t.database.db.transaction().execute((tx) => holdDemoMeeting(tx, { districtId, stageId, accountId: shujiId, at: t.clock.now, failItemIds: [itemIds[1]!] }));
    expect(held.results.map((r) => r.passed)).toEqual([true, false]);
    expect(held.results[0]!.explanation.zh).toContain('通过');
    const outcome = await meetingOutcome(t.database.db, districtId, stageId);
    expect(outcome).toMatchObject({ meetingId: held.meetingId, closed: true, items: [{ passed: true }, { passed: false }] });
    const sheet = (await call('GET', `/api/meetings/${held.meetingId}`, shuji)).json();
    expect(sheet.counts.present).toBeGreaterThan(0);
    expect(sheet.status).toBe('closed');
  });

  it('reads a meeting row written without the meeting’s own rules shape (stand-in rows) without failing', async () => {
    const { stageId, matterId, itemIds } = await openStage({ rules: voteStage() });
    const bodies = (await call('GET', `/api/decision-bodies?communityId=${community.id}`, shuji)).json().items;
    const id = crypto.randomUUID();
    const now = t.clock.now;
    await t.database.db.insertInto('meeting').values({ district_id: districtId, id, community_id: community.id, node_path: community.path, matter_id: matterId, stage_id: stageId, body_id: bodies[0].id, alternative_key: null, title: '旧数据会议', place: '', scheduled_at: now, called_at: now, called_by: null, status: 'closed', ballot: 'open', allow_proxy: false, rules: JSON.stringify(voteStage()), sign_in_opened_at: now, voting_opened_at: now, voting_closes_at: null, closed_at: now, closed_by: null }).execute();
    const sheet = await call('GET', `/api/meetings/${id}`, shuji);
    expect(sheet.statusCode, sheet.body).toBe(200);
    expect(sheet.json().items.map((i: { itemId: string }) => i.itemId)).toEqual(itemIds);
    expect(sheet.json().stage.name.zh).toBe('居民代表会议决议');
  });
});
