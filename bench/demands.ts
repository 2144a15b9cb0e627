import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp, type App } from '../src/app.ts';
import { readConfig } from '../src/platform/config.ts';
import { openDatabase, type Database, type Db, type Engine } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { DEMO_PASSWORD, seedDemoDistrict } from '../src/modules/demo/seed-demo.ts';
import { demandBatchLimits, demandBatchStats } from '../src/modules/demands/index.ts';
import { int, ms, ratio, secs, table } from './report.ts';

/**
 * `npx tsx bench/demands.ts` (also the last step of `npm run bench`): issue #5's scale target over HTTP.
 *
 * For each engine: a fresh database with the demo district and BENCH_DEMANDS (default 1,000,000) demands
 * with their events, generated in SQL over the district's households and ANALYZEd; then the real server
 * (`buildApp` with the production configuration, logging off) listens on a local port with two bare
 * routes added beside the app's own, on the same app and database handle:
 *   POST /bench/bare-insert      BEGIN; one INSERT into a bare table; COMMIT (no auth, no validation)
 *   GET  /bench/bare-select/:id  one primary-key SELECT of a demand row
 * A load generator in a separate process (node:http, keep-alive, BENCH_CLIENTS = 50 concurrent clients)
 * drives each route for BENCH_SECONDS after a warm-up and reports requests/s and p50/p95/p99:
 *   intake  POST /api/demands as 社区书记 (session, permission, scope, validation, demand + event + audit)
 *   list    GET /api/demands?pageSize=20 as 社区书记 (the community's scoped list, first page; its count is
 *           its own request, GET /api/demands/count, timed once beside it)
 *   and GET /api/demand-figures for the community's street: twice before the drive, once after it.
 * The server and the generator share the machine's cores (and, on PostgreSQL, the database server too).
 */

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(BENCH_DIR, 'results');

function intEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < min) {
    console.error(`${name} must be an integer ≥ ${min} (got "${raw}")`);
    process.exit(2);
  }
  return value;
}

// ---------------------------------------------------------------- load generator (child process)

type Scenario = {
  name: string;
  method: 'GET' | 'POST';
  /** Paths cycled through by request number. */
  paths: string[];
  /** For POST: the JSON body of request i (built in the generator from this template). */
  body?: { kind: 'intake'; nodeIds: string[]; categories: string[] } | { kind: 'bare' };
  cookie?: string;
};
type LoadRequest = { port: number; scenario: Scenario; seconds: number; warmupSeconds: number; clients: number };
export type LoadResult = { name: string; requests: number; seconds: number; rps: number; p50: number; p95: number; p99: number; max: number; errors: number; statuses: Record<string, number>; firstError: string | null; batch?: { perStatement: number; largest: number };
  /** Requests sent over the whole drive, warm-up included, and the generator's CPU over it (for `cpu`). */
  sent: number; generatorCpuMs: number;
  /** CPU milliseconds per request over the whole drive (warm-up included): the server process, the load generator, the PostgreSQL server's processes (null: PGlite, which runs in the server process, or /proc unreadable). */
  cpu?: { server: number; generator: number; database: number | null } };

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

async function runLoad(req: LoadRequest): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: req.clients, maxFreeSockets: req.clients });
  const { scenario } = req;
  let counter = 0;
  const bodyOf = (i: number): string | undefined => {
    const b = scenario.body;
    if (!b) return undefined;
    if (b.kind === 'bare') return JSON.stringify({ title: `基准插入 ${i}`, n: i });
    return JSON.stringify({
      channel: 'hotline',
      nodeId: b.nodeIds[i % b.nodeIds.length],
      category: b.categories[i % b.categories.length],
      title: `${BENCH_INTAKE_TITLE}${i}`,
      description: '楼道灯坏了，晚上看不见路，请尽快修理。',
      contactName: '李阿姨',
      contactPhone: '13900000000',
    });
  };
  const once = (i: number): Promise<{ status: number; ms: number; body: string }> =>
    new Promise((resolve, reject) => {
      const body = bodyOf(i);
      const t0 = process.hrtime.bigint();
      const r = http.request(
        {
          host: '127.0.0.1',
          port: req.port,
          method: scenario.method,
          path: scenario.paths[i % scenario.paths.length],
          agent,
          headers: {
            ...(scenario.cookie ? { cookie: scenario.cookie } : {}),
            ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - t0) / 1e6, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      r.on('error', reject);
      if (body !== undefined) r.write(body);
      r.end();
    });

  const cpu0 = process.cpuUsage();
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let firstError: string | null = null;
  const warmEnd = Date.now() + req.warmupSeconds * 1000;
  let measuring = false;
  let measureStart = 0;
  let end = Number.POSITIVE_INFINITY;
  const client = async () => {
    for (;;) {
      const now = Date.now();
      if (now >= end) return;
      if (!measuring && now >= warmEnd) {
        measuring = true;
        measureStart = performance.now();
        end = now + req.seconds * 1000;
      }
      const i = counter++;
      const counted = measuring;
      try {
        const res = await once(i);
        if (counted && performance.now() - measureStart <= req.seconds * 1000) {
          latencies.push(res.ms);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status >= 400) {
            errors++;
            firstError ??= `${res.status} ${res.body.slice(0, 300)}`;
          }
        }
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: req.clients }, client));
  const elapsed = (performance.now() - measureStart) / 1000;
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  const cpu = process.cpuUsage(cpu0);
  return {
    name: scenario.name,
    sent: counter,
    generatorCpuMs: cpuMs(cpu),
    requests: latencies.length,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    errors,
    statuses,
    firstError,
  };
}


