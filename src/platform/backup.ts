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
export const BACKUP_TABLES = ['district', 'org_node', 'resident', 'resident_role', 'account', 'role_binding', 'message_outbox', 'audit_log'] as const;
type BackupTable = (typeof BACKUP_TABLES)[number];

export async function exportDatabase(db: Db, file: string): Promise<Record<string, number>> {
  const out = zlib.createGzip();
  const sink = fs.createWriteStream(file);
  out.pipe(sink);
  const migrations = (await db.selectFrom('schema_migration').select('name').orderBy('name').execute()).map((r) => r.name);
  out.write(JSON.stringify({ format: 'gongzhi-backup', version: 1, migrations, at: new Date().toISOString() }) + '\n');
  const counts: Record<string, number> = {};
  for (const table of BACKUP_TABLES) {
    counts[table] = 0;
    const order = table === 'org_node' ? sql.raw('district_id, path') : sql.raw('1');
    for (let offset = 0; ; offset += 5000) {
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${order} limit 5000 offset ${offset}`.execute(db)).rows;
      for (const row of rows) out.write(JSON.stringify({ t: table, r: row }) + '\n');
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
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const counts: Record<string, number> = {};
  await db.transaction().execute(async (tx) => {
    let header = true;
    let pending: { table: BackupTable; rows: Record<string, unknown>[] } | null = null;
    const flush = async () => {
      if (!pending || pending.rows.length === 0) return;
      const rows = pending.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v])));
      await tx.insertInto(pending.table).values(rows as never).execute();
      counts[pending.table] = (counts[pending.table] ?? 0) + rows.length;
      pending.rows = [];
    };
    for await (const line of lines) {
      if (!line.trim()) continue;
      const item = JSON.parse(line) as { format?: string; t?: BackupTable; r?: Record<string, unknown> };
      if (header) {
        if (item.format !== 'gongzhi-backup') throw new Error('不是共治备份文件');
        header = false;
        continue;
      }
      if (!item.t || !item.r || !BACKUP_TABLES.includes(item.t)) continue;
      if (pending && pending.table !== item.t) await flush();
      if (!pending || pending.table !== item.t) pending = { table: item.t, rows: [] };
      pending.rows.push(item.r);
      if (pending.rows.length >= 1000) await flush();
    }
    await flush();
  });
  return counts;
}
