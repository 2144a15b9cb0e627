import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { openDatabase, type Database } from '../../src/platform/db/database.ts';
import { PG_ADMIN_URL, RUN_ID, TEMPLATE_DB, withDatabaseName } from './engines.ts';

export type TestEngine = 'pglite' | 'postgres';
const PGLITE_TEMPLATE = path.resolve(`.tmp/pglite-template-${RUN_ID}.tar.gz`);

/** The engines this run covers: PGlite always, PostgreSQL when global setup found a server. */
export function testEngines(): TestEngine[] {
  return process.env.GZ_PG_AVAILABLE === '1' ? ['pglite', 'postgres'] : ['pglite'];
}

/** `describe` once per engine, named after it. */
export function describeEachEngine(name: string, body: (engine: TestEngine) => void): void {
  for (const engine of testEngines()) describe(`${name} [${engine}]`, () => body(engine));
}

/** A fresh copy of the migrated demo database: a PGlite instance in memory, or a PostgreSQL database cloned from the template. */
export async function freshDatabase(engine: TestEngine): Promise<Database> {
  if (engine === 'pglite') {
    const blob = new Blob([fs.readFileSync(PGLITE_TEMPLATE)]);
    return openDatabase({ engine: 'pglite-memory', loadDataDir: blob });
  }
  const name = `gongzhi_test_${RUN_ID}_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ engine: 'postgres', url: withDatabaseName(PG_ADMIN_URL, name), poolSize: 4 });
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: PG_ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await cleanup.end();
    },
  };
}