// ---------------------------------------------------------------- the benchmark (parent process)

function config() {
  const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',').map((e) => e.trim()).filter(Boolean);
  for (const e of engines) {
    if (e !== 'pglite' && e !== 'postgres') {
      console.error(`BENCH_ENGINES: unknown engine "${e}" (use pglite, postgres or both)`);
      process.exit(2);
    }
  }
  return {
    demands: intEnv('BENCH_DEMANDS', 1_000_000, 1000),
    clients: intEnv('BENCH_CLIENTS', 50, 1),
    seconds: intEnv('BENCH_SECONDS', 10, 1),
    /** The four routes are driven in turn this many times; each figure is the median over the rounds. */
    rounds: intEnv('BENCH_ROUNDS', 3, 1),
    warmupSeconds: intEnv('BENCH_WARMUP_SECONDS', 3, 0),
    engines: engines as Engine[],
    pgUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    keep: process.env.BENCH_KEEP === '1' || process.env.BENCH_REUSE === '1',
    /** Keep the generated store and use it again next time (same BENCH_DEMANDS): for repeated runs. */
    reuse: process.env.BENCH_REUSE === '1',
    /** Which routes to drive (default all): bare-insert, intake, bare-select, list. */
    routes: (process.env.BENCH_ROUTES ?? 'bare-insert,intake,bare-select,list').split(',').map((r) => r.trim()).filter(Boolean),
  };
}

const started = performance.now();
function log(line: string): void {
  console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
}

type Target = { engine: Engine; label: string; database: Database; cleanup: () => Promise<void> };

/** BENCH_REUSE=1 keeps one store per size: the database and folder names carry BENCH_DEMANDS. */
function storeName(demands: number, reuse: boolean): string {
  return reuse ? `gongzhi_bench_demands_${demands}` : 'gongzhi_bench_demands';
}

async function openPglite(keep: boolean, reuse: boolean, demands: number): Promise<Target> {
  const dir = reuse ? path.join(os.tmpdir(), storeName(demands, reuse)) : fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-demands-'));
  fs.mkdirSync(dir, { recursive: true });
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  process.on('SIGINT', () => { if (!keep) remove(); process.exit(130); });
  const database = await openDatabase({ engine: 'pglite', dataDir: dir });
  log(`  PGlite data folder: ${dir}`);
  return { engine: 'pglite', label: 'PGlite', database, cleanup: async () => { await database.close(); if (!keep) remove(); } };
}

async function openPostgres(url: string, keep: boolean, reuse: boolean, demands: number): Promise<Target | string> {
  const PG_DB_NAME = storeName(demands, reuse);
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    return `PostgreSQL unreachable: ${error instanceof Error ? error.message : String(error)}`;
  }
  const drop = async () => {
    for (let i = 0; i < 100; i++) {
      const left = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [PG_DB_NAME]);
      if ((left.rows[0]?.n ?? 0) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await admin.query(`drop database if exists ${PG_DB_NAME} with (force)`);
  };
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [PG_DB_NAME])).rowCount === 1;
  if (!reuse || !exists) {
    await drop();
    await admin.query(`create database ${PG_DB_NAME}`);
  }
  const u = new URL(url);
  u.pathname = `/${PG_DB_NAME}`;
  // The production pool size (openConfiguredDatabase uses the default).
  const database = await openDatabase({ engine: 'postgres', url: u.toString() });
  return {
    engine: 'postgres',
    label: 'PostgreSQL',
    database,
    cleanup: async () => {
      await database.close();
      if (!keep) await drop();
      await admin.end();
    },
  };
}

