import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/database.ts';
import { STATUS_NAMES } from '../../src/modules/demands/demand-labels.ts';
import { OPEN_STATUSES } from '../../src/modules/demands/rules/index.ts';
import { describeEachEngine, freshDatabase } from '../support/test-database.ts';

/** Every list of quoted names in a text: `('a', 'b')` as SQL is written, `ARRAY['a'::text, …]` as PostgreSQL prints it. */
function quotedLists(text: string): string[][] {
  const lists: string[][] = [];
  for (const m of text.matchAll(/\(\s*('[a-z_]+'(?:\s*,\s*'[a-z_]+')*)\s*\)|ARRAY\[([^\]]*)\]/g)) {
    lists.push([...(m[1] ?? m[2] ?? '').matchAll(/'([a-z_]+)'/g)].map((x) => x[1] as string));
  }
  return lists;
}

/**
 * Which demand statuses are open is a workflow rule (OPEN_STATUSES, rules/demand-workflow.ts). The hot SQL
 * (the list, its filter, intake's duplicate search, the figures, the partial indexes) spells the same set
 * out for the planner. Read from the live catalog: every status list there that holds 'suspended' is either
 * that set or, in the table's check, all statuses — so a status added or moved in TypeScript fails here
 * until the SQL follows.
 */
describeEachEngine('demand statuses in SQL', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(async () => database?.close());

  it('the functions and the partial indexes name exactly the open statuses of the workflow rules', async () => {
    const functions = (await sql<{ name: string; src: string }>`
      select p.proname as name, p.prosrc as src from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.prosrc like '%''suspended''%'`.execute(database.db)).rows;
    const indexes = (await sql<{ name: string; src: string }>`
      select indexname as name, indexdef as src from pg_indexes where schemaname = 'public' and tablename = 'demand'`.execute(database.db)).rows;
    // Where the set is spelled out today (a new place is welcome; it is checked the same way).
    const found = [...functions, ...indexes].flatMap((o) => quotedLists(o.src).filter((l) => l.includes('suspended')).map((l) => ({ name: o.name, statuses: [...l].sort() })));
    expect(found.map((f) => f.name)).toEqual(expect.arrayContaining(['gz_demand_intake_many', 'gz_demand_listed', 'demand_open_finish_idx']));
    const open = [...OPEN_STATUSES].sort();
    expect(found.filter((f) => f.statuses.join() !== open.join())).toEqual([]);
  });

  it("the demand table's check allows exactly the statuses the app names", async () => {
    const checks = (await sql<{ def: string }>`
      select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'demand'::regclass and conname = 'demand_status_check'`.execute(database.db)).rows;
    const lists = checks.flatMap((c) => quotedLists(c.def));
    expect(lists).toHaveLength(1);
    expect([...(lists[0] ?? [])].sort()).toEqual(Object.keys(STATUS_NAMES).sort());
  });
});
