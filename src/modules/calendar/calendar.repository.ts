import type { Db } from '../../platform/db/database.ts';
import './calendar.tables.ts';
import { officialCalendar } from './official-holidays.ts';
import { buildWorkingCalendar, type WorkingCalendar } from './working-calendar.ts';

export type OverrideRow = { date: string; working: boolean; note: string; setByName: string; setAt: Date };

/** The district's overrides, optionally one year only. */
export async function listOverrides(db: Db, districtId: string, year?: number): Promise<OverrideRow[]> {
  let q = db.selectFrom('working_calendar_override').select(['on_date', 'working', 'note', 'set_by_name', 'set_at']).where('district_id', '=', districtId);
  if (year !== undefined) q = q.where('on_date', '>=', `${year}-01-01`).where('on_date', '<=', `${year}-12-31`);
  const rows = await q.orderBy('on_date').execute();
  return rows.map((r) => ({ date: r.on_date, working: r.working, note: r.note, setByName: r.set_by_name, setAt: new Date(r.set_at) }));
}

/**
 * The district's working calendar as a pure object: the State Council's arrangements shipped with the
 * code plus the administrator's overrides. Load it once per command and pass it to the pure rules.
 */
export async function loadWorkingCalendar(db: Db, districtId: string): Promise<WorkingCalendar> {
  const overrides = await listOverrides(db, districtId);
  return buildWorkingCalendar({ official: officialCalendar(), overrides: overrides.map((o) => ({ date: o.date, working: o.working, note: o.note })) });
}
