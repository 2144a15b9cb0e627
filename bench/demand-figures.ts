import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database, type Db } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { districtSkeleton, gridBatches, type DistrictShape, type NodeRow } from '../src/modules/demo/district-generator.ts';
import { insertInChunks } from '../src/modules/demo/seed-demo.ts';
import { chinaDayStart, nodeDemandFigures } from '../src/modules/demands/figures/demand-figures.ts';
import { liveCounts } from '../src/modules/demands/figures/figures.repository.ts';
import { chinaDate } from '../src/platform/china-time.ts';
import { int, ms, secs, table } from './report.ts';
import { now, timeRuns, type TimedRuns } from './stats.ts';

/**
 * `npx tsx bench/demand-figures.ts`: the demand figures (诉求指标) of one street over a million demands
 * (issue #5: under 100 ms on PostgreSQL). For each engine it makes a fresh database, migrates, builds a
 * district with the demo generator (BENCH_STREETS streets × 8 communities × 8 grids, small grids — the
 * residents are not needed) and puts BENCH_DEMANDS demands (default 1,000,000), received over the last
 * two years, ALL in the first street (the worst case for that street), with INSERT … SELECT: about
 * 2 % merged, old ones settled (done, most on time, most resolved, 60 % rated), ~0.5 % of old ones and
 * a decaying share of the last weeks' still open. The per-unit, per-day sums are built once with
 * demand_figure_day_rebuild (the triggers are off during the bulk load, as for an import), then timed
 * with the app's own code (nodeDemandFigures, what GET /api/demand-figures runs):
 * street / community / grid for the current month (the screen's default) and for a whole year, beside
 * bare baselines in the same run (count(*) of the street's demands; the same count for the month), and
 * the same figures counted directly from the demand rows without the sums (what the sums save).
 * Also: the cost the triggers add to a write that settles a demand (1,000 single-row UPDATEs with and
 * without them). Env: BENCH_DEMANDS, BENCH_ENGINES (pglite,postgres), BENCH_PG_URL, BENCH_RUNS,
 * BENCH_WARMUP, BENCH_QUERY_BUDGET_MS, BENCH_STREETS, BENCH_SEED.
 */
