import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { nodeByName } from '../support/lookups.ts';
import { FIGURE_CODES, type FigureCode } from '../../src/modules/coverage/coverage.definitions.ts';
import { coverageByGroup } from '../../src/modules/coverage/compute-coverage.ts';
import { gridsUnder, isCurrent, warmCoverageSweep } from '../../src/modules/coverage/grid-counts.ts';

type Figure = { numerator: number; denominator: number };
type NodeFigures = { id: string; figures: Record<FigureCode, Figure> };
type Coverage = { node: NodeFigures; children: NodeFigures[] };

const NOW = new Date('2026-11-03T02:00:00Z');

/**
 * Above a grid the figures are sums of per-grid counts kept in `coverage_grid_count`. These tests
 * hold the cached answer against a fresh count after every kind of write that can change a figure
 * and as time passes, so the cache can only ever be a shortcut to the same numbers.
 */
describeEachEngine('coverage figures from the per-grid counts stay exact', (engine) => {
  let t: TestApp;
  let cookie: string;
  let community: { id: string; path: string };
  let districtId: string;

  const viaApi = async (): Promise<Map<string, Record<FigureCode, Figure>>> => {
    const res = await t.call('GET', `/api/coverage?nodeId=${community.id}`, { cookie });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const body: Coverage = res.json();
    return new Map(body.children.map((c) => [c.id, c.figures]));
  };
  const counted = async (): Promise<Map<string, Record<FigureCode, Figure>>> => {
    const grids = await gridsUnder(t.database.db, districtId, community.path);
    const live = await coverageByGroup(t.database.db, { districtId, underPath: community.path, groups: grids, now: t.clock.now });
    return new Map(grids.map((g) => [g.id, live.get(g.id) as Record<FigureCode, Figure>]));
  };
  const expectExact = async (why: string) => {
    const [cached, fresh] = [await viaApi(), await counted()];
    for (const [gridId, figures] of fresh) {
      for (const code of FIGURE_CODES) {
        const shown = cached.get(gridId)?.[code];
        expect({ numerator: shown?.numerator, denominator: shown?.denominator }, `${why}: ${code} of grid ${gridId}`).toEqual({ numerator: figures[code].numerator, denominator: figures[code].denominator });
      }
    }
  };
  const cacheRows = () => sql<{ grid_id: string; generation: string; counted_generation: string | null; valid_until: Date | null }>`
    select c.grid_id, c.generation, c.counted_generation, c.valid_until from coverage_grid_count c join org_node g on g.district_id = c.district_id and g.id = c.grid_id
    where c.district_id = ${districtId} and starts_with(g.path, ${community.path}) order by g.path`.execute(t.database.db).then((r) => r.rows);

  beforeAll(async () => {
    t = await startTestApp(engine);
    t.clock.now = NOW;
    cookie = await t.login('shuji');
    community = await nodeByName(t.database.db, '百步亭花园社区');
    districtId = (await t.database.db.selectFrom('org_node').select('district_id').where('id', '=', community.id).executeTakeFirstOrThrow()).district_id;
  });
  afterAll(async () => t?.close());

  it('fills the cache on first read and reuses it while nothing changed', async () => {
    await expectExact('first read');
    const rows = await cacheRows();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const r of rows) expect(String(r.counted_generation)).toBe(String(r.generation));
    // A second read uses the stored counts: plant a marker in one grid's row and see it come back.
    const [first] = rows;
    await sql`update coverage_grid_count set counts = jsonb_set(counts, '{basic_info,denominator}', '99999') where district_id = ${districtId} and grid_id = ${first?.grid_id}`.execute(t.database.db);
    expect((await viaApi()).get(first?.grid_id ?? '')?.basic_info.denominator).toBe(99999);
    await sql`update coverage_grid_count set generation = generation + 1 where district_id = ${districtId} and grid_id = ${first?.grid_id}`.execute(t.database.db);
    await expectExact('after the marker was made stale');
  });

  it('stays exact after each kind of write: verification, visit, tag, move-out', async () => {
    const db = t.database.db;
    const household = await db.selectFrom('house as h').innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'h.district_id').onRef('n.id', '=', 'h.house_id'))
      .select(['n.id']).where('h.verified_at', 'is', null).where('n.path', 'like', `${community.path}%`)
      .where((eb) => eb.exists(eb.selectFrom('resident as r').select('r.id').whereRef('r.household_id', '=', 'n.id').where('r.status', '=', 'present')))
      .limit(1).executeTakeFirstOrThrow();
    expect((await t.call('POST', `/api/households/${household.id}/verify`, { cookie })).statusCode).toBeLessThan(300);
    await expectExact('after a verification');

    const vulnerable = await db.selectFrom('resident_tag as t').innerJoin('tag_definition as d', (j) => j.onRef('d.district_id', '=', 't.district_id').onRef('d.code', '=', 't.tag_code'))
      .innerJoin('resident as r', (j) => j.onRef('r.district_id', '=', 't.district_id').onRef('r.id', '=', 't.resident_id'))
      .select(['r.id', 'r.household_id']).where('d.category', '=', 'vulnerable').where('t.until', 'is', null).where('r.status', '=', 'present')
      .where('r.node_path', 'like', `${community.path}%`)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('visit_resident as v').select('v.resident_id').whereRef('v.resident_id', '=', 'r.id'))))
      .limit(1).executeTakeFirstOrThrow();
    const visit = await t.call('POST', '/api/visits', { cookie, body: { householdId: vulnerable.household_id, visitedAt: NOW.toISOString(), residentIds: [vulnerable.id], findings: '身体尚可，需要助餐' } });
    expect(visit.statusCode, visit.body).toBe(201);
    await expectExact('after a visit');

    const someone = await db.selectFrom('resident').select(['id']).where('node_path', 'like', `${community.path}%`).where('status', '=', 'present')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('resident_tag as t').select('t.resident_id').whereRef('t.resident_id', '=', 'resident.id'))))
      .limit(1).executeTakeFirstOrThrow();
    expect((await t.call('POST', `/api/residents/${someone.id}/tags`, { cookie, body: { tagCode: 'empty_nest_elderly' } })).statusCode).toBeLessThan(300);
    await expectExact('after a tag');

    expect((await t.call('POST', `/api/residents/${vulnerable.id}/move-out`, { cookie, body: { on: '2026-11-03' } })).statusCode).toBeLessThan(300);
    await expectExact('after a move-out');
  });

  it('stays exact as time passes: at each grid’s valid-until, past midnight, a month on', async () => {
    const rows = (await cacheRows()).filter((r) => r.valid_until !== null);
    const soonest = rows.map((r) => new Date(r.valid_until as Date).getTime()).sort((a, b) => a - b)[0] as number;
    for (const at of [soonest - 1, soonest, soonest + 1, NOW.getTime() + 86_400_000, NOW.getTime() + 31 * 86_400_000]) {
      t.clock.now = new Date(at);
      cookie = await t.login('shuji'); // the session's idle timeout follows the clock
      await expectExact(`at ${new Date(at).toISOString()}`);
    }
    t.clock.now = NOW; // and back: a clock behind the counts' time does not reuse them
    cookie = await t.login('shuji');
    await expectExact('back at the start');
  });

  it('a bumped generation (what every write does) makes a row stale until it is counted again', async () => {
    const [grid] = await gridsUnder(t.database.db, districtId, community.path);
    const before = (await cacheRows()).find((r) => r.grid_id === grid?.id);
    // Bump the generation as a concurrent write would, then write counts stamped with the old generation.
    await sql`update coverage_grid_count set generation = generation + 1 where district_id = ${districtId} and grid_id = ${grid?.id}`.execute(t.database.db);
    const after = (await cacheRows()).find((r) => r.grid_id === grid?.id);
    expect(String(after?.counted_generation)).not.toBe(String(after?.generation));
    expect(before).toBeDefined();
    await expectExact('after a bump');
    const refreshed = (await cacheRows()).find((r) => r.grid_id === grid?.id);
    expect(String(refreshed?.counted_generation)).toBe(String(refreshed?.generation));
  });

  it('the warming sweep counts stale grids ahead of the first reader, and does nothing when all are current', async () => {
    await sql`update coverage_grid_count set generation = generation + 1 where district_id = ${districtId}`.execute(t.database.db);
    const first = await warmCoverageSweep.run(t.database.db, t.clock.now);
    expect(first.changed).toBeGreaterThanOrEqual(13); // every grid of the demo district
    const rows = (await sql<{ generation: string; counted_generation: string | null; computed_at: Date | null; valid_until: Date | null }>`
      select generation, counted_generation, computed_at, valid_until from coverage_grid_count where district_id = ${districtId}`.execute(t.database.db)).rows;
    for (const r of rows) expect(isCurrent(r, t.clock.now)).toBe(true);
    expect((await warmCoverageSweep.run(t.database.db, t.clock.now)).changed).toBe(0);
    await expectExact('after warming');
  });
});
