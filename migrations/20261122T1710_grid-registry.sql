-- Grid management (网格化管理): houses and compounds, residents' registration place and history,
-- tags with sensitivity, visit cadences and the visit log (民情日记), 三必到 required visits, the
-- responsibility chain (五级负责) with absences, policy notices, grid boundaries and building points.

-- 小区 / 院落: a named compound in a community; buildings may belong to one.
create table compound (
  district_id uuid not null,
  id uuid not null,
  community_id uuid not null,
  name text not null check (length(name) between 1 and 100),
  address text,
  created_at timestamptz not null default now(),
  primary key (district_id, id),
  unique (district_id, community_id, name),
  foreign key (district_id, community_id) references org_node (district_id, id)
);

-- Details of a building node: compound, address and its point on the map (with the coordinate system).
create table building_info (
  district_id uuid not null,
  building_id uuid not null,
  compound_id uuid,
  address text,
  lng double precision,
  lat double precision,
  crs text not null default 'WGS84' check (crs in ('WGS84', 'GCJ02')),
  primary key (district_id, building_id),
  foreign key (district_id, building_id) references org_node (district_id, id) on delete cascade,
  foreign key (district_id, compound_id) references compound (district_id, id)
);

-- Details of a household node as a house (房屋): floor area and use; verified_at marks 基础信息已核实.
create table house (
  district_id uuid not null,
  house_id uuid not null,
  floor_area numeric(8, 2) check (floor_area is null or floor_area > 0),
  use text not null default 'owner_occupied' check (use in ('owner_occupied', 'rented', 'vacant', 'commercial')),
  verified_at timestamptz,
  verified_by uuid,
  primary key (district_id, house_id),
  foreign key (district_id, house_id) references org_node (district_id, id) on delete cascade
);

-- Rentals (出租房屋): the landlord and the period; tenants are the residents living in the house.
create table tenancy (
  district_id uuid not null,
  id uuid not null,
  house_id uuid not null,
  landlord_name text not null,
  landlord_phone text,
  landlord_resident_id uuid,
  starts_on date not null,
  ends_on date,
  note text,
  created_at timestamptz not null default now(),
  primary key (district_id, id),
  foreign key (district_id, house_id) references org_node (district_id, id),
  foreign key (district_id, landlord_resident_id) references resident (district_id, id),
  check (ends_on is null or ends_on >= starts_on)
);

-- Residents: where the household registration (户籍地) is, kept apart from where they live, and status.
alter table resident add column status text not null default 'present' check (status in ('present', 'moved_out', 'deceased'));
alter table resident add column registered_node_id uuid;
alter table resident add column registered_place text;
alter table resident add column moved_in_on date;
alter table resident add column moved_out_on date;
alter table resident add column deceased_on date;
alter table resident add foreign key (district_id, registered_node_id) references org_node (district_id, id);
create index resident_registered_idx on resident (district_id, registered_node_id);

-- A resident's history: appended, never overwritten.
create table resident_event (
  district_id uuid not null,
  id uuid not null,
  resident_id uuid not null,
  kind text not null check (kind in ('registered', 'moved_in', 'moved_out', 'deceased', 'updated', 'tag_added', 'tag_removed')),
  occurred_on date not null,
  at timestamptz not null default now(),
  actor_id uuid,
  actor_name text not null,
  details jsonb,
  primary key (district_id, id),
  foreign key (district_id, resident_id) references resident (district_id, id)
);
create index resident_event_resident_idx on resident_event (district_id, resident_id, at);

-- Tag catalogue per district: category and sensitivity (restricted = key persons, shown only to roles that need them).
create table tag_definition (
  district_id uuid not null,
  code text not null check (code ~ '^[a-z][a-z0-9_]{1,40}$'),
  name text not null,
  category text not null check (category in ('vulnerable', 'key_person', 'supporting', 'other')),
  sensitivity text not null check (sensitivity in ('normal', 'sensitive', 'restricted')),
  sort_order integer not null default 0,
  primary key (district_id, code),
  foreign key (district_id) references district (district_id)
);

create table resident_tag (
  district_id uuid not null,
  resident_id uuid not null,
  tag_code text not null,
  since date not null,
  until date,
  note text,
  created_at timestamptz not null default now(),
  primary key (district_id, resident_id, tag_code, since),
  foreign key (district_id, resident_id) references resident (district_id, id),
  foreign key (district_id, tag_code) references tag_definition (district_id, code)
);
create index resident_tag_code_idx on resident_tag (district_id, tag_code) where until is null;