const env = (name: string, fallback: number) => {
  const raw = process.env[name]?.replaceAll('_', '');
  const value = raw ? Number(raw) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
};
const config = {
  demands: Math.max(1000, env('BENCH_DEMANDS', 1_000_000)),
  streets: Math.max(1, env('BENCH_STREETS', 2)),
  runs: Math.max(5, env('BENCH_RUNS', 30)),
  warmup: env('BENCH_WARMUP', 3),
  budgetMs: env('BENCH_QUERY_BUDGET_MS', 8000),
  seed: env('BENCH_SEED', 20261122),
  engines: (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',').map((e) => e.trim()).filter(Boolean),
  pgUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
};
const PG_DB = 'gongzhi_bench_demand_figures';
const TODAY = new Date('2026-11-22T04:00:00Z'); // 12:00 in China
const started = now();
const log = (line: string) => console.log(`[${((now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' / ');

type Target = { label: string; database: Database; cleanup: () => Promise<void> };

async function openPglite(): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-demand-figures-'));
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
      await new Promise((resolve) => setTimeout(resolve, 300));
      if (process.env.BENCH_KEEP === '1') log(`  kept database ${PG_DB} (BENCH_KEEP=1)`);
      else await admin.query(`drop database if exists ${PG_DB} with (force)`);
      await admin.end();
    },
  };
}

const STREET_NAMES = ['百步亭', '后湖', '塔子湖', '二七', '新村', '丹水池'];

function shapeOf(districtId: string): DistrictShape {
  return {
    districtId,
    districtName: '江岸区（诉求基准）',
    areaCode: '420102',
    streets: Array.from({ length: config.streets }, (_, s) => ({
      name: `${STREET_NAMES[s % STREET_NAMES.length]}${s >= STREET_NAMES.length ? s + 1 : ''}街道`,
      communities: Array.from({ length: 8 }, (_, c) => ({ name: `第${c + 1}社区`, grids: 8 })),
    })),
    buildingsPerGrid: 3,
    unitsPerBuilding: 1,
    floors: 6,
    flatsPerFloor: 2,
    seed: config.seed,
    today: TODAY,
  };
}

/** The org tree only (the demo generator's nodes; its residents are not needed here). */
async function makeDistrict(db: Db, shape: DistrictShape): Promise<{ streets: NodeRow[]; communities: NodeRow[]; grids: NodeRow[] }> {
  const skeleton = districtSkeleton(shape);
  await db.insertInto('district').values({ district_id: shape.districtId, name: shape.districtName, code: 'BENCHD', created_at: TODAY }).execute();
  await insertInChunks(db, 'org_node', [skeleton.root, ...skeleton.streets, ...skeleton.communities]);
  const grids: NodeRow[] = [];
  for (const batch of gridBatches(shape, skeleton)) {
    await insertInChunks(db, 'org_node', batch.nodes);
    grids.push(...batch.nodes.filter((n) => n.kind === 'grid'));
  }
  return { streets: skeleton.streets, communities: skeleton.communities, grids };
}

/**
 * The demands, in SQL. Places: 85 % a household, 10 % a grid, 5 % the community itself, all in the
 * first street. Received uniformly over 730 days before TODAY. Open: 0.5 % of those older than 30 days,
 * e^(−age/4 days) of the younger ones; merged 2 %.
 */
async function makeDemands(db: Db, districtId: string, streetPath: string, count: number): Promise<void> {
  // The places by kind, numbered, so that a uniform pick gives the wanted mix.
  await sql`create table bench_pick (kind text not null, idx integer not null, path text not null, community_id uuid not null, primary key (kind, idx))`.execute(db);
  await sql`insert into bench_pick
    select n.kind, (row_number() over (partition by n.kind order by n.path)) - 1, n.path, c.id
    from org_node n join org_node c on c.district_id = n.district_id and c.kind = 'community' and n.path like c.path || '%'
    where n.district_id = ${districtId}::uuid and n.path like ${streetPath} || '%' and n.kind in ('household', 'grid', 'community')`.execute(db);
  const kinds = (await sql<{ kind: string; n: number }>`select kind, count(*)::int as n from bench_pick group by kind`.execute(db)).rows;
  const n = Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]));
  log(`    places: ${int(n.household ?? 0)} households, ${int(n.grid ?? 0)} grids, ${int(n.community ?? 0)} communities`);
  await sql`select setseed(0.4242)`.execute(db);
  const chunk = 100_000;
  for (let done = 0; done < count; done += chunk) {
    const size = Math.min(chunk, count - done);
    const t0 = now();
    await sql`
      insert into demand (district_id, id, community_id, node_path, channel, category_code, title, description, first_asked_by_name, status,
        respond_by, responded_at, finish_by, done_at, rating, last_rating, outcome_result, event_count, created_at, updated_at)
      select ${districtId}::uuid, gen_random_uuid(), p.community_id, p.path, 'hotline', 'environment.garbage', '基准诉求', '', '基准',
        case when merged then 'merged' when open then (case when r3 < 0.5 then 'received' when r3 < 0.6 then 'suspended' else 'accepted' end)
             when rated then 'closed' else 'done' end,
        created + interval '2 hours',
        case when merged or (open and r3 < 0.5) then null else created + r4 * interval '150 minutes' end,
        case when open and r3 >= 0.5 and r3 < 0.6 then null else created + interval '1 day' * finish_days end,
        case when merged or open then null else created + interval '1 day' * finish_days * (r5 * 1.15) end,
        case when not merged and not open and rated then rating end,
        case when not merged and rated then rating end,
        case when merged or open then null when r6 < 0.8 then 'resolved' when r6 < 0.95 then 'explained' else 'unresolvable' end,
        3, created, created
      from (
        select g.i, created, age_days, r3, r4, r5, r6,
          r1 < 0.02 as merged,
          r1 >= 0.02 and (case when age_days > 30 then r2 < 0.005 else r2 < exp(-age_days / 4.0) end) as open,
          r7 < 0.6 as rated,
          case when r8 < 0.85 then 'satisfied' when r8 < 0.95 then 'basically_satisfied' else 'unsatisfied' end as rating,
          1 + floor(r9 * 5)::int as finish_days,
          case when r10 < 0.85 then 'household' when r10 < 0.95 then 'grid' else 'community' end as place_kind, r11
        from (
          select i, ${TODAY.toISOString()}::timestamptz - a * interval '730 days' as created, a * 730 as age_days,
            random() as r1, random() as r2, random() as r3, random() as r4, random() as r5, random() as r6, random() as r7,
            random() as r8, random() as r9, random() as r10, random() as r11
          from (select i, random() as a from generate_series(1, ${size}::int) i) s
        ) g
      ) d
      join bench_pick p on p.kind = d.place_kind and p.idx = floor(d.r11 * ${sql.raw(`(case d.place_kind when 'household' then ${n.household ?? 1} when 'grid' then ${n.grid ?? 1} else ${n.community ?? 1} end)`)})::int`.execute(db);
    log(`    demands ${int(done + size)} / ${int(count)} (${secs((now() - t0) / 1000)} for ${int(size)})`);
  }
  await sql`drop table bench_pick`.execute(db);
}

type Row = { key: string; what: string } & TimedRuns;

async function benchEngine(target: Target): Promise<{ label: string; version: string; rows: Row[]; facts: Record<string, number | string> }> {
  const { db } = target.database;
  const version = (await sql<{ v: string }>`select version() as v`.execute(db)).rows[0]?.v ?? '';
  log(`${target.label}: ${version}`);
  await migrate(db);
  const districtId = crypto.randomUUID();
  let t = now();
  const { streets, communities, grids } = await makeDistrict(db, shapeOf(districtId));
  log(`  district: ${streets.length} streets, ${communities.length} communities, ${grids.length} grids in ${secs((now() - t) / 1000)}`);
  const street = streets[0]!;
  const streetCommunities = communities.filter((c) => c.parent_id === street.id);
  const streetGrids = grids.filter((g) => streetCommunities.some((c) => c.id === g.parent_id));

  await sql`alter table demand disable trigger demand_figure_day_ins`.execute(db);
  t = now();
  await makeDemands(db, districtId, street.path, config.demands);
  const loadSeconds = (now() - t) / 1000;
  log(`  ${int(config.demands)} demands in ${secs(loadSeconds)}`);
  await sql`alter table demand enable trigger demand_figure_day_ins`.execute(db);
  t = now();
  await sql`select demand_figure_day_rebuild(${districtId}::uuid)`.execute(db);
  const rebuildSeconds = (now() - t) / 1000;
  log(`  demand_figure_day_rebuild: ${secs(rebuildSeconds)}`);
  t = now();
  await (target.database.engine === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(db);
  log(`  ${target.database.engine === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE'} ${secs((now() - t) / 1000)}`);
  const one = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(db)).rows[0]?.n ?? 0);
  const facts: Record<string, number | string> = {
    demands: await one(sql`select count(*)::int as n from demand`),
    unsettled: await one(sql`select count(*)::int as n from demand where status <> 'merged' and (done_at is null or responded_at is null)`),
    open: await one(sql`select count(*)::int as n from demand where status in ('received', 'routed', 'accepted', 'suspended')`),
    rollupRows: await one(sql`select count(*)::int as n from demand_figure_day`),
    loadSeconds: Math.round(loadSeconds),
    rebuildSeconds: Math.round(rebuildSeconds * 10) / 10,
  };
  log(`  ${Object.entries(facts).map(([k, v]) => `${k} ${typeof v === 'number' ? int(v) : v}`).join(' · ')}`);

  const today = chinaDate(TODAY);
  const month = { from: `${today.slice(0, 7)}-01`, to: today };
  const year = { from: chinaDate(new Date(TODAY.getTime() - 364 * 86_400_000)), to: today };
  const at = <T>(list: readonly T[], i: number): T => { const x = list[i % list.length]; if (x === undefined) throw new Error('empty'); return x; };
  const figuresOf = (node: NodeRow, window: { from: string; to: string }) => nodeDemandFigures(db, { districtId, node: { id: node.id, name: node.name, kind: node.kind, path: node.path }, window, now: TODAY, lang: 'zh' });
  const directOf = (node: NodeRow, window: { from: string; to: string }) =>
    liveCounts(db, { districtId, path: node.path, childPart: node.path.split('/').filter(Boolean).length + 2, fromDate: window.from, toDate: window.to, from: chinaDayStart(window.from), to: new Date(chinaDayStart(window.to).getTime() + 86_400_000), todayStart: chinaDayStart(today), now: TODAY, all: true });

  const check = await figuresOf(street, year);
  log(`  street, year: received ${int(check.received)}, backlog ${int(check.backlog)}, overdue ${int(check.overdue)}, ${Object.values(check.figures).map((f) => f.display).join(' / ')}`);

  const specs: { key: string; what: string; run: (i: number) => Promise<unknown> }[] = [
    { key: 'street_count', what: '基线 baseline: count(*) of the street’s demands (all of them, one index range)', run: () => sql`select count(*) from demand where district_id = ${districtId}::uuid and node_path like ${street.path} || '%'`.execute(db) },
    { key: 'street_count_month', what: '基线 baseline: count(*) of the street’s demands received this month', run: () => sql`select count(*) from demand where district_id = ${districtId}::uuid and node_path like ${street.path} || '%' and created_at >= ${chinaDayStart(month.from)}::timestamptz`.execute(db) },
    { key: 'street_month', what: '街道指标+各社区，本月 street + communities, this month (GET /api/demand-figures default)', run: () => figuresOf(street, month) },
    { key: 'street_year', what: '街道指标+各社区，近一年 street + communities, last 365 days', run: () => figuresOf(street, year) },
    { key: 'community_month', what: '社区指标+各网格，本月 community + grids, this month', run: (i) => figuresOf(at(streetCommunities, i), month) },
    { key: 'community_year', what: '社区指标+各网格，近一年 community + grids, last 365 days', run: (i) => figuresOf(at(streetCommunities, i), year) },
    { key: 'grid_month', what: '网格指标，本月 grid, this month', run: (i) => figuresOf(at(streetGrids, i * 7), month) },
    { key: 'district_year', what: '全区指标+各街道，近一年 district + streets, last 365 days', run: () => figuresOf({ ...street, id: districtId, kind: 'district', path: `/${districtId}/`, name: '区' }, year) },
    { key: 'street_month_direct', what: '对照 without the sums: street, this month, counted from demand rows', run: () => directOf(street, month) },
    { key: 'street_year_direct', what: '对照 without the sums: street, last 365 days, counted from demand rows', run: () => directOf(street, year) },
  ];
  const rows: Row[] = [];
  for (const spec of specs) {
    const timing = await timeRuns(spec.run, { warmup: config.warmup, runs: config.runs, minRuns: 5, budgetMs: config.budgetMs });
    rows.push({ key: spec.key, what: spec.what, ...timing });
    log(`  ${spec.key}: median ${ms(timing.medianMs)}, p95 ${ms(timing.p95Ms)} (${timing.runs} runs)${timing.truncated ? ' *' : ''}`);
  }

  // What the triggers add to a write that settles a demand: 1,000 single-row UPDATEs (open → done) each way.
  const open = (await sql<{ id: string }>`select id from demand where district_id = ${districtId}::uuid and status = 'accepted' and responded_at is not null order by id limit 2000`.execute(db)).rows.map((r) => r.id);
  const settle = async (ids: string[]) => {
    const t0 = now();
    for (const id of ids) await sql`update demand set status = 'done', done_at = ${TODAY}::timestamptz, outcome_result = 'resolved', updated_at = ${TODAY}::timestamptz where district_id = ${districtId}::uuid and id = ${id}::uuid`.execute(db);
    return (now() - t0) / Math.max(1, ids.length);
  };
  const half = Math.floor(open.length / 2);
  await sql`alter table demand disable trigger demand_figure_day_upd`.execute(db);
  const withoutMs = await settle(open.slice(0, half));
  await sql`alter table demand enable trigger demand_figure_day_upd`.execute(db);
  const withMs = await settle(open.slice(half));
  facts.settleUpdateMs = Math.round(withoutMs * 1000) / 1000;
  facts.settleUpdateWithTriggerMs = Math.round(withMs * 1000) / 1000;
  log(`  settling one demand (UPDATE): ${ms(withoutMs)} without the trigger, ${ms(withMs)} with it (${half} each)`);
  return { label: target.label, version, rows, facts };
}

