-- 五个百分百 per grid, kept so that a street's or a community's figures are sums of grid rows instead
-- of a count over every resident below it (issue #4: a street under 100 ms at 500,000 residents).
--
-- A row is a cache, never a source of truth: `counts` holds the five figures' numerators and
-- denominators computed at `computed_at` for `counted_generation`. Every write that can change a
-- grid's figures bumps its `generation` in the same transaction (triggers below), so a row is used
-- only while `counted_generation = generation` and `computed_at <= now <= valid_until`; `valid_until`
-- is the last instant before time alone changes a figure (a tagged person's visit falls out of its
-- interval, a visit logged a few minutes ahead becomes current, or China's midnight when notices come
-- into or go out of force). A reader reads the generation before counting and writes its counts back only if
-- the generation has not moved, so a write that lands while it counts is never lost.
create table coverage_grid_count (
  district_id uuid not null,
  grid_id uuid not null,
  generation bigint not null default 1,
  counted_generation bigint,
  counts jsonb,
  computed_at timestamptz,
  valid_until timestamptz,
  primary key (district_id, grid_id),
  foreign key (district_id, grid_id) references org_node (district_id, id) on delete cascade
);

-- The grids below a street or community, found without walking its households.
create index org_node_grid_path_idx on org_node (district_id, path text_pattern_ops) where kind = 'grid';

-- The grid's id is the fifth part of any path at or below a grid: '/<district>/<street>/<community>/<grid>/…'.
create function coverage_bump_paths(p_district uuid, p_paths text[]) returns void language sql as $$
  insert into coverage_grid_count (district_id, grid_id)
  select p_district, g.id
  from (select distinct nullif(split_part(p, '/', 5), '')::uuid as id from unnest(p_paths) as p) s
  join org_node g on g.district_id = p_district and g.id = s.id and g.kind = 'grid'
  order by g.id
  on conflict (district_id, grid_id) do update set generation = coverage_grid_count.generation + 1
$$;

create function coverage_bump_district(p_districts uuid[]) returns void language sql as $$
  update coverage_grid_count set generation = generation + 1 where district_id = any (p_districts)
$$;

-- resident: where people live and whether they are present.
create function coverage_on_resident() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform coverage_bump_paths(d, array_agg(node_path)) from (select district_id as d, node_path from old_rows) o group by d;
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    perform coverage_bump_paths(d, array_agg(node_path)) from (select district_id as d, node_path from new_rows) n group by d;
  end if;
  return null;
end $$;
create trigger coverage_resident_ins after insert on resident referencing new table as new_rows for each statement execute function coverage_on_resident();
create trigger coverage_resident_upd after update on resident referencing old table as old_rows new table as new_rows for each statement execute function coverage_on_resident();
create trigger coverage_resident_del after delete on resident referencing old table as old_rows for each statement execute function coverage_on_resident();

-- Rows that name a resident (tags, visits): the grid of the person's home.
create function coverage_on_person_row() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform coverage_bump_paths(o.district_id, array_agg(r.node_path)) from old_rows o join resident r on r.district_id = o.district_id and r.id = o.resident_id group by o.district_id;
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    perform coverage_bump_paths(n.district_id, array_agg(r.node_path)) from new_rows n join resident r on r.district_id = n.district_id and r.id = n.resident_id group by n.district_id;
  end if;
  return null;
end $$;
create trigger coverage_tag_ins after insert on resident_tag referencing new table as new_rows for each statement execute function coverage_on_person_row();
create trigger coverage_tag_upd after update on resident_tag referencing old table as old_rows new table as new_rows for each statement execute function coverage_on_person_row();
create trigger coverage_tag_del after delete on resident_tag referencing old table as old_rows for each statement execute function coverage_on_person_row();
create trigger coverage_visit_ins after insert on visit_resident referencing new table as new_rows for each statement execute function coverage_on_person_row();
create trigger coverage_visit_upd after update on visit_resident referencing old table as old_rows new table as new_rows for each statement execute function coverage_on_person_row();
create trigger coverage_visit_del after delete on visit_resident referencing old table as old_rows for each statement execute function coverage_on_person_row();

-- Rows that name a household node (house verification, policy acknowledgements): the grid above it.
create function coverage_on_household_row() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform coverage_bump_paths(o.district_id, array_agg(h.path)) from (select district_id, to_jsonb(x) as j from old_rows x) o join org_node h on h.district_id = o.district_id and h.id = coalesce(o.j->>'house_id', o.j->>'household_id')::uuid group by o.district_id;
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    perform coverage_bump_paths(n.district_id, array_agg(h.path)) from (select district_id, to_jsonb(x) as j from new_rows x) n join org_node h on h.district_id = n.district_id and h.id = coalesce(n.j->>'house_id', n.j->>'household_id')::uuid group by n.district_id;
  end if;
  return null;
end $$;
create trigger coverage_house_ins after insert on house referencing new table as new_rows for each statement execute function coverage_on_household_row();
create trigger coverage_house_upd after update on house referencing old table as old_rows new table as new_rows for each statement execute function coverage_on_household_row();
create trigger coverage_house_del after delete on house referencing old table as old_rows for each statement execute function coverage_on_household_row();
create trigger coverage_ack_ins after insert on policy_acknowledgement referencing new table as new_rows for each statement execute function coverage_on_household_row();
create trigger coverage_ack_upd after update on policy_acknowledgement referencing old table as old_rows new table as new_rows for each statement execute function coverage_on_household_row();
create trigger coverage_ack_del after delete on policy_acknowledgement referencing old table as old_rows for each statement execute function coverage_on_household_row();

-- The tree itself (a building added or moved, a grid moved): the grids of the old and new paths.
create function coverage_on_org_node() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform coverage_bump_paths(d, array_agg(path)) from (select district_id as d, path from old_rows where kind in ('grid', 'building', 'household')) o group by d;
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    perform coverage_bump_paths(d, array_agg(path)) from (select district_id as d, path from new_rows where kind in ('building', 'household')) n group by d;
  end if;
  return null;
end $$;
create trigger coverage_node_ins after insert on org_node referencing new table as new_rows for each statement execute function coverage_on_org_node();
create trigger coverage_node_upd after update on org_node referencing old table as old_rows new table as new_rows for each statement execute function coverage_on_org_node();
create trigger coverage_node_del after delete on org_node referencing old table as old_rows for each statement execute function coverage_on_org_node();

-- Catalogues that change every grid's figures at once (rare, by an administrator).
create function coverage_on_catalogue() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform coverage_bump_district(array_agg(distinct district_id)) from old_rows;
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    perform coverage_bump_district(array_agg(distinct district_id)) from new_rows;
  end if;
  return null;
end $$;
create trigger coverage_notice_ins after insert on policy_notice referencing new table as new_rows for each statement execute function coverage_on_catalogue();
create trigger coverage_notice_upd after update on policy_notice referencing old table as old_rows new table as new_rows for each statement execute function coverage_on_catalogue();
create trigger coverage_notice_del after delete on policy_notice referencing old table as old_rows for each statement execute function coverage_on_catalogue();
create trigger coverage_cadence_ins after insert on visit_cadence referencing new table as new_rows for each statement execute function coverage_on_catalogue();
create trigger coverage_cadence_upd after update on visit_cadence referencing old table as old_rows new table as new_rows for each statement execute function coverage_on_catalogue();
create trigger coverage_cadence_del after delete on visit_cadence referencing old table as old_rows for each statement execute function coverage_on_catalogue();
create trigger coverage_tagdef_ins after insert on tag_definition referencing new table as new_rows for each statement execute function coverage_on_catalogue();
create trigger coverage_tagdef_upd after update on tag_definition referencing old table as old_rows new table as new_rows for each statement execute function coverage_on_catalogue();
create trigger coverage_tagdef_del after delete on tag_definition referencing old table as old_rows for each statement execute function coverage_on_catalogue();