/**
 * BENCH_DEMANDS demands spread over the district's households, newest in the last hour, oldest two years
 * back; 70 % closed and rated, 10 % done, 10 % accepted, 10 % just received (the newest are more often
 * open). Events follow the status: received → routed → accepted → done → rated. In batches of 100,000.
 */
async function generateDemands(db: Db, districtId: string, total: number, now: Date): Promise<{ demands: number; events: number; seconds: number }> {
  const t0 = performance.now();
  await sql`drop table if exists bench_household`.execute(db);
  await sql`
    create table bench_household as
    select (row_number() over (order by n.path) - 1)::int as k, n.id, n.path, c.id as community_id
    from org_node n join org_node c on c.district_id = n.district_id and c.kind = 'community' and n.path like c.path || '%'
    where n.district_id = ${districtId}::uuid and n.kind = 'household'`.execute(db);
  await sql`create unique index on bench_household (k)`.execute(db);
  const hh = Number((await sql<{ n: number }>`select count(*)::int as n from bench_household`.execute(db)).rows[0]?.n ?? 0);
  if (hh === 0) throw new Error('the demo district has no households');
  const categories = ['environment.garbage', 'environment.greening', 'property.repair', 'property.lift', 'neighbour', 'safety', 'welfare.elderly', 'municipal.road', 'municipal.streetlight', 'policy', 'other'];
  const spanSeconds = 730 * 86_400;
  const batch = 100_000;
  let events = 0;
  for (let from = 0; from < total; from += batch) {
    const to = Math.min(total, from + batch) - 1;
    // g = 0 is the newest. Status by g: the newest 2,000 mostly open; then 70/10/10/10.
    const inserted = await sql<{ n: number }>`
      with d as (
        insert into demand (district_id, id, community_id, node_path, channel, category_code, title, description, household_id,
          first_asked_by_name, status, handling_level, lead_body, respond_by, responded_at, finish_by, done_at, closed_at, rating, event_count, created_at, updated_at)
        select ${districtId}::uuid, gen_random_uuid(), h.community_id, h.path,
          (array['portal','hotline','walk_in','grid_worker','mailbox','door_note','symposium','hotline_12345'])[1 + g % 8],
          (${categories}::text[])[1 + g % ${categories.length}],
          '诉求 ' || g, '基准生成的诉求', h.id, '社区书记',
          s.status,
          case when s.status <> 'received' then 'community' end, case when s.status <> 'received' then 'community_committee' end,
          c.at + interval '24 hours', case when s.status <> 'received' then c.at + interval '2 hours' end,
          c.at + interval '5 days', case when s.status in ('done', 'closed') then c.at + interval '2 days' end,
          case when s.status = 'closed' then c.at + interval '3 days' end,
          case when s.status = 'closed' then (array['satisfied','satisfied','satisfied','basically_satisfied','unsatisfied'])[1 + g % 5] end,
          case s.status when 'received' then 1 when 'accepted' then 3 when 'done' then 4 else 5 end,
          c.at, c.at
        from generate_series(${from}::int, ${to}::int) g
        join bench_household h on h.k = ((g::bigint * 7919) % ${hh})::int
        cross join lateral (select ${now}::timestamptz - (g::float8 / ${total}) * ${spanSeconds} * interval '1 second' - interval '1 minute' as at) c
        cross join lateral (select case
          when g < 2000 then (array['received','received','accepted','done','closed'])[1 + g % 5]
          else (array['closed','closed','closed','closed','closed','closed','closed','done','accepted','received'])[1 + g % 10] end as status) s
        returning district_id, id, channel, category_code, node_path, rating, event_count, created_at
      ), e as (
        insert into demand_event (district_id, demand_id, seq, kind, actor_kind, actor_id, actor_name, at, reason, data)
        select d.district_id, d.id, e.seq, e.kind, 'staff', null, '社区书记', d.created_at + e.after, null, e.data
        from d
        cross join lateral (values
          (1, 'received', interval '0', jsonb_build_object('channel', d.channel, 'categoryCode', d.category_code, 'areaPath', d.node_path, 'residentId', null, 'firstAskedBy', '社区书记')),
          (2, 'routed', interval '1 hour', '{"to":{"level":"community","lead":{"body":"community_committee"},"coHandlers":[]}}'::jsonb),
          (3, 'accepted', interval '2 hours', '{}'::jsonb),
          (4, 'done', interval '2 days', '{"outcome":{"result":"resolved","text":"已办结"}}'::jsonb),
          (5, 'rated', interval '3 days', jsonb_build_object('rating', coalesce(d.rating, 'satisfied')))
        ) as e(seq, kind, after, data)
        where e.seq <= d.event_count
        returning 1
      )
      select count(*)::int as n from e`.execute(db);
    events += Number(inserted.rows[0]?.n ?? 0);
    log(`    ${int(to + 1)} demands …`);
  }
  await sql`drop table bench_household`.execute(db);
  return { demands: total, events, seconds: (performance.now() - t0) / 1000 };
}

