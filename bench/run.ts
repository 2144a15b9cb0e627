import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database, type Engine } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { bulkWideInsert, primaryKeySelects, singleRowInserts, KV_ROWS, type BulkResult, type LoopResult } from './baselines.ts';
import { generateDistrict, AUDIT_EVERY, type GenerationResult } from './generate.ts';
import { appSingleInsert, coreQueries } from './queries.ts';
import { pgliteRaw, pgRaw, type RawConn } from './raw.ts';
import { int, ms, ratio, secs, table } from './report.ts';
import { benchShape, DEFAULT_RESIDENTS, type BenchShape } from './shape.ts';
import { now, summarize, timeRuns, type TimedRuns } from './stats.ts';

/**
 * `npm run bench`: generates a district on embedded PGlite and on a PostgreSQL server, times the core
 * queries, measures raw baselines on the same database in the same run, prints a table and writes
 * bench/results/<timestamp>.json. See bench/README.md for the environment variables.
 */

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const PG_DB_NAME = 'gongzhi_bench';

/** Reference figures from /work/shared/stack-notes.md (same kind of machine, measured before the app existed). */
const REFERENCE = {
  pgbenchSelect1Client: 27_200,
  pgbenchInsert1Client: 11_600,
  bulk100kSecondsPg: 2.95,
  bulk100kSecondsPglite: 3.9,
} as const;

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

const config = {
  residents: intEnv('BENCH_RESIDENTS', DEFAULT_RESIDENTS, 1000),
  runs: intEnv('BENCH_RUNS', 50, 5),
  warmup: intEnv('BENCH_WARMUP', 5, 0),
  queryBudgetMs: intEnv('BENCH_QUERY_BUDGET_MS', 8_000, 100),
  loop: intEnv('BENCH_LOOP', 5000, 100),
  appInserts: intEnv('BENCH_APP_INSERTS', 2000, 10),
  seed: intEnv('BENCH_SEED', 20261122, 0),
  analyze: process.env.BENCH_ANALYZE !== '0',
  engines: (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',').map((e) => e.trim()).filter(Boolean),
  pgUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
};
for (const e of config.engines) {
  if (e !== 'pglite' && e !== 'postgres') {
    console.error(`BENCH_ENGINES: unknown engine "${e}" (use pglite, postgres or both)`);
    process.exit(2);
  }
}

