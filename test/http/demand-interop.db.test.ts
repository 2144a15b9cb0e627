import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { auditCount, nodeByName } from '../support/lookups.ts';
import { declaredRoutesOf } from '../../src/platform/http/authorize.ts';
import { foreignRecords, sweepCases } from '../sweep/demand-interop.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const V2 = '/api/open311/v2';

type El = { name: string; children: El[]; text: string };

/** A well-formedness-checking parse (saxes, the parser exceljs uses) into a small element tree. */
function parseXml(xml: string): El {
  const parser = new SaxesParser();
  const doc: El = { name: '#document', children: [], text: '' };
  const stack: El[] = [doc];
  let failure: Error | null = null;
  parser.on('opentag', (tag) => {
    const el: El = { name: tag.name, children: [], text: '' };
    stack[stack.length - 1]?.children.push(el);
    stack.push(el);
  });
  parser.on('text', (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('error', (error) => {
    failure = error;
  });
  parser.write(xml).close();
  if (failure) throw failure;
  const root = doc.children[0];
  if (!root || doc.children.length !== 1) throw new Error('no single root element');
  return root;
}
const child = (el: El | undefined, name: string): El | undefined => el?.children.find((c) => c.name === name);
const childText = (el: El | undefined, name: string): string | undefined => child(el, name)?.text;

/** An .xlsx with the template's header and the given rows. */
async function ticketFile(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('12345工单');
  sheet.addRow(['工单编号', '来电时间', '来电人', '联系电话', '诉求地址', '诉求内容', '诉求分类', '办理时限(工作日)', '所属社区']);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeEachEngine('demand interop: Open311 GeoReport v2 and 12345 transfers', (engine) => {
  let t: TestApp;
  let admin: string;
  let admin2: string;
  let shuji: string;
  let community: { id: string; path: string };
  let otherCommunity: { id: string; path: string };
  let grid: { id: string; path: string; center: { lng: number; lat: number } };
  let foreignGridCenter: { lng: number; lat: number };
  let key: { id: string; secret: string; name: string };

  /** A grid under the path that has a boundary today, with the middle of its first ring. */
  async function gridWithBoundary(path: string) {
    const row = await t.database.db.selectFrom('grid_boundary as b').innerJoin('org_node as g', (j) => j.onRef('g.district_id', '=', 'b.district_id').onRef('g.id', '=', 'b.grid_id'))
      .select(['g.id', 'g.path', 'g.name', 'b.geometry']).where('g.path', 'like', `${path}%`).where('b.valid_to', 'is', null).orderBy('g.name').limit(1).executeTakeFirstOrThrow();
    const geometry = (typeof row.geometry === 'string' ? JSON.parse(row.geometry) : row.geometry) as { coordinates: number[][][] };
    const ring = geometry.coordinates[0] ?? [];
    const xs = ring.map((p) => p[0] ?? 0);
    const ys = ring.map((p) => p[1] ?? 0);
    return { id: row.id, path: row.path, center: { lng: (Math.min(...xs) + Math.max(...xs)) / 2, lat: (Math.min(...ys) + Math.max(...ys)) / 2 } };
  }

  const post311 = (format: 'json' | 'xml', fields: Record<string, string>) => t.call('POST', `${V2}/requests.${format}`, { headers: FORM, body: new URLSearchParams(fields).toString() });
  const demandCount = async () => Number((await t.database.db.selectFrom('demand').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.now = new Date('2026-11-23T09:00:00+08:00'); // a Monday
    [admin, admin2, shuji] = await Promise.all([t.login('admin'), t.login('admin2'), t.login('shuji')]);
    community = await nodeByName(t.database.db, '百步亭花园社区', 'community');
    otherCommunity = await nodeByName(t.database.db, '幸福里社区', 'community');
    grid = await gridWithBoundary(community.path);
    foreignGridCenter = (await gridWithBoundary(otherCommunity.path)).center;
    const made = await t.call('POST', '/api/interop/keys', { cookie: admin, body: { name: '市 12345 热线平台', nodeId: community.id } });
    expect(made.statusCode, made.body).toBe(201);
    key = { id: made.json().id, secret: made.json().secret, name: '市 12345 热线平台' };
  });
  afterAll(async () => t?.close());

  it('lists services in JSON and XML with the spec’s fields; a service definition; a wrong jurisdiction is 404 in the spec’s error shape', async () => {
    const json = await t.call('GET', `${V2}/services.json?jurisdiction_id=DEMO`);
    expect(json.statusCode).toBe(200);
    const services = json.json() as Record<string, unknown>[];
    expect(services.length).toBeGreaterThan(10);
    for (const s of services) expect(Object.keys(s).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
    const garbage = services.find((s) => s.service_code === 'environment.garbage');
    expect(garbage).toMatchObject({ service_name: '垃圾清运', group: '环境卫生', metadata: false, type: 'realtime' });
    expect(garbage?.description).toContain('办结时限 1 个工作日');
    expect(String(garbage?.keywords)).toContain('垃圾堆放');

    const xml = await t.call('GET', `${V2}/services.xml?jurisdiction_id=DEMO`);
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    const root = parseXml(xml.body);
    expect(root.name).toBe('services');
    expect(root.children.length).toBe(services.length);
    expect(root.children.every((c) => c.name === 'service')).toBe(true);
    const lift = root.children.find((c) => childText(c, 'service_code') === 'property.lift');
    expect(childText(lift, 'service_name')).toBe('电梯故障');
    expect(childText(lift, 'group')).toBe('物业管理');
    expect(childText(lift, 'metadata')).toBe('false');
    expect(childText(lift, 'type')).toBe('realtime');

    const definition = await t.call('GET', `${V2}/services/property.lift.json?jurisdiction_id=DEMO`);
    expect(definition.json()).toEqual({ service_code: 'property.lift', attributes: [] });
    const definitionXml = parseXml((await t.call('GET', `${V2}/services/property.lift.xml`)).body);
    expect(definitionXml.name).toBe('service_definition');
    expect(childText(definitionXml, 'service_code')).toBe('property.lift');
    expect((await t.call('GET', `${V2}/services/no.such.json`)).statusCode).toBe(404);

    const wrong = await t.call('GET', `${V2}/services.json?jurisdiction_id=NOWHERE`);
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json()).toEqual([{ code: 404, description: expect.stringContaining('jurisdiction_id') }]);
    const wrongXml = await t.call('GET', `${V2}/requests.xml?jurisdiction_id=NOWHERE`);
    expect(wrongXml.statusCode).toBe(404);
    const errors = parseXml(wrongXml.body);
    expect(errors.name).toBe('errors');
    expect(errors.children[0]?.name).toBe('error');
    expect(childText(errors.children[0], 'code')).toBe('404');
    expect(childText(errors.children[0], 'description')).toContain('jurisdiction_id');
  });

  it('the key is shown once and stored hashed; a key cannot be bound to a grid; another community’s administrator cannot revoke it', async () => {
    expect(key.secret).toMatch(/^gzk_[A-Za-z0-9_-]{43}$/);
    const list = await t.call('GET', '/api/interop/keys', { cookie: admin });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(key.secret);
    expect(list.json().items.find((k: { id: string }) => k.id === key.id)).toMatchObject({ name: key.name, nodeId: community.id, revokedAt: null, lastUsedAt: null });
    const stored = await t.database.db.selectFrom('interop_key').select(['key_hash']).where('id', '=', key.id).executeTakeFirstOrThrow();
    expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.key_hash).not.toContain(key.secret);

    const toGrid = await t.call('POST', '/api/interop/keys', { cookie: admin, body: { name: '网格接口', nodeId: grid.id } });
    expect(toGrid.statusCode).toBe(400);
    expect(toGrid.json().code).toBe('INTEROP_KEY_NODE_KIND');
    expect((await t.call('POST', '/api/interop/keys', { cookie: admin2, body: { name: '越权', nodeId: community.id } })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/interop/keys/${key.id}/revoke`, { cookie: admin2 })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/interop/keys', { cookie: admin2 })).body).not.toContain(key.id);
  });

  it('POST requests (form-encoded) with the key files a demand in the grid its point lies in, audited naming the key; the answer is the spec’s', async () => {
    const receipts = await auditCount(t.database.db, 'demand.receive');
    const res = await post311('json', {
      api_key: key.secret, jurisdiction_id: 'DEMO', service_code: 'environment.garbage', lat: String(grid.center.lat), long: String(grid.center.lng),
      address_string: '百步亭花园路 12 号门口', description: '门口垃圾桶满溢两天', first_name: '小明', last_name: '李', phone: '13911112222', email: 'li@example.com',
      media_url: 'https://example.com/p/1.jpg',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [answer] = res.json() as { service_request_id: string; service_notice: string; account_id: null }[];
    expect(answer).toEqual({ service_request_id: expect.any(String), service_notice: expect.stringContaining('办结时限 1 个工作日'), account_id: null });
    const id = answer?.service_request_id ?? '';
    const demand = await t.database.db.selectFrom('demand').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(demand).toMatchObject({ category_code: 'environment.garbage', node_path: grid.path, channel: 'hotline_12345', first_asked_by_name: `接口：${key.name}`, contact_phone: '13911112222', crs: 'wgs84' });
    expect(await auditCount(t.database.db, 'demand.receive')).toBe(receipts + 1);
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_name', 'summary', 'after']).where('action', '=', 'interop.request').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(audit.actor_name).toContain(`接口：${key.name}`);
    expect(audit.summary).toContain(key.name);
    expect(audit.after).toMatchObject({ keyId: key.id });
    const receive = await t.database.db.selectFrom('audit_log').select('actor_name').where('action', '=', 'demand.receive').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(receive.actor_name).toContain(key.name);
    const listed = (await t.call('GET', '/api/interop/keys', { cookie: admin })).json().items.find((k: { id: string }) => k.id === key.id);
    expect(listed.lastUsedAt).toBe(t.clock.now.toISOString());
    expect(listed.requests).toBe(1);

    // The XML answer, and no point: the key's own community.
    const xml = await post311('xml', { api_key: key.secret, service_code: 'property.lift', address_string: '3 栋电梯', description: '电梯停在 5 楼不动' });
    expect(xml.statusCode, xml.body).toBe(200);
    const root = parseXml(xml.body);
    expect(root.name).toBe('service_requests');
    expect(root.children[0]?.name).toBe('request');
    const xmlId = childText(root.children[0], 'service_request_id') ?? '';
    expect(child(root.children[0], 'account_id')).toBeDefined();
    expect((await t.database.db.selectFrom('demand').select('node_path').where('id', '=', xmlId).executeTakeFirstOrThrow()).node_path).toBe(community.path);

    // JSON bodies are accepted too; a bad field is named in the spec's error.
    const json = await t.call('POST', `${V2}/requests.json`, { body: { api_key: key.secret, service_code: 'safety', lat: grid.center.lat, long: grid.center.lng, description: '楼道堆放杂物' } });
    expect(json.statusCode, json.body).toBe(200);
    const badPhone = await post311('json', { api_key: key.secret, service_code: 'safety', address_string: '楼道', phone: 'call me' });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json()[0].description).toContain('电话（phone）');
    const noPlace = await post311('json', { api_key: key.secret, service_code: 'safety' });
    expect(noPlace.statusCode).toBe(400);
    const unknownService = await post311('json', { api_key: key.secret, service_code: 'nope', address_string: '楼道' });
    expect(unknownService.statusCode).toBe(404);
  });

  it('writes need a live key: none, unknown or revoked is 403 in the spec’s shape; a key cannot file outside its node; nothing changes', async () => {
    const before = await demandCount();
    const fields = { service_code: 'environment.garbage', address_string: '路口', description: '垃圾' };
    const none = await post311('json', fields);
    expect(none.statusCode).toBe(403);
    expect(none.json()).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    const unknown = await post311('xml', { ...fields, api_key: `gzk_${'x'.repeat(43)}` });
    expect(unknown.statusCode).toBe(403);
    expect(childText(parseXml(unknown.body).children[0], 'code')).toBe('403');

    // A point inside a grid of 幸福里社区 with the key of 百步亭花园社区.
    const outside = await post311('json', { ...fields, api_key: key.secret, lat: String(foreignGridCenter.lat), long: String(foreignGridCenter.lng) });
    expect(outside.statusCode).toBe(403);
    expect(outside.json()[0].description).toContain('范围');
    // Another jurisdiction's code is refused as unknown.
    expect((await post311('json', { ...fields, api_key: key.secret, jurisdiction_id: 'ELSEWHERE' })).statusCode).toBe(404);

    const spare = await t.call('POST', '/api/interop/keys', { cookie: admin, body: { name: '测试停用', nodeId: community.id } });
    const revoked = await t.call('POST', `/api/interop/keys/${spare.json().id}/revoke`, { cookie: admin });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).toBe(t.clock.now.toISOString());
    expect(await auditCount(t.database.db, 'interop.key.revoke')).toBe(1);
    const afterRevoke = await post311('json', { ...fields, api_key: spare.json().secret });
    expect(afterRevoke.statusCode).toBe(403);
    expect(afterRevoke.json()[0].description).toContain('停用');
    expect(await demandCount()).toBe(before);
  });

  it('GET requests shows a request open, then closed once the community finishes it, with status notes and never a name or phone', async () => {
    const res = await post311('json', {
      api_key: key.secret, service_code: 'neighbour', lat: String(grid.center.lat), long: String(grid.center.lng),
      description: '楼上装修噪音', first_name: '秀英', last_name: '王', phone: '13733334444', email: 'wang@example.com',
    });
    const id = res.json()[0].service_request_id as string;
    const one = await t.call('GET', `${V2}/requests/${id}.json?jurisdiction_id=DEMO`);
    expect(one.statusCode).toBe(200);
    const [open] = one.json();
    expect(open).toMatchObject({ service_request_id: id, status: 'open', service_code: 'neighbour', service_name: '邻里关系', lat: grid.center.lat, long: grid.center.lng });
    expect(open.status_notes).toContain('已登记');
    expect(open.expected_datetime).toMatch(/\+08:00$/);
    expect(open.requested_datetime).toBe('2026-11-23T09:00:00+08:00');

    for (const verb of ['route', 'accept']) expect((await t.call('POST', `/api/demands/${id}/${verb}`, { cookie: shuji, body: {} })).statusCode).toBe(200);
    const accepted = (await t.call('GET', `${V2}/requests/${id}.json`)).json()[0];
    expect(accepted.status).toBe('open');
    expect(accepted.status_notes).toMatch(/^已受理，由百步亭花园社区.*办理；办结时限 2026-11-\d\d$/);
    expect(accepted.agency_responsible).toContain('百步亭花园社区');

    t.clock.now = new Date('2026-11-23T15:00:00+08:00');
    shuji = await t.login('shuji');
    const finished = await t.call('POST', `/api/demands/${id}/finish`, { cookie: shuji, body: { outcome: { result: 'resolved', text: '已上门协调，约定装修时间' } } });
    expect(finished.statusCode, finished.body).toBe(200);
    const closedJson = await t.call('GET', `${V2}/requests.json?jurisdiction_id=DEMO&status=closed`);
    const closed = (closedJson.json() as { service_request_id: string; status: string; status_notes: string; expected_datetime: unknown }[]).find((r) => r.service_request_id === id);
    expect(closed).toMatchObject({ status: 'closed', expected_datetime: null });
    expect(closed?.status_notes).toContain('已办结');
    expect(closed?.status_notes).toContain('已解决');
    const openList = (await t.call('GET', `${V2}/requests.json?status=open`)).json() as { service_request_id: string }[];
    expect(openList.some((r) => r.service_request_id === id)).toBe(false);
    expect(openList.length).toBeGreaterThan(0);

    const all = await t.call('GET', `${V2}/requests.json?jurisdiction_id=DEMO`);
    const xml = await t.call('GET', `${V2}/requests.xml?jurisdiction_id=DEMO&service_request_id=${id}`);
    const root = parseXml(xml.body);
    expect(root.name).toBe('service_requests');
    expect(root.children).toHaveLength(1);
    expect(childText(root.children[0], 'status')).toBe('closed');
    expect(childText(root.children[0], 'service_request_id')).toBe(id);
    for (const body of [all.body, xml.body, one.body]) {
      for (const secret of ['秀英', '王秀英', '13733334444', 'wang@example.com', '小明', '13911112222', 'li@example.com', '楼上装修噪音']) expect(body).not.toContain(secret);
    }
    // Only demands that came through the interfaces are listed: not the ones staff entered.
    const staffDemand = await t.database.db.selectFrom('demand').select('id').where('channel', '!=', 'hotline_12345').limit(1).executeTakeFirst();
    if (staffDemand) expect(all.body).not.toContain(staffDemand.id);
    const bad = await t.call('GET', `${V2}/requests.json?start_date=yesterday`);
    expect(bad.statusCode).toBe(400);
    expect((await t.call('GET', `${V2}/requests/00000000-0000-4000-8000-000000000000.xml`)).statusCode).toBe(404);
  });

  it('12345 file: the preview reports every bad row by row number and reason; the good rows are imported; a second import reports duplicates', async () => {
    [admin, admin2] = await Promise.all([t.login('admin'), t.login('admin2')]); // the clock moved on above
    const template = await t.call('GET', '/api/interop/12345/template.xlsx', { cookie: admin });
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0]?.getRow(1).values as unknown[]).slice(1)).toEqual(['工单编号', '来电时间', '来电人', '联系电话', '诉求地址', '诉求内容', '诉求分类', '办理时限(工作日)', '所属社区']);

    const file = await ticketFile([
      ['GD-F-0001', '2026-11-22 10:15', '张先生', '13900000001', '百步亭花园 3 栋', '楼下夜间施工噪音扰民', '噪音扰民', 3, '百步亭花园社区'],
      ['GD-F-0002', '2026/11/22 11:00', null, null, null, '路灯连续三晚不亮', '路灯不亮', null, '百步亭花园社区'],
      ['GD-F-0003', '2026-11-22 12:00', '赵女士', '13900000003', null, null, '垃圾清运', 1, '百步亭花园社区'],
      ['GD-F-0004', '2026-11-22 12:30', null, null, null, '外星人来信', '火星来信', null, '百步亭花园社区'],
      ['GD-F-0005', '2026-11-22 13:00', null, 'call me', null, '电梯故障', '电梯故障', null, '百步亭花园社区'],
      ['GD-F-0006', '2026-11-22 13:30', null, null, null, '绿化带被毁', '绿化养护', null, '不存在社区'],
      ['GD-F-0001', '2026-11-22 14:00', null, null, null, '重复编号', '其他', null, '百步亭花园社区'],
      ['GD-F-0007', '2026-02-30 09:00', null, null, null, '日期不对', '其他', 400, '幸福里社区'],
    ]);
    const upload = (url: string, body: Buffer) => t.call('POST', `${url}?nodeId=${community.id}`, { cookie: admin, body, headers: { 'content-type': XLSX } });
    const before = await demandCount();
    const preview = await upload('/api/interop/12345/imports/preview', file);
    expect(preview.statusCode, preview.body).toBe(200);
    const report = preview.json() as { ok: number; bad: number; duplicates: number; rows: { row: number; status: string; reasons: string[]; category: string | null }[] };
    expect(report).toMatchObject({ ok: 2, duplicates: 0, bad: 6 });
    const reasonsOf = (row: number) => report.rows.find((r) => r.row === row)?.reasons.join(' ') ?? '';
    expect(report.rows.find((r) => r.row === 2)).toMatchObject({ status: 'ok', category: 'environment' });
    expect(report.rows.find((r) => r.row === 3)).toMatchObject({ status: 'ok', category: 'municipal.streetlight' });
    expect(reasonsOf(4)).toContain('「诉求内容」不能为空');
    expect(reasonsOf(5)).toContain('火星来信');
    expect(reasonsOf(6)).toContain('「联系电话」');
    expect(reasonsOf(7)).toContain('不存在社区');
    expect(reasonsOf(8)).toContain('与第 2 行重复');
    expect(reasonsOf(9)).toContain('「来电时间」');
    expect(reasonsOf(9)).toContain('「办理时限(工作日)」');
    expect(await demandCount()).toBe(before); // the preview wrote nothing

    const imported = await upload('/api/interop/12345/imports', file);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ created: 2, duplicates: 0, rejected: 6 });
    expect(await demandCount()).toBe(before + 2);
    const made = imported.json().results.find((r: { ticketNo: string; result: string }) => r.ticketNo === 'GD-F-0001' && r.result === 'created');
    const demand = await t.database.db.selectFrom('demand').selectAll().where('id', '=', made.demandId).executeTakeFirstOrThrow();
    const adminId = (await t.database.db.selectFrom('account').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    expect(demand).toMatchObject({ channel: 'hotline_12345', category_code: 'environment', node_path: community.path, contact_name: '张先生', first_asked_by: adminId });
    expect(demand.description).toContain('GD-F-0001');
    expect(await auditCount(t.database.db, 'interop.import')).toBe(1);

    const again = await upload('/api/interop/12345/imports', file);
    expect(again.json()).toMatchObject({ created: 0, duplicates: 2, rejected: 6 });
    expect(again.json().results.find((r: { ticketNo: string; result: string }) => r.ticketNo === 'GD-F-0001' && r.result === 'duplicate').demandId).toBe(made.demandId);
    const previewAgain = (await upload('/api/interop/12345/imports/preview', file)).json();
    expect(previewAgain).toMatchObject({ ok: 0, duplicates: 2 });
    expect(await demandCount()).toBe(before + 2);

    const notXlsx = await t.call('POST', `/api/interop/12345/imports/preview?nodeId=${community.id}`, { cookie: admin, body: Buffer.from('hello'), headers: { 'content-type': 'application/octet-stream' } });
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().code).toBe('INTEROP_FILE_NOT_XLSX');
    expect((await t.call('POST', `/api/interop/12345/imports/preview?nodeId=${community.id}`, { cookie: admin2, body: file, headers: { 'content-type': XLSX } })).statusCode).toBe(403);
  });

  it('12345 API: tickets with x-api-key are created once (idempotent by ticket number); bad ones are rejected with the reason; the state can be read back', async () => {
    const tickets = [
      { ticketNo: 'GD-API-0001', calledAt: '2026-11-23 08:40', callerName: '陈先生', callerPhone: '13800001111', content: '小区门口下水道堵塞外溢', category: '污水外溢', limitWorkingDays: 2 },
      { ticketNo: 'GD-API-0002', calledAt: '2026-11-23T08:50:00+08:00', content: '咨询高龄津贴申领', category: '政策咨询', community: '百步亭花园社区' },
      { ticketNo: 'GD-API-0003', calledAt: '2026-11-23 08:55', content: '不知道', category: '外星' },
      { ticketNo: 'GD-API-0004', calledAt: '2026-11-23 08:55', content: '幸福里的事', category: '其他', community: '幸福里社区' },
    ];
    const send = (body: unknown, secret: string | null = key.secret) => t.call('POST', '/api/interop/12345/tickets', { body, headers: secret ? { 'x-api-key': secret } : {} });
    const first = await send(tickets);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ created: 2, duplicates: 0, rejected: 2 });
    const results = first.json().results as { ticketNo: string; result: string; demandId: string | null; reasons: string[] }[];
    expect(results.map((r) => r.result)).toEqual(['created', 'created', 'rejected', 'rejected']);
    expect(results[2]?.reasons.join()).toContain('外星');
    expect(results[3]?.reasons.join()).toContain('不在可导入的范围内');
    const second = await send(tickets);
    expect(second.json()).toMatchObject({ created: 0, duplicates: 2, rejected: 2 });
    expect((second.json().results as typeof results).map((r) => r.demandId).slice(0, 2)).toEqual(results.map((r) => r.demandId).slice(0, 2));
    const receipts = await t.database.db.selectFrom('audit_log').select('actor_name').where('action', '=', 'interop.request').where('summary', 'like', '%GD-API-0001%').execute();
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.actor_name).toContain(key.name);

    const state = await t.call('GET', '/api/interop/12345/tickets/GD-API-0001', { headers: { 'x-api-key': key.secret } });
    expect(state.statusCode).toBe(200);
    expect(state.json()).toMatchObject({ ticketNo: 'GD-API-0001', demandId: results[0]?.demandId, status: 'open', state: 'received', hotlineLimitWorkingDays: 2 });
    expect(state.body).not.toContain('陈先生');
    expect(state.body).not.toContain('13800001111');
    expect((await t.call('GET', '/api/interop/12345/tickets/GD-API-0001')).statusCode).toBe(403);
    expect((await t.call('GET', '/api/interop/12345/tickets/GD-NONE', { headers: { 'x-api-key': key.secret } })).statusCode).toBe(404);
    expect((await send(tickets, null)).statusCode).toBe(403);
    const malformed = await send({ not: 'an array' });
    expect(malformed.statusCode).toBe(400);
  });

  it('12345 时限: a transfer keeps the hotline’s own limit; the finish deadline is the earlier of ours and the hotline’s, through every command', async () => {
    // Called on Friday 11-20 with 3 working days: 11-23, 11-24, 11-25 → 24:00 on 11-25. Ours (道路破损, 10 working days) is 12-07.
    const tickets = [
      { ticketNo: 'GD-LIMIT-0001', calledAt: '2026-11-20 08:40', content: '小区门口人行道破损', category: '道路破损', limitWorkingDays: 3 },
      { ticketNo: 'GD-LIMIT-0002', calledAt: '2026-11-20 08:45', content: '人行道井盖破损', category: '井盖破损', limitWorkingDays: 30 },
      { ticketNo: 'GD-LIMIT-0003', calledAt: '2026-11-20 08:50', content: '路面坑洼', category: '道路坑洼' },
    ];
    const sent = await t.call('POST', '/api/interop/12345/tickets', { body: tickets, headers: { 'x-api-key': key.secret } });
    expect(sent.json()).toMatchObject({ created: 3 });
    const [tight, generous, plain] = (sent.json().results as { demandId: string }[]).map((r) => r.demandId);
    const finishBy = async (id: string | undefined) => new Date((await t.database.db.selectFrom('demand').select('finish_by').where('id', '=', id ?? '').executeTakeFirstOrThrow()).finish_by as Date).toISOString();
    expect(await finishBy(tight)).toBe('2026-11-25T16:00:00.000Z');
    expect(await finishBy(generous)).toBe('2026-12-07T16:00:00.000Z');
    expect(await finishBy(plain)).toBe('2026-12-07T16:00:00.000Z');

    const detail = await t.call('GET', `/api/demands/${tight}`, { cookie: shuji });
    expect(detail.json()).toMatchObject({
      finishBy: '2026-11-25T16:00:00.000Z',
      deadlines: { finishBy: '2026-11-25T16:00:00.000Z', ownFinishBy: '2026-12-07T16:00:00.000Z', hotline: { limitWorkingDays: 3, calledAt: '2026-11-20T00:40:00.000Z', by: '2026-11-25T16:00:00.000Z' } },
    });
    expect((await t.call('GET', `/api/demands/${plain}`, { cookie: shuji })).json().deadlines.hotline).toBeNull();
    const state = await t.call('GET', '/api/interop/12345/tickets/GD-LIMIT-0001', { headers: { 'x-api-key': key.secret } });
    expect(state.json()).toMatchObject({ finishBy: '2026-11-26T00:00:00+08:00', hotlineLimitWorkingDays: 3 });

    // Each command rewrites the cached deadline from the events: the hotline's limit stays in force; our extension does not move it.
    const act = (verb: string, body: unknown = {}) => t.call('POST', `/api/demands/${tight}/${verb}`, { cookie: shuji, body });
    expect((await act('route')).json().deadlines.finishBy).toBe('2026-11-25T16:00:00.000Z');
    expect((await act('accept')).statusCode).toBe(200);
    const extended = await t.call('POST', `/api/demands/${tight}/extend`, { cookie: await t.login('jiedao'), body: { amount: 5, reason: '需要施工' } });
    expect(extended.json().deadlines).toMatchObject({ finishBy: '2026-11-25T16:00:00.000Z', ownFinishBy: '2026-12-14T16:00:00.000Z' });
    expect(await finishBy(tight)).toBe('2026-11-25T16:00:00.000Z');
    // Finished on Thursday 11-26: late by the hotline's limit.
    t.clock.now = new Date('2026-11-26T10:00:00+08:00');
    shuji = await t.login('shuji');
    const done = await act('finish', { outcome: { result: 'resolved', text: '已修补' } });
    expect(done.json()).toMatchObject({ status: 'done', deadlines: { onTime: false } });
  });

  it('the sweep table names every interop route, and the 幸福里社区 administrator is refused on each record route of 百步亭花园社区', async () => {
    [admin2] = await Promise.all([t.login('admin2')]);
    const records = await foreignRecords(t.database.db, community);
    const revokedAt = async () => (await t.database.db.selectFrom('interop_key').select('revoked_at').where('id', '=', records.interopKeyId ?? '').executeTakeFirstOrThrow()).revoked_at;
    expect(await revokedAt()).toBeNull();
    const cases = sweepCases({ communityId: community.id, gridId: grid.id, buildingId: grid.id, householdId: grid.id, residentId: grid.id, accountId: grid.id, records });
    const mine = declaredRoutesOf(t.app).filter((r) => r.url.startsWith('/api/interop') || r.url.startsWith('/api/open311'));
    expect(mine.map((r) => `${r.method} ${r.url}`).sort()).toEqual(Object.keys(cases).sort());
    for (const route of mine) {
      const c = cases[`${route.method} ${route.url}`];
      if (!c || c.kind !== 'record') continue;
      let url = route.url;
      for (const [name, value] of Object.entries(c.params ?? {})) url = url.replace(`:${name}`, value);
      const res = await t.call(route.method as 'GET', `${url}${c.query ? `?${c.query}` : ''}`, { cookie: admin2, body: c.body });
      expect([403, 404], `${route.method} ${route.url}: ${res.body.slice(0, 200)}`).toContain(res.statusCode);
    }
    // The foreign key is still live: the refused revoke changed nothing.
    expect(await revokedAt()).toBeNull();
  });
});
