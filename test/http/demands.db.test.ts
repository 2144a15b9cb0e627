import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { auditCount, nodeOfAccount } from '../support/lookups.ts';
import { demandBatchStats } from '../../src/modules/demands/index.ts';
import { buildApp } from '../../src/app.ts';
import { readConfig } from '../../src/platform/config.ts';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const at = (iso: string) => new Date(iso);

describeEachEngine('demands (民情诉求): intake, routing, handling, deadlines, portal', (engine) => {
  let t: TestApp;
  let wangge: string;
  let shuji: string;
  let jiandu: string;
  let wangge2: string;
  let household: { id: string; path: string };
  let residentA: { id: string; cookie: string; householdId: string };
  let residentB: { id: string; cookie: string };

  async function residentLogin(phone: string): Promise<{ id: string; cookie: string; householdId: string }> {
    const sent = await t.call('POST', '/api/portal/login/code', { body: { phone } });
    expect(sent.statusCode).toBe(200);
    const admin = await t.login('admin');
    const outbox = await t.call('GET', '/api/outbox', { cookie: admin });
    const message = outbox.json().items.filter((m: { phone: string }) => m.phone === phone).sort((a: { at: string }, b: { at: string }) => b.at.localeCompare(a.at))[0];
    const code = /(\d{6})/.exec(message?.body ?? '')?.[1];
    const res = await t.call('POST', '/api/portal/login', { body: { phone, code } });
    expect(res.statusCode).toBe(200);
    const person = await t.database.db.selectFrom('resident').select(['id', 'household_id']).where('phone', '=', phone).executeTakeFirstOrThrow();
    return { id: person.id, householdId: person.household_id, cookie: `gz_session=${res.cookies.find((c) => c.name === 'gz_session')?.value}` };
  }

  /** A hotline intake at the test household, with `body` over the defaults. */
  const intakeBody = (body: Record<string, unknown>) => ({ channel: 'hotline', nodeId: household.id, category: 'environment.garbage', title: '楼下垃圾未清运', ...body });
  const intake = (cookie: string, body: Record<string, unknown>) => t.call('POST', '/api/demands', { cookie, body: intakeBody(body) });
  const act = (cookie: string, id: string, verb: string, body?: unknown) => t.call('POST', `/api/demands/${id}/${verb}`, { cookie, body: body ?? {} });

  /** `count` households of the test household's community other than it, by path, after the first `skip` (paths: /district/street/community/…). */
  const otherHouseholds = (skip: number, count: number) =>
    t.database.db.selectFrom('org_node').select(['id']).where('kind', '=', 'household').where('path', 'like', `${household.path.split('/').slice(0, 4).join('/')}/%`)
      .where('id', '<>', household.id).orderBy('path').offset(skip).limit(count).execute();

  /** The clock only moves forward in this file; every jump signs everyone in again (sessions expire after 30 idle minutes). */
  async function moveClockTo(iso: string): Promise<void> {
    t.clock.now = at(iso);
    [wangge, shuji, jiandu, wangge2] = await Promise.all([t.login('wangge'), t.login('shuji'), t.login('jiandu'), t.login('wangge2')]);
    residentA = await residentLogin('13800000001');
    residentB = await residentLogin('13800000002');
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    await moveClockTo('2026-11-23T09:00:00+08:00'); // a Monday
    const grid = await nodeOfAccount(t.database.db, 'wangge');
    // An occupied household (paths hold random ids, so the first one by path may be vacant).
    household = await t.database.db.selectFrom('org_node as n').select(['n.id', 'n.path']).where('n.kind', '=', 'household').where('n.path', 'like', `${grid.path}%`)
      .where((eb) => eb.exists(eb.selectFrom('resident as r').select('r.id').whereRef('r.household_id', '=', 'n.id').where('r.status', '=', 'present')))
      .orderBy('n.path').limit(1).executeTakeFirstOrThrow();
  });
  afterAll(async () => t?.close());

  it('a grid worker receives a demand (one statement with its event and audit), routes it by the rules and escalates level by level; past the top is refused', async () => {
    const before = await auditCount(t.database.db, 'demand.receive');
    const res = await intake(wangge, { channel: 'grid_worker', location: { lng: 114.3, lat: 30.6 } });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect(res.json()).toMatchObject({ status: 'received', possibleDuplicates: [] });
    expect(await auditCount(t.database.db, 'demand.receive')).toBe(before + 1);
    // environment: respond within 2 natural hours, finish within 1 working day (Monday 24:00).
    expect(res.json().respondBy).toBe('2026-11-23T03:00:00.000Z');
    expect(res.json().finishBy).toBe('2026-11-24T16:00:00.000Z');

    const routed = await act(wangge, id, 'route');
    expect(routed.statusCode).toBe(200);
    expect(routed.json()).toMatchObject({ status: 'routed', level: 'grid', leadBody: 'grid_station', leadBodyName: '网格工作站', coBodies: [{ body: 'property_company', name: '物业服务企业' }] });
    expect((await act(wangge, id, 'accept')).json().status).toBe('accepted');

    const noReason = await act(wangge, id, 'escalate', { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('上报原因');
    const escalations = await auditCount(t.database.db, 'demand.escalate');
    for (const level of ['community', 'street', 'district']) {
      const up = await act(wangge, id, 'escalate', { reason: '本级无法处理' });
      expect(up.statusCode).toBe(200);
      expect(up.json()).toMatchObject({ status: 'routed', level });
    }
    const past = await act(wangge, id, 'escalate', { reason: '还要上报' });
    expect(past.statusCode).toBe(409);
    expect(past.json()).toMatchObject({ code: 'DEMAND_ESCALATION_PAST_TOP', message: '已在最高处理层级（区职能部门），不能再上报' });
    const pastEn = await t.call('POST', `/api/demands/${id}/escalate`, { cookie: wangge, body: { reason: 'again' }, headers: { 'accept-language': 'en' } });
    expect(pastEn.json().message).toBe('Already at the top level (District department)');
    expect(await auditCount(t.database.db, 'demand.escalate')).toBe(escalations + 3);

    const detail = await t.call('GET', `/api/demands/${id}`, { cookie: wangge });
    expect(detail.json().history.map((h: { kind: string }) => h.kind)).toEqual(['received', 'routed', 'accepted', 'escalated', 'escalated', 'escalated']);
    expect(detail.json().history[3]).toMatchObject({ reason: '本级无法处理', kindName: '上报' });
    expect(detail.json().firstAskedBy).toBe('网格员 张丽');
    // The history is append-only, in the database too.
    await expect(t.database.db.deleteFrom('demand_event').where('demand_id', '=', id).execute()).rejects.toThrow();
  });

  it('closing without an outcome is refused with a zh-CN message; with one it is done', async () => {
    const id = (await intake(wangge, { category: 'neighbour', title: '邻居装修噪音' })).json().id;
    await act(wangge, id, 'route');
    await act(wangge, id, 'accept');
    const bare = await act(wangge, id, 'finish', {});
    expect(bare.statusCode).toBe(400);
    expect(bare.json()).toMatchObject({ code: 'DEMAND_OUTCOME_REQUIRED', message: '办结须填写「办理结果」' });
    const blank = await act(wangge, id, 'finish', { outcome: { result: 'resolved', text: ' ' } });
    expect(blank.json().code).toBe('DEMAND_OUTCOME_REQUIRED');
    const done = await act(wangge, id, 'finish', { outcome: { result: 'resolved', text: '已协调邻居调整施工时间' } });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', deadlines: { onTime: true } });
    expect((await act(wangge, id, 'finish', { outcome: { result: 'resolved', text: '再办结' } })).statusCode).toBe(409);
  });

  it('deadlines across 国庆: received on 2026-09-30 with a 5-working-day limit, due at 24:00 on 10-13', async () => {
    const saved = t.clock.now;
    t.clock.now = at('2026-09-30T10:00:00+08:00');
    try {
      const res = await intake(shuji, { channel: 'walk_in', category: 'welfare.elderly', title: '申请居家养老服务' });
      expect(res.statusCode).toBe(201);
      // 10-01…10-07 holiday; 10-08, 10-09, 10-10 (Saturday, adjusted working day), 10-12, 10-13.
      expect(res.json().finishBy).toBe('2026-10-13T16:00:00.000Z');
      // respond within 1 working day: 10-08 24:00.
      expect(res.json().respondBy).toBe('2026-10-08T16:00:00.000Z');
      const row = await t.database.db.selectFrom('demand').select(['finish_by', 'respond_by']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
      expect(new Date(row.finish_by as Date).toISOString()).toBe('2026-10-13T16:00:00.000Z');
    } finally {
      t.clock.now = saved;
    }
  });

  it('suggests duplicates at intake (same household, category, week) and merges one into the other', async () => {
    const first = (await intake(wangge, { category: 'safety', title: '楼道堆放杂物' })).json();
    const second = await intake(wangge, { category: 'safety', title: '楼道杂物堵塞', channel: 'door_note' });
    expect(second.json().possibleDuplicates.map((d: { id: string }) => d.id)).toContain(first.id);
    expect(second.json().possibleDuplicates.find((d: { id: string }) => d.id === first.id)).toMatchObject({ sameHousehold: true, title: '楼道堆放杂物' });
    const other = await intake(wangge, { category: 'policy', title: '咨询低保政策' });
    expect(other.json().possibleDuplicates).toEqual([]);
    expect((await act(wangge, second.json().id, 'merge', { intoDemandId: second.json().id })).json().code).toBe('DEMAND_MERGE_SELF');
    const merged = await act(wangge, second.json().id, 'merge', { intoDemandId: first.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'merged', mergedInto: first.id });
    expect((await act(wangge, second.json().id, 'route')).json().code).toBe('DEMAND_CLOSED');
  });

  it('a resident files on the portal with a photo and a location, sees returns with their reasons, rates; rating another\u2019s demand is 404', async () => {
    const filed = await t.call('POST', '/api/portal/demands', { cookie: residentA.cookie, body: { category: 'municipal.streetlight', title: '小区门口路灯不亮', description: '晚上很黑', location: { lng: 114.3012, lat: 30.6234 }, photos: [{ name: 'light.png', mime: 'image/png', content: PNG }] } });
    expect(filed.statusCode).toBe(201);
    const id = filed.json().id;
    expect(filed.json().photoIds).toHaveLength(1);
    const staffView = await t.call('GET', `/api/demands/${id}`, { cookie: shuji });
    expect(staffView.statusCode).toBe(200);
    expect(staffView.json()).toMatchObject({ channel: 'portal', householdId: residentA.householdId, residentId: residentA.id, location: { lng: 114.3012, lat: 30.6234 } });
    expect(staffView.json().photos).toHaveLength(1);
    const photo = await t.call('GET', `/api/demands/${id}/photos/${filed.json().photoIds[0]}`, { cookie: shuji });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');

    await act(shuji, id, 'route');
    expect((await act(shuji, id, 'return', {})).statusCode).toBe(400);
    const returned = await act(shuji, id, 'return', { reason: '路灯属市政管理，请补充具体位置' });
    expect(returned.json().status).toBe('received');
    const mine = await t.call('GET', '/api/portal/demands', { cookie: residentA.cookie });
    const item = mine.json().items.find((d: { id: string }) => d.id === id);
    expect(item.statusName).toBe('已登记');
    const ret = item.history.find((h: { kind: string }) => h.kind === 'returned');
    expect(ret).toMatchObject({ reason: '路灯属市政管理，请补充具体位置', actorName: '社区书记 王秀英' });
    expect(item.history.find((h: { kind: string }) => h.kind === 'routed').actorName).toBeNull();

    await act(shuji, id, 'route');
    await act(shuji, id, 'accept');
    expect((await t.call('POST', `/api/portal/demands/${id}/rate`, { cookie: residentA.cookie, body: { rating: 'satisfied' } })).json().code).toBe('DEMAND_NOT_DONE');
    await act(shuji, id, 'finish', { outcome: { result: 'resolved', text: '已更换灯泡' } });

    const foreign = await t.call('POST', `/api/portal/demands/${id}/rate`, { cookie: residentB.cookie, body: { rating: 'unsatisfied' } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().message).toBe('要找的诉求不存在');
    expect((await t.call('GET', `/api/portal/demands/${id}`, { cookie: residentB.cookie })).statusCode).toBe(404);

    const unhappy = await t.call('POST', `/api/portal/demands/${id}/rate`, { cookie: residentA.cookie, body: { rating: 'unsatisfied', comment: '还是不亮' } });
    expect(unhappy.statusCode).toBe(200);
    expect(unhappy.json()).toMatchObject({ status: 'accepted', revisitRequired: true, reopenCount: 1 });
    await act(shuji, id, 'finish', { outcome: { result: 'resolved', text: '回访后更换线路' } });
    const happy = await t.call('POST', `/api/portal/demands/${id}/rate`, { cookie: residentA.cookie, body: { rating: 'basically_satisfied' } });
    expect(happy.json()).toMatchObject({ status: 'closed', rating: 'basically_satisfied' });
    expect((await t.call('POST', `/api/portal/demands/${id}/rate`, { cookie: residentA.cookie, body: { rating: 'satisfied' } })).json().code).toBe('DEMAND_CLOSED');
  });

  it('bad input: unknown category, a place outside a community, a resident living elsewhere', async () => {
    const unknown = await intake(wangge, { category: 'astronomy' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'DEMAND_CATEGORY_UNKNOWN', message: '「诉求分类」astronomy 不存在' });
    const other = await t.database.db.selectFrom('resident').select('id').where('node_path', 'like', `${household.path}%`).limit(1).executeTakeFirst();
    const foreignResident = await t.database.db.selectFrom('resident').select('id').where('node_path', 'not like', `${household.path}%`).where('node_path', 'like', `${(await nodeOfAccount(t.database.db, 'wangge')).path}%`).limit(1).executeTakeFirst();
    expect(other && foreignResident).toBeTruthy();
    const elsewhere = await intake(wangge, { residentId: foreignResident?.id });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json()).toMatchObject({ code: 'DEMAND_RESIDENT_ELSEWHERE', message: '「居民」不住在所选的地点' });
    const atHome = await intake(wangge, { residentId: other?.id, category: 'welfare.assistance', title: '咨询救助申请' });
    expect(atHome.statusCode).toBe(201);
    const street = await t.database.db.selectFrom('org_node').select('id').where('kind', '=', 'street').limit(1).executeTakeFirstOrThrow();
    const shujiStreet = await t.call('POST', '/api/demands', { cookie: shuji, body: { channel: 'hotline', nodeId: street.id, category: 'other', title: '街道' } });
    expect([400, 403]).toContain(shujiStreet.statusCode);
    const noPlace = await t.call('POST', '/api/demands', { cookie: wangge, body: { channel: 'hotline', category: 'other', title: '无地点' } });
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json().message).toContain('地点');
    const portalChannel = await intake(wangge, { channel: 'portal' });
    expect(portalChannel.statusCode).toBe(400);
    const categories = await t.call('GET', '/api/demand-categories');
    expect(categories.statusCode).toBe(200);
    expect(categories.json().find((c: { code: string }) => c.code === 'property.lift')).toMatchObject({ name: '电梯故障', firstLevel: 'community', respond: { unit: 'natural_hours', amount: 2 }, finish: { unit: 'natural_hours', amount: 24 } });
    const badPhoto = await t.call('POST', '/api/portal/demands', { cookie: residentA.cookie, body: { category: 'other', title: '附件', photos: [{ name: 'x.png', mime: 'image/png', content: 'aGVsbG8=' }] } });
    expect(badPhoto.statusCode).toBe(415);
    expect(await t.database.db.selectFrom('demand').select('id').where('title', '=', '附件').execute()).toEqual([]);
  });

  it('suspension stops the clock, resuming moves the deadline; extension approved by the supervisor; urging and supervision', async () => {
    const id = (await intake(shuji, { category: 'property.repair', title: '单元门禁损坏' })).json().id;
    await act(shuji, id, 'route');
    const accepted = await act(shuji, id, 'accept');
    const firstBy = accepted.json().finishBy as string;
    expect(firstBy).toBe('2026-11-30T16:00:00.000Z'); // 5 working days counted from Tuesday: 11-24…11-27, 11-30, 24:00
    await moveClockTo('2026-11-24T09:00:00+08:00');
    const suspended = await act(shuji, id, 'suspend', { reason: '等待配件到货' });
    expect(suspended.json()).toMatchObject({ status: 'suspended', finishBy: null, deadlines: { paused: true } });
    await moveClockTo('2026-11-26T09:00:00+08:00');
    const resumed = await act(shuji, id, 'resume');
    expect(resumed.json().status).toBe('accepted');
    expect(new Date(resumed.json().finishBy).getTime()).toBe(new Date('2026-12-02T16:00:00.000Z').getTime()); // paused 11-24 09:00 … 11-26 09:00: two days of clock
    const byGrid = await act(wangge, id, 'extend', { amount: 2, reason: '配件缺货' });
    expect(byGrid.statusCode).toBe(403);
    const extended = await act(jiandu, id, 'extend', { amount: 2, reason: '配件缺货' });
    expect(extended.statusCode).toBe(200);
    expect(extended.json().finishBy).toBe('2026-12-04T16:00:00.000Z');
    expect(extended.json().history.at(-1).text).toContain('批准人：监委会主任 刘桂兰');
    expect((await act(shuji, id, 'urge', { note: '请加快' })).statusCode).toBe(200);
    expect((await act(shuji, id, 'supervise', {})).statusCode).toBe(403);
    const supervised = await act(jiandu, id, 'supervise', { note: '督办：本周内办结' });
    expect(supervised.statusCode).toBe(200);
    const row = await t.database.db.selectFrom('demand').select(['urgings', 'supervisions']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ urgings: 1, supervisions: 1 });
  });



  it('a resident reopens within the window; after it the reopening is refused', async () => {
    const id = (await t.call('POST', '/api/portal/demands', { cookie: residentA.cookie, body: { category: 'property.repair', title: '水管漏水' } })).json().id;
    await act(shuji, id, 'route');
    await act(shuji, id, 'accept');
    await act(shuji, id, 'finish', { outcome: { result: 'resolved', text: '已维修' } });
    const reopened = await t.call('POST', `/api/portal/demands/${id}/reopen`, { cookie: residentA.cookie, body: { reason: '又漏了' } });
    expect(reopened.json()).toMatchObject({ status: 'accepted', reopenCount: 1 });
    await act(shuji, id, 'finish', { outcome: { result: 'resolved', text: '更换管件' } });
    await moveClockTo('2026-12-04T09:00:00+08:00');
    const late = await t.call('POST', `/api/portal/demands/${id}/reopen`, { cookie: residentA.cookie, body: { reason: '又漏了' } });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'DEMAND_REOPEN_WINDOW_PASSED', message: '已超过办结后 7 天的重新办理期限' });
  });

  it('lists within scope with filters and keyset pages; another community sees none of it', async () => {
    const all = await t.call('GET', '/api/demands?pageSize=3', { cookie: shuji });
    expect(all.statusCode).toBe(200);
    expect(all.json().items).toHaveLength(3);
    expect(all.json()).not.toHaveProperty('total');
    const counted = await t.call('GET', '/api/demands/count?pageSize=3', { cookie: shuji });
    expect(counted.json()).toMatchObject({ totalCapped: false });
    expect(counted.json().total).toBeGreaterThanOrEqual(8);
    const next = await t.call('GET', `/api/demands?pageSize=3&after=${all.json().nextCursor}`, { cookie: shuji });
    const ids = [...all.json().items, ...next.json().items].map((d: { id: string }) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    const env = await t.call('GET', '/api/demands?category=environment', { cookie: shuji });
    expect(env.json().items.every((d: { category: string }) => d.category.startsWith('environment'))).toBe(true);
    const merged = await t.call('GET', '/api/demands?status=merged', { cookie: shuji });
    expect(merged.json().items.map((d: { status: string }) => d.status)).toEqual(['merged']);
    const portal = await t.call('GET', '/api/demands?channel=portal', { cookie: shuji });
    expect(portal.json().items).toHaveLength(2);
    expect((await t.call('GET', '/api/demands/count?channel=portal', { cookie: shuji })).json()).toEqual({ total: 2, totalCapped: false });
    const finished = await t.call('GET', '/api/demands?status=finished', { cookie: shuji });
    expect(finished.json().items.length).toBeGreaterThan(0);
    expect(finished.json().items.every((d: { status: string }) => d.status === 'done' || d.status === 'closed')).toBe(true);
    // Keyset pages of one row each walk the whole list exactly once (the cursor keeps microseconds).
    const everyId = new Set<string>();
    let cursor: string | null = null;
    const total = counted.json().total as number;
    for (let i = 0; i <= total; i++) {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await t.call('GET', `/api/demands?pageSize=1${cursor ? `&after=${cursor}` : ''}`, { cookie: shuji })).json();
      for (const d of page.items) everyId.add(d.id);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(cursor).toBeNull();
    expect(everyId.size).toBe(total);
    expect((await t.call('GET', '/api/demands?after=garbage', { cookie: shuji })).statusCode).toBe(400);
    // A cursor whose time JavaScript reads but the database would not (a bare year) is refused the same way.
    for (const at of ['1', '2026-02-31T00:00:00+00:00']) {
      const oddCursor = Buffer.from(`${at}|00000000-0000-4000-8000-000000000000`, 'utf8').toString('base64url');
      const odd = await t.call('GET', `/api/demands?after=${oddCursor}`, { cookie: shuji });
      expect([odd.statusCode, odd.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    // The community's list (its own rows through their index) and the street's (the district's rows in
    // order, the street's subtree kept) hold the community's demands in the same order.
    const idsOf = async (cookie: string) => ((await t.call('GET', '/api/demands?pageSize=100', { cookie })).json().items as { id: string }[]).map((d) => d.id);
    const ofCommunity = await idsOf(shuji);
    expect(ofCommunity).toHaveLength(total);
    const ofStreet = await idsOf(await t.login('jiedao'));
    expect(ofStreet.filter((id) => ofCommunity.includes(id))).toEqual(ofCommunity);

    const elsewhere = await t.call('GET', '/api/demands', { cookie: wangge2 });
    expect(elsewhere.json().items).toEqual([]);
    expect((await t.call('GET', '/api/demands/count', { cookie: wangge2 })).json().total).toBe(0);
    const someId = all.json().items[0].id;
    expect((await t.call('GET', `/api/demands/${someId}`, { cookie: wangge2 })).statusCode).toBe(403);
    expect((await act(wangge2, someId, 'accept')).statusCode).toBe(403);

    await moveClockTo('2026-12-21T09:00:00+08:00');
    const overdue = await t.call('GET', '/api/demands?overdue=1', { cookie: shuji });
    expect(overdue.json().items.length).toBeGreaterThan(0);
    expect(overdue.json().items.every((d: { overdue: boolean }) => d.overdue)).toBe(true);
    // The count takes the page's own filter (gz_demand_listed): for each filter it counts what the list pages through.
    for (const q of ['status=open', 'status=finished', 'status=received', 'category=environment', 'channel=portal', 'overdue=1', 'overdue=1&category=environment']) {
      const listed = (await t.call('GET', `/api/demands?pageSize=100&${q}`, { cookie: shuji })).json();
      expect(listed.nextCursor).toBeNull();
      expect((await t.call('GET', `/api/demands/count?${q}`, { cookie: shuji })).json()).toEqual({ total: listed.items.length, totalCapped: false });
    }
    const closed = await t.call('GET', '/api/demands?status=closed&overdue=1', { cookie: shuji });
    expect(closed.json().items).toEqual([]);
  });

  it('intake and list read the session in their own statement: every refusal is the same as elsewhere and writes nothing', async () => {
    await moveClockTo('2026-12-22T09:00:00+08:00');
    const demands = async () => Number((await t.database.db.selectFrom('demand').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const audits = () => auditCount(t.database.db, 'demand.receive');
    const before = { demands: await demands(), audits: await audits() };
    const refused = async (cookie: string | undefined, status: number, code: string, listCookie = cookie) => {
      const res = cookie === undefined ? await t.call('POST', '/api/demands', { body: { channel: 'hotline', nodeId: household.id, category: 'environment.garbage', title: '楼下垃圾未清运' } }) : await intake(cookie, {});
      expect(res.statusCode).toBe(status);
      expect(res.json().code).toBe(code);
      const list = await t.call('GET', '/api/demands', listCookie === undefined ? {} : { cookie: listCookie });
      if (code !== 'FORBIDDEN' && code !== 'FORBIDDEN_SCOPE') {
        expect(list.statusCode).toBe(status);
        expect(list.json().code).toBe(code);
      }
    };
    await refused(undefined, 401, 'AUTH_REQUIRED');
    await refused('gz_session=not-a-session', 401, 'AUTH_REQUIRED');
    await refused(residentA.cookie, 401, 'AUTH_REQUIRED'); // a resident's session on a staff route
    await refused(jiandu, 403, 'FORBIDDEN'); // 监督委员会: reads demands, does not take them in
    expect((await t.call('GET', '/api/demands', { cookie: jiandu })).statusCode).toBe(200);
    await refused(wangge2, 403, 'FORBIDDEN_SCOPE'); // a household of another grid

    await t.database.db.updateTable('account').set({ must_change_password: true }).where('username', '=', 'wangge').execute();
    const pending = await intake(wangge, {});
    expect(pending.statusCode).toBe(403);
    expect(pending.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    await t.database.db.updateTable('account').set({ must_change_password: false, disabled: true }).where('username', '=', 'wangge').execute();
    await refused(wangge, 401, 'AUTH_REQUIRED');
    await t.database.db.updateTable('account').set({ disabled: false }).where('username', '=', 'wangge').execute();

    // Idle for 31 minutes: expired, the session is gone (asked again: no session), nothing written.
    const [idle, idleToo] = [await t.login('shuji'), await t.login('shuji')];
    t.clock.now = at('2026-12-22T09:31:00+08:00');
    await refused(idle, 401, 'AUTH_SESSION_EXPIRED', idleToo);
    await refused(idle, 401, 'AUTH_REQUIRED');
    expect(await demands()).toBe(before.demands);
    expect(await audits()).toBe(before.audits);

    await moveClockTo('2026-12-22T10:00:00+08:00');
    const ok = await intake(wangge, { title: '一次往返登记' });
    expect(ok.statusCode).toBe(201);
    expect(await demands()).toBe(before.demands + 1);
    const saved = await t.database.db.selectFrom('demand').select(['first_asked_by_name', 'first_asked_by']).where('id', '=', ok.json().id).executeTakeFirstOrThrow();
    const account = await t.database.db.selectFrom('account').select(['id', 'display_name', 'username']).where('username', '=', 'wangge').executeTakeFirstOrThrow();
    expect(saved).toEqual({ first_asked_by_name: account.display_name, first_asked_by: account.id });
    const entry = await t.database.db.selectFrom('audit_log').select(['actor_id', 'actor_name']).where('entity_id', '=', ok.json().id).where('action', '=', 'demand.receive').executeTakeFirstOrThrow();
    expect(entry).toEqual({ actor_id: account.id, actor_name: `${account.display_name}（${account.username}）` });
    const received = await t.database.db.selectFrom('demand_event').select(['actor_id', 'actor_name', 'data']).where('demand_id', '=', ok.json().id).where('seq', '=', 1).executeTakeFirstOrThrow();
    expect(received).toMatchObject({ actor_id: account.id, actor_name: account.display_name });
    expect(typeof received.data === 'string' ? JSON.parse(received.data) : received.data).toMatchObject({ firstAskedBy: account.display_name });
    const listed = await t.call('GET', '/api/demands?pageSize=1', { cookie: wangge });
    expect(listed.json().items[0]).toMatchObject({ id: ok.json().id, title: '一次往返登记' });
  });

  it('intakes and list requests arriving together go to the database as one statement, each answered as if alone', async () => {
    await moveClockTo('2026-12-23T09:00:00+08:00');
    const stats = demandBatchStats(t.app);
    if (!stats) throw new Error('no batch statistics');
    // Three received ones first, so that each list below has a full page whatever the order of the burst.
    for (const title of ['先登记的一件', '先登记的二件', '先登记的三件']) expect((await intake(wangge, { title })).statusCode).toBe(201);
    const sent = { intake: { ...stats.intake }, list: { ...stats.list } };
    const countOf = async () => Number((await t.database.db.selectFrom('demand').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = { demands: await countOf(), audits: await auditCount(t.database.db, 'demand.receive') };
    const titles = Array.from({ length: 12 }, (_, i) => `同时登记 ${i} 号 "引号" \\ 反斜杠`);
    const [oks, foreign, bogus, forbidden, listedWangge, listedShuji, listedBogus, listedWangge2] = await Promise.all([
      Promise.all(titles.map((title, i) => intake(i % 2 === 0 ? wangge : shuji, { title }))),
      intake(wangge2, { title: '别的网格的住户' }),
      intake('gz_session=not-a-session', { title: '无效会话' }),
      intake(jiandu, { title: '监督委员会不登记' }),
      t.call('GET', '/api/demands?pageSize=3', { cookie: wangge }),
      t.call('GET', '/api/demands?pageSize=3&status=received', { cookie: shuji }),
      t.call('GET', '/api/demands', { cookie: 'gz_session=not-a-session' }),
      t.call('GET', '/api/demands?pageSize=50', { cookie: wangge2 }),
    ]);
    // They went together: fewer statements than requests.
    expect(stats.intake.items - sent.intake.items).toBeGreaterThanOrEqual(15);
    expect(stats.intake.statements - sent.intake.statements).toBeLessThan(stats.intake.items - sent.intake.items);
    expect(stats.list.statements - sent.list.statements).toBeLessThan(stats.list.items - sent.list.items);
    expect(stats.intake.largest).toBeGreaterThan(1);
    // Each got its own answer.
    for (const [i, res] of oks.entries()) {
      expect(res.statusCode).toBe(201);
      const saved = await t.database.db.selectFrom('demand').select(['title', 'first_asked_by_name']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
      expect(saved.title).toBe(titles[i]);
      const by = await t.database.db.selectFrom('account').select('display_name').where('username', '=', i % 2 === 0 ? 'wangge' : 'shuji').executeTakeFirstOrThrow();
      expect(saved.first_asked_by_name).toBe(by.display_name);
      const entry = await t.database.db.selectFrom('audit_log').select('actor_name').where('entity_id', '=', res.json().id).where('action', '=', 'demand.receive').executeTakeFirstOrThrow();
      expect(entry.actor_name.startsWith(by.display_name)).toBe(true);
    }
    expect(new Set(oks.map((r) => r.json().id)).size).toBe(titles.length);
    expect([foreign.statusCode, foreign.json().code]).toEqual([403, 'FORBIDDEN_SCOPE']);
    expect([bogus.statusCode, bogus.json().code]).toEqual([401, 'AUTH_REQUIRED']);
    expect([forbidden.statusCode, forbidden.json().code]).toEqual([403, 'FORBIDDEN']);
    expect(await countOf()).toBe(before.demands + titles.length);
    expect(await auditCount(t.database.db, 'demand.receive')).toBe(before.audits + titles.length);
    // The lists: each its own scope and filter (the wangge2 grid holds none of wangge's household's demands).
    expect(listedWangge.statusCode).toBe(200);
    expect(listedWangge.json().items).toHaveLength(3);
    expect(listedShuji.json().items.every((d: { status: string }) => d.status === 'received')).toBe(true);
    expect(listedShuji.json().items).toHaveLength(3);
    expect([listedBogus.statusCode, listedBogus.json().code]).toEqual([401, 'AUTH_REQUIRED']);
    expect(listedWangge2.statusCode).toBe(200);
    const wangge2Ids = new Set(listedWangge2.json().items.map((d: { id: string }) => d.id));
    expect(oks.some((r) => wangge2Ids.has(r.json().id))).toBe(false);
    // Alone afterwards, the list holds every one of the batch's intakes (the clock stood still: all of this minute).
    const again = await t.call('GET', '/api/demands?pageSize=50', { cookie: shuji });
    const listedIds = new Set(again.json().items.map((d: { id: string }) => d.id));
    expect(oks.every((r) => listedIds.has(r.json().id))).toBe(true);
  });

  it('intakes that wait together go as one statement and see each other as possible duplicates, each the ones received before it', async () => {
    // A new week and a category nobody used: only this test's demands are in the duplicate window.
    await moveClockTo('2027-03-01T09:00:00+08:00');
    // A second server on the same database with one batch at the database at a time: the first request goes
    // alone, the others wait and go together. (With several batches in flight, requests sent at the same
    // moment on different connections cannot see each other, as on two servers.)
    const server = await buildApp({ db: t.database.db, engine, config: { ...readConfig({}), logLevel: 'silent', batchInFlight: 1 }, clock: () => t.clock.now, logger: false });
    const intake = (cookie: string, body: Record<string, unknown>) => server.inject({ method: 'POST', url: '/api/demands', headers: { cookie }, payload: intakeBody(body) });
    const stats = demandBatchStats(server);
    if (!stats) throw new Error('no batch statistics');
    const [one, two] = await otherHouseholds(0, 2);
    if (!one || !two) throw new Error('the demo community has too few households');
    const here = { lng: 114.3055, lat: 30.5928 };
    const [a, b, c, near, far] = await Promise.all([
      intake(wangge, { category: 'municipal.road', title: '同处一' }),
      intake(shuji, { category: 'municipal.road', title: '同处二' }),
      intake(wangge, { category: 'municipal.road', title: '同处三' }),
      // Two other households of the community, located ~48 m apart: within the duplicate radius (100 m).
      intake(shuji, { category: 'municipal.road', title: '附近一', nodeId: one.id, location: here }),
      intake(shuji, { category: 'municipal.road', title: '附近二', nodeId: two.id, location: { lng: here.lng + 0.0005, lat: here.lat } }),
    ]);
    await server.close();
    expect(stats.intake.statements).toBeLessThan(stats.intake.items);
    const answers = [a, b, c, near, far].map((r) => {
      expect(r.statusCode).toBe(201);
      return r.json() as { id: string; possibleDuplicates: { id: string; distanceM: number | null; sameHousehold: boolean }[] };
    });
    const listed = (x: { possibleDuplicates: { id: string }[] }) => x.possibleDuplicates.map((d) => d.id).sort();
    // Same place: whichever went first lists none, the next one, the last two (the order they were taken in).
    const samePlace = answers.slice(0, 3).sort((x, y) => x.possibleDuplicates.length - y.possibleDuplicates.length);
    expect(samePlace.map((x) => listed(x).filter((id) => answers.slice(0, 3).some((o) => o.id === id)).length)).toEqual([0, 1, 2]);
    expect(listed(samePlace[1] as (typeof answers)[number])).toEqual([samePlace[0]?.id]);
    expect(listed(samePlace[2] as (typeof answers)[number])).toEqual([samePlace[0]?.id, samePlace[1]?.id].sort());
    // Within the radius: exactly one of the two located ones lists the other, ~48 m away, another household.
    const [nearAnswer, farAnswer] = [answers[3], answers[4]] as [(typeof answers)[number], (typeof answers)[number]];
    const pair = [listed(nearAnswer), listed(farAnswer)];
    expect(pair.filter((l) => l.length === 1)).toHaveLength(1);
    const lister = listed(nearAnswer).length === 1 ? nearAnswer : farAnswer;
    expect(lister.possibleDuplicates[0]?.id).toBe(lister === nearAnswer ? farAnswer.id : nearAnswer.id);
    expect(lister.possibleDuplicates[0]?.distanceM).toBeGreaterThan(40);
    expect(lister.possibleDuplicates[0]?.distanceM).toBeLessThan(60);
    expect(lister.possibleDuplicates[0]?.sameHousehold).toBe(false);
  });

  it('suggests an earlier demand within 100 m at another household while it is open and located, not once it is done', async () => {
    // A new week: only this test's demands are in the duplicate window.
    await moveClockTo('2027-03-08T09:00:00+08:00');
    const [one, two, three] = await otherHouseholds(2, 3);
    if (!one || !two || !three) throw new Error('the demo community has too few households');
    const here = { lng: 114.3055, lat: 30.5928 };
    const filed = async (body: Record<string, unknown>) => {
      const r = await intake(shuji, { category: 'municipal.streetlight', ...body });
      expect(r.statusCode).toBe(201);
      return r.json() as { id: string; possibleDuplicates: { id: string; distanceM: number | null; sameHousehold: boolean }[] };
    };
    const first = await filed({ title: '路灯不亮一', nodeId: one.id, location: here });
    expect(first.possibleDuplicates).toEqual([]);
    // ~48 m east, another household: listed with its distance.
    const near = await filed({ title: '路灯不亮二', nodeId: two.id, location: { lng: here.lng + 0.0005, lat: here.lat } });
    expect(near.possibleDuplicates).toEqual([expect.objectContaining({ id: first.id, sameHousehold: false })]);
    expect(near.possibleDuplicates[0]?.distanceM).toBeGreaterThan(40);
    expect(near.possibleDuplicates[0]?.distanceM).toBeLessThan(60);
    // ~240 m away, or no location at all: nothing within the radius (and no earlier demand at that household).
    expect((await filed({ title: '路灯不亮三', nodeId: three.id, location: { lng: here.lng + 0.0025, lat: here.lat } })).possibleDuplicates).toEqual([]);
    expect((await filed({ title: '路灯不亮四', nodeId: three.id })).possibleDuplicates.map((d) => d.id)).not.toContain(first.id);
    // Once the first and the second are done, a new one beside them lists neither.
    for (const id of [first.id, near.id]) {
      for (const [verb, body] of [['route', {}], ['accept', {}], ['finish', { outcome: { result: 'resolved', text: '已修复' } }]] as const) {
        const r = await act(shuji, id, verb, body);
        expect(r.statusCode, `${verb}: ${r.body}`).toBe(200);
      }
    }
    expect((await filed({ title: '路灯不亮五', nodeId: two.id, location: here })).possibleDuplicates).toEqual([]);
  });

});

describeEachEngine('demands: allowed actions, handling bodies, merge candidates, portal photos', (engine) => {
  let t: TestApp;
  let wangge: string;
  let jiandu: string;
  let shuji: string;
  let wangge2: string;
  let household: { id: string; path: string };
  let residentA: { id: string; cookie: string };
  let residentB: { id: string; cookie: string };

  async function residentLogin(phone: string): Promise<{ id: string; cookie: string }> {
    expect((await t.call('POST', '/api/portal/login/code', { body: { phone } })).statusCode).toBe(200);
    const outbox = await t.call('GET', '/api/outbox', { cookie: await t.login('admin') });
    const message = outbox.json().items.filter((m: { phone: string }) => m.phone === phone).sort((a: { at: string }, b: { at: string }) => b.at.localeCompare(a.at))[0];
    const res = await t.call('POST', '/api/portal/login', { body: { phone, code: /(\d{6})/.exec(message?.body ?? '')?.[1] } });
    expect(res.statusCode).toBe(200);
    const person = await t.database.db.selectFrom('resident').select('id').where('phone', '=', phone).executeTakeFirstOrThrow();
    return { id: person.id, cookie: `gz_session=${res.cookies.find((c) => c.name === 'gz_session')?.value}` };
  }
  const intake = (cookie: string, body: Record<string, unknown>) => t.call('POST', '/api/demands', { cookie, body: { channel: 'hotline', nodeId: household.id, category: 'environment.garbage', title: '楼下垃圾未清运', ...body } });
  const act = (cookie: string, id: string, verb: string, body?: unknown) => t.call('POST', `/api/demands/${id}/${verb}`, { cookie, body: body ?? {} });

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.now = at('2026-11-23T09:00:00+08:00');
    [wangge, jiandu, shuji, wangge2] = await Promise.all([t.login('wangge'), t.login('jiandu'), t.login('shuji'), t.login('wangge2')]);
    const grid = await nodeOfAccount(t.database.db, 'wangge');
    household = await t.database.db.selectFrom('org_node as n').select(['n.id', 'n.path']).where('n.kind', '=', 'household').where('n.path', 'like', `${grid.path}%`)
      .where((eb) => eb.exists(eb.selectFrom('resident as r').select('r.id').whereRef('r.household_id', '=', 'n.id').where('r.status', '=', 'present')))
      .orderBy('n.path').limit(1).executeTakeFirstOrThrow();
    residentA = await residentLogin('13800000001');
    residentB = await residentLogin('13800000002');
  });
  afterAll(async () => t?.close());

  it('the detail names the commands this account may perform now; every command answers with the next set', async () => {
    const id = (await intake(wangge, { title: '垃圾桶满溢' })).json().id;
    const detail = async (cookie: string) => (await t.call('GET', `/api/demands/${id}`, { cookie })).json().actions;
    expect(await detail(wangge)).toEqual(['route', 'urge', 'merge']);
    expect(await detail(jiandu)).toEqual(['supervise']);
    expect(await detail(shuji)).toEqual(['route', 'urge', 'merge']);
    expect(await detail(await t.login('jiedao'))).toEqual(['route', 'urge', 'supervise', 'merge']);
    const routed = await act(wangge, id, 'route');
    expect(routed.json().actions).toEqual(['accept', 'escalate', 'return', 'transfer', 'urge', 'merge']);
    expect((await act(wangge, id, 'accept')).json().actions).toEqual(['escalate', 'return', 'transfer', 'suspend', 'urge', 'finish', 'merge']);
    expect((await act(wangge, id, 'suspend', { reason: '等待清运车' })).json().actions).toEqual(['resume', 'urge']);
    expect(await detail(jiandu)).toEqual(['extend', 'supervise']);
    await act(wangge, id, 'resume');
    for (const reason of ['社区协调', '街道协调', '区里协调']) expect((await act(wangge, id, 'escalate', { reason })).statusCode).toBe(200);
    expect(await detail(wangge)).not.toContain('escalate');
    await act(wangge, id, 'accept');
    const done = await act(wangge, id, 'finish', { outcome: { result: 'resolved', text: '已清运' } });
    expect(done.json().actions).toEqual([]);
  });

  it('the resident sees rate and reopen on their own done demand; staff see none of them', async () => {
    const id = (await t.call('POST', '/api/portal/demands', { cookie: residentA.cookie, body: { category: 'property.repair', title: '楼道灯坏了' } })).json().id;
    expect((await t.call('GET', `/api/portal/demands/${id}`, { cookie: residentA.cookie })).json().actions).toEqual([]);
    await act(shuji, id, 'route');
    await act(shuji, id, 'accept');
    const done = await act(shuji, id, 'finish', { outcome: { result: 'resolved', text: '已更换灯泡' } });
    expect(done.json().actions).toEqual([]);
    expect((await t.call('GET', `/api/portal/demands/${id}`, { cookie: residentA.cookie })).json().actions).toEqual(['rate', 'reopen']);
    const rated = await t.call('POST', `/api/portal/demands/${id}/rate`, { cookie: residentA.cookie, body: { rating: 'satisfied' } });
    expect(rated.json()).toMatchObject({ status: 'closed', actions: [] });
  });

  it('lists the handling bodies per level from the routing data, in zh-CN or English', async () => {
    const res = await t.call('GET', '/api/demand-handling-bodies', { cookie: wangge });
    expect(res.statusCode).toBe(200);
    const levels = res.json() as { level: string; name: string; bodies: { body: string; name: string }[] }[];
    expect(levels.map((l) => l.level)).toEqual(['grid', 'community', 'street', 'district']);
    expect(levels[0]).toMatchObject({ name: '网格', bodies: [{ body: 'grid_station', name: '网格工作站' }] });
    expect(levels[2]?.bodies.map((b) => b.body)).toEqual(['street_urban_management', 'street_civil_affairs', 'street_safety']);
    const en = await t.call('GET', '/api/demand-handling-bodies', { cookie: wangge, headers: { 'accept-language': 'en' } });
    expect(en.json()[1].bodies[0]).toMatchObject({ body: 'community_committee', name: 'Community committee', names: { zh: '社区居委会', en: 'Community committee' } });
    expect((await t.call('GET', '/api/demand-handling-bodies')).statusCode).toBe(401);
  });

  it('merge candidates: open demands of the same community in the account’s scope, by title, newest first, itself excluded', async () => {
    const make = async (title: string, seconds: number) => {
      t.clock.now = new Date(at('2026-11-23T09:01:00+08:00').getTime() + seconds * 1000);
      return (await intake(wangge, { category: 'neighbour', title })).json().id as string;
    };
    const self = await make('三楼漏水影响楼下', 0);
    const older = await make('三楼卫生间漏水', 1);
    const newer = await make('楼上漏水_紧急', 2);
    const other = await make('楼道堆放杂物', 3);
    const closed = await make('漏水已处理', 4);
    await act(wangge, closed, 'merge', { intoDemandId: older });
    const search = (q: string, cookie = wangge) => t.call('GET', `/api/demands/${self}/merge-candidates?q=${encodeURIComponent(q)}`, { cookie });
    const found = await search('漏水');
    expect(found.statusCode).toBe(200);
    expect(found.json().items.map((d: { id: string }) => d.id)).toEqual([newer, older]);
    expect(found.json().items[0]).toMatchObject({ title: '楼上漏水_紧急', statusName: '已登记' });
    // % and _ are taken literally.
    expect((await search('_')).json().items.map((d: { id: string }) => d.id)).toEqual([newer]);
    expect((await search('%')).json().items).toEqual([]);
    const all = (await search('')).json().items.map((d: { id: string }) => d.id);
    expect(all).toEqual(expect.arrayContaining([newer, older, other]));
    expect(all).not.toContain(self);
    expect(all).not.toContain(closed);
    expect(all.length).toBeLessThanOrEqual(20);
    expect((await search('漏水', wangge2)).statusCode).toBe(403);
    expect((await search('漏水', jiandu)).statusCode).toBe(403);
    expect((await search('x'.repeat(101))).statusCode).toBe(400);
  });

  it('the resident views the photos of their own demand; another resident gets 404', async () => {
    const filed = await t.call('POST', '/api/portal/demands', { cookie: residentA.cookie, body: { category: 'municipal.streetlight', title: '路灯不亮', photos: [{ name: 'light.png', mime: 'image/png', content: PNG }] } });
    expect(filed.statusCode).toBe(201);
    const [id, fileId] = [filed.json().id, filed.json().photoIds[0]];
    const detail = await t.call('GET', `/api/portal/demands/${id}`, { cookie: residentA.cookie });
    expect(detail.json().photos.map((p: { id: string }) => p.id)).toEqual([fileId]);
    const own = await t.call('GET', `/api/portal/demands/${id}/photos/${fileId}`, { cookie: residentA.cookie });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/png');
    expect(own.rawPayload.equals(Buffer.from(PNG, 'base64'))).toBe(true);
    const foreign = await t.call('GET', `/api/portal/demands/${id}/photos/${fileId}`, { cookie: residentB.cookie });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().message).toBe('要找的诉求不存在');
    // Another demand's photo through one's own demand is 404 too.
    const mine = (await t.call('POST', '/api/portal/demands', { cookie: residentB.cookie, body: { category: 'other', title: '咨询' } })).json().id;
    expect((await t.call('GET', `/api/portal/demands/${mine}/photos/${fileId}`, { cookie: residentB.cookie })).statusCode).toBe(404);
    expect([401, 403]).toContain((await t.call('GET', `/api/portal/demands/${id}/photos/${fileId}`, { cookie: shuji })).statusCode);
  });
});
