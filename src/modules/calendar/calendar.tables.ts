import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** An administrator's correction of the working-day calendar for the whole district. */
export interface WorkingCalendarOverrideTable {
  district_id: string;
  on_date: ColumnType<string, string, string>;
  working: boolean;
  note: string;
  set_by: string;
  set_by_name: string;
  set_at: Timestamp;
}

declare module '../../platform/db/schema.ts' {
  interface DB {
    working_calendar_override: WorkingCalendarOverrideTable;
  }
}
