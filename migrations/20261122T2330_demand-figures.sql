-- Demand figures (诉求指标, issue #5): response, same-day, on-time, resolution and satisfaction rates per
-- grid / community / street and period, equal to the pure definitions in
-- src/modules/demands/rules/figures.ts, fast at a million demands.
--
-- The figures of a demand whose handling is settled — done (done_at set) after having been accepted
-- (responded_at set), not merged — no longer depend on the clock: they are summed per place unit (its
-- grid, or its community when it lies above any grid) and China day of receipt in demand_figure_day,
-- and per unit and month in demand_figure_month (a period reads its whole months there and only the
-- days of its partial months), kept current by triggers on demand in the same transaction as each
-- write. Everything else (open
-- demands: backlog, overdue, the limits that pass with time) is counted live from a partial index
-- that holds only the unsettled demands, a small share of the whole.

-- The cached row carries what the figures need from the history: the outcome of the latest "done"
-- and the latest rating given (an unsatisfied one included; `rating` is cleared by a reopening).
alter table demand add column outcome_result text check (outcome_result is null or outcome_result in ('resolved', 'explained', 'unresolvable'));
alter table demand add column last_rating text check (last_rating is null or last_rating in ('satisfied', 'basically_satisfied', 'unsatisfied'));

update demand d set outcome_result = (
  select e.data -> 'outcome' ->> 'result' from demand_event e
  where e.district_id = d.district_id and e.demand_id = d.id and e.kind = 'done' order by e.seq desc limit 1)
where d.done_at is not null;
update demand d set last_rating = (
  select e.data ->> 'rating' from demand_event e
  where e.district_id = d.district_id and e.demand_id = d.id and e.kind = 'rated' order by e.seq desc limit 1);

-- A demand's place unit: the path of its grid ('/<district>/<street>/<community>/<grid>/'), or of its
-- community when it was placed at community level.
create function demand_figure_unit(p text) returns text language sql immutable as $$
  select array_to_string((string_to_array(p, '/'))[1:case when split_part(p, '/', 5) = '' then 4 else 5 end], '/') || '/'
$$;

create table demand_figure_day (
  district_id uuid not null,
  unit_path text collate "C" not null,
  -- The China date (UTC+8) on which the demands were received.
  day date not null,
  -- Settled demands received that day at that unit, and how many of them count in each numerator.
  received integer not null default 0,
  responded_on_time integer not null default 0,
  done_same_day integer not null default 0,
  done_on_time integer not null default 0,
  resolved integer not null default 0,
  rated integer not null default 0,
  satisfied integer not null default 0,
  -- Day first: a period is a range of days, and a node's units are filtered inside it (a street's
  -- units are most of a district's, or a sixteenth; a period of a month is a twentieth of two years).
  primary key (district_id, day, unit_path),
  foreign key (district_id) references district (district_id)
);

-- The same sums per month (month = its first day), so a year is read in twelve rows per unit.
create table demand_figure_month (
  district_id uuid not null,
  unit_path text collate "C" not null,
  month date not null check (extract(day from month) = 1),
  received integer not null default 0,
  responded_on_time integer not null default 0,
  done_same_day integer not null default 0,
  done_on_time integer not null default 0,
  resolved integer not null default 0,
  rated integer not null default 0,
  satisfied integer not null default 0,
  primary key (district_id, month, unit_path),
  foreign key (district_id) references district (district_id)
);

-- Adds (sign 1) or takes away (sign -1) one settled demand's contribution, to its day and its month.
create function demand_figure_day_add(r demand, p_sign integer) returns void language sql as $$
  with c as (
    select r.district_id, demand_figure_unit(r.node_path) as unit_path,
      ((r.created_at at time zone 'UTC') + interval '8 hours')::date as day,
      p_sign as received,
      p_sign * (case when r.responded_at <= r.respond_by then 1 else 0 end) as responded_on_time,
      p_sign * (case when ((r.done_at at time zone 'UTC') + interval '8 hours')::date = ((r.created_at at time zone 'UTC') + interval '8 hours')::date then 1 else 0 end) as done_same_day,
      p_sign * (case when r.finish_by is null or r.done_at <= r.finish_by then 1 else 0 end) as done_on_time,
      p_sign * (case when r.outcome_result = 'resolved' then 1 else 0 end) as resolved,
      p_sign * (case when r.last_rating is not null then 1 else 0 end) as rated,
      p_sign * (case when r.last_rating in ('satisfied', 'basically_satisfied') then 1 else 0 end) as satisfied
  ), d as (
    insert into demand_figure_day as f (district_id, unit_path, day, received, responded_on_time, done_same_day, done_on_time, resolved, rated, satisfied)
    select district_id, unit_path, day, received, responded_on_time, done_same_day, done_on_time, resolved, rated, satisfied from c
    on conflict (district_id, unit_path, day) do update set
      received = f.received + excluded.received,
      responded_on_time = f.responded_on_time + excluded.responded_on_time,
      done_same_day = f.done_same_day + excluded.done_same_day,
      done_on_time = f.done_on_time + excluded.done_on_time,
      resolved = f.resolved + excluded.resolved,
      rated = f.rated + excluded.rated,
      satisfied = f.satisfied + excluded.satisfied
  )
  insert into demand_figure_month as f (district_id, unit_path, month, received, responded_on_time, done_same_day, done_on_time, resolved, rated, satisfied)
  select district_id, unit_path, date_trunc('month', day::timestamp)::date, received, responded_on_time, done_same_day, done_on_time, resolved, rated, satisfied from c
  on conflict (district_id, unit_path, month) do update set
    received = f.received + excluded.received,
    responded_on_time = f.responded_on_time + excluded.responded_on_time,
    done_same_day = f.done_same_day + excluded.done_same_day,
    done_on_time = f.done_on_time + excluded.done_on_time,
    resolved = f.resolved + excluded.resolved,
    rated = f.rated + excluded.rated,
    satisfied = f.satisfied + excluded.satisfied
$$;

create function demand_figure_day_on_change() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') and old.status <> 'merged' and old.done_at is not null and old.responded_at is not null then
    if tg_op = 'UPDATE' and new.status <> 'merged' and new.done_at is not null and new.responded_at is not null
       and (old.node_path, old.created_at, old.responded_at, old.respond_by, old.done_at, old.finish_by, old.outcome_result, old.last_rating)
           is not distinct from (new.node_path, new.created_at, new.responded_at, new.respond_by, new.done_at, new.finish_by, new.outcome_result, new.last_rating) then
      return null; -- nothing the figures read has changed
    end if;
    perform demand_figure_day_add(old, -1);
  end if;
  if tg_op in ('UPDATE', 'INSERT') and new.status <> 'merged' and new.done_at is not null and new.responded_at is not null then
    perform demand_figure_day_add(new, 1);
  end if;
  return null;
end $$;

-- Row triggers with WHEN: receiving a demand (open) and handling an open one cost nothing here.
create trigger demand_figure_day_ins after insert on demand for each row
  when (new.status <> 'merged' and new.done_at is not null and new.responded_at is not null)
  execute function demand_figure_day_on_change();
create trigger demand_figure_day_upd after update on demand for each row
  when ((old.status <> 'merged' and old.done_at is not null and old.responded_at is not null)
     or (new.status <> 'merged' and new.done_at is not null and new.responded_at is not null))
  execute function demand_figure_day_on_change();
create trigger demand_figure_day_del after delete on demand for each row
  when (old.status <> 'merged' and old.done_at is not null and old.responded_at is not null)
  execute function demand_figure_day_on_change();

-- Recounts a district's rows from its demands (after a bulk load with the triggers off; the benchmark).
create function demand_figure_day_rebuild(p_district uuid) returns void language sql as $$
  delete from demand_figure_day where district_id = p_district;
  insert into demand_figure_day (district_id, unit_path, day, received, responded_on_time, done_same_day, done_on_time, resolved, rated, satisfied)
  select district_id, demand_figure_unit(node_path), ((created_at at time zone 'UTC') + interval '8 hours')::date,
    count(*),
    count(*) filter (where responded_at <= respond_by),
    count(*) filter (where ((done_at at time zone 'UTC') + interval '8 hours')::date = ((created_at at time zone 'UTC') + interval '8 hours')::date),
    count(*) filter (where finish_by is null or done_at <= finish_by),
    count(*) filter (where outcome_result = 'resolved'),
    count(*) filter (where last_rating is not null),
    count(*) filter (where last_rating in ('satisfied', 'basically_satisfied'))
  from demand
  where district_id = p_district and status <> 'merged' and done_at is not null and responded_at is not null
  group by 1, 2, 3;
  delete from demand_figure_month where district_id = p_district;
  insert into demand_figure_month (district_id, unit_path, month, received, responded_on_time, done_same_day, done_on_time, resolved, rated, satisfied)
  select district_id, unit_path, date_trunc('month', day::timestamp)::date, sum(received), sum(responded_on_time), sum(done_same_day), sum(done_on_time), sum(resolved), sum(rated), sum(satisfied)
  from demand_figure_day where district_id = p_district
  group by 1, 2, 3;
$$;

select demand_figure_day_rebuild(district_id) from district;

-- The unsettled demands (open ones, and the odd one done without an acceptance), with every column the
-- live part of the figures reads, so that part is an index-only range over the node's path.
create index demand_figures_live_idx on demand (district_id, node_path text_pattern_ops)
  include (created_at, respond_by, responded_at, finish_by, done_at, outcome_result, last_rating)
  where status <> 'merged' and (done_at is null or responded_at is null);