/** The bench's own intake title (the load generator's), by which a kept store finds what earlier runs added. */
const BENCH_INTAKE_TITLE = '压测登记诉求 ';

/**
 * A kept store gets the intakes of every run that used it (tens of thousands each, all open), which would
 * change what later runs measure (the open demands, the figures). They go before the next run, with their
 * received events and audit entries. Triggers are off for this transaction (session_replication_role): the
 * events' append-only guard, and the foreign-key checks — nothing refers to these demands but their own
 * events, and checking the demand's self-reference (merged_into, not indexed) row by row took minutes.
 */
async function removeEarlierIntakes(db: Db): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const like = `${BENCH_INTAKE_TITLE}%`;
    await sql`set local session_replication_role = replica`.execute(tx);
    // Their keys first, counted (ANALYZE): the store's statistics predate them, and a join planned for the
    // ~100 rows they predict ran a nested loop over 33,000 demands and the audit log for over 15 minutes.
    await sql`create temp table bench_gone on commit drop as select district_id, id, id::text as entity_id from demand where title like ${like}`.execute(tx);
    await sql`analyze bench_gone`.execute(tx);
    await sql`delete from demand_event e using bench_gone g where e.district_id = g.district_id and e.demand_id = g.id`.execute(tx);
    await sql`delete from audit_log a using bench_gone g where a.district_id = g.district_id and a.entity_type = 'demand' and a.entity_id = g.entity_id`.execute(tx);
    const gone = await sql`delete from demand d using bench_gone g where d.district_id = g.district_id and d.id = g.id`.execute(tx);
    return Number(gone.numAffectedRows ?? 0);
  });
}

function barePlugin(db: Db, districtId: string, sampleIds: string[]) {
  return async (app: App) => {
    app.post('/bench/bare-insert', { config: { access: { kind: 'public' } } }, async (req, reply) => {
      const b = req.body as { title?: string };
      await db.transaction().execute((tx) => sql`insert into bench_bare (id, title, at) values (gen_random_uuid(), ${b.title ?? ''}, now())`.execute(tx));
      return reply.status(201).send({ ok: true });
    });
    app.get('/bench/bare-select/:k', { config: { access: { kind: 'public' } } }, async (req) => {
      const k = Number((req.params as { k: string }).k);
      const id = sampleIds[k % sampleIds.length];
      const row = (await sql<Record<string, unknown>>`select * from demand where district_id = ${districtId}::uuid and id = ${id}::uuid`.execute(db)).rows[0];
      return row ?? {};
    });
  };
}

async function login(port: number, username: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return cookie;
}

function drive(child: ChildProcess, request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: { ok: true; result: LoadResult } | { ok: false; error: string }) => {
      child.off('message', onMessage);
      if (msg.ok) resolve(msg.result);
      else reject(new Error(msg.error));
    };
    child.on('message', onMessage);
    child.send(request);
  });
}

type Timed = { status: number; ms: number };
type EngineReport = {
  engine: Engine;
  label: string;
  version: string;
  generation: { demands: number; events: number; seconds: number };
  /** Each route's median over the rounds (requests and errors summed). */
  results: LoadResult[];
  /** Every round's results, in the order driven. */
  rounds: LoadResult[][];
  /**
   * GET /api/demand-figures for the community's street: on the store as generated (the first request, which
   * plans its statements, and the second), and after the drive, whose intakes stay open in that street.
   */
  figures: { generated: { first: Timed; second: Timed }; afterDrive: Timed & { openIntakes: number } };
  count: { status: number; ms: number; body: string };
  plans: { list: string; count: string };
  loadBefore: number[];
  loadAfter: number[];
};

