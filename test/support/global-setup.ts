import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { seedDemoDistrict } from '../../src/modules/demo/seed-demo.ts';
import { PG_ADMIN_URL, postgresReachable, RUN_ID, TEMPLATE_DB, withDatabaseName } from './engines.ts';

/**
 * Builds, once per run, a migrated database holding the demo district: a PGlite data-dir dump on disk
 * and, when a server is reachable, a PostgreSQL template database. Each test file starts from a copy.
 */
export const PGLITE_TEMPLATE = path.resolve(`.tmp/pglite-template-${RUN_ID}.tar.gz`);
export const SEED_TIME = new Date('2026-11-02T02:00:00Z');

export default async function setup(): Promise<() => Promise<void>> {
  process.env.GZ_TEST_RUN_ID = RUN_ID; // the workers find this run's template by it
  fs.mkdirSync(path.dirname(PGLITE_TEMPLATE), { recursive: true });
  for (const old of fs.readdirSync(path.dirname(PGLITE_TEMPLATE), { withFileTypes: true }).filter((f) => /^pglite-template/.test(f.name))) {
    const at = fs.statSync(path.join(path.dirname(PGLITE_TEMPLATE), old.name)).mtimeMs;
    if (Date.now() - at > 3 * 3600_000) fs.rmSync(path.join(path.dirname(PGLITE_TEMPLATE), old.name), { force: true });
  }
  const mem = await openDatabase({ engine: 'pglite-memory' });
  await migrate(mem.db);
  await seedDemoDistrict(mem.db, { now: SEED_TIME });
  if (!mem.pglite) throw new Error('expected an embedded database');
  const dump = await mem.pglite.dumpDataDir('gzip');
  fs.writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  await mem.close();

  const reachable = await postgresReachable();
  process.env.GZ_PG_AVAILABLE = reachable ? '1' : '0';
  if (!reachable) {
    if (process.env.GZ_REQUIRE_PG === '1') throw new Error(`GZ_REQUIRE_PG=1 but no PostgreSQL server answers at ${PG_ADMIN_URL}`);
    console.warn(`\n[gongzhi] PostgreSQL not reachable at ${PG_ADMIN_URL}: the PostgreSQL half of the database suites is skipped.\n`);
    return async () => fs.rmSync(PGLITE_TEMPLATE, { force: true });
  }
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  // Leftovers of runs that were killed more than three hours ago, before they could drop their databases.
  const stale = await admin.query<{ datname: string }>(`select datname from pg_database where datname ~ '^gongzhi_test_[0-9]+_'`);
  for (const row of stale.rows) {
    const started = Number(/^gongzhi_test_(\d+)_/.exec(row.datname)?.[1] ?? 0);
    if (Date.now() / 1000 - started > 3 * 3600) await admin.query(`drop database if exists ${row.datname} with (force)`).catch(() => undefined);
  }
  await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const server = await openDatabase({ engine: 'postgres', url: withDatabaseName(PG_ADMIN_URL, TEMPLATE_DB), poolSize: 2 });
  await migrate(server.db);
  await seedDemoDistrict(server.db, { now: SEED_TIME });
  await server.close();
  return async () => {
    fs.rmSync(PGLITE_TEMPLATE, { force: true });
    const cleanup = new pg.Client({ connectionString: PG_ADMIN_URL });
    await cleanup.connect();
    const mine = await cleanup.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`gongzhi_test_${RUN_ID}_%`]);
    for (const row of mine.rows) await cleanup.query(`drop database if exists ${row.datname} with (force)`).catch(() => undefined);
    await cleanup.end();
  };
}
