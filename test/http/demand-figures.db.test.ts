import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { nodeByName, nodeOfAccount } from '../support/lookups.ts';
import { backlogAndOverdue, demandFigures, type DemandRecord } from '../../src/modules/demands/rules/figures.ts';
import { chinaDayStart } from '../../src/modules/demands/figures/demand-figures.ts';
import { prng } from '../../src/modules/demo/demo-people.ts';

const at = (iso: string) => new Date(iso);
const CODES = ['response_rate', 'same_day_rate', 'on_time_rate', 'resolution_rate', 'satisfaction_rate'] as const;
type Figures = Record<(typeof CODES)[number], { numerator: number; denominator: number; rate: number | null; display: string }>;
type Row = { node: { id: string | null; name: string; kind: string }; figures: Figures; received: number; backlog: number; overdue: number };
const pairs = (f: Figures) => Object.fromEntries(CODES.map((c) => [c, [f[c].numerator, f[c].denominator]]));

describeEachEngine('demand figures (诉求指标): rates per node and period, children, scope, Excel; equal to the pure definitions', (engine) => {
  let t: TestApp;
  let community: { id: string; path: string; name: string };
  let grid: { id: string; path: string };
  let household: string;
  let resident: { id: string; phone: string };

  async function residentCookie(phone: string): Promise<string> {
    expect((await t.call('POST', '/api/portal/login/code', { body: { phone } })).statusCode).toBe(200);
    const admin = await t.login('admin');
    const outbox = await t.call('GET', '/api/outbox', { cookie: admin });
    const message = outbox.json().items.filter((m: { phone: string }) => m.phone === phone).sort((a: { at: string }, b: { at: string }) => b.at.localeCompare(a.at))[0];
    const code = /(\d{6})/.exec(message?.body ?? '')?.[1];
    const res = await t.call('POST', '/api/portal/login', { body: { phone, code } });
    expect(res.statusCode).toBe(200);
    return `gz_session=${res.cookies.find((c) => c.name === 'gz_session')?.value}`;
  }

  /** Moves the clock and signs the secretary in again (sessions lapse after 30 idle minutes). */
  async function clockTo(iso: string): Promise<string> {
    t.clock.now = at(iso);
    return t.login('shuji');
  }
  const figures = async (cookie: string, query: string, headers?: Record<string, string>) => {
    const res = await t.call('GET', `/api/demand-figures${query ? `?${query}` : ''}`, { cookie, ...(headers ? { headers } : {}) });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json() as Row & { window: { from: string; to: string }; children: Row[]; definitions: { code: string; name: string; help: string; target: number | null }[]; computedMs: number };
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    const db = t.database.db;
    const person = await db.selectFrom('resident').select(['id', 'household_id', 'node_path', 'phone']).where('phone', '=', '13800000001').executeTakeFirstOrThrow();
    resident = { id: person.id, phone: '13800000001' };
    household = person.household_id;
    const parts = person.node_path.split('/');
    const c = await db.selectFrom('org_node').select(['id', 'path', 'name']).where('id', '=', parts[3] ?? '').executeTakeFirstOrThrow();
    community = c;
    grid = await db.selectFrom('org_node').select(['id', 'path']).where('id', '=', parts[4] ?? '').where('kind', '=', 'grid').executeTakeFirstOrThrow();
  });
  afterAll(async () => t?.close());

  it('counts a month of demands the test makes: same day, on time or late, resolved or explained, ratings, merged left out, suspension; children with 「未落到网格」', async () => {
    const NOW = '2027-03-10T10:00:00+08:00'; // a Wednesday; the demo has nothing in March 2027
    const query = `nodeId=${community.id}&from=2027-03-01&to=2027-03-31`;
    let shuji = await clockTo(NOW);
    const before = await figures(shuji, query);
    expect(before.received).toBe(0);

    const intake = async (iso: string, body: Record<string, unknown> = {}) => {
      shuji = await clockTo(iso);
      const res = await t.call('POST', '/api/demands', { cookie: shuji, body: { channel: 'hotline', nodeId: household, category: 'environment.garbage', title: '楼道垃圾未清运', ...body } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const act = async (iso: string, id: string, verb: string, body: unknown = {}) => {
      shuji = await clockTo(iso);
      const res = await t.call('POST', `/api/demands/${id}/${verb}`, { cookie: shuji, body });
      expect(res.statusCode, `${verb}: ${res.body}`).toBe(200);
    };
    const rate = async (iso: string, id: string, rating: string) => {
      t.clock.now = at(iso);
      const cookie = await residentCookie(resident.phone);
      const res = await t.call('POST', `/api/portal/demands/${id}/rate`, { cookie, body: { rating } });
      expect(res.statusCode, res.body).toBe(200);
    };
    const finish = (iso: string, id: string, result: string) => act(iso, id, 'finish', { outcome: { result, text: '已处理并答复' } });

    // Environment: respond within 2 natural hours; finish within 1 working day (by 24:00 of the day).
    const d7 = await intake('2027-02-27T10:00:00+08:00'); // before the window, still open: backlog and overdue only
    const d1 = await intake('2027-03-02T09:00:00+08:00', { residentId: resident.id });
    const d2 = await intake('2027-03-02T09:00:00+08:00', { residentId: resident.id });
    const d3 = await intake('2027-03-02T09:05:00+08:00');
    for (const id of [d1, d2, d3]) { await act('2027-03-02T09:30:00+08:00', id, 'route'); await act('2027-03-02T09:30:00+08:00', id, 'accept'); }
    await act('2027-03-02T09:40:00+08:00', d3, 'merge', { intoDemandId: d2 }); // a duplicate: left out
    await finish('2027-03-02T10:00:00+08:00', d1, 'resolved'); // same day, on time
    await rate('2027-03-02T11:00:00+08:00', d1, 'satisfied');
    const d4 = await intake('2027-03-03T09:00:00+08:00');
    const d5 = await intake('2027-03-03T09:00:00+08:00'); // never accepted: response late, overdue
    await act('2027-03-03T09:10:00+08:00', d4, 'route');
    await act('2027-03-03T09:10:00+08:00', d4, 'accept');
    await act('2027-03-03T09:20:00+08:00', d4, 'suspend', { reason: '等待业主回国后入户' }); // clock stands still: not overdue
    const d6 = await intake('2027-03-04T09:00:00+08:00', { nodeId: community.id }); // placed at the community, no grid
    const d9 = await intake('2027-03-04T09:00:00+08:00');
    for (const id of [d6, d9]) { await act('2027-03-04T09:10:00+08:00', id, 'route'); await act('2027-03-04T09:10:00+08:00', id, 'accept'); }
    await finish('2027-03-04T09:30:00+08:00', d6, 'resolved');
    await finish('2027-03-04T15:00:00+08:00', d9, 'explained'); // done, on time, not resolved
    await finish('2027-03-05T10:00:00+08:00', d2, 'explained'); // late
    await rate('2027-03-05T11:00:00+08:00', d2, 'unsatisfied'); // reopened: open again, overdue by 03-05 24:00; the rating counts
    const d8 = await intake('2027-03-10T09:00:00+08:00'); // today, open: not in same-day's denominator yet
    void d8;

    shuji = await clockTo(NOW);
    const after = await figures(shuji, query);
    expect(after.node).toEqual({ id: community.id, name: community.name, kind: 'community' });
    expect(after.window).toEqual({ from: '2027-03-01', to: '2027-03-31' });
    expect(after.received).toBe(7); // d1 d2 d4 d5 d6 d8 d9
    expect(pairs(after.figures)).toEqual({
      response_rate: [5, 6], // d5 late (2 h passed unaccepted); d8's limit has not passed
      same_day_rate: [3, 6], // d1 d6 d9 of d1 d2 d4 d5 d6 d9
      on_time_rate: [3, 5], // d1 d6 d9 done on time; d2 (reopened) and d5 open and overdue
      resolution_rate: [2, 3], // d1 d6 of d1 d6 d9
      satisfaction_rate: [1, 2], // d1 satisfied; d2's latest rating unsatisfied
    });
    expect(after.figures.response_rate).toMatchObject({ rate: 5 / 6, display: '83.3%' });
    expect(after.figures.on_time_rate.display).toBe('60.0%');
    expect(after.backlog - before.backlog).toBe(5); // d2 d4 d5 d7 d8
    expect(after.overdue - before.overdue).toBe(3); // d2 d5 d7 (d4 is suspended)

    const gridRow = after.children.find((c) => c.node.id === grid.id);
    expect(gridRow?.node.kind).toBe('grid');
    expect(gridRow?.received).toBe(6);
    expect(pairs(gridRow!.figures)).toEqual({ response_rate: [4, 5], same_day_rate: [2, 5], on_time_rate: [2, 4], resolution_rate: [1, 2], satisfaction_rate: [1, 2] });
    const unplaced = after.children.find((c) => c.node.id === null);
    expect(unplaced?.node).toEqual({ id: null, name: '未落到网格', kind: 'unplaced' });
    expect(unplaced?.received).toBe(1);
    expect(pairs(unplaced!.figures)).toEqual({ response_rate: [1, 1], same_day_rate: [1, 1], on_time_rate: [1, 1], resolution_rate: [1, 1], satisfaction_rate: [0, 0] });
    expect(unplaced?.figures.satisfaction_rate).toMatchObject({ rate: null, display: '—' });
    // Every grid of the community has a row, even an empty one.
    const grids = await t.database.db.selectFrom('org_node').select('id').where('parent_id', '=', community.id).where('kind', '=', 'grid').execute();
    expect(after.children.filter((c) => c.node.kind === 'grid').map((c) => c.node.id).sort()).toEqual(grids.map((g) => g.id).sort());

    // The grid asked directly: same numbers, no children.
    const g = await figures(shuji, `nodeId=${grid.id}&from=2027-03-01&to=2027-03-31`);
    expect(pairs(g.figures)).toEqual(pairs(gridRow!.figures));
    expect(g.children).toEqual([]);
    // A narrower window: only March 2–3 (d1 d2 d4 d5).
    const narrow = await figures(shuji, `nodeId=${community.id}&from=2027-03-02&to=2027-03-03`);
    expect(narrow.received).toBe(4);
    expect(pairs(narrow.figures).same_day_rate).toEqual([1, 4]);
    // Definitions in DEMAND_FIGURES order with the help text, English on request.
    expect(after.definitions.map((d) => d.code)).toEqual([...CODES]);
    expect(after.definitions[1]).toMatchObject({ name: '当日处理率', target: 0.85 });
    expect(after.definitions[0]?.help).toContain('响应时限');
    const en = await figures(shuji, query, { 'accept-language': 'en' });
    expect(en.definitions[0]?.name).toBe('Response rate');

    // The street sees the same numbers in its community's row.
    t.clock.now = at(NOW);
    const jiedao = await t.login('jiedao');
    const street = await figures(jiedao, 'from=2027-03-01&to=2027-03-31');
    expect(street.node.kind).toBe('street');
    const communityRow = street.children.find((c) => c.node.id === community.id);
    expect(communityRow?.node.kind).toBe('community');
    expect(pairs(communityRow!.figures)).toEqual(pairs(after.figures));
    expect(street.received).toBeGreaterThanOrEqual(7);
  });

  it('without nodeId: the widest node the account reads demands in; the window defaults to this month up to today', async () => {
    t.clock.now = at('2026-11-23T10:00:00+08:00');
    const cases: [string, string][] = [['jiedao', 'street'], ['shuji', 'community'], ['wangge', 'grid'], ['admin', 'district'], ['louzhang', 'building']];
    for (const [user, kind] of cases) {
      const res = await figures(await t.login(user), '');
      expect(res.node.kind, user).toBe(kind);
      expect(res.window).toEqual({ from: '2026-11-01', to: '2026-11-23' });
    }
    const wangge = await figures(await t.login('wangge'), '');
    expect(wangge.node.id).toBe((await nodeOfAccount(t.database.db, 'wangge')).id);
    expect(wangge.children).toEqual([]);
    const shuji = await figures(await t.login('shuji'), '');
    expect(shuji.node.id).toBe((await nodeByName(t.database.db, '百步亭花园社区', 'community')).id);
    expect(typeof shuji.computedMs).toBe('number');
  });

  it('scope: another community’s secretary cannot ask for 百步亭 nodes (403), an unknown node is 404; bad dates are 400 naming the field', async () => {
    t.clock.now = at('2026-11-23T10:00:00+08:00');
    const admin2 = await t.login('admin2');
    for (const url of ['/api/demand-figures', '/api/demand-figures.xlsx']) {
      expect((await t.call('GET', `${url}?nodeId=${community.id}`, { cookie: admin2 })).statusCode).toBe(403);
      expect((await t.call('GET', `${url}?nodeId=${grid.id}`, { cookie: admin2 })).statusCode).toBe(403);
      expect((await t.call('GET', `${url}?nodeId=${crypto.randomUUID()}`, { cookie: admin2 })).statusCode).toBe(404);
    }
    const own = await figures(admin2, '');
    expect(own.node.name).toBe('幸福里社区');
    expect(JSON.stringify(own)).not.toContain(community.id);
    expect((await t.call('GET', '/api/demand-figures')).statusCode).toBe(401);

    const shuji = await t.login('shuji');
    const bad = async (query: string) => {
      const res = await t.call('GET', `/api/demand-figures?${query}`, { cookie: shuji });
      expect(res.statusCode, query).toBe(400);
      return res.json() as { code: string; message: string };
    };
    expect((await bad('from=2026-02-30')).message).toContain('开始日期');
    expect((await bad('to=2026-11-31')).message).toContain('结束日期');
    expect((await bad('from=yesterday')).message).toContain('开始日期');
    const reversed = await bad('from=2026-11-20&to=2026-11-10');
    expect(reversed).toMatchObject({ code: 'DEMAND_FIGURES_WINDOW_REVERSED', message: '「结束日期」不能早于「开始日期」' });
    expect((await bad('from=2020-01-01&to=2026-11-10')).code).toBe('DEMAND_FIGURES_WINDOW_TOO_LONG');
    expect((await bad('nodeId=abc')).message).toContain('组织节点');
    expect((await t.call('GET', '/api/demand-figures.xlsx?from=2026-11-20&to=2026-11-10', { cookie: shuji })).statusCode).toBe(400);
  });

  it('the Excel export opens: one row per child and a total row, zh headers, the definitions on a second sheet', async () => {
    t.clock.now = at('2027-03-10T10:00:00+08:00');
    const shuji = await t.login('shuji');
    const json = await figures(shuji, `nodeId=${community.id}&from=2027-03-01&to=2027-03-31`);
    const res = await t.call('GET', `/api/demand-figures.xlsx?nodeId=${community.id}&from=2027-03-01&to=2027-03-31`, { cookie: shuji });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('诉求指标.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['诉求指标', '指标说明']);
    const sheet = book.getWorksheet('诉求指标')!;
    expect(String(sheet.getCell(1, 1).value)).toContain('2027-03-01 至 2027-03-31');
    expect(sheet.getCell(2, 1).value).toBe('名称');
    expect(sheet.getCell(2, 3).value).toBe('本期登记');
    expect(sheet.getCell(2, 4).value).toBe('响应率');
    expect(sheet.getCell(3, 4).value).toBe('分子');
    const dataRows = sheet.rowCount - 3;
    expect(dataRows).toBe(json.children.length + 1);
    const total = sheet.getRow(sheet.rowCount);
    expect(total.getCell(1).value).toBe(`合计：${community.name}`);
    expect(total.getCell(3).value).toBe(json.received);
    expect(total.getCell(4).value).toBe(json.figures.response_rate.numerator);
    expect(total.getCell(5).value).toBe(json.figures.response_rate.denominator);
    expect(total.getCell(6).value).toBeCloseTo(json.figures.response_rate.rate ?? 0, 10);
    const names = Array.from({ length: json.children.length }, (_, i) => sheet.getRow(4 + i).getCell(1).value);
    expect(names).toEqual(json.children.map((c) => c.node.name));
    expect(names).toContain('未落到网格');
    const help = book.getWorksheet('指标说明')!;
    expect(help.getCell(1, 1).value).toBe('指标');
    expect(help.getCell(3, 1).value).toBe('当日处理率');
    expect(String(help.getCell(3, 4).value)).toContain('登记当天');
  });

  it('equals the pure demandFigures / backlogAndOverdue on random demands, after random changes too, at every level; the trigger-kept sums equal a recount', async () => {
    const db = t.database.db;
    const districtId = (await db.selectFrom('org_node').select('district_id').where('id', '=', community.id).executeTakeFirstOrThrow()).district_id;
    const streetPath = community.path.split('/').slice(0, 3).join('/') + '/';
    const street = await db.selectFrom('org_node').select('id').where('path', '=', streetPath).executeTakeFirstOrThrow();
    // A community of the test's own, with two grids and a building, so no other test's demands mix in.
    const node = (parent: { id: string; path: string }, kind: 'community' | 'grid' | 'building', name: string) => {
      const id = crypto.randomUUID();
      return { district_id: districtId, id, parent_id: parent.id, kind, name, path: `${parent.path}${id}/`, sort_order: 90 };
    };
    const c = node({ id: street.id, path: streetPath }, 'community', '随机测试社区');
    const g1 = node(c, 'grid', '随机第一网格');
    const g2 = node(c, 'grid', '随机第二网格');
    const b1 = node(g1, 'building', '随机1栋');
    await db.insertInto('org_node').values([c, g1, g2, b1]).execute();
    const places = [c.path, g1.path, g2.path, b1.path, `${b1.path}${crypto.randomUUID()}/`];

    const rand = prng(engine === 'pglite' ? 11 : 12);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const NOW = at('2027-05-20T10:30:00+08:00');
    const H = 3600_000;
    const maybe = <T,>(p: number, f: () => T): T | null => (rand() < p ? f() : null);
    const statuses = ['received', 'routed', 'accepted', 'suspended', 'done', 'closed', 'merged'] as const;
    type Gen = { status: (typeof statuses)[number]; node_path: string; created_at: Date; respond_by: Date; responded_at: Date | null; finish_by: Date | null; done_at: Date | null; outcome_result: 'resolved' | 'explained' | 'unresolvable' | null; last_rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied' | null };
    const gen = (): Gen => {
      // Times on whole quarter hours near midnight too, so China-day boundaries are crossed.
      const created = new Date(NOW.getTime() - Math.floor(rand() * 45 * 96) * 15 * 60_000);
      const status = pick(statuses);
      const done = status === 'done' || status === 'closed' ? true : rand() < 0.1; // mostly consistent, sometimes not
      return {
        status,
        node_path: pick(places),
        created_at: created,
        respond_by: new Date(created.getTime() + Math.floor(rand() * 96 - 4) * H / 2),
        responded_at: maybe(done ? 0.92 : 0.5, () => new Date(created.getTime() + Math.floor(rand() * 60) * H / 2)),
        finish_by: maybe(0.85, () => new Date(created.getTime() + Math.floor(rand() * 20 * 24) * H)),
        done_at: done ? new Date(created.getTime() + Math.floor(rand() * 12 * 24) * H) : null,
        outcome_result: done ? pick(['resolved', 'explained', 'unresolvable'] as const) : maybe(0.1, () => pick(['resolved', 'explained'] as const)),
        last_rating: maybe(0.5, () => pick(['satisfied', 'basically_satisfied', 'unsatisfied'] as const)),
      };
    };
    const insert = async (rows: Gen[]) => {
      for (const r of rows) {
        await db.insertInto('demand').values({
          district_id: districtId, id: crypto.randomUUID(), community_id: c.id, node_path: r.node_path, channel: 'hotline', category_code: 'environment.garbage',
          title: '随机诉求', first_asked_by_name: '测试', status: r.status, respond_by: r.respond_by, responded_at: r.responded_at, finish_by: r.finish_by,
          done_at: r.done_at, outcome_result: r.outcome_result, last_rating: r.last_rating, created_at: r.created_at, updated_at: r.created_at,
        }).execute();
      }
    };
    await insert(Array.from({ length: 260 }, gen));

    const records = async (path: string, exclude: string[] = []): Promise<DemandRecord[]> => {
      const rows = await db.selectFrom('demand').selectAll().where('district_id', '=', districtId).where('node_path', 'like', `${path}%`).execute();
      return rows.filter((r) => !exclude.some((p) => r.node_path.startsWith(p))).map((r) => ({
        id: r.id, receivedAt: new Date(r.created_at), respondBy: new Date(r.respond_by), respondedAt: r.responded_at ? new Date(r.responded_at) : null,
        finishBy: r.finish_by ? new Date(r.finish_by) : null, doneAt: r.done_at ? new Date(r.done_at) : null, outcome: r.outcome_result, rating: r.last_rating, merged: r.status === 'merged',
      }));
    };
    const expected = (recs: DemandRecord[], from: string, to: string, now: Date) => {
      const window = { from: chinaDayStart(from), to: new Date(chinaDayStart(to).getTime() + 86_400_000) };
      const f = demandFigures({ records: recs, window, now });
      const b = backlogAndOverdue(recs, now);
      return {
        figures: Object.fromEntries(CODES.map((k) => [k, [f[k].numerator, f[k].denominator, f[k].display]])),
        received: recs.filter((r) => !r.merged && r.receivedAt >= window.from && r.receivedAt < window.to).length,
        backlog: b.backlog,
        overdue: b.overdue.length,
      };
    };
    const actual = (row: Row) => ({ figures: Object.fromEntries(CODES.map((k) => [k, [row.figures[k].numerator, row.figures[k].denominator, row.figures[k].display]])), received: row.received, backlog: row.backlog, overdue: row.overdue });

    const compare = async (label: string) => {
      for (const now of [NOW, at('2027-05-08T00:10:00+08:00')]) {
        for (const [from, to] of [['2027-05-01', '2027-05-31'], ['2027-04-10', '2027-05-20'], ['2027-05-07', '2027-05-08'], ['2027-05-20', '2027-05-20'], ['2027-04-01', '2027-04-30'], ['2027-03-15', '2027-05-31']] as const) {
          t.clock.now = now;
          const admin = await t.login('admin');
          const at_ = `${label} now=${now.toISOString()} ${from}..${to}`;
          const top = await figures(admin, `nodeId=${c.id}&from=${from}&to=${to}`);
          expect(actual(top), `community ${at_}`).toEqual(expected(await records(c.path), from, to, now));
          for (const gr of [g1, g2]) {
            const row = top.children.find((x) => x.node.id === gr.id);
            expect(actual(row!), `${gr.name} ${at_}`).toEqual(expected(await records(gr.path), from, to, now));
          }
          const rest = top.children.find((x) => x.node.id === null);
          const restExpected = expected(await records(c.path, [g1.path, g2.path]), from, to, now);
          if (rest) expect(actual(rest), `unplaced ${at_}`).toEqual(restExpected);
          else expect(restExpected.received + restExpected.backlog).toBe(0);
          const building = await figures(admin, `nodeId=${b1.id}&from=${from}&to=${to}`);
          expect(actual(building), `building ${at_}`).toEqual(expected(await records(b1.path), from, to, now));
        }
      }
    };
    await compare('inserted');

    // Random changes through UPDATE and DELETE: the triggers keep the sums.
    const ids = (await db.selectFrom('demand').select('id').where('community_id', '=', c.id).orderBy('created_at').execute()).map((r) => r.id);
    for (const id of ids) {
      const x = rand();
      if (x < 0.35) {
        const g = gen();
        await db.updateTable('demand').set({ status: g.status, done_at: g.done_at, responded_at: g.responded_at, outcome_result: g.outcome_result, last_rating: g.last_rating, finish_by: g.finish_by }).where('district_id', '=', districtId).where('id', '=', id).execute();
      } else if (x < 0.45) {
        await db.updateTable('demand').set({ status: 'merged' }).where('district_id', '=', districtId).where('id', '=', id).execute();
      } else if (x < 0.5) {
        await db.updateTable('demand').set({ node_path: pick(places) }).where('district_id', '=', districtId).where('id', '=', id).execute();
      } else if (x < 0.55) {
        await db.deleteFrom('demand').where('district_id', '=', districtId).where('id', '=', id).execute();
      } else if (x < 0.6) {
        await db.updateTable('demand').set({ updated_at: NOW }).where('district_id', '=', districtId).where('id', '=', id).execute();
      }
    }
    await compare('changed');

    // The sums kept row by row (per day and per month) equal a recount from scratch (zero rows left behind aside).
    const kept = async () => ({
      days: (await sql<Record<string, unknown>>`select unit_path, day::text as day, received, responded_on_time, done_same_day, done_on_time, resolved, rated, satisfied
        from demand_figure_day where district_id = ${districtId}::uuid and (received <> 0 or rated <> 0) order by unit_path, day`.execute(db)).rows,
      months: (await sql<Record<string, unknown>>`select unit_path, month::text as month, received, responded_on_time, done_same_day, done_on_time, resolved, rated, satisfied
        from demand_figure_month where district_id = ${districtId}::uuid and (received <> 0 or rated <> 0) order by unit_path, month`.execute(db)).rows,
    });
    const incremental = await kept();
    expect(incremental.days.length).toBeGreaterThan(10);
    expect(incremental.months.length).toBeGreaterThan(3);
    await sql`select demand_figure_day_rebuild(${districtId}::uuid)`.execute(db);
    expect(await kept()).toEqual(incremental);
  });
});
