import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { nodeByName, nodeOfAccount } from '../support/lookups.ts';

describeEachEngine('grid: houses and rentals, community cadences, policy notices', (engine) => {
  let t: TestApp;
  let shuji: string;
  let wangge: string;
  let household: { id: string; path: string };
  beforeAll(async () => {
    t = await startTestApp(engine);
    [shuji, wangge] = await Promise.all([t.login('shuji'), t.login('wangge')]);
    const grid = await nodeOfAccount(t.database.db, 'wangge');
    household = await t.database.db.selectFrom('org_node').select(['id', 'path']).where('kind', '=', 'household').where('path', 'like', `${grid.path}%`).orderBy('path').limit(1).executeTakeFirstOrThrow();
  });
  afterAll(async () => t?.close());

  it('a rental marks the house rented and keeps the landlord; bad dates and phones are refused', async () => {
    const res = await t.call('POST', `/api/households/${household.id}/tenancies`, { cookie: wangge, body: { landlordName: '周房东', landlordPhone: '13700001111', startsOn: '2026-03-01', endsOn: '2027-02-28' } });
    expect(res.statusCode).toBe(201);
    expect((await t.call('GET', `/api/households/${household.id}`, { cookie: wangge })).json().use).toBe('rented');
    expect((await t.call('GET', `/api/households/${household.id}/tenancies`, { cookie: wangge })).json()[0]).toMatchObject({ landlordName: '周房东', endsOn: '2027-02-28' });
    const badDates = await t.call('POST', `/api/households/${household.id}/tenancies`, { cookie: wangge, body: { landlordName: '周房东', startsOn: '2026-03-01', endsOn: '2026-02-01' } });
    expect(badDates.json().code).toBe('DATE_ORDER');
    const badPhone = await t.call('POST', `/api/households/${household.id}/tenancies`, { cookie: wangge, body: { landlordName: '周房东', landlordPhone: '123', startsOn: '2026-03-01' } });
    expect(badPhone.json().message).toBe('「房东手机号」应为 11 位手机号码');
    const area = await t.call('PATCH', `/api/households/${household.id}`, { cookie: wangge, body: { floorArea: 89.5 } });
    expect(area.statusCode).toBe(204);
    expect((await t.call('GET', `/api/households/${household.id}`, { cookie: wangge })).json().floorArea).toBe(89.5);
  });

  it('a community tightens a cadence for itself: the unemployed are visited weekly there, monthly elsewhere', async () => {
    const community = await nodeByName(t.database.db, '百步亭花园社区');
    // Someone with no tags and no visits yet, so the only due item is the one this test creates.
    const grid = await nodeOfAccount(t.database.db, 'wangge');
    const person = await t.database.db
      .selectFrom('resident as r')
      .select('r.id')
      .where('r.node_path', 'like', `${grid.path}%`)
      .where('r.status', '=', 'present')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('resident_tag as t').select('t.resident_id').whereRef('t.resident_id', '=', 'r.id'))))
      .orderBy('r.id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await t.call('POST', `/api/residents/${person.id}/tags`, { cookie: wangge, body: { tagCode: 'unemployed', since: '2026-11-02' } });
    t.clock.now = new Date('2026-11-22T04:00:00Z');
    [shuji, wangge] = await Promise.all([t.login('shuji'), t.login('wangge')]);
    const before = (await t.call('GET', '/api/visits/due?mine=1', { cookie: wangge })).json().items.find((i: { residentId: string }) => i.residentId === person.id);
    expect(before.label).toBe('失业人员：每月走访');
    const created = await t.call('POST', '/api/visit-cadences', { cookie: shuji, body: { scopeNodeId: community.id, tagCode: 'unemployed', role: 'grid_worker', frequency: 'monthly', label: '失业人员：本社区每月两次走访' } });
    expect(created.statusCode).toBe(201);
    const after = (await t.call('GET', '/api/visits/due?mine=1', { cookie: wangge })).json().items.filter((i: { residentId: string }) => i.residentId === person.id);
    expect(after.map((i: { label: string }) => i.label)).toEqual(['失业人员：本社区每月两次走访']);
    const badRole = await t.call('POST', '/api/visit-cadences', { cookie: shuji, body: { scopeNodeId: community.id, tagCode: 'unemployed', role: 'astronaut', frequency: 'weekly', label: '无效角色' } });
    expect(badRole.json().message).toBe('「走访人角色」不是有效的角色');
    const badScope = await t.call('POST', '/api/visit-cadences', { cookie: shuji, body: { scopeNodeId: grid.id, tagCode: 'unemployed', role: 'grid_worker', frequency: 'weekly', label: '网格规则' } });
    expect(badScope.json().message).toBe('「适用范围」应为社区或全区');
    t.clock.now = new Date();
  });

  it('a policy notice is acknowledged household by household, only within its scope', async () => {
    [shuji, wangge] = await Promise.all([t.login('shuji'), t.login('wangge')]);
    const community = await nodeByName(t.database.db, '百步亭花园社区');
    const notice = await t.call('POST', '/api/policy-notices', { cookie: shuji, body: { scopeNodeId: community.id, title: '高龄津贴申领', body: '80 周岁以上老人可申领高龄津贴。', publishedOn: '2026-11-01', expiresOn: '2027-01-31' } });
    expect(notice.statusCode).toBe(201);
    const ack = await t.call('POST', `/api/policy-notices/${notice.json().id}/acknowledgements`, { cookie: wangge, body: { householdId: household.id } });
    expect(ack.statusCode).toBe(204);
    const list = await t.call('GET', '/api/policy-notices', { cookie: wangge });
    expect(list.json().some((n: { title: string }) => n.title === '高龄津贴申领')).toBe(true);
    const admin = await t.login('admin');
    const elsewhere = await t.call('POST', '/api/policy-notices', { cookie: admin, body: { scopeNodeId: (await nodeByName(t.database.db, '江滩社区')).id, title: '江滩社区停水通知', body: '明日停水。', publishedOn: '2026-11-01' } });
    const wrong = await t.call('POST', `/api/policy-notices/${elsewhere.json().id}/acknowledgements`, { cookie: wangge, body: { householdId: household.id } });
    expect(wrong.json().code).toBe('POLICY_OUT_OF_SCOPE');
  });
});
