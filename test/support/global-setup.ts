import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { seedDemoDistrict } from '../../src/modules/demo/seed-demo.ts';
import { PG_ADMIN_URL, postgresReachable, TEMPLATE_DB, withDatabaseName } from './engines.ts';

/**
 * Builds, once per run, a migrated database holding the demo district: a PGlite data-dir dump on disk
 * and, when a server is reachable, a PostgreSQL template database. Each test file starts from a copy.
 */
export const PGLITE_TEMPLATE = path.resolve('.tmp/pglite-template.tar.gz');
export const SEED_TIME = new Date('2026-11-02T02:00:00Z');

export default async function setup(): Promise<void> {
  fs.mkdirSync(path.dirname(PGLITE_TEMPLATE), { recursive: true });
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
    return;
  }
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [TEMPLATE_DB]);
  await admin.query(`drop database if exists ${TEMPLATE_DB}`);
  // Leftovers of runs that were killed before they could drop their databases.
  const stale = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'gongzhi_test_%' and datname <> $1`, [TEMPLATE_DB]);
  for (const row of stale.rows) await admin.query(`drop database if exists ${row.datname} with (force)`).catch(() => undefined);
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const server = await openDatabase({ engine: 'postgres', url: withDatabaseName(PG_ADMIN_URL, TEMPLATE_DB), poolSize: 2 });
  await migrate(server.db);
  await seedDemoDistrict(server.db, { now: SEED_TIME });
  await server.close();
}
