import crypto from 'node:crypto';
import { prng } from '../src/modules/demo/demo-people.ts';
import type { RawConn } from './raw.ts';
import { now, summarize, type Timing } from './stats.ts';

/**
 * Raw figures, measured through the bare driver on the same database in the same run as the app's
 * figures: single-row INSERTs into a table without indexes, primary-key SELECTs, and one bulk load of
 * a resident-wide table without indexes in 1,000-row statements.
 */
export type LoopResult = { count: number; seconds: number; perSecond: number; timing: Timing };
export type BulkResult = { rows: number; seconds: number; rowsPerSecond: number; statementRows: number };

export async function singleRowInserts(raw: RawConn, count: number): Promise<LoopResult> {
  await raw.query('drop table if exists bench_single');
  await raw.query('create table bench_single (id bigint not null, name text not null, payload text not null, at timestamptz not null default now())');
  const samples: number[] = [];
  const t0 = now();
  for (let i = 0; i < count; i++) {
    const s = now();
    await raw.query('insert into bench_single (id, name, payload) values ($1, $2, $3)', [i, `居民${i}`, `payload-${i}-abcdefghijklmnopqrstuvwxyz`]);
    samples.push(now() - s);
  }
  const seconds = (now() - t0) / 1000;
  await raw.query('drop table bench_single');
  return { count, seconds, perSecond: count / seconds, timing: summarize(samples) };
}

export const KV_ROWS = 100_000;

export async function primaryKeySelects(raw: RawConn, count: number): Promise<LoopResult> {
  await raw.query('drop table if exists bench_kv');
  await raw.query('create table bench_kv (id bigint primary key, name text not null, payload text not null)');
  await raw.query(`insert into bench_kv select g, '居民' || g, md5(g::text) from generate_series(1, ${KV_ROWS}) g`);
  await raw.query('analyze bench_kv');
  const rand = prng(7301);
  for (let i = 0; i < 200; i++) await raw.query('select id, name, payload from bench_kv where id = $1', [1 + Math.floor(rand() * KV_ROWS)]);
  const samples: number[] = [];
  const t0 = now();
  for (let i = 0; i < count; i++) {
    const s = now();
    const rows = await raw.query('select id, name, payload from bench_kv where id = $1', [1 + Math.floor(rand() * KV_ROWS)]);
    samples.push(now() - s);
    if (rows.length !== 1) throw new Error('bench_kv lookup found no row');
  }
  const seconds = (now() - t0) / 1000;
  await raw.query('drop table bench_kv');
  return { count, seconds, perSecond: count / seconds, timing: summarize(samples) };
}

const WIDE_COLUMNS = ['district_id', 'id', 'household_id', 'node_path', 'name', 'gender', 'birth_date', 'id_number', 'phone', 'relation', 'registration'] as const;

function insertSql(table: string, columns: readonly string[], rows: number): string {
  const tuples: string[] = [];
  let p = 1;
  for (let r = 0; r < rows; r++) tuples.push(`(${columns.map(() => `$${p++}`).join(', ')})`);
  return `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`;
}

/** `rows` resident-like rows (same columns and similar values as `resident`) into a table with no index or constraint. */
export async function bulkWideInsert(raw: RawConn, rows: number, statementRows = 1000): Promise<BulkResult> {
  await raw.query('drop table if exists bench_wide');
  await raw.query(`create table bench_wide (
    district_id uuid not null, id uuid not null, household_id uuid not null, node_path text not null, name text not null,
    gender text not null, birth_date date not null, id_number text not null, phone text, relation text not null,
    registration text not null, created_at timestamptz not null default now(), updated_at timestamptz not null default now())`);
  const districtId = crypto.randomUUID();
  const fullSql = insertSql('bench_wide', WIDE_COLUMNS, statementRows);
  const t0 = now();
  for (let done = 0; done < rows; done += statementRows) {
    const n = Math.min(statementRows, rows - done);
    const params: unknown[] = [];
    const household = crypto.randomUUID();
    const path = `/${districtId}/${crypto.randomUUID()}/${crypto.randomUUID()}/${crypto.randomUUID()}/${crypto.randomUUID()}/${household}/`;
    for (let i = 0; i < n; i++) {
      const k = done + i;
      params.push(districtId, crypto.randomUUID(), household, path, k % 3 ? '王秀英' : '李强', k % 2 ? 'male' : 'female', '1980-05-17', `4201021980051${String(k).padStart(5, '0')}`, '13912345678', '户主', 'registered');
    }
    await raw.query(n === statementRows ? fullSql : insertSql('bench_wide', WIDE_COLUMNS, n), params);
  }
  const seconds = (now() - t0) / 1000;
  await raw.query('drop table bench_wide');
  return { rows, seconds, rowsPerSecond: rows / seconds, statementRows };
}