async function benchEngine(target: Target, cfg: ReturnType<typeof config>): Promise<EngineReport> {
  const { db } = target.database;
  const version = (await sql<{ version: string }>`select version()`.execute(db)).rows[0]?.version ?? '?';
  log(`  ${version}`);
  await migrate(db);
  // BENCH_REUSE=1: a store generated by an earlier run with the same BENCH_DEMANDS is used again.
  const kept = cfg.reuse
    ? (await sql<{ demands: number; events: number; seconds: number }>`select * from bench_store where demands = ${cfg.demands}`.execute(db).catch(() => ({ rows: [] }))).rows[0]
    : undefined;
  let generation: { demands: number; events: number; seconds: number };
  if (kept) {
    generation = { demands: kept.demands, events: Number(kept.events), seconds: kept.seconds };
    log(`  BENCH_REUSE: the kept store of ${int(kept.demands)} demands (generated earlier in ${secs(kept.seconds)})`);
    await sql`truncate bench_bare`.execute(db);
    const removed = await removeEarlierIntakes(db);
    if (removed > 0) {
      log(`  removed the ${int(removed)} demands earlier runs received over HTTP (the store is measured as generated)`);
      await sql`vacuum analyze demand`.execute(db);
      await sql`vacuum analyze demand_event`.execute(db);
      await sql`vacuum analyze audit_log`.execute(db);
    }
    await sql`analyze`.execute(db);
  } else {
    const now = new Date();
    await seedDemoDistrict(db, { now });
    const district = await db.selectFrom('district').select('district_id').executeTakeFirstOrThrow();
    log(`  生成诉求 generating ${int(cfg.demands)} demands …`);
    generation = await generateDemands(db, district.district_id, cfg.demands, now);
    log(`  ${int(generation.demands)} demands, ${int(generation.events)} events in ${secs(generation.seconds)}`);
    await sql`create table bench_bare (id uuid primary key, title text not null, at timestamptz not null)`.execute(db);
    const t = performance.now();
    // PostgreSQL's autovacuum would do this on its own; PGlite has none, so the bench does it on both.
    await sql`vacuum analyze`.execute(db);
    log(`  VACUUM ANALYZE: ${secs((performance.now() - t) / 1000)}`);
    if (cfg.reuse) {
      await sql`create table bench_store (demands int not null, events bigint not null, seconds float8 not null)`.execute(db);
      await sql`insert into bench_store values (${generation.demands}, ${generation.events}, ${generation.seconds})`.execute(db);
    }
  }
  const district = await db.selectFrom('district').select('district_id').executeTakeFirstOrThrow();
  const districtId = district.district_id;

  const sampleIds = (await sql<{ id: string }>`select id from demand where district_id = ${districtId}::uuid order by md5(id::text) limit 10000`.execute(db)).rows.map((r) => r.id);
  const community = await db.selectFrom('org_node').select(['id', 'path', 'parent_id']).where('district_id', '=', districtId).where('name', '=', '百步亭花园社区').executeTakeFirstOrThrow();
  const households = (await db.selectFrom('org_node').select('id').where('district_id', '=', districtId).where('kind', '=', 'household').where('path', 'like', `${community.path}%`).execute()).map((r) => r.id);

  const appConfig = readConfig({ ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '' });
  const app = await buildApp({ db, engine: target.engine, config: appConfig, logger: false });
  const limits = demandBatchLimits(app);
  if (limits) log(`  batch statements at the database at once (BATCH_IN_FLIGHT): intake ${limits.intake.maxInFlight}, list ${limits.list.maxInFlight}; at most ${limits.intake.maxBatch} requests each`);
  await app.register(barePlugin(db, districtId, sampleIds));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const cookie = await login(port, 'shuji');

  // The plans of the list's two statements at this size (for the report).
  const scopePath = community.path;
  const explain = async (q: ReturnType<typeof sql>) => (await sql<{ 'QUERY PLAN': string }>`explain ${q}`.execute(db)).rows.map((r) => r['QUERY PLAN']).join('\n');
  const plans = {
    // As in gz_demand_pages: the scope paths come from the session's bindings, not from the query text.
    list: await explain(sql`select * from demand d where district_id = ${districtId}::uuid and exists (select 1 from unnest(${[scopePath]}::text[]) sp(path) where starts_with(d.node_path, sp.path)) order by created_at desc, id desc limit 21`),
    count: await explain(sql`select count(*) from (select 1 from demand where district_id = ${districtId}::uuid and node_path like ${`${scopePath}%`} limit 10001) x`),
  };

  // Figures of the community's street, on the store as generated: the first request and the second.
  const streetCookie = await login(port, 'jiedao'); // signed in before the clock starts (argon2 is slow on purpose)
  const streetFigures = async (): Promise<Timed> => {
    const f0 = performance.now();
    const fr = await fetch(`http://127.0.0.1:${port}/api/demand-figures?nodeId=${community.parent_id}`, { headers: { cookie: streetCookie } });
    await fr.text();
    return { status: fr.status, ms: performance.now() - f0 };
  };
  const generatedFigures = { first: await streetFigures(), second: await streetFigures() };

  const child = fork(fileURLToPath(import.meta.url), ['--load-generator'], { stdio: 'inherit' });
  const loadBefore = os.loadavg();
  const rounds: LoadResult[][] = [];
  let results: LoadResult[] = [];
  const run = async (scenario: Scenario) => {
    if (!cfg.routes.includes(scenario.name)) return;
    log(`  ${scenario.name}: ${cfg.clients} clients, ${cfg.warmupSeconds} s warm-up + ${cfg.seconds} s …`);
    const batcher = scenario.name === 'intake' ? 'intake' : scenario.name === 'list' ? 'list' : null;
    const before = batcher ? { ...demandBatchStats(app)?.[batcher] } : null;
    const serverCpu0 = process.cpuUsage();
    const databaseCpu0 = target.engine === 'postgres' ? postgresCpuMs() : null;
    const r = await drive(child, { port, scenario, seconds: cfg.seconds, warmupSeconds: cfg.warmupSeconds, clients: cfg.clients });
    const serverCpu = process.cpuUsage(serverCpu0);
    const databaseCpu1 = databaseCpu0 === null ? null : postgresCpuMs();
    const sent = Math.max(1, r.sent);
    r.cpu = {
      server: cpuMs(serverCpu) / sent,
      generator: r.generatorCpuMs / sent,
      database: databaseCpu0 === null || databaseCpu1 === null ? null : (databaseCpu1 - databaseCpu0) / sent,
    };
    const after = batcher ? demandBatchStats(app)?.[batcher] : null;
    // How many requests one statement carried on average (warm-up included), and the most.
    if (before && after) r.batch = { perStatement: (after.items - (before.items ?? 0)) / Math.max(1, after.statements - (before.statements ?? 0)), largest: after.largest };
    log(`    ${int(Math.round(r.rps))} req/s, p50 ${ms(r.p50)}, p95 ${ms(r.p95)}, p99 ${ms(r.p99)}${r.batch ? `, ${r.batch.perStatement.toFixed(1)} requests per statement` : ''}, CPU per request ${cpuLine(r.cpu, target.engine)}${r.errors ? `, ${r.errors} errors: ${r.firstError}` : ''}`);
    results.push(r);
  };
  try {
    const categories = ['environment.garbage', 'property.repair', 'neighbour', 'safety', 'welfare.elderly', 'policy'];
    // Each app route right after its bare route, round after round: the machine's speed drifts by tens of
    // per cent over minutes, so a ratio is taken within a round and the report gives the median.
    for (let round = 1; round <= cfg.rounds; round++) {
      if (cfg.rounds > 1) log(`  round ${round} of ${cfg.rounds}`);
      results = [];
      rounds.push(results);
      await run({ name: 'bare-insert', method: 'POST', paths: ['/bench/bare-insert'], body: { kind: 'bare' } });
      await run({ name: 'intake', method: 'POST', paths: ['/api/demands'], body: { kind: 'intake', nodeIds: households, categories }, cookie });
      await run({ name: 'bare-select', method: 'GET', paths: Array.from({ length: 1000 }, (_, i) => `/bench/bare-select/${i * 7}`) });
      await run({ name: 'list', method: 'GET', paths: ['/api/demands?pageSize=20'], cookie });
    }
  } finally {
    child.disconnect();
  }
  const loadAfter = os.loadavg();

  // The street's figures again, now with the drive's intakes (all open, all in this street) in their live part.
  const afterDrive = await streetFigures();
  const openIntakes = Number((await sql<{ n: number }>`select count(*)::int as n from demand where district_id = ${districtId}::uuid and title like ${`${BENCH_INTAKE_TITLE}%`}`.execute(db)).rows[0]?.n ?? 0);
  const figures: EngineReport['figures'] = { generated: generatedFigures, afterDrive: { ...afterDrive, openIntakes } };
  // The list's count, its own request (capped at 10,000): once, after the load.
  const c0 = performance.now();
  const cr = await fetch(`http://127.0.0.1:${port}/api/demands/count`, { headers: { cookie } });
  const countBody = await cr.text();
  const count = { status: cr.status, ms: performance.now() - c0, body: countBody.slice(0, 80) };
  await app.close();
  return { engine: target.engine, label: target.label, version, generation, results: medianResults(rounds), rounds, figures, count, plans, loadBefore, loadAfter };
}

