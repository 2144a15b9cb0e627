-- Working-day calendar (工作日历): the State Council's holiday arrangements ship with the code (npm package
-- chinese-days, see src/modules/calendar/official-holidays.ts); this table holds an administrator's
-- corrections for the whole district (区/县): a day declared working or rest, with the reason. One row per
-- district and date; clearing an override deletes its row (the audit log keeps the before/after).
create table working_calendar_override (
  district_id uuid not null references district (district_id),
  on_date date not null,
  working boolean not null,
  note text not null check (length(note) between 1 and 200),
  set_by uuid not null,
  set_by_name text not null,
  set_at timestamptz not null,
  primary key (district_id, on_date)
);
