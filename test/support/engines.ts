import pg from 'pg';

/**
 * Which databases the suites run on. PGlite always; PostgreSQL when a server answers at GZ_TEST_PG_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres). With GZ_REQUIRE_PG=1 (as CI sets) a missing
 * server is a failure, never a skip.
 */
export const PG_ADMIN_URL = process.env.GZ_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/**
 * Databases of one test run share a run id (its start time in seconds), so concurrent runs on one server
 * never drop each other's databases; a run removes its own at the end, and ones older than three hours
 * (left by killed runs) at the start.
 */
export const RUN_ID = process.env.GZ_TEST_RUN_ID ?? String(Math.floor(Date.now() / 1000));
export const TEMPLATE_DB = `gongzhi_test_${RUN_ID}_template`;

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
