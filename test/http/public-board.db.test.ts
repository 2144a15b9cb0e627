import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { entryHash } from '../../src/modules/public-board/board-chain.ts';
import { publishEntry, unansweredObjectionCount } from '../../src/modules/public-board/publish-entry.ts';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { auditCount, nodeByName } from '../support/lookups.ts';

// A 1×1 PNG.
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describeEachEngine('public board (公开栏): columns, hash chain, postings, objections, print, portal and public pages', (engine) => {
  let t: TestApp;
  let shuji: string;
  let jiandu: string;
  let admin: string;
  let bbt: { id: string; path: string };
  let jiangtan: { id: string; path: string };
  let xingfu: { id: string; path: string };
  let districtId: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.now = new Date('2026-11-23T02:00:00Z'); // Monday 23 November, 10:00 in China
    [shuji, jiandu, admin] = await Promise.all([t.login('shuji'), t.login('jiandu'), t.login('admin')]);
    bbt = await nodeByName(t.database.db, '百步亭花园社区', 'community');
    jiangtan = await nodeByName(t.database.db, '江滩社区', 'community');
    xingfu = await nodeByName(t.database.db, '幸福里社区', 'community');
    districtId = (await t.database.db.selectFrom('org_node').select('district_id').where('id', '=', bbt.id).executeTakeFirstOrThrow()).district_id;
  });
  afterAll(async () => t?.close());

  async function residentCookie(phone: string): Promise<string> {
    await t.call('POST', '/api/portal/login/code', { body: { phone } });
    const outbox = await t.call('GET', '/api/outbox', { cookie: await t.login('admin') });
    const message = outbox.json().items.find((m: { phone: string }) => m.phone === phone);
    const code = /(\d{6})/.exec(message?.body ?? '')?.[1];
    const res = await t.call('POST', '/api/portal/login', { body: { phone, code } });
    expect(res.statusCode, res.body).toBe(200);
    return `gz_session=${res.cookies.find((c) => c.name === 'gz_session')?.value}`;
  }

  const publish = (cookie: string, communityId: string, body: Record<string, unknown>) => t.call('POST', `/api/board/communities/${communityId}/entries`, { cookie, body });

  it('every community has the three standard columns, each with its freshness rule; never-published columns are flagged', async () => {
    const res = await t.call('GET', `/api/board/communities/${bbt.id}`, { cookie: shuji });
    expect(res.statusCode, res.body).toBe(200);
    const board = res.json();
    expect(board.columns.map((c: { name: string }) => c.name)).toEqual(['党务公开', '居务公开', '财务公开']);
    expect(board.columns.map((c: { freshness: { every: string } }) => c.freshness.every)).toEqual(['quarter', 'quarter', 'month']);
    expect(board.chain).toMatchObject({ ok: true });
    expect(['ok', 'due_soon', 'overdue']).toContain(board.columns[0].status.status);
    const list = await t.call('GET', '/api/board/communities', { cookie: shuji });
    expect(list.json().items.map((c: { name: string }) => c.name)).toEqual(['百步亭花园社区']);
  });

  it('a custom column with its own rule; a duplicate name and archiving a standard column are refused', async () => {
    const made = await t.call('POST', `/api/board/communities/${bbt.id}/columns`, { cookie: shuji, body: { name: '惠民政策', freshness: { every: 'half_year', warnDays: 10 } } });
    expect(made.statusCode, made.body).toBe(201);
    const dup = await t.call('POST', `/api/board/communities/${bbt.id}/columns`, { cookie: shuji, body: { name: '惠民政策', freshness: { every: null } } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toBe('「栏目名称」已存在');
    const std = await t.call('PATCH', `/api/board/communities/${bbt.id}/columns/party`, { cookie: shuji, body: { archived: true } });
    expect(std.statusCode).toBe(409);
    const rename = await t.call('PATCH', `/api/board/communities/${bbt.id}/columns/${made.json().code}`, { cookie: shuji, body: { freshness: { every: 'quarter', warnDays: 14 } } });
    expect(rename.statusCode).toBe(204);
    const supervisor = await t.call('POST', `/api/board/communities/${bbt.id}/columns`, { cookie: jiandu, body: { name: '监督栏', freshness: { every: null } } });
    expect(supervisor.statusCode).toBe(403); // board.read only
  });

  let entryId = '';
  it('publishes an entry (period by days, from the day after: 民法典 201), audited; the column is fresh again', async () => {
    const before = await auditCount(t.database.db, 'board.entry.publish');
    const seqBefore = (await t.database.db.selectFrom('board_chain').select('seq').where('community_id', '=', bbt.id).executeTakeFirst())?.seq ?? 0;
    const res = await publish(shuji, bbt.id, { column: 'residents', title: '关于小区雨污分流改造的决议公示', body: '经居民代表会议表决通过，实施小区雨污分流改造。', publicationDays: 7 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ seq: seqBefore + 1, startsOn: '2026-11-23', endsOn: '2026-11-30' });
    entryId = res.json().id;
    expect(await auditCount(t.database.db, 'board.entry.publish')).toBe(before + 1);
    const board = (await t.call('GET', `/api/board/communities/${bbt.id}`, { cookie: jiandu })).json();
    const residents = board.columns.find((c: { code: string }) => c.code === 'residents');
    expect(residents.status.status).toBe('ok');
    expect(residents.entries[0]).toMatchObject({ id: entryId, state: 'in_period', stateLabel: '公示中' });
    expect(board.chain).toMatchObject({ ok: true, count: seqBefore + 1 });
  });

  it('refuses bad input with zh-CN messages naming the field, nothing written', async () => {
    const count = async () => Number((await t.database.db.selectFrom('board_entry').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const noPeriod = await publish(shuji, bbt.id, { column: 'residents', title: '无公示期', body: '正文' });
    expect(noPeriod.json()).toMatchObject({ code: 'BOARD_PERIOD_MISSING', message: '请填写「公示天数」或「公示截止日期」' });
    const order = await publish(shuji, bbt.id, { column: 'residents', title: '日期颠倒', body: '正文', startsOn: '2026-11-25', endsOn: '2026-11-24' });
    expect(order.json().code).toBe('BOARD_PERIOD_ORDER');
    const past = await publish(shuji, bbt.id, { column: 'residents', title: '补发', body: '正文', startsOn: '2026-11-01', publicationDays: 7 });
    expect(past.json().code).toBe('BOARD_START_IN_PAST');
    const column = await publish(shuji, bbt.id, { column: 'nosuch', title: '栏目不存在', body: '正文', publicationDays: 7 });
    expect(column.json().code).toBe('BOARD_COLUMN_UNKNOWN');
    const idNumber = await publish(shuji, bbt.id, { column: 'residents', title: '低保公示', body: '张三 11010519491231002X 月补助 800 元', publicationDays: 7 });
    expect(idNumber.statusCode).toBe(400);
    expect(idNumber.json().message).toBe('「正文」含有身份证号，公开内容不得包含个人敏感信息');
    const extraField = await publish(shuji, bbt.id, { column: 'residents', title: '低保公示', body: '', publicationDays: 7, personal: [{ name: '张三', householdSize: 2, amount: 800, idNumber: '11010519491231002X' }] });
    expect(extraField.statusCode).toBe(400);
    const grid = await nodeByName(t.database.db, '第一网格', 'grid');
    const notCommunity = await publish(await t.login('admin'), grid.id, { column: 'residents', title: '网格', body: '正文', publicationDays: 7 });
    expect(notCommunity.json().code).toBe('BOARD_NOT_COMMUNITY');
    const worker = await publish(await t.login('wangge'), bbt.id, { column: 'residents', title: '网格员发布', body: '正文', publicationDays: 7 });
    expect(worker.statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('a personal notice (低保) shows only name, household size and amount', async () => {
    const res = await publish(shuji, bbt.id, { column: 'residents', title: '2026年第四季度最低生活保障初审公示', body: '以下家庭经入户调查和民主评议，拟上报审批。', publicationDays: 7, personal: [{ name: '王五', householdSize: 3, amount: 1260.5 }, { name: '赵六', householdSize: 1, amount: 680 }] });
    expect(res.statusCode, res.body).toBe(201);
    const detail = (await t.call('GET', `/api/board/entries/${res.json().id}`, { cookie: shuji })).json();
    expect(detail.personal).toEqual([{ name: '王五', householdSize: 3, amount: '1,260.50' }, { name: '赵六', householdSize: 1, amount: '680.00' }]);
    const stored = await t.database.db.selectFrom('board_entry').select('personal').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(Object.keys(stored.personal?.[0] ?? {}).sort()).toEqual(['amountCents', 'householdSize', 'name']);
  });

  it('records the physical posting with a photo and its taking down; bad times refused', async () => {
    const future = await t.call('POST', `/api/board/entries/${entryId}/postings`, { cookie: shuji, body: { location: '社区服务中心门口公开栏', postedAt: '2026-11-24T08:00:00+08:00' } });
    expect(future.json().code).toBe('BOARD_POSTED_IN_FUTURE');
    const posted = await t.call('POST', `/api/board/entries/${entryId}/postings`, { cookie: shuji, body: { location: '社区服务中心门口公开栏', postedAt: '2026-11-23T09:00:00+08:00', photo: { name: '张贴.png', dataUrl: PNG } } });
    expect(posted.statusCode, posted.body).toBe(201);
    const second = await t.call('POST', `/api/board/entries/${entryId}/postings`, { cookie: shuji, body: { location: '3栋单元门', postedAt: '2026-11-23T09:30:00+08:00' } });
    const photo = await t.call('PUT', `/api/board/entries/${entryId}/postings/${second.json().id}/photo`, { cookie: shuji, body: { dataUrl: PNG } });
    expect(photo.statusCode, photo.body).toBe(200);
    const notImage = await t.call('PUT', `/api/board/entries/${entryId}/postings/${second.json().id}/photo`, { cookie: shuji, body: { dataUrl: 'data:image/png;base64,SGVsbG8gd29ybGQh' } });
    expect(notImage.statusCode).toBe(415);
    const image = await t.call('GET', `/api/board/entries/${entryId}/postings/${posted.json().id}/photo`, { cookie: jiandu });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    const early = await t.call('POST', `/api/board/entries/${entryId}/postings/${posted.json().id}/take-down`, { cookie: shuji, body: { takenDownAt: '2026-11-23T08:00:00+08:00' } });
    expect(early.json().code).toBe('BOARD_TAKEN_DOWN_ORDER');
    const down = await t.call('POST', `/api/board/entries/${entryId}/postings/${posted.json().id}/take-down`, { cookie: shuji, body: { takenDownAt: '2026-11-23T09:50:00+08:00' } });
    expect(down.statusCode).toBe(204);
    const twice = await t.call('POST', `/api/board/entries/${entryId}/postings/${posted.json().id}/take-down`, { cookie: shuji, body: { takenDownAt: '2026-11-23T09:55:00+08:00' } });
    expect(twice.json().code).toBe('BOARD_POSTING_TAKEN_DOWN');
    const detail = (await t.call('GET', `/api/board/entries/${entryId}`, { cookie: shuji })).json();
    expect(detail.postings).toHaveLength(2);
    expect(detail.postings[0]).toMatchObject({ location: '社区服务中心门口公开栏', hasPhoto: true, takenDownAt: '2026-11-23T01:50:00.000Z' });
    expect(detail.postings[1]).toMatchObject({ location: '3栋单元门', hasPhoto: true, takenDownAt: null });
  });

  it('prints an A4 notice whose QR code opens the entry on the public address', async () => {
    const res = await t.call('GET', `/api/board/entries/${entryId}/notice.pdf`, { cookie: jiandu, headers: { host: 'gongzhi.example.cn' } });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const url = `http://gongzhi.example.cn/portal/board/${entryId}`;
    expect(res.headers['x-notice-url']).toBe(url);
    expect(pdf.toString('latin1')).toContain(url); // the link over the QR code
    expect(pdf.length).toBeGreaterThan(5000);
    expect(await auditCount(t.database.db, 'board.notice.print')).toBeGreaterThan(0);
  });

  let residentCookieBbt = '';
  it('residents read their community\u2019s board on the portal and object during the period; staff answer; MATTERS sees the open count', async () => {
    residentCookieBbt = await residentCookie('13800000001');
    const board = await t.call('GET', '/api/portal/board', { cookie: residentCookieBbt });
    expect(board.statusCode, board.body).toBe(200);
    expect(board.json().communityName).toBe('百步亭花园社区');
    const residents = board.json().columns.find((c: { code: string }) => c.code === 'residents');
    expect(residents.entries.map((e: { id: string }) => e.id)).toContain(entryId);
    const one = await t.call('GET', `/api/portal/board/entries/${entryId}`, { cookie: residentCookieBbt });
    expect(one.json()).toMatchObject({ id: entryId, acceptsObjections: true, myObjections: [] });
    expect(one.json()).not.toHaveProperty('withdrawnReason');
    const objected = await t.call('POST', `/api/portal/board/entries/${entryId}/objections`, { cookie: residentCookieBbt, body: { text: '改造期间的停水安排没有公示，请补充。' } });
    expect(objected.statusCode, objected.body).toBe(201);
    expect(await unansweredObjectionCount(t.database.db, districtId, entryId)).toBe(1);
    const detail = (await t.call('GET', `/api/board/entries/${entryId}`, { cookie: shuji })).json();
    expect(detail.objections[0]).toMatchObject({ text: '改造期间的停水安排没有公示，请补充。', answer: null });
    const overview = (await t.call('GET', `/api/board/communities/${bbt.id}`, { cookie: shuji })).json();
    expect(overview.columns.find((c: { code: string }) => c.code === 'residents').entries.find((e: { id: string }) => e.id === entryId).unansweredObjections).toBe(1);
    const answered = await t.call('POST', `/api/board/entries/${entryId}/objections/${objected.json().id}/answer`, { cookie: shuji, body: { answer: '停水安排已于11月24日在各单元门张贴。' } });
    expect(answered.statusCode).toBe(204);
    const again = await t.call('POST', `/api/board/entries/${entryId}/objections/${objected.json().id}/answer`, { cookie: shuji, body: { answer: '再答一次' } });
    expect(again.json().code).toBe('BOARD_OBJECTION_ANSWERED');
    expect(await unansweredObjectionCount(t.database.db, districtId, entryId)).toBe(0);
    const mine = (await t.call('GET', `/api/portal/board/entries/${entryId}`, { cookie: residentCookieBbt })).json();
    expect(mine.myObjections[0]).toMatchObject({ answer: '停水安排已于11月24日在各单元门张贴。' });
  });

  it('a resident of another community sees neither the entry nor may object to it', async () => {
    const other = await t.database.db.selectFrom('resident').select('id').where('node_path', 'like', `${xingfu.path}%`).where('status', '=', 'present').where('birth_date', '<=', '2000-01-01').orderBy('id').limit(1).executeTakeFirstOrThrow();
    await t.database.db.updateTable('resident').set({ phone: '13800000099' }).where('id', '=', other.id).execute();
    const cookie = await residentCookie('13800000099');
    expect((await t.call('GET', `/api/portal/board/entries/${entryId}`, { cookie })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/portal/board/entries/${entryId}/objections`, { cookie, body: { text: '越界异议' } })).statusCode).toBe(404);
    const board = (await t.call('GET', '/api/portal/board', { cookie })).json();
    expect(board.communityName).toBe('幸福里社区');
    expect(JSON.stringify(board)).not.toContain(entryId);
    expect((await t.call('GET', '/api/portal/board', { cookie: shuji })).statusCode).toBe(403); // a staff session is not a resident's
  });

  it('published entries are immutable; a correction is a new entry that names the one it corrects', async () => {
    await expect(sql`update board_entry set title = '改标题' where id = ${entryId}`.execute(t.database.db)).rejects.toThrow(/不可修改|immutable/);
    await expect(sql`delete from board_entry where id = ${entryId}`.execute(t.database.db)).rejects.toThrow(/不可删除|cannot be deleted/);
    const fix = await publish(shuji, bbt.id, { column: 'residents', title: '更正：关于小区雨污分流改造的决议公示', body: '原公示中施工期限有误，更正为12月1日至12月31日。', publicationDays: 7, correctsEntryId: entryId });
    expect(fix.statusCode, fix.body).toBe(201);
    const original = (await t.call('GET', `/api/board/entries/${entryId}`, { cookie: shuji })).json();
    expect(original.correctedByIds).toEqual([fix.json().id]);
    const correction = (await t.call('GET', `/api/board/entries/${fix.json().id}`, { cookie: shuji })).json();
    expect(correction.corrects).toMatchObject({ id: entryId, seq: original.seq });
    // A correction must stay on its own board.
    const foreignFix = await publish(admin, jiangtan.id, { column: 'residents', title: '跨社区更正', body: '正文', publicationDays: 7, correctsEntryId: entryId });
    expect(foreignFix.json().code).toBe('BOARD_CORRECTS_OTHER_COMMUNITY');
  });

  it('the public page shows a published entry without sign-in; a withdrawn or not-yet-started entry is invisible', async () => {
    const pub = await t.call('GET', `/api/public/board/entries/${entryId}`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ id: entryId, communityName: '百步亭花园社区', columnName: '居务公开', title: '关于小区雨污分流改造的决议公示' });
    const scheduled = await publish(shuji, bbt.id, { column: 'party', title: '下月党员大会通知', body: '12月5日召开党员大会。', startsOn: '2026-11-28', publicationDays: 7 });
    expect((await t.call('GET', `/api/public/board/entries/${scheduled.json().id}`)).statusCode).toBe(404);
    const wrong = await publish(shuji, bbt.id, { column: 'finance', title: '误发的财务公示', body: '内容有误', publicationDays: 7 });
    expect((await t.call('GET', `/api/public/board/entries/${wrong.json().id}`)).statusCode).toBe(200);
    const withdrawn = await t.call('POST', `/api/board/entries/${wrong.json().id}/withdraw`, { cookie: shuji, body: { reason: '发错栏目' } });
    expect(withdrawn.statusCode).toBe(204);
    expect((await t.call('GET', `/api/public/board/entries/${wrong.json().id}`)).statusCode).toBe(404);
    expect((await t.call('GET', `/api/portal/board/entries/${wrong.json().id}`, { cookie: residentCookieBbt })).statusCode).toBe(404);
    const portal = await t.call('GET', '/api/portal/board', { cookie: residentCookieBbt });
    expect(portal.body).not.toContain(wrong.json().id);
    expect(portal.body).not.toContain(scheduled.json().id);
    const verify = (await t.call('GET', `/api/public/board/${bbt.id}/verify`)).json();
    expect(verify).toMatchObject({ ok: true, communityName: '百步亭花园社区' });
    expect(JSON.stringify(verify)).not.toContain('误发的财务公示');
    expect(JSON.stringify(verify)).not.toContain('下月党员大会通知');
    expect(verify.entries.map((e: { status: string }) => e.status)).toContain('withdrawn');
    // The staff board still shows it, marked.
    const staff = (await t.call('GET', `/api/board/entries/${wrong.json().id}`, { cookie: shuji })).json();
    expect(staff).toMatchObject({ state: 'withdrawn', withdrawnReason: '发错栏目' });
    expect((await t.call('GET', '/api/public/board/entries/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await t.call('GET', '/api/public/board/not-a-uuid/verify')).statusCode).toBe(400);
  });

  it('concurrent publications in one community line up in one chain (no fork, no gap)', async () => {
    const seqBefore = (await t.database.db.selectFrom('board_chain').select('seq').where('community_id', '=', xingfu.id).executeTakeFirst())?.seq ?? 0;
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => publish(admin, xingfu.id, { column: 'residents', title: `并发公示 ${i + 1}`, body: `第 ${i + 1} 份`, publicationDays: 5 })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(results.map((r) => r.json().seq).sort((a: number, b: number) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => seqBefore + n));
    const rows = await t.database.db.selectFrom('board_entry').select(['seq', 'prev_hash', 'hash']).where('community_id', '=', xingfu.id).orderBy('seq').execute();
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    const verify = (await t.call('GET', `/api/public/board/${xingfu.id}/verify`)).json();
    expect(verify).toMatchObject({ ok: true, count: seqBefore + 8 });
  });

  it('tampering is detected: a changed entry, a changed entry with its hash recomputed, a removed last entry', async () => {
    const ids: string[] = [];
    for (const title of ['一季度财务收支公示', '二季度财务收支公示', '三季度财务收支公示']) {
      const r = await publish(admin, jiangtan.id, { column: 'finance', title, body: `${title}：收入 12,000 元，支出 9,800 元。`, publicationDays: 10 });
      ids.push(r.json().id);
    }
    const verify = async () => (await t.call('GET', `/api/public/board/${jiangtan.id}/verify`)).json();
    expect(await verify()).toMatchObject({ ok: true, count: 3 });
    // Someone with database access edits entry 2, bypassing the immutability trigger.
    const asSuperuser = (q: ReturnType<typeof sql>) => t.database.db.transaction().execute(async (tx) => {
      await sql`set local session_replication_role = replica`.execute(tx);
      await q.execute(tx);
    });
    await asSuperuser(sql`update board_entry set body = replace(body, '9,800', '8,800') where id = ${ids[1]}`);
    const changed = await verify();
    expect(changed).toMatchObject({ ok: false, firstBroken: { seq: 2, entryId: ids[1], reason: 'hash_mismatch' } });
    expect(changed.message).toContain('第 2 号条目');
    // Recomputing that entry's own hash only moves the break to the next entry.
    const row = await t.database.db.selectFrom('board_entry').selectAll().where('id', '=', ids[1] ?? '').executeTakeFirstOrThrow();
    const rehash = entryHash({ districtId: row.district_id, communityId: row.community_id, id: row.id, seq: row.seq, columnCode: row.column_code, title: row.title, body: row.body, personal: row.personal, matterId: row.matter_id, stageId: row.stage_id, correctsEntryId: row.corrects_entry_id, startsOn: row.starts_on, endsOn: row.ends_on, publishedAt: new Date(row.published_at), publishedByName: row.published_by_name }, row.prev_hash);
    await asSuperuser(sql`update board_entry set hash = ${rehash} where id = ${ids[1]}`);
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { seq: 3, reason: 'prev_hash_mismatch' } });
    // Put entry 2 back as published: whole again. Then remove the last entry: the chain head catches it.
    await asSuperuser(sql`update board_entry set body = replace(body, '8,800', '9,800'), hash = ${row.hash} where id = ${ids[1]}`);
    const whole = await verify();
    expect(whole.ok, JSON.stringify(whole.firstBroken)).toBe(true);
    await asSuperuser(sql`delete from board_entry where id = ${ids[2]}`);
    expect(await verify()).toMatchObject({ ok: false, count: 2, firstBroken: { reason: 'head_mismatch' } });
    // The staff board shows the same verdict.
    const staff = (await t.call('GET', `/api/board/communities/${jiangtan.id}`, { cookie: admin })).json();
    expect(staff.chain.ok).toBe(false);
  });

  it('publishEntry (for MATTERS) runs inside the caller\u2019s transaction: a rollback leaves no entry and no chain step', async () => {
    const head = async () => (await t.database.db.selectFrom('board_chain').select('seq').where('community_id', '=', bbt.id).executeTakeFirstOrThrow()).seq;
    const before = await head();
    await expect(t.database.db.transaction().execute(async (tx) => {
      await publishEntry(tx, { districtId, communityId: bbt.id, column: 'residents', title: '回滚的公示', body: '不会留下', publicationDays: 7, actor: null, now: t.clock.now });
      throw new Error('rollback');
    })).rejects.toThrow('rollback');
    expect(await head()).toBe(before);
    expect(await t.database.db.selectFrom('board_entry').select('id').where('title', '=', '回滚的公示').executeTakeFirst()).toBeUndefined();
  });

  it('after the publication period objections are refused, and an overdue column is flagged', async () => {
    t.clock.now = new Date('2026-12-01T02:00:00Z'); // 1 December: the period ended on 30 November
    const cookie = await residentCookie('13800000003');
    const late = await t.call('POST', `/api/portal/board/entries/${entryId}/objections`, { cookie, body: { text: '公示期后才看到。' } });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'BOARD_OBJECTION_PERIOD_OVER', message: '公示期已于 2026-11-30 结束，不再受理异议' });
    const detail = (await t.call('GET', `/api/portal/board/entries/${entryId}`, { cookie })).json();
    expect(detail).toMatchObject({ state: 'ended', acceptsObjections: false });
    // 百步亭's finance column (monthly) had only a withdrawn entry: by February it is overdue.
    t.clock.now = new Date('2027-02-03T02:00:00Z');
    const staff = await t.login('shuji');
    const board = (await t.call('GET', `/api/board/communities/${bbt.id}`, { cookie: staff })).json();
    const finance = board.columns.find((c: { code: string }) => c.code === 'finance');
    expect(finance.status.status).toBe('overdue');
    expect(finance.status.message).toMatch(/^已超期 \d+ 天未公开/);
    const list = (await t.call('GET', '/api/board/communities', { cookie: staff })).json();
    expect(list.items[0].overdueColumns).toBeGreaterThan(0);
  });
});
