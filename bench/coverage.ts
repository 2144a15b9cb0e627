import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database, type Db } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { installGridCatalogues } from '../src/modules/grid/install-catalogues.ts';
import { coverageByGroup, nodeCoverage } from '../src/modules/coverage/compute-coverage.ts';
import { DEFAULT_INTERVAL_DAYS, FIGURE_TAG_CATEGORY } from '../src/modules/coverage/coverage.definitions.ts';
import { backboneCounts, cadencesOf, householdCounts, noticesInForce, visitedCounts, type Scope } from '../src/modules/coverage/coverage.repository.ts';
import { cadenceIntervals, localDate, noticePlan } from '../src/modules/coverage/coverage.ts';
import { listMissing } from '../src/modules/coverage/list-missing.ts';
import { listDueVisits } from '../src/modules/grid/due-visits.service.ts';
import type { StaffActor } from '../src/platform/auth/actor.ts';
import { generateDistrict } from './generate.ts';
import { int, ms, secs, table } from './report.ts';
import { benchShape, DEFAULT_RESIDENTS } from './shape.ts';
import { now, summarize, timeRuns, type TimedRuns } from './stats.ts';

/**
 * `npx tsx bench/coverage.ts`: the 五个百分百 figures at district scale. Builds the benchmark district
 * (bench/generate.ts) at BENCH_RESIDENTS (default 500,000), adds synthetic grid data in SQL — house
 * rows (88 % of occupied verified), vulnerable / key-person tags (~5 % / ~0.5 % of residents), a building
 * leader in ~90 % of buildings, about five visits a year for tagged people (most recent within 60 days
 * for ~65 % of them), two policy notices with ~60 % acknowledged — then times the app's own code: a
 * street's figures with its communities (the issue's target: under 100 ms on PostgreSQL), each figure's
 * query alone, a community, a grid, the map's per-grid figures for a street, and a drill-down page.
 * Same environment variables as bench/run.ts: BENCH_RESIDENTS, BENCH_ENGINES, BENCH_PG_URL, BENCH_RUNS,
 * BENCH_WARMUP, BENCH_QUERY_BUDGET_MS, BENCH_SEED.
 */