/**
 * CPU milliseconds used so far by the PostgreSQL server's processes on this machine (all of them: backends,
 * WAL writer, checkpointer, autovacuum), from /proc; null where it cannot be read (another OS, a remote
 * server — then it is whatever runs locally under that name, so BENCH_PG_URL should point here).
 */
function postgresCpuMs(): number | null {
  let ticks = 0;
  let found = 0;
  try {
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // ended meanwhile
      }
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      // After "pid (comm)": state is field 3, utime and stime are fields 14 and 15 (in clock ticks, 100 a second),
      // cutime and cstime 16 and 17: the postmaster's hold the time of its ended backends (pool connections come and go).
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      found++;
    }
  } catch {
    return null;
  }
  return found > 0 ? ticks * 10 : null;
}

/** process.cpuUsage() (µs, user + system) in milliseconds. */
function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

/** A route's CPU per request as printed: server, load generator, database (on PGlite it runs in the server). */
function cpuCells(cpu: LoadResult['cpu'], engine: Engine): [string, string, string] {
  if (!cpu) return ['—', '—', '—'];
  return [cpu.server.toFixed(3), cpu.generator.toFixed(3), cpu.database !== null ? cpu.database.toFixed(3) : engine === 'pglite' ? '(in server)' : '—'];
}

