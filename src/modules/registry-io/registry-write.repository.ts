import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Gender, Registration } from '../../platform/db/schema.ts';

/**
 * SQL that writes an import: new household nodes with their house rows, then people with their history.
 * Rows travel as one array parameter per column (`unnest($1::uuid[], $2::text[], …)`): one parse and one
 * round trip per statement whatever the number of rows, no per-row parameters, no JSON to decode.
 */
export type NewHousehold = { id: string; buildingId: string; path: string; name: string };

/** Rows per statement: large enough that per-statement costs vanish, small enough to keep each parameter a few MB. */
export const WRITE_CHUNK = 25_000;

export async function insertHouseholds(tx: Db, input: { districtId: string; now: Date; households: NewHousehold[] }): Promise<void> {
  for (let i = 0; i < input.households.length; i += WRITE_CHUNK) {
    const chunk = input.households.slice(i, i + WRITE_CHUNK);
    const ids = chunk.map((h) => h.id);
    await sql`
      insert into org_node (district_id, id, parent_id, kind, name, code, path, created_at, updated_at)
      select ${input.districtId}::uuid, h.id, h.parent_id, 'household', h.name, null, h.path, ${input.now}::timestamptz, ${input.now}::timestamptz
      from unnest(${ids}::uuid[], ${chunk.map((h) => h.buildingId)}::uuid[], ${chunk.map((h) => h.name)}::text[], ${chunk.map((h) => h.path)}::text[]) as h(id, parent_id, name, path)`.execute(tx);
    await sql`
      insert into house (district_id, house_id, verified_at, verified_by)
      select ${input.districtId}::uuid, h, null, null from unnest(${ids}::uuid[]) as h`.execute(tx);
  }
}

export type ResidentInsert = {
  id: string; household_id: string; node_path: string; name: string; gender: Gender; birth_date: string; id_number: string;
  phone: string | null; relation: string; registration: Registration; registered_place: string | null; moved_in_on: string | null; row_no: number;
};

/**
 * Inserts people in one statement, each with a 'registered' history event, and returns the ID numbers
 * NOT inserted (usually none, so nothing comes back over the wire). `on conflict do nothing` on (district_id, id_number) is the uniqueness re-check
 * inside the commit's transaction: a person registered by someone else since the preview is left out,
 * not an error. The caller keeps each call to at most `WRITE_CHUNK` rows.
 */
export async function insertResidentsWithEvents(
  tx: Db,
  input: { districtId: string; now: Date; today: string; actorId: string; actorName: string; importId: string; rows: ResidentInsert[] },
): Promise<Set<string>> {
  const rows = input.rows;
  const column = <K extends keyof ResidentInsert>(key: K) => rows.map((r) => r[key]);
  const result = await sql<{ id_number: string }>`
    with input as materialized (
      select * from unnest(
        ${column('id')}::uuid[], ${column('household_id')}::uuid[], ${column('node_path')}::text[], ${column('name')}::text[],
        ${column('gender')}::text[], ${column('birth_date')}::date[], ${column('id_number')}::text[], ${column('phone')}::text[],
        ${column('relation')}::text[], ${column('registration')}::text[], ${column('registered_place')}::text[],
        ${column('moved_in_on')}::date[], ${column('row_no')}::int[]
      ) as r(id, household_id, node_path, name, gender, birth_date, id_number, phone, relation, registration, registered_place, moved_in_on, row_no)
    ), ins as (
      insert into resident (district_id, id, household_id, node_path, name, gender, birth_date, id_number, phone, relation,
                            registration, registered_place, moved_in_on, status, created_at, updated_at)
      select ${input.districtId}::uuid, id, household_id, node_path, name, gender, birth_date, id_number, phone, relation,
             registration, registered_place, moved_in_on, 'present', ${input.now}::timestamptz, ${input.now}::timestamptz
      from input
      on conflict (district_id, id_number) do nothing
      returning id, id_number
    ), events as (
      insert into resident_event (district_id, id, resident_id, kind, occurred_on, at, actor_id, actor_name, details)
      select ${input.districtId}::uuid, gen_random_uuid(), ins.id, 'registered', coalesce(input.moved_in_on, ${input.today}::date),
             ${input.now}::timestamptz, ${input.actorId}::uuid, ${input.actorName}::text,
             jsonb_build_object('source', 'import', 'importId', ${input.importId}::text, 'row', input.row_no)
      from ins join input on input.id = ins.id
    )
    select i.id_number from input i where not exists (select 1 from ins where ins.id = i.id)`.execute(tx);
  return new Set(result.rows.map((r) => r.id_number));
}
