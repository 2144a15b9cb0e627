import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GLOBAL_TABLES } from '../../src/platform/db/global-tables.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { describeEachEngine, freshDatabase } from '../support/test-database.ts';

/**
 * The sharding rule, read from the catalog: every table not on the global list carries district_id,
 * and district_id is part of its primary key, of every unique constraint and of every foreign key
 * (a foreign key to a global table excepted).
 */
describeEachEngine('tenant key on every table', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(async () => database?.close());

  it('every table is keyed by district_id or named on the global list', async () => {
    const tables = (await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(database.db)).rows.map((r) => r.table_name);
    const constraints = (
      await sql<{ table_name: string; conname: string; contype: string; columns: string[]; ref_table: string | null }>`
        select c.conrelid::regclass::text as table_name, c.conname, c.contype::text as contype,
               array(select a.attname::text from unnest(c.conkey) k join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k) as columns,
               case when c.confrelid = 0 then null else c.confrelid::regclass::text end as ref_table
        from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where n.nspname = 'public' and c.contype in ('p', 'u', 'f')`.execute(database.db)
    ).rows;
    const columns = (await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns where table_schema = 'public'`.execute(database.db)).rows;
    const problems: string[] = [];
    const global = new Set(Object.keys(GLOBAL_TABLES));
    expect(tables.length).toBeGreaterThan(5);
    for (const table of tables) {
      if (global.has(table)) continue;
      if (!columns.some((c) => c.table_name === table && c.column_name === 'district_id')) problems.push(`${table}: no district_id column`);
      const own = constraints.filter((c) => c.table_name === table);
      if (!own.some((c) => c.contype === 'p')) problems.push(`${table}: no primary key`);
      for (const c of own) {
        if (c.contype === 'f' && c.ref_table && global.has(c.ref_table)) continue;
        if (!c.columns.includes('district_id')) problems.push(`${table}.${c.conname} (${c.contype}) does not include district_id`);
      }
    }
    for (const name of global) expect(tables, `global table ${name} listed but missing`).toContain(name);
    expect(problems).toEqual([]);
  });

  it('a demand is held to an existing district through its community (no key of its own to district)', async () => {
    const community = await database.db.selectFrom('org_node').select(['id', 'district_id', 'path']).where('kind', '=', 'community').executeTakeFirstOrThrow();
    const demand = (district: string) => sql`
      insert into demand (district_id, id, community_id, node_path, channel, category_code, title, first_asked_by_name, status, respond_by, created_at, updated_at)
      values (${district}::uuid, gen_random_uuid(), ${community.id}::uuid, ${community.path}, 'hotline', 'other', '键的检查', '测试', 'received', now(), now(), now())`;
    await expect(demand('00000000-0000-4000-8000-000000000000').execute(database.db)).rejects.toMatchObject({ code: '23503' });
    await demand(community.district_id).execute(database.db);
    // Deleting the district is refused while anything of it exists (its org nodes, here).
    await expect(sql`delete from district where district_id = ${community.district_id}::uuid`.execute(database.db)).rejects.toMatchObject({ code: '23503' });
  });
});
