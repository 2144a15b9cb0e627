import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Gender, Registration } from '../../platform/db/schema.ts';

/** SQL that writes an import: new household nodes with their house rows, then people with their history. */
export type NewHousehold = { id: string; buildingId: string; path: string; name: string };

export async function insertHouseholds(tx: Db, input: { districtId: string; now: Date; households: NewHousehold[] }): Promise<void> {
  for (let i = 0; i < input.households.length; i += 1000) {
    const chunk = input.households.slice(i, i + 1000);
    await tx
      .insertInto('org_node')
      .values(chunk.map((h) => ({ district_id: input.districtId, id: h.id, parent_id: h.buildingId, kind: 'household' as const, name: h.name, code: null, path: h.path, created_at: input.now, updated_at: input.now })))
      .execute();
    await tx.insertInto('house').values(chunk.map((h) => ({ district_id: input.districtId, house_id: h.id, verified_at: null, verified_by: null }))).execute();
  }
}

export type ResidentInsert = {
  id: string; household_id: string; node_path: string; name: string; gender: Gender; birth_date: string; id_number: string;
  phone: string | null; relation: string; registration: Registration; registered_place: string | null; moved_in_on: string | null; row_no: number;
};

/**
 * Inserts up to ~1,000 people in one statement, each with a 'registered' history event, and returns the
 * ID numbers actually inserted. The rows travel as one jsonb parameter (not 13 parameters per row),
 * and `on conflict do nothing` on (district_id, id_number) is the uniqueness re-check inside the commit's
 * transaction: a person registered by someone else since the preview is left out, not an error.
 */
export async function insertResidentsWithEvents(
  tx: Db,
  input: { districtId: string; now: Date; today: string; actorId: string; actorName: string; importId: string; rows: ResidentInsert[] },
): Promise<Set<string>> {
  const result = await sql<{ id_number: string }>`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input.rows)}::jsonb) as r(
        id uuid, household_id uuid, node_path text, name text, gender text, birth_date date, id_number text, phone text,
        relation text, registration text, registered_place text, moved_in_on date, row_no integer)
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
    select id_number from ins`.execute(tx);
  return new Set(result.rows.map((r) => r.id_number));
}