function cpuLine(cpu: LoadResult['cpu'], engine: Engine): string {
  const [server, load, database] = cpuCells(cpu, engine);
  return `${server} server + ${load} load + ${database} database ms`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

/** Per route, the median of each figure over the rounds. */
function medianResults(rounds: LoadResult[][]): LoadResult[] {
  const names = [...new Set(rounds.flat().map((r) => r.name))];
  return names.map((name) => {
    const runs = rounds.flatMap((round) => round.filter((r) => r.name === name));
    const m = (pick: (r: LoadResult) => number) => median(runs.map(pick));
    const first = runs[0] as LoadResult;
    const batches = runs.flatMap((r) => (r.batch ? [r.batch] : []));
    const cpus = runs.flatMap((r) => (r.cpu ? [r.cpu] : []));
    const databaseCpus = cpus.flatMap((c) => (c.database === null ? [] : [c.database]));
    return {
      ...first,
      requests: runs.reduce((sum, r) => sum + r.requests, 0),
      seconds: runs.reduce((sum, r) => sum + r.seconds, 0),
      rps: m((r) => r.rps), p50: m((r) => r.p50), p95: m((r) => r.p95), p99: m((r) => r.p99), max: Math.max(...runs.map((r) => r.max)),
      errors: runs.reduce((sum, r) => sum + r.errors, 0),
      firstError: runs.find((r) => r.firstError)?.firstError ?? null,
      ...(cpus.length ? { cpu: { server: median(cpus.map((c) => c.server)), generator: median(cpus.map((c) => c.generator)), database: databaseCpus.length ? median(databaseCpus) : null } } : {}),
      ...(batches.length ? { batch: { perStatement: median(batches.map((b) => b.perStatement)), largest: Math.max(...batches.map((b) => b.largest)) } } : {}),
    };
  });
}

function byName(r: EngineReport, name: string): LoadResult | undefined {
  return r.results.find((x) => x.name === name);
}

/** The app route's rate over its bare route's, in each round (both driven in the same round). */
function roundRatios(r: EngineReport, app: string, bare: string): number[] {
  return r.rounds.flatMap((round) => {
    const a = round.find((x) => x.name === app);
    const b = round.find((x) => x.name === bare);
    return a && b ? [a.rps / b.rps] : [];
  });
}

function ratioLine(r: EngineReport, app: string, bare: string): string {
  const ratios = roundRatios(r, app, bare);
  return ratios.length > 1 ? `${ratio(median(ratios))} (median of ${ratios.length} rounds: ${ratios.map(ratio).join(', ')})` : ratio(ratios[0] ?? Number.NaN);
}

function printReport(r: EngineReport): void {
  console.log(`\n== ${r.label}: ${int(r.generation.demands)} demands, ${int(r.generation.events)} events${r.rounds.length > 1 ? `; medians of ${r.rounds.length} rounds` : ''} ==`);
  console.log(
    table(
      ['route', 'req/s', 'p50', 'p95', 'p99', 'max', 'requests', 'errors', 'per statement', 'CPU ms/request: server', 'load', 'database'],
      r.results.map((x) => [x.name, int(Math.round(x.rps)), ms(x.p50), ms(x.p95), ms(x.p99), ms(x.max), int(x.requests), String(x.errors), x.batch ? x.batch.perStatement.toFixed(1) : '1',
        ...cpuCells(x.cpu, r.engine)]),
    ),
  );
  const intake = byName(r, 'intake');
  const list = byName(r, 'list');
  const bi = byName(r, 'bare-insert');
  const bs = byName(r, 'bare-select');
  if (intake && bi) console.log(`intake ÷ bare INSERT: ${ratioLine(r, 'intake', 'bare-insert')} (target ≥ 1.0×)`);
  if (list && bs) console.log(`list ÷ bare SELECT:   ${ratioLine(r, 'list', 'bare-select')} (target ≥ 0.7×), list p99 ${ms(list.p99)} (target < 50 ms)`);
  const f = r.figures;
  const timed = (t: Timed) => (t.status === 200 ? ms(t.ms) : `HTTP ${t.status}`);
  console.log(`GET /api/demand-figures (the street): as generated ${timed(f.generated.first)} (first request), ${timed(f.generated.second)} (second); after the drive's ${int(f.afterDrive.openIntakes)} intakes, all still open in this street, ${timed(f.afterDrive)}`);
  console.log(`GET /api/demands/count (the list's count, its own request, once): ${r.count.status}, ${ms(r.count.ms)} ${r.count.body}`);
  console.log(`load average before / after: ${r.loadBefore.map((x) => x.toFixed(2)).join(' ')} / ${r.loadAfter.map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`list plan:\n${r.plans.list.replace(/^/gm, '    ')}\ncount plan:\n${r.plans.count.replace(/^/gm, '    ')}`);
}

async function main(): Promise<void> {
  const cfg = config();
  const startedAt = new Date();
  console.log(`民情诉求压测 demands bench: ${int(cfg.demands)} demands, ${cfg.clients} clients, ${cfg.seconds} s per route; ${os.cpus().length} cores, Node ${process.versions.node}; load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const reports: EngineReport[] = [];
  const skipped: string[] = [];
  for (const engine of cfg.engines) {
    log(`${engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} …`);
    const target = engine === 'pglite' ? await openPglite(cfg.keep, cfg.reuse, cfg.demands) : await openPostgres(cfg.pgUrl, cfg.keep, cfg.reuse, cfg.demands);
    if (typeof target === 'string') {
      skipped.push(target);
      log(`  skipped: ${target}`);
      continue;
    }
    try {
      const r = await benchEngine(target, cfg);
      reports.push(r);
      printReport(r);
    } finally {
      await target.cleanup();
    }
  }
  if (reports.length > 1) {
    console.log('\n== side by side ==');
    const rows: string[][] = [];
    for (const name of ['intake', 'bare-insert', 'list', 'bare-select']) {
      rows.push([name, ...reports.flatMap((r) => { const x = byName(r, name); return x ? [int(Math.round(x.rps)), ms(x.p99)] : ['—', '—']; })]);
    }
    rows.push(['intake ÷ bare INSERT', ...reports.flatMap((r) => [ratio(median(roundRatios(r, 'intake', 'bare-insert'))), ''])]);
    rows.push(['list ÷ bare SELECT', ...reports.flatMap((r) => [ratio(median(roundRatios(r, 'list', 'bare-select'))), ''])]);
    console.log(table(['', ...reports.flatMap((r) => [`${r.label} req/s`, 'p99'])], rows));
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `demands-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ startedAt: startedAt.toISOString(), config: { ...cfg, pgUrl: undefined }, cores: os.cpus().length, node: process.versions.node, reports, skipped }, null, 2)}\n`);
  console.log(`\nload average at end: ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}; total ${secs((performance.now() - started) / 1000)}; results: ${path.relative(process.cwd(), file)}`);
}

if (process.argv.includes('--load-generator')) {
  process.on('message', (msg: LoadRequest) => {
    runLoad(msg).then(
      (result) => process.send?.({ ok: true, result }),
      (error: unknown) => process.send?.({ ok: false, error: error instanceof Error ? error.stack : String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
