import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { auditCount, nodeByName } from '../support/lookups.ts';
import { FIGURE_CODES, type FigureCode } from '../../src/modules/coverage/coverage.definitions.ts';
import { cadenceIntervals, intervalFor, visitedWithin } from '../../src/modules/coverage/coverage.ts';
import { cadencesOf } from '../../src/modules/coverage/coverage.repository.ts';

type Figure = { numerator: number; denominator: number; percent: number | null; display: string };
type NodeFigures = { id: string; name: string; kind: string; figures: Record<FigureCode, Figure> };
type Coverage = { asOf: string; node: NodeFigures; children: NodeFigures[]; definitions: { code: string }[] };

const NOW = new Date('2026-11-03T02:00:00Z'); // the day after the demo's visits were seeded

describeEachEngine('coverage figures (五个百分百)', (engine) => {
  let t: TestApp;
  let shuji: string;
  let admin: string;
  let community: { id: string; path: string };
  const get = async (cookie: string, url: string) => {
    const res = await t.call('GET', url, { cookie });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json();
  };
  const missingAll = async (cookie: string, nodeId: string, figure: FigureCode) => {
    const items: Record<string, unknown>[] = [];
    let first: { total: number; restrictedHidden: number } | null = null;
    for (let page = 1; page < 100; page++) {
      const body = await get(cookie, `/api/coverage/missing?nodeId=${nodeId}&figure=${figure}&page=${page}&pageSize=50`);
      first ??= body;
      items.push(...body.items);
      if (body.items.length < 50) break;
    }
    return { items, total: first?.total ?? 0, restrictedHidden: first?.restrictedHidden ?? 0 };
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.now = NOW;
    [shuji, admin] = await Promise.all([t.login('shuji'), t.login('admin')]);
    community = await nodeByName(t.database.db, '百步亭花园社区');
  });
  afterAll(async () => t?.close());

  it('gives a community its five figures and each grid’s, consistent and summing up', async () => {
    const body: Coverage = await get(shuji, `/api/coverage?nodeId=${community.id}`);
    expect(body.asOf).toBe('2026-11-03');
    expect(body.definitions.map((d) => d.code)).toEqual([...FIGURE_CODES]);
    expect(body.children.map((c) => c.name)).toEqual(['第一网格', '第二网格', '第三网格', '第四网格', '第五网格']);
    for (const row of [body.node, ...body.children]) {
      for (const code of FIGURE_CODES) {
        const f = row.figures[code];
        expect(f.numerator).toBeLessThanOrEqual(f.denominator);
        if (f.percent !== null) expect(f.percent).toBeGreaterThanOrEqual(0);
        if (f.percent !== null) expect(f.percent).toBeLessThanOrEqual(100);
        expect(f.display).toBe(f.denominator === 0 ? '无' : `${f.percent?.toFixed(1)}%`);
      }
    }
    for (const code of FIGURE_CODES) {
      expect(body.node.figures[code].numerator).toBe(body.children.reduce((s, c) => s + c.figures[code].numerator, 0));
      expect(body.node.figures[code].denominator).toBe(body.children.reduce((s, c) => s + c.figures[code].denominator, 0));
    }
    // The demo verifies ~88 % of occupied houses and has ~60 % acknowledge the one notice in force.
    expect(body.node.figures.basic_info.percent).toBeGreaterThan(75);
    expect(body.node.figures.policy.percent).toBeGreaterThan(45);
    expect(body.node.figures.policy.percent).toBeLessThan(75);
    expect(body.node.figures.policy.denominator).toBe(body.node.figures.basic_info.denominator); // one notice × occupied houses
    expect(body.node.figures.vulnerable_care.denominator).toBeGreaterThan(0);
    expect(body.node.figures.key_person.denominator).toBeGreaterThan(0);
  });

  it('rolls a street up from its communities, and a grid down to its buildings', async () => {
    const jiedao = await t.login('jiedao');
    const street: Coverage = await get(jiedao, `/api/coverage?nodeId=${(await nodeByName(t.database.db, '百步亭街道')).id}`);
    expect(street.children.map((c) => c.name)).toEqual(['百步亭花园社区', '幸福里社区']);
    const mine: Coverage = await get(shuji, `/api/coverage?nodeId=${community.id}`);
    expect(street.children[0]?.figures).toEqual(mine.node.figures);
    for (const code of FIGURE_CODES) expect(street.node.figures[code].denominator).toBe(street.children.reduce((s, c) => s + c.figures[code].denominator, 0));

    const wangge = await t.login('wangge');
    const grid = await nodeByName(t.database.db, '第一网格');
    const byGrid: Coverage = await get(wangge, `/api/coverage?nodeId=${mine.children[0]?.id ?? grid.id}`);
    expect(byGrid.children.map((c) => c.kind)).toEqual(['building', 'building', 'building', 'building']);
    for (const b of byGrid.children) expect(b.figures.backbone.denominator).toBe(1);
    const building: Coverage = await get(wangge, `/api/coverage?nodeId=${byGrid.children[0]?.id}`);
    expect(building.children).toEqual([]);
    expect(building.node.figures).toEqual(byGrid.children[0]?.figures);
  });

  it('counts visits on cadence exactly as the rules say (checked against the raw records)', async () => {
    const db = t.database.db;
    const districtId = (await db.selectFrom('org_node').select('district_id').where('id', '=', community.id).executeTakeFirstOrThrow()).district_id;
    const intervals = cadenceIntervals(await cadencesOf(db, districtId));
    // Whole district, so the grid the demo visited (whichever it is) is included.
    const tags = await db
      .selectFrom('resident_tag as t')
      .innerJoin('tag_definition as d', (j) => j.onRef('d.district_id', '=', 't.district_id').onRef('d.code', '=', 't.tag_code'))
      .innerJoin('resident as r', (j) => j.onRef('r.district_id', '=', 't.district_id').onRef('r.id', '=', 't.resident_id'))
      .select(['r.id', 'r.node_path', 't.tag_code', 'd.category'])
      .where('t.until', 'is', null).where('r.status', '=', 'present').where('d.category', 'in', ['vulnerable', 'key_person'])
      .execute();
    const visits = await db.selectFrom('visit_resident').select(['resident_id', 'visited_at']).execute();
    const expected = (category: string, defaultDays: number) => {
      const people = new Map<string, { path: string; tags: string[] }>();
      for (const r of tags.filter((x) => x.category === category)) people.set(r.id, { path: r.node_path, tags: [...(people.get(r.id)?.tags ?? []), r.tag_code] });
      let visited = 0;
      for (const [id, p] of people) {
        const days = intervalFor({ tags: p.tags, residentPath: p.path, intervals, defaultDays });
        if (visitedWithin(visits.filter((v) => v.resident_id === id).map((v) => new Date(v.visited_at)), days, NOW)) visited++;
      }
      return { numerator: visited, denominator: people.size };
    };
    const district: Coverage = await get(admin, `/api/coverage?nodeId=${districtId}`);
    expect(district.node.figures.vulnerable_care).toMatchObject(expected('vulnerable', 366));
    expect(district.node.figures.key_person).toMatchObject(expected('key_person', 183));
    expect(district.node.figures.vulnerable_care.numerator).toBeGreaterThan(0);
  });

  it('lists exactly the missing houses, and a verification moves a house out of the list', async () => {
    const body: Coverage = await get(shuji, `/api/coverage?nodeId=${community.id}`);
    const f = body.node.figures.basic_info;
    const list = await missingAll(shuji, community.id, 'basic_info');
    expect(list.total).toBe(f.denominator - f.numerator);
    const ids = list.items.map((i) => i.householdId as string);
    expect(new Set(ids).size).toBe(list.total);
    const unverified = await t.database.db
      .selectFrom('house as h')
      .innerJoin('resident as r', (j) => j.onRef('r.district_id', '=', 'h.district_id').onRef('r.household_id', '=', 'h.house_id'))
      .select('h.house_id').distinct()
      .where('h.verified_at', 'is', null).where('r.status', '=', 'present').where('r.node_path', 'like', `${community.path}%`)
      .execute();
    expect([...ids].sort()).toEqual(unverified.map((u) => u.house_id).sort());
    expect(list.items[0]).toMatchObject({ kind: 'house', notices: [] });
    expect(String(list.items[0]?.address)).toMatch(/^百步亭花园社区 第.网格 \d+栋 \d单元\d+室$/);

    await t.database.db.updateTable('house').set({ verified_at: NOW }).where('house_id', '=', ids[0] ?? '').execute();
    const after: Coverage = await get(shuji, `/api/coverage?nodeId=${community.id}`);
    expect(after.node.figures.basic_info.numerator).toBe(f.numerator + 1);
    expect((await missingAll(shuji, community.id, 'basic_info')).total).toBe(list.total - 1);
  });

  it('lists buildings without a building leader, and unacknowledged households with the notice', async () => {
    const grid = (await get(shuji, `/api/coverage?nodeId=${community.id}`)).children[0] as NodeFigures;
    expect((await missingAll(shuji, grid.id, 'backbone')).total).toBe(grid.figures.backbone.denominator - grid.figures.backbone.numerator);
    // End every building-leader tag in the grid's first building: that building is now missing.
    const building = (await get(shuji, `/api/coverage?nodeId=${grid.id}`)).children[0] as NodeFigures;
    const path = (await t.database.db.selectFrom('org_node').select('path').where('id', '=', building.id).executeTakeFirstOrThrow()).path;
    const leaders = await t.database.db.selectFrom('resident').select('id').where('node_path', 'like', `${path}%`).execute();
    await t.database.db.updateTable('resident_tag').set({ until: '2026-11-01' }).where('tag_code', '=', 'building_leader').where('resident_id', 'in', leaders.map((l) => l.id)).execute();
    const list = await missingAll(shuji, grid.id, 'backbone');
    expect(list.items).toContainEqual(expect.objectContaining({ kind: 'building', buildingId: building.id, name: building.name }));

    const policy = await missingAll(shuji, grid.id, 'policy');
    expect(policy.total).toBe(grid.figures.policy.denominator - grid.figures.policy.numerator);
    expect(policy.items[0]).toMatchObject({ kind: 'house', notices: [{ title: '2026 年城乡居民医保缴费政策' }] });
  });

  it('lists vulnerable people masked, and a visit moves a person out of the list', async () => {
    const body: Coverage = await get(shuji, `/api/coverage?nodeId=${community.id}`);
    const f = body.node.figures.vulnerable_care;
    const list = await missingAll(shuji, community.id, 'vulnerable_care');
    expect(list.total + list.restrictedHidden).toBe(f.denominator - f.numerator);
    const person = list.items[0] as { residentId: string; name: string; idNumber: string; address: string; tags: string[]; intervalDays: number; lastVisitAt: string | null };
    expect(person).toMatchObject({ kind: 'person', restricted: false });
    // Missing: never visited, or last visited before the interval began.
    if (person.lastVisitAt !== null) expect(new Date(person.lastVisitAt).getTime()).toBeLessThan(NOW.getTime() - person.intervalDays * 86_400_000);
    expect(person.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(person.address).toContain('百步亭花园社区');
    expect(person.tags.length).toBeGreaterThan(0);
    expect([7, 31, 92, 183, 366]).toContain(person.intervalDays);
    const full = await t.database.db.selectFrom('resident').select(['id_number', 'household_id', 'node_path']).where('id', '=', person.residentId).executeTakeFirstOrThrow();
    expect(JSON.stringify(list.items)).not.toContain(full.id_number);

    const visitId = crypto.randomUUID();
    const visitor = await t.database.db.selectFrom('account').select(['id', 'district_id']).where('username', '=', 'wangge').executeTakeFirstOrThrow();
    const at = new Date(NOW.getTime() - 3600_000);
    await t.database.db.insertInto('visit').values({ district_id: visitor.district_id, id: visitId, household_id: full.household_id, node_path: full.node_path, visitor_id: visitor.id, visitor_role: 'grid_worker', visited_at: at, findings: '测试走访', photos: '[]', created_at: at }).execute();
    await t.database.db.insertInto('visit_resident').values({ district_id: visitor.district_id, visit_id: visitId, resident_id: person.residentId, visited_at: at, visitor_role: 'grid_worker' }).execute();
    const after: Coverage = await get(shuji, `/api/coverage?nodeId=${community.id}`);
    expect(after.node.figures.vulnerable_care.numerator).toBe(f.numerator + 1);
    const again = await missingAll(shuji, community.id, 'vulnerable_care');
    expect(again.items.map((i) => i.residentId)).not.toContain(person.residentId);
  });

  it('lists key persons only to roles that may see them, and logs that it did', async () => {
    const body: Coverage = await get(shuji, `/api/coverage?nodeId=${community.id}`);
    const missing = body.node.figures.key_person.denominator - body.node.figures.key_person.numerator;
    expect(missing).toBeGreaterThan(0);

    const before = await auditCount(t.database.db, 'coverage.restricted.view');
    const hidden = await get(admin, `/api/coverage/missing?nodeId=${community.id}&figure=key_person`); // 管理员: no resident.restricted.read
    expect(hidden).toMatchObject({ total: 0, restrictedHidden: missing, items: [] });
    expect(await auditCount(t.database.db, 'coverage.restricted.view')).toBe(before);

    const shown = await get(shuji, `/api/coverage/missing?nodeId=${community.id}&figure=key_person`);
    expect(shown).toMatchObject({ total: missing, restrictedHidden: 0 });
    expect(shown.items.every((i: { restricted: boolean }) => i.restricted)).toBe(true);
    expect(await auditCount(t.database.db, 'coverage.restricted.view')).toBe(before + 1);
    const log = await t.call('GET', '/api/audit?action=coverage.restricted.view', { cookie: admin });
    expect(JSON.stringify(log.json())).toContain('重点人员稳控率');
  });

  it('exports the table as a readable workbook with zh-CN headers and a definitions sheet', async () => {
    const res = await t.call('GET', `/api/coverage/export.xlsx?nodeId=${community.id}`, { cookie: shuji });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('五个百分百_百步亭花园社区_2026-11-03.xlsx')}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['覆盖率', '指标说明']);
    const sheet = book.getWorksheet('覆盖率');
    expect(sheet?.getCell(2, 3).value).toBe('基础信息核实率');
    expect(sheet?.getCell(3, 3).value).toBe('已核实的有人居住房屋');
    const body: Coverage = await get(shuji, `/api/coverage?nodeId=${community.id}`);
    const total = sheet?.getRow(4 + body.children.length);
    expect(total?.getCell(1).value).toBe('合计：百步亭花园社区');
    expect(total?.getCell(3).value).toBe(body.node.figures.basic_info.numerator);
    expect(total?.getCell(4).value).toBe(body.node.figures.basic_info.denominator);
    expect(book.getWorksheet('指标说明')?.getCell(2, 1).value).toBe('基础信息核实率');
  });

  it('refuses other scopes, other roles, households and unknown figures', async () => {
    const admin2 = await t.login('admin2');
    expect((await t.call('GET', `/api/coverage?nodeId=${community.id}`, { cookie: admin2 })).json().code).toBe('FORBIDDEN_SCOPE');
    expect((await t.call('GET', `/api/coverage/export.xlsx?nodeId=${community.id}`, { cookie: admin2 })).statusCode).toBe(403);
    const louzhang = await t.login('louzhang');
    expect((await t.call('GET', `/api/coverage?nodeId=${community.id}`, { cookie: louzhang })).json().code).toBe('FORBIDDEN');
    const household = await t.database.db.selectFrom('org_node').select('id').where('kind', '=', 'household').where('path', 'like', `${community.path}%`).limit(1).executeTakeFirstOrThrow();
    const kind = await t.call('GET', `/api/coverage?nodeId=${household.id}`, { cookie: shuji });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().code).toBe('COVERAGE_NODE_KIND');
    const bad = await t.call('GET', `/api/coverage/missing?nodeId=${community.id}&figure=happiness`, { cookie: shuji });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('「指标」');
    expect((await t.call('GET', '/api/coverage?nodeId=00000000-0000-4000-8000-000000000000', { cookie: shuji })).statusCode).toBe(404);
  });
});
