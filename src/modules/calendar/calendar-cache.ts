import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import './calendar.tables.ts';
import { officialCalendar } from './official-holidays.ts';
import { buildWorkingCalendar, type WorkingCalendar } from './working-calendar.ts';

/**
 * A per-process cache of each district's working calendar, for hot paths (demand intake) that would
 * otherwise read the overrides on every request.
 *
 * The rule that keeps several app servers correct: a cached calendar carries a `version` — the md5 of
 * the district's override rows (date, working, note) exactly as they stand in the database — and it is
 * only ever used by a statement that recomputes that fingerprint itself (`calendarVersionSql`) and
 * writes nothing when it differs. The caller then reloads (`reloadCalendar`) and tries again. So a
 * stale copy (another server changed an override) can cost one retry but never a wrong deadline; no
 * invalidation message between servers is needed, and the servers stay stateless. The shipped State
 * Council calendar is code, the same on every server of one release. At most MAX_DISTRICTS entries.
 */
export type VersionedCalendar = { calendar: WorkingCalendar; version: string };

const MAX_DISTRICTS = 256;
const cache = new Map<string, VersionedCalendar>();

/** The fingerprint of a district's overrides, as SQL (for use inside the statement that relies on it). */
export function calendarVersionSql(districtId: string): RawBuilder<string> {
  return sql<string>`(select md5(coalesce(string_agg(o.on_date::text || ':' || o.working::text || ':' || o.note, '|' order by o.on_date), ''))
    from working_calendar_override o where o.district_id = ${districtId}::uuid)`;
}

/** The cached calendar of a district, loading it on first use. */
export async function cachedCalendar(db: Db, districtId: string): Promise<VersionedCalendar> {
  return cache.get(districtId) ?? reloadCalendar(db, districtId);
}

/** Reads the overrides and their fingerprint in one statement (one snapshot) and caches the result. */
export async function reloadCalendar(db: Db, districtId: string): Promise<VersionedCalendar> {
  const row = (
    await sql<{ version: string; overrides: { date: string; working: boolean; note: string }[] | string }>`
      select ${calendarVersionSql(districtId)} as version,
        (select coalesce(json_agg(json_build_object('date', o.on_date::text, 'working', o.working, 'note', o.note) order by o.on_date), '[]'::json)
         from working_calendar_override o where o.district_id = ${districtId}::uuid) as overrides`.execute(db)
  ).rows[0];
  const overrides = typeof row?.overrides === 'string' ? (JSON.parse(row.overrides) as { date: string; working: boolean; note: string }[]) : (row?.overrides ?? []);
  const entry: VersionedCalendar = { calendar: buildWorkingCalendar({ official: officialCalendar(), overrides }), version: row?.version ?? '' };
  cache.delete(districtId);
  if (cache.size >= MAX_DISTRICTS) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(districtId, entry);
  return entry;
}
