import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import type { Db } from './db/database.ts';

/**
 * Whole-database backup as gzipped JSON lines, engine-neutral: a backup from the embedded database
 * restores into PostgreSQL and back. Transient tables (sessions, login attempts, one-time codes) are
 * left out. Tables are written parents first, so a restore never breaks a foreign key.
 */
const TRANSIENT_TABLES = new Set(['schema_migration', 'session', 'login_attempt', 'one_time_code', 'registry_import', 'coverage_grid_count', 'demand_figure_day', 'demand_figure_month']);

/** Every table of the schema except the transient ones, parents before children (read from the catalog, so new modules are included). */
export async function backupTables(db: Db): Promise<string[]> {
  const tables = (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db)).rows.map((r) => r.name).filter((t) => !TRANSIENT_TABLES.has(t));
  const edges = (await sql<{ child: string; parent: string }>`select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = 'public' and c.contype = 'f'`.execute(db)).rows;
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (ordered.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const e of edges) if (e.child === t && e.parent !== t && tables.includes(e.parent)) visit(e.parent);
    visiting.delete(t);
    ordered.push(t);
  };
  for (const t of [...tables].sort()) visit(t);
  return ordered;
}

/** Binary columns (bytea: stored files) travel as `{ "$bytea": base64 }`; everything else as JSON. */
function encodeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = v instanceof Uint8Array ? { $bytea: Buffer.from(v).toString('base64') } : v;
  return out;
}

function decodeValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || v instanceof Date) return v;
  const bytes = (v as { $bytea?: unknown }).$bytea;
  if (typeof bytes === 'string' && Object.keys(v).length === 1) return Buffer.from(bytes, 'base64');
  return JSON.stringify(v);
}

export async function exportDatabase(db: Db, file: string): Promise<Record<string, number>> {
  const out = zlib.createGzip();
  const sink = fs.createWriteStream(file);
  out.pipe(sink);
  const migrations = (await db.selectFrom('schema_migration').select('name').orderBy('name').execute()).map((r) => r.name);
  out.write(JSON.stringify({ format: 'gongzhi-backup', version: 1, migrations, at: new Date().toISOString() }) + '\n');
  const counts: Record<string, number> = {};
  for (const table of await backupTables(db)) {
    counts[table] = 0;
    const order = table === 'org_node' ? sql.raw('district_id, path') : sql.raw('1');
    for (let offset = 0; ; offset += 5000) {
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${order} limit 5000 offset ${offset}`.execute(db)).rows;
      for (const row of rows) out.write(JSON.stringify({ t: table, r: encodeRow(row) }) + '\n');
      counts[table] += rows.length;
      if (rows.length < 5000) break;
    }
  }
  await new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve).on('error', reject);
    out.end();
  });
  return counts;
}

export async function importDatabase(db: Db, file: string): Promise<Record<string, number>> {
  if (await db.selectFrom('district').select('district_id').limit(1).executeTakeFirst()) {
    throw new Error('目标数据库已有数据，只能导入到空数据库（先用新的 DATA_DIR 或空的 PostgreSQL 库）');
  }
  const counts: Record<string, number> = {};
  const known = new Set(await backupTables(db));
  await db.transaction().execute(async (tx) => {
    let header = true;
    let pending: { table: string; rows: Record<string, unknown>[] } | null = null;
    const flush = async () => {
      if (!pending || pending.rows.length === 0) return;
      const rows = pending.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, decodeValue(v)])));
      await tx.insertInto(pending.table as 'district').values(rows as never).execute();
      counts[pending.table] = (counts[pending.table] ?? 0) + rows.length;
      pending.rows = [];
    };
    // Opened right before it is read: a readline interface drops the lines it reads before iteration starts.
    const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const item = JSON.parse(line) as { format?: string; t?: string; r?: Record<string, unknown> };
      if (header) {
        if (item.format !== 'gongzhi-backup') throw new Error('不是共治备份文件');
        header = false;
        continue;
      }
      if (!item.t || !item.r) continue;
      if (!known.has(item.t)) throw new Error(`备份中的表 ${item.t} 在当前数据库中不存在，请先升级到同一版本`);
      if (pending && pending.table !== item.t) await flush();
      if (!pending || pending.table !== item.t) pending = { table: item.t, rows: [] };
      pending.rows.push(item.r);
      if (pending.rows.length >= 1000) await flush();
    }
    await flush();
    // Identity columns continue after the restored values.
    const identities = (await sql<{ t: string; c: string }>`select table_name as t, column_name as c from information_schema.columns where table_schema = 'public' and is_identity = 'YES'`.execute(tx)).rows;
    for (const { t, c } of identities) {
      await sql`select setval(pg_get_serial_sequence(${t}, ${c}), coalesce((select max(${sql.ref(c)}) from ${sql.table(t)}), 0) + 1, false)`.execute(tx);
    }
  });
  return counts;
}
