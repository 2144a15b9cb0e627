-- Foundation: districts (tenants), the org tree, people, staff accounts and role bindings, sessions,
-- one-time codes and their outbox, and the audit log.
-- Rule: every table of community data carries district_id (the tenant key) and every primary, unique
-- and foreign key includes it; the global tables are listed in src/platform/db/global-tables.ts.

create extension if not exists pg_trgm;

-- Tenant catalogue (global): one row per district (区/县).
create table district (
  district_id uuid primary key,
  name text not null,
  code text,
  created_at timestamptz not null default now()
);

-- The org tree: 区 → 街道 → 社区 → 网格 → 楼栋 → 户. `path` is '/<root id>/…/<own id>/', so a subtree
-- is a prefix match; the district's own node has id = district_id.
create table org_node (
  district_id uuid not null references district (district_id),
  id uuid not null,
  parent_id uuid,
  kind text not null check (kind in ('district', 'street', 'community', 'grid', 'building', 'household')),
  name text not null check (length(name) between 1 and 100),
  code text,
  path text not null,
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (district_id, id),
  foreign key (district_id, parent_id) references org_node (district_id, id)
);
create index org_node_parent_idx on org_node (district_id, parent_id, sort_order, name);
create index org_node_path_idx on org_node (district_id, path text_pattern_ops);
create index org_node_name_trgm_idx on org_node using gin (name gin_trgm_ops);

-- People of the district (实有人口), each in a household node. `node_path` copies the household's path
-- so that a scoped list is one index range.
create table resident (
  district_id uuid not null,
  id uuid not null,
  household_id uuid not null,
  node_path text not null,
  name text not null check (length(name) between 1 and 50),
  gender text not null check (gender in ('male', 'female')),
  birth_date date not null,
  id_number text not null,
  phone text,
  relation text not null default '户主',
  registration text not null check (registration in ('registered', 'floating', 'separated')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (district_id, id),
  unique (district_id, id_number),
  foreign key (district_id, household_id) references org_node (district_id, id)
);
create index resident_path_idx on resident (district_id, node_path text_pattern_ops, name);
create index resident_name_trgm_idx on resident using gin (name gin_trgm_ops);
create index resident_phone_idx on resident (phone);

-- Portal roles a resident holds besides 居民: 业主, 居民代表, 党员.
create table resident_role (
  district_id uuid not null,
  resident_id uuid not null,
  role text not null check (role in ('owner', 'representative', 'party_member')),
  primary key (district_id, resident_id, role),
  foreign key (district_id, resident_id) references resident (district_id, id) on delete cascade
);

-- Staff accounts (global: a login name is unique on the platform); each belongs to a home district.
create table account (
  id uuid primary key,
  district_id uuid not null references district (district_id),
  username text not null unique check (username ~ '^[A-Za-z0-9_.-]{3,32}$'),
  display_name text not null,
  password_hash text not null,
  must_change_password boolean not null default false,
  disabled boolean not null default false,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- A role held by an account, bound to an org node: the account acts in that node's subtree.
create table role_binding (
  district_id uuid not null,
  id uuid not null,
  account_id uuid not null references account (id) on delete cascade,
  role text not null,
  node_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (district_id, id),
  unique (district_id, account_id, role, node_id),
  foreign key (district_id, node_id) references org_node (district_id, id)
);
create index role_binding_account_idx on role_binding (account_id);

-- Sessions live in the database so that several app servers can serve the same users (global).
create table session (
  token_hash text primary key,
  subject_kind text not null check (subject_kind in ('staff', 'resident')),
  account_id uuid references account (id) on delete cascade,
  district_id uuid references district (district_id),
  resident_id uuid,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  check ((subject_kind = 'staff' and account_id is not null) or (subject_kind = 'resident' and resident_id is not null))
);
create index session_account_idx on session (account_id);

-- Login attempts, for per-address rate limiting without server memory (global).
create table login_attempt (
  id uuid primary key,
  at timestamptz not null default now(),
  ip text not null,
  login text not null,
  kind text not null check (kind in ('password', 'code_request', 'code')),
  success boolean not null
);
create index login_attempt_ip_idx on login_attempt (ip, at);

-- One-time codes for resident sign-in (global: a phone may be registered in more than one district).
create table one_time_code (
  id uuid primary key,
  phone text not null,
  code_hash text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  attempts integer not null default 0,
  consumed_at timestamptz
);
create index one_time_code_phone_idx on one_time_code (phone, created_at desc);

-- What the default message sender "sent": the administrator reads it instead of a real SMS gateway.
create table message_outbox (
  district_id uuid not null references district (district_id),
  id uuid not null,
  at timestamptz not null default now(),
  channel text not null default 'sms',
  recipient text not null,
  purpose text not null,
  body text not null,
  primary key (district_id, id)
);
create index message_outbox_at_idx on message_outbox (district_id, at desc);

-- The audit log: every write appends here in the same transaction; sensitive values are stored masked.
create table audit_log (
  district_id uuid not null references district (district_id),
  id uuid not null,
  seq bigint generated by default as identity,
  at timestamptz not null default now(),
  actor_kind text not null check (actor_kind in ('staff', 'resident', 'system')),
  actor_id uuid,
  actor_name text not null,
  action text not null,
  entity_type text not null,
  entity_id text,
  node_path text,
  summary text not null,
  before jsonb,
  after jsonb,
  ip text,
  primary key (district_id, id)
);
create index audit_log_at_idx on audit_log (district_id, at desc, seq desc);
create index audit_log_path_idx on audit_log (district_id, node_path text_pattern_ops);
