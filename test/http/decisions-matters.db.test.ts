import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDecisionsDemo, recordClosedMeeting, attachRequired, type DemoMatters } from '../../src/modules/demo/seed-decisions-demo.ts';
import type { StageTemplate } from '../../src/modules/decisions/rules/procedure-template.ts';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { accountId, auditCount, nodeByName } from '../support/lookups.ts';

const DAY = 86_400_000;
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describeEachEngine('decisions: matters, stages, solicitation, publication, implementation, supervision, files', (engine) => {
  let t: TestApp;
  let shuji: string;
  let jiandu: string;
  let admin2: string;
  let matters: DemoMatters;
  let resident: string;

  const db = () => t.database.db;
  const events = async (matterId: string) => Number((await db().selectFrom('matter_event').select((eb) => eb.fn.countAll<number>().as('n')).where('matter_id', '=', matterId).executeTakeFirstOrThrow()).n);
  const stageOf = async (matterId: string, key: string) => db().selectFrom('matter_stage').selectAll().where('matter_id', '=', matterId).where('stage_key', '=', key).executeTakeFirstOrThrow();
  async function residentLogin(phone: string): Promise<string> {
    const sent = await t.call('POST', '/api/portal/login/code', { body: { phone } });
    expect(sent.statusCode).toBe(200);
    const msg = await db().selectFrom('message_outbox').select('body').where('recipient', '=', phone).orderBy('at', 'desc').limit(1).executeTakeFirstOrThrow();
    const code = /(\d{6})/.exec(msg.body)?.[1];
    const res = await t.call('POST', '/api/portal/login', { body: { phone, code } });
    expect(res.statusCode).toBe(200);
    return `gz_session=${res.cookies.find((c) => c.name === 'gz_session')?.value}`;
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    const district = (await db().selectFrom('district').select('district_id').executeTakeFirstOrThrow()).district_id;
    const accounts = { secretary: await accountId(db(), 'shuji'), supervisor: await accountId(db(), 'jiandu'), otherCommunityStaff: await accountId(db(), 'admin2') };
    const existing = await db().selectFrom('matter').select('id').limit(1).executeTakeFirst();
    if (existing) {
      const byTitle = async (title: string) => (await db().selectFrom('matter').select('id').where('title', 'like', `${title}%`).executeTakeFirstOrThrow()).id;
      matters = { solicitation: await byTitle('小区停车位规划'), vote: await byTitle('老旧小区雨污分流'), implementation: await byTitle('社区文化广场修缮'), batch: await byTitle('第四季度最低生活保障') };
    } else {
      // Seeded three weeks before the test clock, as the demo template is.
      matters = (await db().transaction().execute((tx) => seedDecisionsDemo(tx, { districtId: district, now: new Date(t.clock.now.getTime() - 21 * DAY), accounts }))).matters;
    }
    // Keep the seeded questionnaire open at the test clock.
    await db().updateTable('solicitation').set({ closes_at: new Date(t.clock.now.getTime() + 30 * DAY) }).where('matter_id', '=', matters.solicitation).execute();
    [shuji, jiandu, admin2] = await Promise.all([t.login('shuji'), t.login('jiandu'), t.login('admin2')]);
    resident = await residentLogin('13800000001');
  });
  afterAll(async () => t?.close());
  /** Moves the clock on; sessions idle that long expire, so everyone signs in again. */
  async function later(days: number): Promise<void> {
    t.clock.now = new Date(t.clock.now.getTime() + days * DAY);
    [shuji, jiandu, admin2] = await Promise.all([t.login('shuji'), t.login('jiandu'), t.login('admin2')]);
    resident = await residentLogin('13800000001');
  }

  it('lists the shipped templates; a community copies, adjusts (new version) and cannot change a copy in use', async () => {
    const list = await t.call('GET', '/api/procedure-templates', { cookie: shuji });
    expect(list.statusCode).toBe(200);
    const shipped = list.json().items.filter((x: { shipped: boolean }) => x.shipped);
    expect(shipped.map((x: { code: string }) => x.code)).toEqual(expect.arrayContaining(['yizheng_sanyi_liang_gongkai', 'siyi_liang_gongkai_yi_jiandu', 'liubu_yishi', 'owners_vote']));
    const yz = shipped.find((x: { code: string }) => x.code === 'yizheng_sanyi_liang_gongkai');
    expect(yz.inUse).toBeGreaterThan(0);
    const community = await nodeByName(db(), '百步亭花园社区');
    // A shipped template cannot be edited in place.
    const shippedEdit = await t.call('PUT', `/api/procedure-templates/${yz.id}`, { cookie: await t.login('admin'), body: { body: yz.body } });
    expect(shippedEdit.json().code).toBe('TEMPLATE_SHIPPED_READONLY');
    // An invalid adjustment is refused naming the problem.
    const badBody = { ...yz.body, stages: yz.body.stages.filter((s: StageTemplate) => s.kind !== 'vote') };
    const bad = await t.call('POST', `/api/procedure-templates/${yz.id}/copy`, { cookie: shuji, body: { communityId: community.id, body: badBody } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('TEMPLATE_INVALID');
    expect(bad.json().message).toContain('表决环节');
    const copy = await t.call('POST', `/api/procedure-templates/${yz.id}/copy`, { cookie: shuji, body: { communityId: community.id, name: '一征三议两公开（百步亭）' } });
    expect(copy.statusCode).toBe(201);
    const adjusted = { ...yz.body, stages: yz.body.stages.map((s: StageTemplate) => (s.kind === 'publication' ? { ...s, publicationDays: 10 } : s)) };
    const v2 = await t.call('PUT', `/api/procedure-templates/${copy.json().id}`, { cookie: shuji, body: { body: adjusted } });
    expect(v2.statusCode).toBe(200);
    const row = await db().selectFrom('procedure_template').select(['version', 'superseded_at']).where('id', '=', v2.json().id).executeTakeFirstOrThrow();
    expect(row.version).toBe(2);
    // Use the copy for a matter, then editing it is refused and nothing changes.
    const raised = await t.call('POST', '/api/matters', { cookie: shuji, body: { communityId: community.id, title: '楼道照明改造', description: '楼道灯老化', category: '公共设施' } });
    expect(raised.statusCode).toBe(201);
    const accepted = await t.call('POST', `/api/matters/${raised.json().id}/accept`, { cookie: shuji, body: { templateId: v2.json().id, budget: 30000 } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().stages[0]).toMatchObject({ key: 'solicitation', status: 'open' });
    const before = await db().selectFrom('procedure_template').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const inUse = await t.call('PUT', `/api/procedure-templates/${v2.json().id}`, { cookie: shuji, body: { body: yz.body } });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({ code: 'TEMPLATE_IN_USE' });
    expect(inUse.json().message).toContain('不能修改');
    const after = await db().selectFrom('procedure_template').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // 幸福里 cannot see 百步亭's copy.
    expect((await t.call('GET', `/api/procedure-templates/${v2.json().id}`, { cookie: admin2 })).statusCode).toBe(404);
  });

  it('a resident raises a topic (民事民提); the committees accept it as a batch or decline another', async () => {
    const raised = await t.call('POST', '/api/portal/topics', { cookie: resident, body: { title: '小区增设快递柜', description: '快递堆放在门卫室，希望增设智能快递柜' } });
    expect(raised.statusCode).toBe(201);
    const mine = await t.call('GET', '/api/portal/topics', { cookie: resident });
    expect(mine.json().items[0]).toMatchObject({ id: raised.json().id, status: 'raised', statusLabel: '待受理', stageName: null });
    const list = await t.call('GET', '/api/matters?status=raised', { cookie: shuji });
    expect(list.json().items.map((m: { id: string }) => m.id)).toContain(raised.json().id);
    const page = await t.call('GET', `/api/matters/${raised.json().id}`, { cookie: shuji });
    expect(page.json().raisedBy.kind).toBe('resident');
    // A shipped template that allows no batch refuses several items.
    const templates = (await t.call('GET', '/api/procedure-templates', { cookie: shuji })).json().items;
    const liubu = templates.find((x: { code: string }) => x.code === 'liubu_yishi');
    const batch = await t.call('POST', `/api/matters/${raised.json().id}/accept`, { cookie: shuji, body: { templateId: liubu.id, items: [{ title: '东门' }, { title: '西门' }] } });
    expect(batch.json().code).toBe('MATTER_BATCH_NOT_ALLOWED');
    const declined = await t.call('POST', `/api/matters/${raised.json().id}/decline`, { cookie: shuji, body: { reason: '已由物业公司安排，无需议事' } });
    expect(declined.json().status).toBe('declined');
    expect((await t.call('GET', '/api/portal/topics', { cookie: resident })).json().items[0].statusLabel).toBe('不予受理');
    // The batch of 低保 reviews: each item has its own result; the failed one stopped.
    const b = (await t.call('GET', `/api/matters/${matters.batch}`, { cookie: shuji })).json();
    expect(b.batch).toBe(true);
    expect(b.items).toHaveLength(12);
    expect(b.items.filter((i: { status: string }) => i.status === 'stopped')).toHaveLength(1);
    expect(b.stages.find((s: { key: string }) => s.key === 'representatives_resolution').outcome).toBe('partly_passed');
  });

  it('solicitation: residents in scope answer once (a later answer replaces); summary counts; closed and foreign answers refused', async () => {
    const open = await t.call('GET', '/api/portal/solicitations', { cookie: resident });
    expect(open.statusCode).toBe(200);
    const s = open.json().items.find((x: { matterId: string }) => x.matterId === matters.solicitation);
    expect(s).toBeTruthy();
    const [q1, q2, q3] = s.questions;
    const bad = await t.call('POST', `/api/portal/solicitations/${s.id}/responses`, { cookie: resident, body: { answers: [{ questionId: q1.id, optionIds: ['o1', 'o2'] }, { questionId: q2.id, optionIds: ['o1'] }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'SOLICITATION_ANSWER_INVALID', message: '「答卷」第 1 题是单选题，只能选一项' });
    const first = await t.call('POST', `/api/portal/solicitations/${s.id}/responses`, { cookie: resident, body: { answers: [{ questionId: q1.id, optionIds: ['o2'] }, { questionId: q2.id, optionIds: ['o3'] }, { questionId: q3.id, text: '先解决充电桩' }] } });
    expect(first.json()).toEqual({ replaced: false });
    const again = await t.call('POST', `/api/portal/solicitations/${s.id}/responses`, { cookie: resident, body: { answers: [{ questionId: q1.id, optionIds: ['o1'] }, { questionId: q2.id, optionIds: ['o3'] }] } });
    expect(again.json()).toEqual({ replaced: true });
    const summary = (await t.call('GET', `/api/solicitations/${s.id}/summary`, { cookie: shuji })).json();
    const count = await db().selectFrom('solicitation_response').select((eb) => eb.fn.countAll<number>().as('n')).where('solicitation_id', '=', s.id).executeTakeFirstOrThrow();
    expect(summary.responses).toBe(Number(count.n));
    expect(summary.questions[0].options.reduce((a: number, o: { count: number }) => a + o.count, 0)).toBe(summary.responses);
    expect(summary.questions[1].options.find((o: { id: string }) => o.id === 'o3').count).toBeGreaterThanOrEqual(1);
    expect(summary.questions[2].texts.length).toBeGreaterThan(0);
    expect(summary.symposiums).toHaveLength(1);
    // A resident of 幸福里 is refused.
    const other = await db().selectFrom('resident').select(['id']).where('node_path', 'like', `${(await nodeByName(db(), '幸福里社区')).path}%`).where('birth_date', '<=', '2006-01-01').orderBy('id').limit(1).executeTakeFirstOrThrow();
    await db().updateTable('resident').set({ phone: '13800000099' }).where('id', '=', other.id).execute();
    const foreign = await residentLogin('13800000099');
    expect((await t.call('GET', '/api/portal/solicitations', { cookie: foreign })).json().items.some((x: { id: string }) => x.id === s.id)).toBe(false);
    const n0 = Number(count.n);
    const refused = await t.call('POST', `/api/portal/solicitations/${s.id}/responses`, { cookie: foreign, body: { answers: [{ questionId: q1.id, optionIds: ['o1'] }, { questionId: q2.id, optionIds: ['o1'] }] } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('SOLICITATION_OUT_OF_SCOPE');
    // After the closing time: refused, nothing changed.
    const closesAt = (await db().selectFrom('solicitation').select('closes_at').where('id', '=', s.id).executeTakeFirstOrThrow()).closes_at;
    await db().updateTable('solicitation').set({ closes_at: new Date(t.clock.now.getTime() - 60_000) }).where('id', '=', s.id).execute();
    const late = await t.call('POST', `/api/portal/solicitations/${s.id}/responses`, { cookie: resident, body: { answers: [{ questionId: q1.id, optionIds: ['o3'] }, { questionId: q2.id, optionIds: ['o1'] }] } });
    await db().updateTable('solicitation').set({ closes_at: closesAt }).where('id', '=', s.id).execute();
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'SOLICITATION_CLOSED', message: '该征求意见已截止，不能再提交' });
    const n1 = await db().selectFrom('solicitation_response').select((eb) => eb.fn.countAll<number>().as('n')).where('solicitation_id', '=', s.id).executeTakeFirstOrThrow();
    expect(Number(n1.n)).toBe(n0);
    const mineNow = await db().selectFrom('solicitation_response').select('answers').where('solicitation_id', '=', s.id).where('replaced_count', '=', 1).executeTakeFirstOrThrow();
    expect(JSON.stringify(mineNow.answers)).toContain('"o1"');
  });

  it('two answers from the same resident at once: one response kept, the other counted as a replacement', async () => {
    const owner = await residentLogin('13800000002');
    const s = (await t.call('GET', '/api/portal/solicitations', { cookie: owner })).json().items.find((x: { matterId: string }) => x.matterId === matters.solicitation);
    const [q1, q2] = s.questions;
    const send = (o: string) => t.call('POST', `/api/portal/solicitations/${s.id}/responses`, { cookie: owner, body: { answers: [{ questionId: q1.id, optionIds: [o] }, { questionId: q2.id, optionIds: ['o2'] }] } });
    const [a, b] = await Promise.all([send('o1'), send('o2')]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const me = await db().selectFrom('resident').select('id').where('phone', '=', '13800000002').executeTakeFirstOrThrow();
    const rows = await db().selectFrom('solicitation_response').select(['replaced_count']).where('solicitation_id', '=', s.id).where('resident_id', '=', me.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.replaced_count).toBe(1);
  });

  it('closing the vote: refused without attachments, with an open flag; then the vote decides and the matter moves on', async () => {
    const vote = await stageOf(matters.vote, 'representatives_resolution');
    const pub = await stageOf(matters.vote, 'resolution_publication');
    // Publishing before the vote passed is refused, nothing changed.
    const e0 = await events(matters.vote);
    const early = await t.call('POST', `/api/matters/${matters.vote}/stages/${pub.id}/publish`, { cookie: shuji, body: {} });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'PUBLISH_BEFORE_VOTE', message: '决议尚未表决通过，不能公开' });
    expect(await events(matters.vote)).toBe(e0);
    // The supervision committee flags the stage.
    const flag = await t.call('POST', `/api/matters/${matters.vote}/supervision`, { cookie: jiandu, body: { kind: 'flag', stageId: vote.id, text: '会议通知未提前张贴' } });
    expect(flag.statusCode).toBe(201);
    const matter = await db().selectFrom('matter').select(['community_id', 'node_path']).where('id', '=', matters.vote).executeTakeFirstOrThrow();
    const a0 = await auditCount(db());
    const refused = await t.call('POST', `/api/matters/${matters.vote}/stages/${vote.id}/close`, { cookie: shuji, body: {} });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('STAGE_CANNOT_CLOSE');
    const codes = refused.json().details.problems.map((p: { code: string }) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['DECISION_FLAG_OPEN', 'DECISION_ATTACHMENT_MISSING', 'DECISION_MEETING_NOT_CLOSED']));
    expect(refused.json().message).toContain('缺少必备附件：会议记录');
    expect(await auditCount(db())).toBe(a0);
    expect((await stageOf(matters.vote, 'representatives_resolution')).status).toBe('open');
    // Attach the minutes through the route; the rest as the meeting module would.
    const up = await t.call('POST', '/api/files', { cookie: shuji, body: { ownerKind: 'matter_stage', ownerId: vote.id, purpose: 'photos', name: '会场.png', mime: 'image/png', content: PNG } });
    expect(up.statusCode).toBe(201);
    const got = await t.call('GET', `/api/files/${up.json().id}`, { cookie: jiandu });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-sha256']).toBe(up.json().sha256);
    expect(got.rawPayload.equals(Buffer.from(PNG, 'base64'))).toBe(true);
    const district = (await db().selectFrom('district').select('district_id').executeTakeFirstOrThrow()).district_id;
    await attachRequired(db(), { districtId: district, stageId: vote.id, nodePath: matter.node_path, rules: { ...(vote.rules as StageTemplate), requiredAttachments: ['minutes', 'sign_in_sheet'] }, actor: { kind: 'staff', id: await accountId(db(), 'shuji'), districtId: district, username: 'shuji', displayName: '书记', mustChangePassword: false, bindings: [] }, at: t.clock.now });
    await recordClosedMeeting(db(), { districtId: district, matterId: matters.vote, stageId: vote.id, communityId: matter.community_id, nodePath: matter.node_path, rules: vote.rules as StageTemplate, at: t.clock.now });
    const stillFlagged = await t.call('POST', `/api/matters/${matters.vote}/stages/${vote.id}/close`, { cookie: shuji, body: {} });
    expect(stillFlagged.json().details.problems.map((p: { code: string }) => p.code)).toEqual(['DECISION_FLAG_OPEN']);
    const answer = await t.call('POST', `/api/matters/${matters.vote}/supervision/${flag.json().id}/answer`, { cookie: shuji, body: { answer: '已补发通知并延期召开' } });
    expect(answer.statusCode).toBe(204);
    const closed = await t.call('POST', `/api/matters/${matters.vote}/stages/${vote.id}/close`, { cookie: shuji, body: { note: '表决通过' } });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().result).toMatchObject({ outcome: 'passed', next: 'moved_on' });
    const page = closed.json().matter;
    expect(page.stages.find((s: { key: string }) => s.key === 'resolution_publication').status).toBe('open');
    expect(page.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['supervision.flagged', 'supervision.answered', 'file.attached', 'stage.closed', 'stage.opened']));
    const kinds = page.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds.lastIndexOf('stage.opened')).toBeGreaterThan(kinds.lastIndexOf('stage.closed'));
  });

  it('publication needs the sign-off, goes to the board at once, and closes only after the period', async () => {
    const pub = await stageOf(matters.vote, 'resolution_publication');
    const unsigned = await t.call('POST', `/api/matters/${matters.vote}/stages/${pub.id}/publish`, { cookie: shuji, body: {} });
    expect(unsigned.json()).toMatchObject({ code: 'PUBLISH_NEEDS_SIGN_OFF' });
    expect(unsigned.json().message).toContain('居务监督委员会');
    expect((await t.call('POST', `/api/matters/${matters.vote}/stages/${pub.id}/sign-off`, { cookie: shuji, body: {} })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/matters/${matters.vote}/stages/${pub.id}/sign-off`, { cookie: jiandu, body: { note: '同意公开' } })).statusCode).toBe(200);
    const published = await t.call('POST', `/api/matters/${matters.vote}/stages/${pub.id}/publish`, { cookie: shuji, body: {} });
    expect(published.statusCode).toBe(200);
    const entry = await db().selectFrom('board_entry').select(['title', 'matter_id', 'column_code']).where('id', '=', published.json().published.entryId).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ matter_id: matters.vote, column_code: 'residents' });
    expect((await t.call('POST', `/api/matters/${matters.vote}/stages/${pub.id}/publish`, { cookie: shuji, body: {} })).json().code).toBe('PUBLISH_ALREADY');
    const running = await t.call('POST', `/api/matters/${matters.vote}/stages/${pub.id}/close`, { cookie: shuji, body: {} });
    expect(running.json().details.problems.map((p: { code: string }) => p.code)).toEqual(['DECISION_PUBLICATION_PERIOD_RUNNING']);
    await later(12);
    const closed = await t.call('POST', `/api/matters/${matters.vote}/stages/${pub.id}/close`, { cookie: shuji, body: {} });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().matter.stages.find((s: { key: string }) => s.key === 'implementation').status).toBe('open');
  });

  it('a personal (低保) notice publishes only name, household size and amount', async () => {
    const pub = await stageOf(matters.batch, 'resolution_publication');
    await t.call('POST', `/api/matters/${matters.batch}/stages/${pub.id}/sign-off`, { cookie: jiandu, body: {} });
    const published = await t.call('POST', `/api/matters/${matters.batch}/stages/${pub.id}/publish`, { cookie: shuji, body: {} });
    expect(published.statusCode).toBe(200);
    const entry = await db().selectFrom('board_entry').select(['body', 'personal']).where('id', '=', published.json().published.entryId).executeTakeFirstOrThrow();
    const lines = entry.personal as { name: string; householdSize: number; amountCents: number }[];
    expect(lines).toHaveLength(11);
    for (const l of lines) expect(Object.keys(l).sort()).toEqual(['amountCents', 'householdSize', 'name']);
    expect(entry.body).not.toMatch(/\d{17}[\dX]/);
  });

  it('implementation: tasks roll up by weight; the supervision committee sees 幸福里 only in its scope', async () => {
    const list = await t.call('GET', '/api/matters?status=in_progress&page=1&pageSize=50', { cookie: admin2 });
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((m: { id: string }) => m.id);
    expect(ids).toContain(matters.implementation);
    expect(ids).not.toContain(matters.vote);
    const xingfuli = await nodeByName(db(), '幸福里社区');
    const paged = (await t.call('GET', `/api/matters?communityId=${xingfuli.id}&page=1&pageSize=1`, { cookie: admin2 })).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThanOrEqual(1);
    expect(paged.items[0]).toMatchObject({ communityName: '幸福里社区', currentStage: { key: 'implementation' } });
    const foreignFilter = await t.call('GET', `/api/matters?communityId=${(await nodeByName(db(), '百步亭花园社区')).id}`, { cookie: admin2 });
    expect(foreignFilter.statusCode).toBe(403);
    const page = (await t.call('GET', `/api/matters/${matters.implementation}`, { cookie: admin2 })).json();
    expect(page.implementation.percent).toBe(60);
    expect((await t.call('GET', `/api/matters/${matters.implementation}`, { cookie: jiandu })).statusCode).toBe(403);
    const vote = (await t.call('GET', `/api/matters/${matters.vote}`, { cookie: jiandu })).json();
    expect(vote.stages.length).toBeGreaterThan(5);
    // Progress on the 百步亭 matter now in implementation.
    const parent = await t.call('POST', `/api/matters/${matters.vote}/tasks`, { cookie: shuji, body: { title: '管网施工', weight: 3 } });
    const c1 = await t.call('POST', `/api/matters/${matters.vote}/tasks`, { cookie: shuji, body: { title: '3-5 栋', parentId: parent.json().id, weight: 1 } });
    await t.call('POST', `/api/matters/${matters.vote}/tasks`, { cookie: shuji, body: { title: '6-8 栋', parentId: parent.json().id, weight: 1 } });
    const m = await t.call('POST', `/api/matters/${matters.vote}/tasks`, { cookie: shuji, body: { title: '竣工验收', milestone: true, weight: 1 } });
    const upd = await t.call('PATCH', `/api/matters/${matters.vote}/tasks/${c1.json().id}`, { cookie: shuji, body: { percent: 100, note: '3-5 栋完工' } });
    expect(upd.json()).toEqual({ percent: 37 }); // (3·50 + 1·0)/4 = 37.5 → 37
    const parentPct = await t.call('PATCH', `/api/matters/${matters.vote}/tasks/${parent.json().id}`, { cookie: shuji, body: { percent: 10 } });
    expect(parentPct.json().code).toBe('TASK_HAS_CHILDREN');
    const impl = await stageOf(matters.vote, 'implementation');
    const early = await t.call('POST', `/api/matters/${matters.vote}/stages/${impl.id}/close`, { cookie: shuji, body: {} });
    expect(early.json().message).toContain('实施尚未完成（进度 37%）');
    expect(m.statusCode).toBe(201);
  });

  it('implementation finished: the result is published and the matter completes after the period', async () => {
    const page = (await t.call('GET', `/api/matters/${matters.vote}`, { cookie: shuji })).json();
    const leaves: string[] = [];
    const walk = (ts: { id: string; children: unknown[] }[]) => ts.forEach((x) => (x.children.length ? walk(x.children as never) : leaves.push(x.id)));
    walk(page.implementation.roots);
    for (const id of leaves) await t.call('PATCH', `/api/matters/${matters.vote}/tasks/${id}`, { cookie: shuji, body: { status: 'done' } });
    const impl = await stageOf(matters.vote, 'implementation');
    for (const purpose of ['implementation_report', 'photos']) {
      const up = await t.call('POST', '/api/files', { cookie: shuji, body: { ownerKind: 'matter_stage', ownerId: impl.id, purpose, name: `${purpose}.png`, mime: 'image/png', content: PNG } });
      expect(up.statusCode).toBe(201);
    }
    const closed = await t.call('POST', `/api/matters/${matters.vote}/stages/${impl.id}/close`, { cookie: shuji, body: {} });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().matter.implementation.percent).toBe(100);
    const result = await stageOf(matters.vote, 'result_publication');
    await t.call('POST', `/api/matters/${matters.vote}/stages/${result.id}/sign-off`, { cookie: jiandu, body: {} });
    const published = await t.call('POST', `/api/matters/${matters.vote}/stages/${result.id}/publish`, { cookie: shuji, body: {} });
    expect(published.statusCode).toBe(200);
    const entry = await db().selectFrom('board_entry').select(['title', 'body']).where('id', '=', published.json().published.entryId).executeTakeFirstOrThrow();
    expect(entry.title).toContain('实施结果公示');
    expect(entry.body).toContain('整体进度 100%');
    await later(12); // 7 days, moved off a weekend to the next working day (民法典 203)
    const done = await t.call('POST', `/api/matters/${matters.vote}/stages/${result.id}/close`, { cookie: shuji, body: {} });
    expect(done.json().result).toMatchObject({ next: 'completed' });
    expect(done.json().matter).toMatchObject({ status: 'completed', statusLabel: '已办结' });
    // A closed stage takes no more attachments.
    const late = await t.call('POST', '/api/files', { cookie: shuji, body: { ownerKind: 'matter_stage', ownerId: result.id, purpose: 'photos', name: 'x.png', mime: 'image/png', content: PNG } });
    expect(late.json().code).toBe('FILE_OWNER_CLOSED');
  });

  it('a rejected deliberation sends the matter back to the proposal (a new round); stage by stage through the routes', async () => {
    const community = await nodeByName(db(), '百步亭花园社区');
    const district = (await db().selectFrom('district').select('district_id').executeTakeFirstOrThrow()).district_id;
    const yz = (await t.call('GET', '/api/procedure-templates', { cookie: shuji })).json().items.find((x: { code: string; shipped: boolean }) => x.shipped && x.code === 'yizheng_sanyi_liang_gongkai');
    const id = (await t.call('POST', '/api/matters', { cookie: shuji, body: { communityId: community.id, title: '垃圾分类亭选址' } })).json().id;
    await t.call('POST', `/api/matters/${id}/accept`, { cookie: shuji, body: { templateId: yz.id, attachments: [{ purpose: 'draft', name: '选址草案.txt', mime: 'text/plain', content: Buffer.from('草案').toString('base64') }] } });
    const sol = await stageOf(id, 'solicitation');
    const noSummary = await t.call('POST', `/api/matters/${id}/stages/${sol.id}/close`, { cookie: shuji, body: {} });
    expect(noSummary.json().message).toContain('征求意见汇总');
    await t.call('POST', '/api/files', { cookie: shuji, body: { ownerKind: 'matter_stage', ownerId: sol.id, purpose: 'solicitation_summary', name: '汇总.txt', mime: 'text/plain', content: Buffer.from('汇总').toString('base64') } });
    expect((await t.call('POST', `/api/matters/${id}/stages/${sol.id}/close`, { cookie: shuji, body: {} })).json().result).toMatchObject({ outcome: 'done', next: 'moved_on' });
    const staff = { kind: 'staff' as const, id: await accountId(db(), 'shuji'), districtId: district, username: 'shuji', displayName: '书记', mustChangePassword: false, bindings: [] };
    const meet = async (key: string, fail: boolean) => {
      const st = await stageOf(id, key);
      await attachRequired(db(), { districtId: district, stageId: st.id, nodePath: community.path, rules: st.rules as StageTemplate, actor: staff, at: t.clock.now });
      const items = fail ? (await db().selectFrom('matter_item').select('id').where('matter_id', '=', id).execute()).map((i) => i.id) : [];
      await recordClosedMeeting(db(), { districtId: district, matterId: id, stageId: st.id, communityId: community.id, nodePath: community.path, rules: st.rules as StageTemplate, at: t.clock.now, failItemIds: items });
      return t.call('POST', `/api/matters/${id}/stages/${st.id}/close`, { cookie: shuji, body: {} });
    };
    expect((await meet('committees_proposal', false)).json().result.outcome).toBe('passed');
    const back = await meet('party_council_review', true);
    expect(back.json().result).toMatchObject({ outcome: 'rejected', next: 'sent_back' });
    const page = back.json().matter;
    expect(page.stages.find((x: { key: string }) => x.key === 'committees_proposal')).toMatchObject({ status: 'open', round: 2 });
    expect(page.stages.find((x: { key: string }) => x.key === 'party_council_review')).toMatchObject({ status: 'pending', round: 2 });
    expect(page.timeline.some((e: { kind: string; summary: string }) => e.kind === 'stage.sent_back' && e.summary.includes('退回「两委提议」'))).toBe(true);
    expect(page.files.map((f: { purpose: string }) => f.purpose)).toEqual(['draft']);
  });

  it('bad input: unknown ids, bad files, wrong stage kinds — each a clear zh-CN error', async () => {
    const vote = await stageOf(matters.solicitation, 'solicitation');
    const tooBig = Buffer.alloc(763 * 1024, 1);
    tooBig[0] = 0x89; tooBig[1] = 0x50; tooBig[2] = 0x4e; tooBig[3] = 0x47;
    const big = await t.call('POST', '/api/files', { cookie: shuji, body: { ownerKind: 'matter_stage', ownerId: vote.id, purpose: 'photos', name: 'big.png', mime: 'image/png', content: tooBig.toString('base64') } });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'FILE_TOO_LARGE', message: '「附件」过大，单个文件不能超过 760 KB（照片请压缩后上传）' });
    const exe = await t.call('POST', '/api/files', { cookie: shuji, body: { ownerKind: 'matter_stage', ownerId: vote.id, purpose: 'photos', name: 'x.png', mime: 'image/png', content: Buffer.from('MZ not a png').toString('base64') } });
    expect(exe.json().code).toBe('FILE_TYPE_MISMATCH');
    const mime = await t.call('POST', '/api/files', { cookie: shuji, body: { ownerKind: 'matter_stage', ownerId: vote.id, purpose: 'minutes', name: 'x.exe', mime: 'application/x-msdownload', content: 'TVo=' } });
    expect(mime.json().code).toBe('FILE_TYPE_NOT_ALLOWED');
    const missing = await t.call('GET', `/api/matters/00000000-0000-4000-8000-000000000000`, { cookie: shuji });
    expect(missing.statusCode).toBe(404);
    const comment = await t.call('POST', `/api/matters/${matters.solicitation}/stages/${vote.id}/comments`, { cookie: shuji, body: { authorName: '张三', text: '意见' } });
    expect(comment.json().code).toBe('STAGE_WRONG_KIND');
    const skip = await t.call('POST', `/api/matters/${matters.solicitation}/stages/${vote.id}/skip`, { cookie: shuji, body: { reason: '不需要' } });
    expect(skip.json().code).toBe('STAGE_NOT_OPTIONAL');
    const closes = await t.call('POST', `/api/matters/${matters.solicitation}/stages/${vote.id}/solicitations`, { cookie: shuji, body: { title: '问卷', closesAt: '2020-01-01T00:00:00+08:00', questions: [{ kind: 'single', text: '同意吗', options: ['同意', '不同意'] }] } });
    expect(closes.json().code).toBe('SOLICITATION_CLOSES_BEFORE_OPEN');
    const invalid = await t.call('POST', '/api/matters', { cookie: shuji, body: { communityId: 'x', title: '' } });
    expect(invalid.statusCode).toBe(400);
    const raise = await t.call('POST', '/api/matters', { cookie: admin2, body: { communityId: (await nodeByName(db(), '幸福里社区')).id, title: '无权' } });
    expect(raise.statusCode).toBe(403);
  });
});
