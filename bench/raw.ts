import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * The raw driver under the app: one `pg.Client` on PostgreSQL, the PGlite instance itself when
 * embedded. The baselines run through this, with hand-written SQL and no Kysely, so that they show
 * what the database and driver can do on this machine right now.
 */
export type Row = Record<string, unknown>;

export type RawConn = {
  query(text: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
};

export function pgliteRaw(pglite: PGlite): RawConn {
  return {
    async query(text, params) {
      if (!params || params.length === 0) {
        const results = await pglite.exec(text);
        return (results[results.length - 1]?.rows ?? []) as Row[];
      }
      return (await pglite.query<Row>(text, params)).rows;
    },
    // The instance belongs to the app's Database handle, which closes it.
    async close() {},
  };
}

export async function pgRaw(url: string): Promise<RawConn> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async query(text, params) {
      return (await client.query<Row>(text, params)).rows;
    },
    async close() {
      await client.end();
    },
  };
}
