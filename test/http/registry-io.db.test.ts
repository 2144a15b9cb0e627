import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../src/platform/security/id-number.ts';
import { TEMPLATE_COLUMNS, XLSX_TYPE } from '../../src/modules/registry-io/registry-columns.ts';
import { expiredImportsSweep } from '../../src/modules/registry-io/registry-import.repository.ts';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { auditCount, nodeByName, residentUnder } from '../support/lookups.ts';

/** Registry Excel import (upload → report → commit / discard) and export, on both databases. */
const HEADER: string[] = TEMPLATE_COLUMNS.map((c) => c.header);
type Cell = string | number | null;
let serial = 0;
/** A valid ID number no demo resident has (area 110105; the demo uses 420102). */
function newId(gender: 'male' | 'female' = 'male'): string {
  const n = serial++;
  const birth = new Date(Date.UTC(1950, 0, 1) + n * 86400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `110105${birth}${gender === 'male' ? '101' : '102'}`;
  return first17 + idNumberCheckChar(first17);
}
const person = (o: { community?: string; grid?: string; building?: string; room?: string; name?: string; id?: string; phone?: string; relation?: string; registration?: string }): Cell[] => [
  o.community ?? '百步亭花园社区', o.grid ?? '第一网格', o.building ?? '1栋', o.room ?? '1单元101室', o.name ?? '李四', o.id ?? newId(),
  o.phone ?? '13912345678', o.relation ?? '户主', o.registration ?? '户籍人口', '湖北省武汉市', '2021-03-01',
];
async function xlsx(rows: Cell[][], header: string[] = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('实有人口');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function sheetRows(file: Buffer, sheet = 1): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const ws = wb.worksheets[sheet - 1];
  const out: string[][] = [];
  ws?.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}
type Report = { id: string; status: string; total: number; good: number; bad: number; newHouseholds: number; imported: number | null; errors: { row: number; field: string; label: string; message: string }[]; skipped: { row: number; message: string }[] };

describeEachEngine('registry import and export (Excel)', (engine) => {
  let t: TestApp;
  let staff: string;
  const upload = (cookie: string, body: Buffer | string, query = '', type = XLSX_TYPE) => t.call('POST', `/api/registry/imports${query}`, { cookie, body, headers: { 'content-type': type } });
  const uploadOk = async (cookie: string, body: Buffer, query = ''): Promise<Report> => {
    const res = await upload(cookie, body, query);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    return res.json();
  };
  const commit = (cookie: string, id: string) => t.call('POST', `/api/registry/imports/${id}/commit`, { cookie });
  const countIds = async (ids: string[]) => Number((await t.database.db.selectFrom('resident').select((eb) => eb.fn.countAll<number>().as('n')).where('id_number', 'in', ids).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await startTestApp(engine);
    staff = await t.login('chuangkou');
  });
  afterAll(async () => t?.close());

  it('template round trip: download, fill below the example, upload, commit', async () => {
    const res = await t.call('GET', '/api/registry/template.xlsx', { cookie: staff });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_TYPE);
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('实有人口导入模板.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['实有人口', '填写说明']);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect(ws.getCell('I2').dataValidation?.formulae?.[0]).toContain('流动人口');
    expect(ws.getCell('H5').dataValidation?.formulae?.[0]).toContain('配偶');
    const ids = [newId(), newId('female'), newId()];
    ws.addRow(person({ room: '9单元901室', name: '王五', id: ids[0] }));
    ws.addRow(person({ room: '9单元901室', name: '赵六', id: ids[1], relation: '配偶', registration: '流动人口' }));
    ws.addRow(person({ name: '钱七', id: ids[2], relation: '租户', registration: '人户分离' }));
    const report = await uploadOk(staff, Buffer.from(await wb.xlsx.writeBuffer()), `?fileName=${encodeURIComponent('三月.xlsx')}`);
    expect(report).toMatchObject({ status: 'pending', total: 3, good: 3, bad: 0, newHouseholds: 1, errors: [] });
    expect(await countIds(ids as string[])).toBe(0);
    const auditsBefore = await auditCount(t.database.db, 'registry.import.commit');
    const done = await commit(staff, report.id);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'committed', imported: 3, skipped: [] });
    expect(await auditCount(t.database.db, 'registry.import.commit')).toBe(auditsBefore + 1);
    const db = t.database.db;
    const people = await db.selectFrom('resident').selectAll().where('id_number', 'in', ids as string[]).execute();
    const byName = new Map(people.map((p) => [p.name, [p.status, p.registration, p.gender, p.relation]]));
    expect(Object.fromEntries(byName)).toEqual({ 王五: ['present', 'registered', 'male', '户主'], 赵六: ['present', 'floating', 'female', '配偶'], 钱七: ['present', 'separated', 'male', '租户'] });
    const flat = await db.selectFrom('org_node').select(['id', 'path']).where('kind', '=', 'household').where('name', '=', '9单元901室').execute();
    expect(flat).toHaveLength(1);
    expect(people.filter((p) => p.household_id === flat[0]?.id).every((p) => p.node_path === flat[0]?.path)).toBe(true);
    expect(await db.selectFrom('house').select('house_id').where('house_id', '=', flat[0]?.id ?? '').executeTakeFirst()).toBeTruthy();
    const events = await db.selectFrom('resident_event').select(['kind', 'resident_id']).where('resident_id', 'in', people.map((p) => p.id)).execute();
    expect(events.map((e) => e.kind)).toEqual(['registered', 'registered', 'registered']);
    const again = await commit(staff, report.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('IMPORT_ALREADY_COMMITTED');
  }, 60_000); // exceljs rewrites the template's 100,000-row drop-down ranges cell by cell

  it('text that means something to SQL arrays or JSON (quotes, braces, commas, backslashes, NULL) is stored as typed', async () => {
    // The commit sends each column as one array parameter: nothing typed may be read as array syntax.
    const typed = [
      { room: '{1,2}室 "东"', name: 'NULL', place: 'NULL' },
      { room: '{1,2}室 "东"', name: '反\\斜杠,逗号', place: '{"a":1}' },
      { room: "3'单元\\", name: '"引号"', place: '' },
    ];
    const ids = typed.map((_, i) => newId(i === 1 ? 'female' : 'male'));
    const rows = typed.map((x, i) => {
      const r = person({ room: x.room, name: x.name, id: ids[i], relation: i === 1 ? '配偶' : '户主' });
      r[9] = x.place || null;
      return r;
    });
    const report = await uploadOk(staff, await xlsx(rows));
    expect(report).toMatchObject({ total: 3, good: 3, bad: 0, newHouseholds: 2 });
    expect((await commit(staff, report.id)).json()).toMatchObject({ imported: 3, skipped: [] });
    const db = t.database.db;
    const people = await db.selectFrom('resident as r').innerJoin('org_node as h', (j) => j.onRef('h.district_id', '=', 'r.district_id').onRef('h.id', '=', 'r.household_id'))
      .select(['r.id_number', 'r.name', 'r.registered_place', 'h.name as room', 'h.path', 'r.node_path']).where('r.id_number', 'in', ids).execute();
    const byId = new Map(people.map((p) => [p.id_number, p]));
    typed.forEach((x, i) => {
      const p = byId.get(ids[i] ?? '');
      expect(p, `row ${i + 2}`).toMatchObject({ name: x.name, registered_place: x.place || null, room: x.room });
      expect(p?.node_path).toBe(p?.path);
    });
    const events = await db.selectFrom('resident_event as e').innerJoin('resident as r', (j) => j.onRef('r.district_id', '=', 'e.district_id').onRef('r.id', '=', 'e.resident_id'))
      .select(['r.id_number', 'e.kind', 'e.details']).where('r.id_number', 'in', ids).execute();
    expect(events.map((e) => [e.kind, (e.details as { importId?: string; row?: number }).importId, (e.details as { row?: number }).row]).sort((a, b) => Number(a[2]) - Number(b[2])))
      .toEqual([['registered', report.id, 2], ['registered', report.id, 3], ['registered', report.id, 4]]);
  });

  it('reports every bad row with its number and reason, writes nothing, and the fixed errors file imports', async () => {
    const community = await nodeByName(t.database.db, '百步亭花园社区');
    const existing = await residentUnder(t.database.db, community.path);
    const dup = newId();
    const good = [newId(), newId()];
    const valid = newId();
    const badDigit = valid.slice(0, 17) + (valid.endsWith('0') ? '1' : '0');
    const rows: Cell[][] = [
      [...person({ id: good[0] }), ''], // row 2
      [...person({ id: badDigit }), ''], // 3
      [...person({ id: newId('male') }), '女'], // 4: gender and ID disagree
      [...person({ building: '99栋' }), ''], // 5
      [...person({ community: '幸福里社区' }), ''], // 6: outside the caller's scope
      [...person({ id: dup }), ''], // 7
      [...person({ id: dup, name: '重复' }), ''], // 8
      [...person({ id: existing.id_number }), ''], // 9
      [...person({ id: good[1], phone: '12345', registration: '外地' }), ''], // 10: two problems
      [...person({}), ''], // 11
    ];
    const before = Number((await t.database.db.selectFrom('resident').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const report = await uploadOk(staff, await xlsx(rows, [...HEADER, '性别']));
    expect(report).toMatchObject({ total: 10, good: 2, bad: 8 });
    const why = (row: number) => report.errors.filter((e) => e.row === row).map((e) => `${e.label}:${e.message}`).join(' | ');
    expect(why(3)).toMatch(/身份证号:校验位不正确/);
    expect(why(4)).toMatch(/性别:与身份证号不符/);
    expect(why(5)).toMatch(/楼栋:.*没有名为「99栋」的楼栋/);
    expect(why(6)).toMatch(/楼栋:.*幸福里社区.*不在您的管辖范围内/);
    expect(why(7)).toMatch(/与第 8 行的身份证号重复/);
    expect(why(8)).toMatch(/与第 7 行的身份证号重复/);
    expect(why(9)).toContain(`已登记：${existing.id_number.slice(0, 6)}********${existing.id_number.slice(-4)}，百步亭花园社区`);
    expect(why(10)).toBe('手机号:应为 11 位手机号码 | 户籍类型:「外地」无效，应为 户籍人口、流动人口、人户分离 之一');
    expect(why(2) + why(11)).toBe('');
    expect(Number((await t.database.db.selectFrom('resident').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
    expect((await t.call('GET', `/api/registry/imports/${report.id}`, { cookie: staff })).json()).toMatchObject({ id: report.id, bad: 8 });

    const errorsFile = await t.call('GET', `/api/registry/imports/${report.id}/errors.xlsx`, { cookie: staff });
    expect(errorsFile.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(errorsFile.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...HEADER, '性别', '错误原因', '原行号']);
    expect(ws.rowCount).toBe(9);
    expect(String(ws.getCell('M5').value)).toContain('楼栋');
    // Fix each row in the errors workbook and upload it as it is.
    ws.getCell('F2').value = newId(); ws.getCell('L3').value = '男'; ws.getCell('C4').value = '2栋'; ws.getCell('A5').value = '百步亭花园社区';
    ws.getCell('F7').value = newId(); ws.getCell('F8').value = newId(); ws.getCell('G9').value = '13712345678'; ws.getCell('I9').value = '流动人口';
    const fixed = await uploadOk(staff, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(fixed.errors).toEqual([]);
    expect(fixed).toMatchObject({ total: 8, good: 8, bad: 0 });
    expect((await commit(staff, report.id)).json()).toMatchObject({ imported: 2 });
    expect((await commit(staff, fixed.id)).json()).toMatchObject({ imported: 8 });
    expect(Number((await t.database.db.selectFrom('resident').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(before + 10);
  });

  it('a row that became a duplicate after the preview is skipped at commit; discard erases a batch', async () => {
    const id = newId();
    const a = await uploadOk(staff, await xlsx([person({ id })]));
    const b = await uploadOk(staff, await xlsx([person({ id, name: '另一人' }), person({})]));
    expect((await commit(staff, a.id)).json()).toMatchObject({ imported: 1 });
    const second = (await commit(staff, b.id)).json();
    expect(second).toMatchObject({ imported: 1, skipped: [{ row: 2, field: 'idNumber' }] });
    expect(second.skipped[0].message).toContain('预览后该身份证号已被登记');

    const c = await uploadOk(staff, await xlsx([person({})]));
    const dropped = await t.call('POST', `/api/registry/imports/${c.id}/discard`, { cookie: staff });
    expect(dropped.json()).toMatchObject({ status: 'discarded' });
    expect((await commit(staff, c.id)).json().code).toBe('IMPORT_DISCARDED');
    const raw = await t.database.db.withTables<{ registry_import: { id: string; good_rows: unknown } }>().selectFrom('registry_import').select('good_rows').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(raw.good_rows).toEqual([]);
  });

  it('refuses a body that is not xlsx, a wrong header and an empty sheet, in Chinese', async () => {
    const notXlsx = await upload(staff, 'name,id\n张三,1', '', 'text/csv');
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json()).toMatchObject({ code: 'IMPORT_NOT_XLSX' });
    expect(notXlsx.json().message).toContain('.xlsx');
    expect((await upload(staff, Buffer.from('PK\u0003\u0004 not really a zip'))).json().code).toBe('IMPORT_NOT_XLSX');
    expect((await t.call('POST', '/api/registry/imports', { cookie: staff, body: { rows: [] } })).json().code).toBe('IMPORT_NOT_XLSX');
    const swapped = [...HEADER];
    [swapped[2], swapped[3]] = [HEADER[3] ?? '', HEADER[2] ?? ''];
    const header = await upload(staff, await xlsx([person({})], swapped));
    expect(header.statusCode).toBe(400);
    expect(header.json()).toMatchObject({ code: 'IMPORT_HEADER_MISMATCH', message: expect.stringContaining('第 3 列应为「楼栋」，实际为「房号」') });
    expect((await upload(staff, await xlsx([]))).json().code).toBe('IMPORT_EMPTY_SHEET');
    expect((await upload(staff, await xlsx([], []))).json().code).toBe('IMPORT_EMPTY_SHEET');
  });

  it('scope: another community cannot import into or read a batch of 百步亭花园社区; a grid worker cannot import', async () => {
    const admin2 = await t.login('admin2');
    const community = await nodeByName(t.database.db, '百步亭花园社区');
    expect((await upload(admin2, await xlsx([person({})]), `?nodeId=${community.id}`)).statusCode).toBe(403);
    const own = await uploadOk(admin2, await xlsx([person({}), person({ community: '幸福里社区' })]));
    expect(own.errors.map((e) => e.row)).toEqual([2]);
    expect(own.errors[0]?.message).toContain('不在您的管辖范围内');
    const theirs = await uploadOk(staff, await xlsx([person({})]));
    for (const url of ['', '/errors.xlsx']) expect((await t.call('GET', `/api/registry/imports/${theirs.id}${url}`, { cookie: admin2 })).statusCode).toBe(403);
    for (const verb of ['commit', 'discard']) expect((await t.call('POST', `/api/registry/imports/${theirs.id}/${verb}`, { cookie: admin2 })).statusCode).toBe(403);
    const wangge = await t.login('wangge');
    expect((await t.call('GET', '/api/registry/template.xlsx', { cookie: wangge })).json().code).toBe('FORBIDDEN');
    expect((await upload(wangge, await xlsx([person({})]))).statusCode).toBe(403);
  });

  it('exports masked by default, unmasked only with the permission, every export audited', async () => {
    const community = await nodeByName(t.database.db, '百步亭花园社区');
    const present = Number((await t.database.db.selectFrom('resident').select((eb) => eb.fn.countAll<number>().as('n')).where('node_path', 'like', `${community.path}%`).where('status', '=', 'present').executeTakeFirstOrThrow()).n);
    const masked = await t.call('GET', '/api/registry/export.xlsx', { cookie: staff });
    expect(masked.statusCode).toBe(200);
    expect(String(masked.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const rows = await sheetRows(masked.rawPayload);
    expect(rows[0]).toEqual(HEADER);
    expect(rows.length - 1).toBe(present);
    expect(rows.slice(1).every((r) => r[0] === '百步亭花园社区' && /^\d{6}\*{8}[\dX]{4}$/.test(r[5] ?? ''))).toBe(true);
    const exportsBefore = await auditCount(t.database.db, 'registry.export.unmasked');
    const full = await t.call('GET', `/api/registry/export.xlsx?nodeId=${community.id}&unmasked=1`, { cookie: staff });
    expect(full.statusCode).toBe(200);
    const fullRows = await sheetRows(full.rawPayload);
    expect(fullRows.slice(1).every((r) => /^\d{17}[\dX]$/.test(r[5] ?? ''))).toBe(true);
    expect(await auditCount(t.database.db, 'registry.export.unmasked')).toBe(exportsBefore + 1);
    expect(await auditCount(t.database.db, 'registry.export')).toBeGreaterThanOrEqual(1);
    const louzhang = await t.login('louzhang');
    const refused = await t.call('GET', '/api/registry/export.xlsx?unmasked=1', { cookie: louzhang });
    expect(refused.statusCode).toBe(403);
    const admin2 = await t.login('admin2');
    const theirs = await sheetRows((await t.call('GET', '/api/registry/export.xlsx', { cookie: admin2 })).rawPayload);
    expect(theirs.length).toBeGreaterThan(1);
    expect(theirs.slice(1).every((r) => r[0] === '幸福里社区')).toBe(true);
  });

  it('imports a 5,000-row file in one pass with one audit entry', async () => {
    const admin = await t.login('admin');
    const rows = Array.from({ length: 5000 }, (_, i) => person({ building: `${(i % 20) + 1}栋`, grid: ['第一网格', '第二网格', '第三网格', '第四网格', '第五网格'][Math.floor((i % 20) / 4)], room: `8单元${Math.floor(i / 20) + 1}室`, name: `导入${i}` }));
    const started = Date.now();
    const report = await uploadOk(admin, await xlsx(rows));
    expect(report).toMatchObject({ total: 5000, good: 5000, bad: 0, newHouseholds: 5000 });
    const before = await auditCount(t.database.db, 'registry.import.commit');
    const done = await commit(admin, report.id);
    expect(done.json()).toMatchObject({ imported: 5000 });
    expect(await auditCount(t.database.db, 'registry.import.commit')).toBe(before + 1);
    expect(Date.now() - started).toBeLessThan(25_000);
  }, 60_000);

  it('a batch not committed within 24 hours expires', async () => {
    const report = await uploadOk(staff, await xlsx([person({})]));
    t.clock.now = new Date(t.clock.now.getTime() + 25 * 3600_000);
    const again = await t.login('chuangkou');
    const res = await commit(again, report.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('IMPORT_EXPIRED');
    expect((await t.call('GET', `/api/registry/imports/${report.id}`, { cookie: again })).json()).toMatchObject({ expired: true });
    staff = again;
  });

  it('the periodic sweep clears the personal data of expired batches even when nobody uploads again', async () => {
    const report = await uploadOk(staff, await xlsx([person({})]));
    const rows = async () => (await sql<{ good_rows: unknown }>`select good_rows from registry_import where id = ${report.id}`.execute(t.database.db)).rows[0] ?? { good_rows: null };
    expect(JSON.stringify((await rows()).good_rows)).not.toBe('[]');
    await expiredImportsSweep.run(t.database.db, t.clock.now);
    expect(JSON.stringify((await rows()).good_rows)).not.toBe('[]'); // not yet expired: kept
    const later = new Date(t.clock.now.getTime() + 25 * 3600_000);
    expect((await expiredImportsSweep.run(t.database.db, later)).changed).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify((await rows()).good_rows)).toBe('[]');
    expect((await expiredImportsSweep.run(t.database.db, later)).changed).toBe(0); // safe to run twice
  });
});