const env = (name: string, fallback: number) => {
  const raw = process.env[name]?.replaceAll('_', '');
  const value = raw ? Number(raw) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
};
const config = {
  residents: Math.max(1000, env('BENCH_RESIDENTS', DEFAULT_RESIDENTS)),
  runs: Math.max(5, env('BENCH_RUNS', 30)),
  warmup: env('BENCH_WARMUP', 3),
  budgetMs: env('BENCH_QUERY_BUDGET_MS', 8000),
  seed: env('BENCH_SEED', 20261122),
  engines: (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',').map((e) => e.trim()).filter(Boolean),
  pgUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
};
const PG_DB = 'gongzhi_bench_coverage';
const TODAY = new Date('2026-11-22T04:00:00Z');
const started = now();
const log = (line: string) => console.log(`[${((now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);

type Target = { label: string; database: Database; cleanup: () => Promise<void> };

async function openPglite(): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-coverage-'));
  process.on('SIGINT', () => { fs.rmSync(dir, { recursive: true, force: true }); process.exit(130); });
  const database = await openDatabase({ engine: 'pglite', dataDir: dir });
  return { label: 'PGlite', database, cleanup: async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

async function openPostgres(): Promise<Target | null> {
  const admin = new pg.Client({ connectionString: config.pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    log(`PostgreSQL 不可用 unreachable (${error instanceof Error ? error.message : String(error)}): skipped`);
    return null;
  }
  await admin.query(`drop database if exists ${PG_DB} with (force)`);
  await admin.query(`create database ${PG_DB}`);
  const url = new URL(config.pgUrl);
  url.pathname = `/${PG_DB}`;
  const database = await openDatabase({ engine: 'postgres', url: url.toString() });
  return {
    label: 'PostgreSQL',
    database,
    cleanup: async () => {
      await database.close();
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the pool's backends go before the forced drop
      if (process.env.BENCH_KEEP === '1') log(`  kept database ${PG_DB} (BENCH_KEEP=1)`);
      else await admin.query(`drop database if exists ${PG_DB} with (force)`);
      await admin.end();
    },
  };
}

/** The grid module's data, made in SQL so that half a million people take seconds, not minutes. */
async function addGridData(db: Db, districtId: string): Promise<void> {
  await installGridCatalogues(db, districtId);
  const visitor = crypto.randomUUID();
  await db.insertInto('account').values({ id: visitor, district_id: districtId, username: 'bench_wangge', display_name: '基准网格员', password_hash: 'x', locked_until: null, last_login_at: null, password_changed_at: TODAY, created_at: TODAY, updated_at: TODAY }).execute();
  const d = districtId;
  const step = async (name: string, query: { execute: (db: Db) => Promise<unknown> }) => {
    const t0 = now();
    await query.execute(db);
    log(`    ${name}: ${secs((now() - t0) / 1000)}`);
  };
  await sql`select setseed(0.42)`.execute(db);
  await step('houses', sql`insert into house (district_id, house_id, floor_area, use, verified_at)
    select n.district_id, n.id, 60 + floor(random() * 80), case when o.node_path is null then 'vacant' else 'owner_occupied' end,
      case when o.node_path is not null and random() < 0.88 then ${TODAY.toISOString()}::timestamptz end
    from org_node n left join (select distinct node_path from resident where district_id = ${d}) o on o.node_path = n.path
    where n.district_id = ${d} and n.kind = 'household'`);
  await step('tags', sql`insert into resident_tag (district_id, resident_id, tag_code, since, created_at)
    select district_id, id, case when x < 0.012 then 'lonely_elderly' when x < 0.03 then 'poor_family' when x < 0.04 then 'unemployed'
      when x < 0.05 then 'disabled' when x < 0.0515 then 'released_prisoner' when x < 0.0525 then 'key_petitioner' else 'severe_mental_disorder' end,
      '2025-06-01', now()
    from (select district_id, id, random() as x from resident where district_id = ${d}) r where x < 0.0532`);
  await step('building leaders', sql`insert into resident_tag (district_id, resident_id, tag_code, since, created_at)
    select district_id, id, 'building_leader', '2024-01-01', now() from (
      select distinct on (split_part(node_path, '/', 6)) district_id, id from resident where district_id = ${d} and relation = '户主'
      order by split_part(node_path, '/', 6), id) b
    where random() < 0.9`);
  // About five visits a year per tagged person; the latest within the last 60 days for ~65 % of them.
  await step('visits', sql`with picked as (
      select r.district_id, r.id as resident_id, r.household_id, r.node_path, gen_random_uuid() as visit_id,
        ${TODAY.toISOString()}::timestamptz - (case when k = 0 and random() < 0.65 then random() * 60 else 60 + random() * 300 end) * interval '1 day' as at
      from resident_tag t join resident r on r.district_id = t.district_id and r.id = t.resident_id
      cross join generate_series(0, 4) k
      where t.district_id = ${d} and t.tag_code <> 'building_leader'),
    v as (insert into visit (district_id, id, household_id, node_path, visitor_id, visitor_role, visited_at, findings, photos, created_at)
      select district_id, visit_id, household_id, node_path, ${visitor}::uuid, 'grid_worker', at, '入户了解生活情况', '[]', at from picked)
    insert into visit_resident (district_id, visit_id, resident_id, visited_at, visitor_role) select district_id, visit_id, resident_id, at, 'grid_worker' from picked`);
  const street = await db.selectFrom('org_node').select('id').where('district_id', '=', d).where('kind', '=', 'street').orderBy('sort_order').limit(1).executeTakeFirstOrThrow();
  for (const [scope, title] of [[d, '城乡居民医保缴费政策'], [street.id, '老旧小区改造政策']] as const) {
    const id = crypto.randomUUID();
    await db.insertInto('policy_notice').values({ district_id: d, id, scope_node_id: scope, title, body: '……', published_on: '2026-09-01', expires_on: '2026-12-31' }).execute();
    await step(`acknowledgements of ${title}`, sql`insert into policy_acknowledgement (district_id, notice_id, household_id, acknowledged_at)
      select h.district_id, ${id}::uuid, h.house_id, now() from house h join org_node s on s.district_id = h.district_id and s.id = ${scope}::uuid
      join org_node n on n.district_id = h.district_id and n.id = h.house_id
      where h.district_id = ${d} and h.use <> 'vacant' and n.path like s.path || '%' and random() < 0.6`);
  }
}

type Row = { key: string; what: string } & TimedRuns;

async function benchEngine(target: Target): Promise<{ label: string; version: string; rows: Row[]; counts: Record<string, number> }> {
  const { db } = target.database;
  const version = (await sql<{ v: string }>`select version() as v`.execute(db)).rows[0]?.v ?? '';
  log(`${target.label}: ${version}`);
  await migrate(db);
  const bench = benchShape(config.residents, { districtId: crypto.randomUUID(), seed: config.seed, today: TODAY });
  const districtId = bench.shape.districtId;
  const { skeleton, result } = await generateDistrict(db, bench.shape, bench.grids, log);
  log(`  生成 generated ${int(result.residents)} residents in ${secs(result.seconds)}`);
  await sql`analyze`.execute(db); // statistics for the generated tables, so the grid-data statements plan well
  let t = now();
  await addGridData(db, districtId);
  log(`  网格数据 grid data (houses, tags, visits, notices) in ${secs((now() - t) / 1000)}`);
  // PostgreSQL's autovacuum would have vacuumed the freshly loaded tables by the time anyone asks for
  // figures (visibility maps let index-only scans skip the heap); PGlite has none, so only ANALYZE there,
  // as the app does after seeding.
  t = now();
  await (target.database.engine === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(db);
  log(`  ${target.database.engine === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE'} ${secs((now() - t) / 1000)}`);
  const count = async (table: 'house' | 'resident_tag' | 'visit_resident' | 'policy_acknowledgement') =>
    Number((await db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
  const counts = { residents: result.residents, houses: await count('house'), tags: await count('resident_tag'), visits: await count('visit_resident'), acknowledgements: await count('policy_acknowledgement') };

  const streets = skeleton.streets;
  const communities = skeleton.communities;
  const grids = result.samples;
  const at = <T>(list: readonly T[], i: number): T => { const x = list[i % list.length]; if (x === undefined) throw new Error('empty'); return x; };
  const actor: StaffActor = { kind: 'staff', id: crypto.randomUUID(), districtId, username: 'bench', displayName: '基准', mustChangePassword: false, bindings: [{ role: 'secretary', nodeId: districtId, nodePath: skeleton.root.path, nodeName: '区', nodeKind: 'district' }] };
  const intervals = cadenceIntervals(await cadencesOf(db, districtId));
  const streetScope = (i: number): Scope => {
    const s = at(streets, i);
    return { districtId, underPath: s.path, groups: communities.filter((c) => c.parent_id === s.id).map((c) => ({ id: c.id, path: c.path })) };
  };
  const noticeIds = async (i: number) => noticePlan({ notices: await noticesInForce(db, { districtId, underPath: at(streets, i).path, today: localDate(TODAY) }), underPath: at(streets, i).path, groups: streetScope(i).groups }).covering;
  const categories = (['vulnerable_care', 'key_person'] as const).map((code) => ({ category: FIGURE_TAG_CATEGORY[code], defaultDays: DEFAULT_INTERVAL_DAYS[code] }));
  const specs: { key: string; what: string; run: (i: number) => Promise<unknown> }[] = [
    { key: 'street_baseline', what: '基线 baseline: bare count of the street\u2019s residents (one range, no figures)', run: (i) => sql`select count(*) from resident where district_id = ${districtId} and node_path ~>=~ ${at(streets, i).path} and node_path ~<~ ${`${at(streets, i).path}~`}`.execute(db) },
    { key: 'street', what: '街道五项指标+各社区 street: 5 figures for it and each community (GET /api/coverage; per-grid counts current)', run: (i) => nodeCoverage(db, { districtId, nodeId: at(streets, i).id, now: TODAY, lang: 'zh' }) },
    {
      key: 'street_after_write',
      what: '  同上，其间一个网格有写入 the same after a write in one grid since the last read (bump included)',
      run: async (i) => {
        const street = at(streets, i);
        const inStreet = grids.filter((g) => g.streetId === street.id);
        await sql`update coverage_grid_count set generation = generation + 1 where district_id = ${districtId} and grid_id = ${at(inStreet, i * 7 + 3).gridId}`.execute(db);
        return nodeCoverage(db, { districtId, nodeId: street.id, now: TODAY, lang: 'zh' });
      },
    },
    {
      key: 'street_cold',
      what: '  同上，全部网格重算 the same with every grid counted afresh (after midnight or a catalogue change)',
      run: async (i) => {
        const street = at(streets, i);
        await sql`update coverage_grid_count c set generation = generation + 1 from org_node g where g.district_id = c.district_id and g.id = c.grid_id and c.district_id = ${districtId} and starts_with(g.path, ${street.path})`.execute(db);
        return nodeCoverage(db, { districtId, nodeId: street.id, now: TODAY, lang: 'zh' });
      },
    },
    { key: 'street.households', what: '  街道 基础信息核实率+政策宣传覆盖率 query alone (one query)', run: async (i) => householdCounts(db, { ...streetScope(i), noticeIds: await noticeIds(i) }) },
    { key: 'street.backbone', what: '  街道 骨干力量掌握率 query alone', run: (i) => backboneCounts(db, streetScope(i)) },
    { key: 'street.visited', what: '  街道 困难群体关爱率+重点人员稳控率 query alone (one query)', run: (i) => visitedCounts(db, { ...streetScope(i), categories, intervals, now: TODAY }) },
    { key: 'community', what: '社区五项指标+各网格 community with its grids', run: (i) => nodeCoverage(db, { districtId, nodeId: at(communities, i).id, now: TODAY, lang: 'zh' }) },
    { key: 'grid', what: '网格五项指标+各楼栋 grid with its buildings', run: (i) => nodeCoverage(db, { districtId, nodeId: at(grids, i).gridId, now: TODAY, lang: 'zh' }) },
    { key: 'street_map', what: '街道地图各网格指标 map: per-grid figures of a street', run: (i) => coverageByGroup(db, { districtId, underPath: at(streets, i).path, groups: grids.filter((g) => g.streetId === at(streets, i).id).map((g) => ({ id: g.gridId, path: g.gridPath })), now: TODAY }) },
    { key: 'community_missing', what: '社区困难群体未覆盖名单首页 drill-down page 1 (community, vulnerable)', run: (i) => listMissing({ db, actor, ip: 'bench', now: TODAY, nodeId: at(communities, i).id, figure: 'vulnerable_care', page: 1, pageSize: 20 }) },
    {
      key: 'grid_due',
      what: '网格员应访清单 a grid worker\'s due-visit list (GET /api/visits/due)',
      run: (i) => {
        const g = at(grids, i);
        const worker: StaffActor = { ...actor, bindings: [{ role: 'grid_worker', nodeId: g.gridId, nodePath: g.gridPath, nodeName: '网格', nodeKind: 'grid' }] };
        return listDueVisits(db, { actor: worker, underPath: null, mineOnly: false, now: TODAY });
      },
    },
    { key: 'district', what: '全区五项指标+各街道 district with its streets', run: () => nodeCoverage(db, { districtId, nodeId: districtId, now: TODAY, lang: 'zh' }) },
  ];
  const rows: Row[] = [];
  // Each street's first read counts every grid and stores the per-grid counts (as after a restart of
  // the counts, midnight, or a catalogue change); the 'street' row below then reads them back.
  const firstReads: number[] = [];
  for (const street of streets) {
    const t0 = now();
    await nodeCoverage(db, { districtId, nodeId: street.id, now: TODAY, lang: 'zh' });
    firstReads.push(now() - t0);
  }
  rows.push({ key: 'street_first_read', what: '街道首次读取（逐网格计数并保存） street, first read: every grid counted and stored', ...summarize(firstReads), truncated: false, coldOnly: true, totalMs: firstReads.reduce((a, b) => a + b, 0) });
  const current = await sql<{ n: number }>`select count(*)::int as n from coverage_grid_count where district_id = ${districtId} and counted_generation = generation and valid_until >= ${TODAY.toISOString()}::timestamptz`.execute(db);
  log(`  street first reads: median ${ms(summarize(firstReads).medianMs)} over ${streets.length} streets; per-grid counts current: ${current.rows[0]?.n ?? 0}/${grids.length}`);
  for (const spec of specs) {
    const timing = await timeRuns(spec.run, { warmup: config.warmup, runs: spec.key === 'district' ? Math.min(config.runs, 10) : config.runs, minRuns: 5, budgetMs: config.budgetMs });
    rows.push({ key: spec.key, what: spec.what, ...timing });
    log(`  ${spec.key}: median ${ms(timing.medianMs)}, p95 ${ms(timing.p95Ms)} (${timing.runs} runs)`);
  }
  return { label: target.label, version, rows, counts };
}

async function main(): Promise<void> {
  console.log(`共治 五个百分百 基准 / coverage benchmark: ${int(config.residents)} residents; ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
  const results = [];
  for (const engine of config.engines) {
    const target = engine === 'pglite' ? await openPglite() : engine === 'postgres' ? await openPostgres() : null;
    if (!target) continue;
    try {
      results.push(await benchEngine(target));
    } finally {
      await target.cleanup();
    }
  }
  for (const r of results) {
    console.log(`\n════ ${r.label} ════  ${Object.entries(r.counts).map(([k, v]) => `${k} ${int(v)}`).join(' · ')}`);
    console.log(table(['查询 Query', '中位 median', 'p95', '次数 runs'], r.rows.map((q) => [q.what, ms(q.medianMs), ms(q.p95Ms), `${q.runs}${q.truncated ? '*' : ''}`])));
    const street = r.rows.find((q) => q.key === 'street');
    const base = r.rows.find((q) => q.key === 'street_baseline');
    if (street) console.log(`目标 target: street figures under 100 ms on PostgreSQL → ${r.label} median ${ms(street.medianMs)} ${street.medianMs < 100 ? '✓' : '✗'}${base ? ` (${(street.medianMs / base.medianMs).toFixed(1)}× the bare count of the street's residents)` : ''}`);
  }
  console.log(`\nload at end ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `coverage-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ config, results, load: os.loadavg() }, null, 2));
  console.log(`结果 results: ${file}`);
}

await main();