async function main(): Promise<void> {
  const loadAtStart = load();
  console.log(`共治 诉求指标 基准 / demand figures benchmark: ${int(config.demands)} demands in one street; ${os.cpus().length} cores, Node ${process.version}, load ${loadAtStart}`);
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
    console.log(`\n════ ${r.label} ════  ${Object.entries(r.facts).map(([k, v]) => `${k} ${typeof v === 'number' ? int(v) : v}`).join(' · ')}`);
    console.log(table(['查询 Query', '中位 median', 'p95', '次数 runs'], r.rows.map((q) => [q.what, ms(q.medianMs), ms(q.p95Ms), `${q.runs}${q.truncated ? '*' : ''}`])));
    const month = r.rows.find((q) => q.key === 'street_month');
    const year = r.rows.find((q) => q.key === 'street_year');
    const base = r.rows.find((q) => q.key === 'street_count');
    if (month && year) console.log(`目标 target: a street's figures over ${int(config.demands)} demands under 100 ms on PostgreSQL → ${r.label} median ${ms(month.medianMs)} (month) / ${ms(year.medianMs)} (year), p95 ${ms(month.p95Ms)} / ${ms(year.p95Ms)} ${Math.max(month.medianMs, year.medianMs) < 100 ? '✓' : '✗'}${base ? `; bare count(*) of the street ${ms(base.medianMs)}` : ''}`);
  }
  console.log(`\nload at start ${loadAtStart}; at end ${load()}`);
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `demand-figures-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ config, results, load: { start: loadAtStart, end: load() } }, null, 2));
  console.log(`结果 results: ${file}`);
}

// Awaited: `npm run bench` (bench/run.ts) imports this file and runs the next bench after it.
await main().catch((error) => {
  console.error(error);
  process.exit(1);
});
