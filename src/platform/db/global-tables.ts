/**
 * The only tables that are not keyed by district (the tenant key). Every other table must carry
 * `district_id` and include it in its primary, unique and foreign keys (foreign keys to these global
 * tables excepted), so that a distributed PostgreSQL can shard by district; a test reads the catalog
 * and fails on any table that breaks the rule. Adding a table here needs a reason on its line.
 */
export const GLOBAL_TABLES = {
  schema_migration: 'which migrations have run',
  district: 'the tenant catalogue itself (one row per 区/县)',
  account: 'platform accounts: a login name is unique across districts',
  session: 'a session is found by its token before the district is known',
  login_attempt: 'rate limiting by address before the district is known',
  one_time_code: 'resident sign-in by phone before the district is known',
} as const satisfies Record<string, string>;

export type GlobalTable = keyof typeof GLOBAL_TABLES;