const started = now();
function log(line: string): void {
  console.log(`[${((now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
}

type QueryResult = { key: string; zh: string; en: string; source: string } & TimedRuns & { baselineMs: number; ratioToPk: number };

type EngineDone = {
  engine: Engine;
  label: string;
  skipped: false;
  version: string;
  setup: { openSeconds: number; migrateSeconds: number; analyzeSeconds: number | null };
  generation: Omit<GenerationResult, 'samples'>;
  databaseSizeMB: number;
  baselines: { singleInsert: LoopResult; pkSelect: LoopResult & { tableRows: number }; bulkInsert: BulkResult };
  appSingleInsert: LoopResult;
  comparisons: { key: string; zh: string; en: string; app: number; baseline: number; unit: string; ratio: number; meaning: string }[];
  queries: QueryResult[];
  wallSeconds: number;
};
type EngineSkipped = { engine: Engine; label: string; skipped: true; reason: string };
type EngineFailed = { engine: Engine; label: string; skipped: false; failed: true; error: string };
type EngineResult = EngineDone | EngineSkipped | EngineFailed;

type Target = { engine: Engine; label: string; database: Database; raw: RawConn; cleanup: () => Promise<void> };

// Synchronous clean-up for Ctrl-C: the temp folder goes; a left-over gongzhi_bench is dropped by the next run.
const tempDirs = new Set<string>();
process.on('SIGINT', () => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  console.error('\ninterrupted; temporary PGlite folder removed (a leftover gongzhi_bench database is dropped by the next run)');
  process.exit(130);
});

async function openPglite(): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-'));
  tempDirs.add(dir);
  const removeDir = () => {
    fs.rmSync(dir, { recursive: true, force: true });
    tempDirs.delete(dir);
  };
  let database: Database;
  try {
    database = await openDatabase({ engine: 'pglite', dataDir: dir });
  } catch (error) {
    removeDir();
    throw error;
  }
  const pglite = database.pglite;
  if (!pglite) throw new Error('openDatabase(pglite) returned no PGlite instance');
  log(`  PGlite data folder: ${dir}`);
  return {
    engine: 'pglite',
    label: 'PGlite',
    database,
    raw: pgliteRaw(pglite),
    async cleanup() {
      try {
        await database.close();
      } finally {
        removeDir();
      }
    },
  };
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** Creates gongzhi_bench on the server; null (with a reason) when no server answers. */
async function openPostgres(): Promise<Target | string> {
  const admin = new pg.Client({ connectionString: config.pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.query('select 1');
  } catch (error) {
    await admin.end().catch(() => undefined);
    return `PostgreSQL unreachable at ${redact(config.pgUrl)}: ${error instanceof Error ? error.message : String(error)}`;
  }
  let database: Database | null = null;
  let raw: RawConn | null = null;
  // pg-pool's end() resolves before its clients have disconnected; a DROP … WITH (FORCE) at that moment
  // makes their backends send FATAL 57P01, which the pool (it has no 'error' listener) re-throws and
  // crashes the process. So wait until the server has seen them go, and force only what is left after that.
  const drop = async () => {
    for (let i = 0; i < 100; i++) {
      const left = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [PG_DB_NAME]);
      if ((left.rows[0]?.n ?? 0) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await admin.query(`drop database if exists ${PG_DB_NAME} with (force)`);
  };
  try {
    await drop();
    await admin.query(`create database ${PG_DB_NAME}`);
    const url = withDatabaseName(config.pgUrl, PG_DB_NAME);
    database = await openDatabase({ engine: 'postgres', url });
    raw = await pgRaw(url);
  } catch (error) {
    await database?.close().catch(() => undefined);
    await drop().catch(() => undefined);
    await admin.end().catch(() => undefined);
    throw error;
  }
  const db = database;
  const rawConn = raw;
  return {
    engine: 'postgres',
    label: 'PostgreSQL',
    database: db,
    raw: rawConn,
    async cleanup() {
      try {
        await rawConn.close().catch(() => undefined);
        await db.close();
        await drop();
      } finally {
        await admin.end().catch(() => undefined);
      }
    },
  };
}

async function benchEngine(target: Target, bench: BenchShape, openSeconds: number): Promise<EngineDone> {
  const t0 = now();
  const { db } = target.database;
  const version = (await sql<{ version: string }>`select version()`.execute(db)).rows[0]?.version ?? 'unknown';
  log(`  ${version}`);

  let t = now();
  await migrate(db);
  const migrateSeconds = (now() - t) / 1000;
  log(`  迁移 migrate: ${secs(migrateSeconds)}`);

  log(`  生成区数据 generating ${bench.grids} grids (~${int(bench.expectedResidents)} residents) …`);
  const { skeleton, result: generation } = await generateDistrict(db, bench.shape, bench.grids, log);
  const { samples, ...generationFigures } = generation;
  log(`  生成完成 generated ${int(generation.rows)} rows in ${secs(generation.seconds)} (${int(generation.rowsPerSecond)} rows/s); audit ${int(generation.audit.rows)} rows in ${secs(generation.audit.seconds)}`);

  log(`  基线 baseline: bulk INSERT of ${int(generation.residents)} resident-wide rows into a bare table …`);
  const bulkInsert = await bulkWideInsert(target.raw, generation.residents);
  log(`  基线 baseline bulk: ${secs(bulkInsert.seconds)} (${int(bulkInsert.rowsPerSecond)} rows/s)`);

  let analyzeSeconds: number | null = null;
  if (config.analyze) {
    t = now();
    await sql`analyze`.execute(db);
    analyzeSeconds = (now() - t) / 1000;
    log(`  统计 ANALYZE: ${secs(analyzeSeconds)}`);
  }

  log(`  基线 baseline: ${int(config.loop)} single-row INSERTs, ${int(config.loop)} primary-key SELECTs …`);
  const singleInsert = await singleRowInserts(target.raw, config.loop);
  const pkSelect = await primaryKeySelects(target.raw, config.loop);
  log(`  基线 baseline: INSERT ${int(singleInsert.perSecond)} rows/s, PK SELECT ${int(pkSelect.perSecond)} queries/s`);

  const queries: QueryResult[] = [];
  const plan = { warmup: config.warmup, runs: config.runs, minRuns: Math.min(5, config.runs), budgetMs: config.queryBudgetMs };
  for (const spec of coreQueries(db, bench.shape.districtId, skeleton, samples)) {
    const timing = await timeRuns(spec.run, plan);
    const baselineMs = pkSelect.timing.medianMs;
    queries.push({ key: spec.key, zh: spec.zh, en: spec.en, source: spec.source, ...timing, baselineMs, ratioToPk: timing.medianMs / baselineMs });
    log(`  查询 ${spec.key}: median ${ms(timing.medianMs)}, p95 ${ms(timing.p95Ms)} (${timing.coldOnly ? 'one cold run, over the time budget' : `${timing.runs} runs${timing.truncated ? ', stopped at the time budget' : ''}`})`);
  }

  log(`  应用写入 app: ${int(config.appInserts)} single-row resident INSERTs …`);
  const appSamples: number[] = [];
  const a0 = now();
  for (let i = 0; i < config.appInserts; i++) {
    const s = now();
    await appSingleInsert(db, bench.shape.districtId, samples, i);
    appSamples.push(now() - s);
  }
  const appSeconds = (now() - a0) / 1000;
  const appInsert: LoopResult = { count: config.appInserts, seconds: appSeconds, perSecond: config.appInserts / appSeconds, timing: summarize(appSamples) };

  const size = (await sql<{ bytes: number }>`select pg_database_size(current_database())::bigint as bytes`.execute(db)).rows[0]?.bytes ?? Number.NaN;
  const findById = queries.find((q) => q.key === 'find_by_id');

  const comparisons: EngineDone['comparisons'] = [
    {
      key: 'generation_vs_bulk',
      zh: '生成区数据 vs 裸表批量插入',
      en: 'district generation vs bare bulk INSERT of as many rows as residents',
      app: generation.seconds,
      baseline: bulkInsert.seconds,
      unit: 's',
      ratio: generation.seconds / bulkInsert.seconds,
      meaning: 'time ratio (app ÷ baseline)',
    },
    {
      key: 'generation_rows_vs_bulk_rows',
      zh: '生成速率（全部行）vs 裸表速率',
      en: 'generation rows/s (all tables) vs bare bulk rows/s',
      app: generation.rowsPerSecond,
      baseline: bulkInsert.rowsPerSecond,
      unit: 'rows/s',
      ratio: bulkInsert.rowsPerSecond / generation.rowsPerSecond,
      meaning: 'slowdown (baseline ÷ app)',
    },
    {
      key: 'app_insert_vs_raw_insert',
      zh: '逐条新增居民 vs 裸表逐条插入',
      en: 'single-row resident INSERT (Kysely, indexed) vs bare single-row INSERT',
      app: appInsert.timing.medianMs,
      baseline: singleInsert.timing.medianMs,
      unit: 'ms (median)',
      ratio: appInsert.timing.medianMs / singleInsert.timing.medianMs,
      meaning: 'latency ratio (app ÷ baseline)',
    },
  ];
  if (findById) {
    comparisons.push({
      key: 'find_by_id_vs_pk_select',
      zh: '按主键查居民 vs 裸主键查询',
      en: 'findResident vs bare primary-key SELECT',
      app: findById.medianMs,
      baseline: pkSelect.timing.medianMs,
      unit: 'ms (median)',
      ratio: findById.medianMs / pkSelect.timing.medianMs,
      meaning: 'latency ratio (app ÷ baseline)',
    });
  }
  return {
    engine: target.engine,
    label: target.label,
    skipped: false,
    version,
    setup: { openSeconds, migrateSeconds, analyzeSeconds },
    generation: generationFigures,
    databaseSizeMB: size / 1024 / 1024,
    baselines: { singleInsert, pkSelect: { ...pkSelect, tableRows: KV_ROWS }, bulkInsert },
    appSingleInsert: appInsert,
    comparisons,
    queries,
    wallSeconds: (now() - t0) / 1000 + openSeconds,
  };
}

function printEngine(r: EngineDone): void {
  const g = r.generation;
  const b = r.baselines;
  console.log(`\n════ ${r.label} ════`);
  console.log(r.version);
  console.log(
    `打开 open ${secs(r.setup.openSeconds)} · 迁移 migrate ${secs(r.setup.migrateSeconds)} · 统计 ANALYZE ${r.setup.analyzeSeconds === null ? 'skipped' : secs(r.setup.analyzeSeconds)} · 库大小 size ${int(r.databaseSizeMB)} MB · 用时 wall ${secs(r.wallSeconds)}`,
  );
  console.log(
    `生成 generated: ${int(g.residents)} 居民 residents + ${int(g.nodes)} 节点 org nodes + ${int(g.roles)} 居民角色 roles = ${int(g.rows)} rows ` +
      `(JS generator ${secs(g.generatorSeconds)} of it); 审计 audit entries ${int(g.audit.rows)} in ${secs(g.audit.seconds)} (${int(g.audit.rowsPerSecond)} rows/s, timed apart)\n`,
  );
  console.log(
    table(
      ['写入 Writes', '应用 app', '基线 raw baseline', '倍数 ratio'],
      [
        [
          '生成区数据 district generation',
          `${secs(g.seconds)} · ${int(g.rowsPerSecond)} rows/s · ${int(g.residentsPerSecond)} residents/s`,
          `bulk ${int(b.bulkInsert.rows)} rows ${secs(b.bulkInsert.seconds)} · ${int(b.bulkInsert.rowsPerSecond)} rows/s`,
          `${ratio(g.seconds / b.bulkInsert.seconds)} time`,
        ],
        [
          '逐条插入 single-row INSERT',
          `${int(r.appSingleInsert.perSecond)} /s · median ${ms(r.appSingleInsert.timing.medianMs)} · p95 ${ms(r.appSingleInsert.timing.p95Ms)}`,
          `${int(b.singleInsert.perSecond)} /s · median ${ms(b.singleInsert.timing.medianMs)} · p95 ${ms(b.singleInsert.timing.p95Ms)}`,
          ratio(r.appSingleInsert.timing.medianMs / b.singleInsert.timing.medianMs),
        ],
      ],
    ),
  );
  console.log(
    `  (app single-row = one resident per statement through Kysely into the indexed resident table; baseline = bare table, no index, raw driver, ${int(b.singleInsert.count)} rows)\n`,
  );
  console.log(
    table(
      ['查询 Query', '中位 median', 'p95', '次数 runs', `÷ 主键查询 PK (${ms(b.pkSelect.timing.medianMs)})`],
      r.queries.map((q) => [`${q.zh} ${q.en}`, ms(q.medianMs), ms(q.p95Ms), q.coldOnly ? '1†' : `${q.runs}${q.truncated ? '*' : ''}`, ratio(q.ratioToPk)]),
    ),
  );
  if (r.queries.some((q) => q.truncated && !q.coldOnly)) console.log('  * stopped early at the per-query time budget (BENCH_QUERY_BUDGET_MS)');
  if (r.queries.some((q) => q.coldOnly)) console.log('  † one cold run only: the first run alone took longer than the per-query time budget');
  console.log(
    `\n基线 raw baseline: 主键查询 PK SELECT ${int(b.pkSelect.perSecond)} queries/s (median ${ms(b.pkSelect.timing.medianMs)}, p95 ${ms(b.pkSelect.timing.p95Ms)}, ${int(b.pkSelect.tableRows)}-row table); ` +
      `逐条插入 INSERT ${int(b.singleInsert.perSecond)} rows/s; 批量插入 bulk ${int(b.bulkInsert.rowsPerSecond)} rows/s`,
  );
  const refBulk = r.engine === 'pglite' ? REFERENCE.bulk100kSecondsPglite : REFERENCE.bulk100kSecondsPg;
  console.log(
    `参考 stack-notes reference (quiet machine): bulk 100k rows ${refBulk} s = ${int(100_000 / refBulk)} rows/s → now ${ratio(b.bulkInsert.rowsPerSecond / (100_000 / refBulk))}` +
      (r.engine === 'postgres'
        ? `; pgbench -S 1 client ${int(REFERENCE.pgbenchSelect1Client)} TPS (node loop now ${int(b.pkSelect.perSecond)}); pgbench INSERT 1 client ${int(REFERENCE.pgbenchInsert1Client)} TPS (node loop now ${int(b.singleInsert.perSecond)})`
        : ''),
  );
}

function printSideBySide(results: EngineDone[]): void {
  const [a, b] = results;
  if (!a || !b) return;
  console.log(`\n════ ${a.label} vs ${b.label} (median) ════`);
  const rows = a.queries.map((q) => {
    const other = b.queries.find((x) => x.key === q.key);
    return [`${q.zh} ${q.key}`, ms(q.medianMs), other ? ms(other.medianMs) : '—', other ? ratio(q.medianMs / other.medianMs) : '—'];
  });
  rows.unshift(
    ['生成区数据 generation (s)', secs(a.generation.seconds), secs(b.generation.seconds), ratio(a.generation.seconds / b.generation.seconds)],
    ['裸表批量 bare bulk (s)', secs(a.baselines.bulkInsert.seconds), secs(b.baselines.bulkInsert.seconds), ratio(a.baselines.bulkInsert.seconds / b.baselines.bulkInsert.seconds)],
    ['裸主键查询 bare PK SELECT', ms(a.baselines.pkSelect.timing.medianMs), ms(b.baselines.pkSelect.timing.medianMs), ratio(a.baselines.pkSelect.timing.medianMs / b.baselines.pkSelect.timing.medianMs)],
  );
  console.log(table(['项目 Item', a.label, b.label, `${a.label} ÷ ${b.label}`], rows));
}

function machineFacts() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    pgliteVersion: pgliteVersion(),
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

function pgliteVersion(): string {
  try {
    const file = path.resolve(BENCH_DIR, '../node_modules/@electric-sql/pglite/package.json');
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (parsed && typeof parsed === 'object' && 'version' in parsed && typeof parsed.version === 'string') return parsed.version;
  } catch {
    /* not installed where expected */
  }
  return 'unknown';
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const machine = machineFacts();
  const bench = benchShape(config.residents, { districtId: crypto.randomUUID(), seed: config.seed, today: new Date('2026-11-22T00:00:00Z') });
  console.log('共治 Gongzhi 性能基准 / benchmark');
  console.log(`机器 machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGB} GB, Node ${machine.node}, ${machine.platform}, PGlite ${machine.pgliteVersion}`);
  console.log(`负载 load average at start: ${machine.loadAverageAtStart.join(' / ')}${(machine.loadAverageAtStart[0] ?? 0) > machine.cores * 0.25 ? '  ← other work is running: figures will be noisy' : ''}`);
  console.log(
    `规模 scale: ${bench.streets} 街道 streets × ${bench.communities} 社区 communities × ${bench.grids} 网格 grids × ${int(bench.grids * bench.shape.buildingsPerGrid)} 楼栋 buildings × ${int(bench.flats)} 户 flats ≈ ${int(bench.expectedResidents)} 居民 residents (BENCH_RESIDENTS=${config.residents})`,
  );
  console.log(`查询 queries: ${config.warmup} warm-up + ${config.runs} timed runs each (time budget ${config.queryBudgetMs / 1000} s per query); baselines: ${config.loop} single-row INSERTs, ${config.loop} PK SELECTs; ANALYZE after loading: ${config.analyze ? 'yes' : 'no'}\n`);

  const results: EngineResult[] = [];
  for (const engine of config.engines as Engine[]) {
    log(`${engine === 'pglite' ? 'PGlite（嵌入式 embedded）' : 'PostgreSQL 服务器 server'} …`);
    const o0 = now();
    let target: Target;
    try {
      if (engine === 'pglite') {
        target = await openPglite();
      } else {
        const opened = await openPostgres();
        if (typeof opened === 'string') {
          log(`  跳过 SKIPPED: ${opened}`);
          results.push({ engine, label: 'PostgreSQL', skipped: true, reason: opened });
          continue;
        }
        target = opened;
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`  失败 FAILED to open: ${message}`);
      results.push({ engine, label: engine === 'pglite' ? 'PGlite' : 'PostgreSQL', skipped: false, failed: true, error: message });
      continue;
    }
    const openSeconds = (now() - o0) / 1000;
    try {
      results.push(await benchEngine(target, bench, openSeconds));
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`  失败 FAILED: ${message}`);
      results.push({ engine, label: target.label, skipped: false, failed: true, error: message });
    } finally {
      await target.cleanup().catch((error: unknown) => log(`  clean-up failed: ${error instanceof Error ? error.message : String(error)}`));
      log(`  已清理 cleaned up (${engine === 'pglite' ? 'temp folder removed' : `${PG_DB_NAME} dropped`})`);
    }
  }

  const done = results.filter((r): r is EngineDone => !r.skipped && !('failed' in r));
  for (const r of done) printEngine(r);
  printSideBySide(done);
  for (const r of results) {
    if (r.skipped) console.log(`\n${r.label}: 跳过 skipped — ${r.reason}`);
    else if ('failed' in r) console.log(`\n${r.label}: 失败 failed — ${r.error.split('\n')[0] ?? ''}`);
  }

  const loadAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  console.log(`\n负载 load average at end: ${loadAtEnd.join(' / ')}; total ${secs((now() - started) / 1000)}`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = path.join(RESULTS_DIR, `${stamp}.json`);
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    totalSeconds: (now() - started) / 1000,
    machine: { ...machine, loadAverageAtEnd: loadAtEnd },
    config: { ...config, pgUrl: redact(config.pgUrl), auditEvery: AUDIT_EVERY },
    shape: {
      streets: bench.streets,
      communities: bench.communities,
      grids: bench.grids,
      buildingsPerGrid: bench.shape.buildingsPerGrid,
      unitsPerBuilding: bench.shape.unitsPerBuilding,
      floors: bench.shape.floors,
      flatsPerFloor: bench.shape.flatsPerFloor,
      flats: bench.flats,
      expectedResidents: bench.expectedResidents,
    },
    reference: REFERENCE,
    engines: results,
  };
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`结果 results: ${path.relative(process.cwd(), file)}`);
  if (results.some((r) => !r.skipped && 'failed' in r)) process.exitCode = 1;
  // The other scale targets, each with its own data set and its baseline measured in its own run (bench/README.md):
  if (process.env.BENCH_IMPORT !== '0') await import('./registry-import.ts'); // issue #4: Excel import beside COPY into the same tables
  if (process.env.BENCH_COVERAGE !== '0') await import('./coverage.ts'); // issue #4: a street's coverage figures, a worker's due visits
  if (process.env.BENCH_FIGURES !== '0') await import('./demand-figures.ts'); // issue #5: a street's demand figures over 1M demands
  if (process.env.BENCH_HTTP !== '0') await import('./demands.ts'); // issue #5: demand intake and listing over HTTP at 1M demands
}

main().catch((error: unknown) => {
  console.error(error);
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  process.exitCode = 1;
});
