import { sql, type ColumnType, type Insertable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Gender, Registration, ResidentStatus } from '../../platform/db/schema.ts';

/**
 * SQL for registry import and export. The `registry_import` table is declared here (not in
 * platform/db/schema.ts) so that this module owns it; `importDb` adds it to the Kysely handle.
 */
type Json = ColumnType<unknown, string, string>;
export type ImportStatus = 'pending' | 'committed' | 'discarded';

export interface RegistryImportTable {
  district_id: string;
  id: string;
  node_id: string;
  node_path: string;
  file_name: string | null;
  created_by: string;
  created_by_name: string;
  created_at: ColumnType<Date, Date, Date>;
  expires_at: ColumnType<Date, Date, Date>;
  status: ColumnType<ImportStatus, ImportStatus | undefined, ImportStatus>;
  total_count: number;
  good_count: number;
  bad_count: number;
  new_households: number;
  errors: Json;
  good_rows: Json;
  bad_rows: Json;
  finished_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  finished_by: string | null;
  imported_count: number | null;
  skipped: ColumnType<unknown, string | null | undefined, string | null>;
}

/** A validated row, ready to insert at commit (the building's path is looked up again then). */
export type GoodRow = {
  row: number; buildingId: string; household: string;
  name: string; gender: Gender; birthDate: string; idNumber: string; phone: string | null; relation: string;
  registration: Registration; registeredPlace: string | null; movedInOn: string | null;
};
type PackedRow = [number, number, string, string, Gender, string, string, string | null, string, Registration, string | null, string | null];

/**
 * Good rows as stored: tuples and a building list, about a quarter of the size of one object per row,
 * as ONE JSON string inside the jsonb column (a 50,000-row file is ~6 MB of JSON: as a string the
 * database checks it in one scan instead of building 600,000 jsonb values, and hands it back as is).
 */
export function packGoodRows(rows: GoodRow[]): string {
  const buildings: string[] = [];
  const index = new Map<string, number>();
  const packed = rows.map((r): PackedRow => {
    let b = index.get(r.buildingId);
    if (b === undefined) {
      b = buildings.push(r.buildingId) - 1;
      index.set(r.buildingId, b);
    }
    return [r.row, b, r.household, r.name, r.gender, r.birthDate, r.idNumber, r.phone, r.relation, r.registration, r.registeredPlace, r.movedInOn];
  });
  return JSON.stringify(JSON.stringify({ buildings, rows: packed }));
}

/** Reads both forms: the JSON string above and the plain jsonb object batches stored before it. */
export function unpackGoodRows(value: unknown): GoodRow[] {
  const stored = (typeof value === 'string' ? JSON.parse(value) : value) as { buildings?: string[]; rows?: PackedRow[] } | null;
  const buildings = stored?.buildings ?? [];
  return (stored?.rows ?? []).map(([row, b, household, name, gender, birthDate, idNumber, phone, relation, registration, registeredPlace, movedInOn]) => ({
    row, buildingId: buildings[b] ?? '', household, name, gender, birthDate, idNumber, phone, relation, registration, registeredPlace, movedInOn,
  }));
}
/** A bad row as typed, for the errors workbook. */
export type BadRow = { row: number; cells: Record<string, string>; reason: string };

export const importDb = (db: Db) => db.withTables<{ registry_import: RegistryImportTable }>();
export type ImportRow = Awaited<ReturnType<typeof findImport>> & object;

export async function importScope(db: Db, districtId: string, id: string): Promise<string[] | null> {
  const row = await importDb(db).selectFrom('registry_import').select('node_path').where('district_id', '=', districtId).where('id', '=', id).executeTakeFirst();
  return row ? [row.node_path] : null;
}

