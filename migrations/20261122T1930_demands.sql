-- Demands (民情诉求, issue #5): one row per demand caching the state derived from its append-only
-- event history (src/modules/demands/rules/demand-workflow.ts) so lists can filter and sort cheaply,
-- and the history itself (demand_event). The cache is rewritten in the same transaction as each event.

create table demand (
  district_id uuid not null,
  id uuid not null,
  -- Scope: the community the demand belongs to and the org path of the place (household, building, grid or community).
  community_id uuid not null,
  node_path text not null,
  channel text not null check (channel in ('portal', 'hotline', 'walk_in', 'grid_worker', 'mailbox', 'door_note', 'symposium', 'hotline_12345')),
  category_code text not null check (length(category_code) between 1 and 80),
  title text not null check (length(title) between 1 and 100),
  description text not null default '' check (length(description) <= 2000),
  lng double precision check (lng is null or lng between -180 and 180),
  lat double precision check (lat is null or lat between -90 and 90),
  crs text check (crs is null or crs in ('wgs84', 'gcj02', 'bd09')),
  household_id uuid,
  resident_id uuid,
  contact_name text check (contact_name is null or length(contact_name) <= 50),
  contact_phone text check (contact_phone is null or contact_phone ~ '^[0-9+\- ]{5,20}$'),
  -- 首问负责: the staff account first asked (null when the resident filed it on the portal).
  first_asked_by uuid references account (id),
  first_asked_by_name text not null,
  status text not null check (status in ('received', 'routed', 'accepted', 'suspended', 'done', 'closed', 'merged')),
  handling_level text check (handling_level in ('grid', 'community', 'street', 'district')),
  lead_body text,
  co_bodies jsonb not null default '[]',
  respond_by timestamptz not null,
  responded_at timestamptz,
  -- null while suspended (the clock stands still).
  finish_by timestamptz,
  done_at timestamptz,
  closed_at timestamptz,
  rating text check (rating is null or rating in ('satisfied', 'basically_satisfied', 'unsatisfied')),
  reopen_count integer not null default 0,
  urgings integer not null default 0,
  supervisions integer not null default 0,
  merged_into uuid,
  -- Number of events; the next event's seq (guards concurrent commands through demand_event's key).
  event_count integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (district_id, id),
  foreign key (district_id) references district (district_id),
  foreign key (district_id, community_id) references org_node (district_id, id),
  foreign key (district_id, household_id) references org_node (district_id, id),
  foreign key (district_id, resident_id) references resident (district_id, id),
  foreign key (district_id, merged_into) references demand (district_id, id)
);
create index demand_path_idx on demand (district_id, node_path text_pattern_ops, created_at desc, id desc);
create index demand_created_idx on demand (district_id, created_at desc, id desc);
create index demand_open_finish_idx on demand (district_id, finish_by) where status in ('received', 'routed', 'accepted', 'suspended');
create index demand_resident_idx on demand (district_id, resident_id, created_at desc) where resident_id is not null;
create index demand_dup_idx on demand (district_id, community_id, category_code, created_at desc);

-- The history, append-only: kind, actor, time, reason and the event's own fields (data).
create table demand_event (
  district_id uuid not null,
  demand_id uuid not null,
  seq integer not null check (seq >= 1),
  kind text not null check (kind in ('received', 'routed', 'accepted', 'escalated', 'returned', 'transferred', 'extended', 'suspended', 'resumed', 'urged', 'supervised', 'done', 'reopened', 'rated', 'merged')),
  actor_kind text not null check (actor_kind in ('staff', 'resident', 'system')),
  actor_id uuid,
  actor_name text not null,
  at timestamptz not null,
  reason text,
  data jsonb not null default '{}',
  primary key (district_id, demand_id, seq),
  foreign key (district_id, demand_id) references demand (district_id, id)
);

create function demand_event_append_only() returns trigger language plpgsql as $$
begin
  raise exception '诉求办理记录只能追加，不能修改或删除（demand events are append-only）';
end $$;
create trigger demand_event_append_only before update or delete on demand_event for each row execute function demand_event_append_only();