-- Visit cadences (走访频次) as data: for a tag and a role, how often, within a community (or the district).
create table visit_cadence (
  district_id uuid not null,
  id uuid not null,
  scope_node_id uuid not null,
  tag_code text not null,
  role text not null,
  frequency text not null check (frequency in ('weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly', 'on_event')),
  event text check (event in ('tag_start')),
  within_days integer check (within_days is null or within_days between 0 and 365),
  label text not null,
  active boolean not null default true,
  primary key (district_id, id),
  foreign key (district_id, scope_node_id) references org_node (district_id, id),
  foreign key (district_id, tag_code) references tag_definition (district_id, code),
  check ((frequency = 'on_event') = (event is not null))
);

-- The visit log (民情日记).
create table visit (
  district_id uuid not null,
  id uuid not null,
  household_id uuid not null,
  node_path text not null,
  visitor_id uuid not null references account (id),
  visitor_role text not null,
  visited_at timestamptz not null,
  findings text not null,
  photos jsonb not null default '[]',
  created_at timestamptz not null default now(),
  primary key (district_id, id),
  foreign key (district_id, household_id) references org_node (district_id, id)
);
create index visit_path_idx on visit (district_id, node_path text_pattern_ops, visited_at desc);

create table visit_resident (
  district_id uuid not null,
  visit_id uuid not null,
  resident_id uuid not null,
  visited_at timestamptz not null,
  visitor_role text not null,
  primary key (district_id, visit_id, resident_id),
  foreign key (district_id, visit_id) references visit (district_id, id),
  foreign key (district_id, resident_id) references resident (district_id, id)
);
create index visit_resident_idx on visit_resident (district_id, resident_id, visited_at desc);

-- What a visit raised, until the cases module takes demands and disputes over.
create table follow_up (
  district_id uuid not null,
  id uuid not null,
  visit_id uuid not null,
  household_id uuid not null,
  node_path text not null,
  kind text not null check (kind in ('demand', 'dispute', 'other')),
  summary text not null,
  status text not null default 'open' check (status in ('open', 'closed')),
  created_at timestamptz not null default now(),
  primary key (district_id, id),
  foreign key (district_id, visit_id) references visit (district_id, id)
);

-- 三必到: an emergency, a grievance or a family dispute requires a visit by a deadline.
create table required_visit (
  district_id uuid not null,
  id uuid not null,
  household_id uuid not null,
  node_path text not null,
  reason text not null check (reason in ('emergency', 'grievance', 'family_dispute')),
  description text not null,
  raised_at timestamptz not null,
  due_at timestamptz not null,
  raised_by uuid,
  visit_id uuid,
  primary key (district_id, id),
  foreign key (district_id, household_id) references org_node (district_id, id),
  foreign key (district_id, visit_id) references visit (district_id, id)
);
create index required_visit_open_idx on required_visit (district_id, node_path text_pattern_ops) where visit_id is null;

-- 五级负责: the first responsible person of a node and those above, by rank (1 = first).
create table responsibility (
  district_id uuid not null,
  node_id uuid not null,
  rank integer not null check (rank between 1 and 9),
  account_id uuid not null references account (id),
  primary key (district_id, node_id, rank),
  foreign key (district_id, node_id) references org_node (district_id, id)
);

create table absence (
  district_id uuid not null,
  id uuid not null,
  account_id uuid not null references account (id),
  starts_on date not null,
  ends_on date not null,
  reason text not null,
  created_at timestamptz not null default now(),
  primary key (district_id, id),
  check (ends_on >= starts_on)
);
create index absence_account_idx on absence (district_id, account_id, ends_on);

-- Policy notices and households' acknowledgements (五个百分百: current policies explained to every household).
create table policy_notice (
  district_id uuid not null,
  id uuid not null,
  scope_node_id uuid not null,
  title text not null,
  body text not null,
  published_on date not null,
  expires_on date,
  primary key (district_id, id),
  foreign key (district_id, scope_node_id) references org_node (district_id, id)
);

create table policy_acknowledgement (
  district_id uuid not null,
  notice_id uuid not null,
  household_id uuid not null,
  acknowledged_at timestamptz not null,
  recorded_by uuid,
  primary key (district_id, notice_id, household_id),
  foreign key (district_id, notice_id) references policy_notice (district_id, id),
  foreign key (district_id, household_id) references org_node (district_id, id)
);

-- Grid boundaries with validity dates and the coordinate system they were drawn in.
create table grid_boundary (
  district_id uuid not null,
  id uuid not null,
  grid_id uuid not null,
  crs text not null check (crs in ('WGS84', 'GCJ02')),
  geometry jsonb not null,
  valid_from date not null,
  valid_to date,
  created_at timestamptz not null default now(),
  primary key (district_id, id),
  foreign key (district_id, grid_id) references org_node (district_id, id),
  check (valid_to is null or valid_to > valid_from)
);
create index grid_boundary_grid_idx on grid_boundary (district_id, grid_id, valid_from);