/** The batch without its row payloads (which can be tens of megabytes). */
export async function findImport(db: Db, districtId: string, id: string, options: { forUpdate?: boolean } = {}) {
  let q = importDb(db)
    .selectFrom('registry_import')
    .select(['district_id', 'id', 'node_id', 'node_path', 'file_name', 'created_by', 'created_by_name', 'created_at', 'expires_at', 'status', 'total_count', 'good_count', 'bad_count', 'new_households', 'errors', 'finished_at', 'finished_by', 'imported_count', 'skipped'])
    .where('district_id', '=', districtId)
    .where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function importPayload(db: Db, districtId: string, id: string, column: 'good_rows' | 'bad_rows'): Promise<unknown> {
  const row = await importDb(db).selectFrom('registry_import').select(column).where('district_id', '=', districtId).where('id', '=', id).executeTakeFirst();
  return row?.[column as 'good_rows'] ?? [];
}

export async function insertImport(db: Db, row: Insertable<RegistryImportTable>): Promise<void> {
  await importDb(db).insertInto('registry_import').values(row).execute();
}

export async function finishImport(db: Db, districtId: string, id: string, set: { status: ImportStatus; finished_at: Date; finished_by: string; imported_count?: number; skipped?: string; clearBad?: boolean }): Promise<void> {
  await importDb(db)
    .updateTable('registry_import')
    .set({ status: set.status, finished_at: set.finished_at, finished_by: set.finished_by, imported_count: set.imported_count ?? null, skipped: set.skipped ?? null, good_rows: '[]', ...(set.clearBad ? { bad_rows: '[]' } : {}) })
    .where('district_id', '=', districtId)
    .where('id', '=', id)
    .execute();
}

/** Personal data does not outlive the batch: expired batches lose their rows (the report stays). `districtId` null: every district (the periodic sweep). */
export async function purgeExpiredImports(db: Db, districtId: string | null, now: Date): Promise<number> {
  let query = importDb(db)
    .updateTable('registry_import')
    .set({ good_rows: '[]', bad_rows: '[]' })
    .where('expires_at', '<', now)
    .where((eb) => eb.or([eb('good_rows', '<>', sql<string>`'[]'::jsonb`), eb('bad_rows', '<>', sql<string>`'[]'::jsonb`)]));
  if (districtId !== null) query = query.where('district_id', '=', districtId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The sweep that clears expired import batches even when nobody uploads again. */
export const expiredImportsSweep = {
  name: 'registry-import.expired',
  everyMinutes: 30,
  run: async (db: Db, now: Date) => ({ changed: await purgeExpiredImports(db, null, now) }),
};

type NamedNode = { id: string; name: string; path: string; parent_id: string | null };

async function nodesNamed(db: Db, input: { districtId: string; kind: 'community' | 'grid' | 'building'; names: string[]; parentIds?: string[] }): Promise<NamedNode[]> {
  if (input.names.length === 0 || (input.parentIds && input.parentIds.length === 0)) return [];
  const out: NamedNode[] = [];
  const parents = input.parentIds ?? [null];
  for (let i = 0; i < parents.length; i += 2000) {
    let q = db.selectFrom('org_node').select(['id', 'name', 'path', 'parent_id']).where('district_id', '=', input.districtId).where('kind', '=', input.kind).where('name', 'in', input.names);
    const chunk = parents.slice(i, i + 2000);
    if (input.parentIds) q = q.where('parent_id', 'in', chunk as string[]);
    out.push(...(await q.execute()));
  }
  return out;
}

/** Communities, grids and buildings by name: three queries for the whole file, whatever its size. */
export async function nodesForAddresses(db: Db, districtId: string, addresses: { community: string; grid: string; building: string }[]) {
  const uniq = (values: string[]) => [...new Set(values)];
  const communities = await nodesNamed(db, { districtId, kind: 'community', names: uniq(addresses.map((a) => a.community)) });
  const grids = await nodesNamed(db, { districtId, kind: 'grid', names: uniq(addresses.map((a) => a.grid)), parentIds: communities.map((c) => c.id) });
  const buildings = await nodesNamed(db, { districtId, kind: 'building', names: uniq(addresses.map((a) => a.building)), parentIds: grids.map((g) => g.id) });
  return { communities, grids, buildings };
}

/** The households of some buildings, keyed `buildingId/name`. */
export async function householdsOf(db: Db, districtId: string, buildingIds: string[]): Promise<Map<string, { id: string; path: string }>> {
  const out = new Map<string, { id: string; path: string }>();
  for (let i = 0; i < buildingIds.length; i += 2000) {
    const rows = await db.selectFrom('org_node').select(['id', 'name', 'path', 'parent_id']).where('district_id', '=', districtId).where('kind', '=', 'household').where('parent_id', 'in', buildingIds.slice(i, i + 2000)).execute();
    for (const r of rows) out.set(`${r.parent_id ?? ''}/${r.name}`, { id: r.id, path: r.path });
  }
  return out;
}

export type ExistingPerson = { id_number: string; name: string; node_path: string; status: ResidentStatus };

/** People already registered in the district under any of these ID numbers (present, moved out or deceased). */
export async function registeredIdNumbers(db: Db, districtId: string, idNumbers: string[]): Promise<Map<string, ExistingPerson>> {
  const out = new Map<string, ExistingPerson>();
  // One array parameter per 50,000 numbers instead of one parameter per number: one parse, one round trip.
  for (let i = 0; i < idNumbers.length; i += 50_000) {
    const rows = await db.selectFrom('resident').select(['id_number', 'name', 'node_path', 'status']).where('district_id', '=', districtId)
      .where('id_number', '=', sql<string>`any(${idNumbers.slice(i, i + 50_000)}::text[])`).execute();
    for (const r of rows) out.set(r.id_number, r);
  }
  return out;
}

export async function nodesById(db: Db, districtId: string, ids: string[]): Promise<Map<string, { id: string; path: string }>> {
  const out = new Map<string, { id: string; path: string }>();
  for (let i = 0; i < ids.length; i += 2000) {
    const rows = await db.selectFrom('org_node').select(['id', 'path']).where('district_id', '=', districtId).where('id', 'in', ids.slice(i, i + 2000)).execute();
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}
