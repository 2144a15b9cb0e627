import path from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { PgliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type Engine = 'pglite' | 'postgres';
export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** A handle usable for reads: the database or an open transaction. */
export type Queryable = Kysely<DB>;

export type Database = {
  db: Db;
  engine: Engine;
  /** The embedded instance, for data-dir dumps (backups, test templates); null on PostgreSQL. */
  pglite: PGlite | null;
  close(): Promise<void>;
};

// Dates come back as strings ('2026-11-22'), not JS Dates shifted by the time zone; bigint counts as numbers.
pg.types.setTypeParser(1082, (v: string) => v);
pg.types.setTypeParser(20, (v: string) => Number(v));

export type OpenOptions =
  | { engine: 'postgres'; url: string; poolSize?: number }
  | { engine: 'pglite'; dataDir: string }
  | { engine: 'pglite-memory'; loadDataDir?: Blob };

/** The embedded database lives in `<DATA_DIR>/pglite`; the lock file sits beside it. */
export function pgliteFolder(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

const jsonbText = types.serializers[types.JSONB]!;

/**
 * A jsonb parameter in PostgreSQL's binary form: a version byte (1), then the JSON text in UTF-8. PGlite's
 * driver sends bytes as they are; a string it measures and encodes in JavaScript, character by character and
 * twice, which cost ~25 µs per intake (~1 KB of JSON an item, ~26 items a batch; ~5 % of the server's CPU in
 * a profile of the drive on PGlite). Buffer encodes natively. pg encodes text natively, so PostgreSQL needs none.
 */
function jsonbBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  const text = typeof value === 'string' ? value : jsonbText(value);
  const bytes = Buffer.allocUnsafe(1 + Buffer.byteLength(text));
  bytes[0] = 1;
  bytes.write(text, 1);
  return bytes;
}

const pgliteOptions = {
  extensions: { pg_trgm },
  parsers: { 1082: (v: string) => v, 20: (v: string) => Number(v) },
  serializers: { [types.JSONB]: jsonbBytes as unknown as (value: unknown) => string },
};

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.engine === 'postgres') {
    // JIT compilation costs more than it saves on these short queries (0.9 s on a 50 ms coverage query).
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, options: '-c jit=off' });
    // An idle connection ended by the server (restart, terminate) must not crash the process; the pool replaces it.
    pool.on('error', (error) => console.error(`PostgreSQL 连接中断（已自动重连）/ idle connection error: ${error.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', pglite: null, close: () => db.destroy() };
  }
  let lock: DataDirLock | null = null;
  let pglite: PGlite;
  if (options.engine === 'pglite') {
    lock = lockDataDir(options.dataDir);
    try {
      pglite = new PGlite(pgliteFolder(options.dataDir), pgliteOptions);
      await pglite.waitReady;
    } catch (error) {
      lock.release();
      throw error;
    }
  } else {
    pglite = new PGlite({ ...pgliteOptions, loadDataDir: options.loadDataDir });
    await pglite.waitReady;
  }
  const db = new Kysely<DB>({ dialect: new PgliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    pglite,
    async close() {
      await db.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}
