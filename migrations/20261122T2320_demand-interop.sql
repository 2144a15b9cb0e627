-- Demands interop (issue #5): API keys for outside systems (Open311 GeoReport v2 clients, the city 12345
-- hotline platform) and the link from an outside ticket to the demand it became.

-- An API key: stored as the sha-256 of a random 32-byte secret (the secret is shown once). Each key is
-- bound to an org node (street or community) and may file only inside that subtree; it acts through its
-- own disabled service account (so a demand's 首问负责 names the key, e.g. 「接口：市 12345 热线平台」).
create table interop_key (
  district_id uuid not null references district (district_id),
  id uuid not null,
  name text not null check (length(name) between 1 and 60),
  node_id uuid not null,
  node_path text not null,
  channel text not null check (channel in ('hotline_12345', 'hotline')),
  key_prefix text not null check (length(key_prefix) between 4 and 16),
  key_hash text not null check (key_hash ~ '^[0-9a-f]{64}$'),
  account_id uuid not null references account (id),
  created_by uuid references account (id),
  created_at timestamptz not null,
  revoked_at timestamptz,
  revoked_by uuid references account (id),
  last_used_at timestamptz,
  primary key (district_id, id),
  unique (district_id, key_hash),
  foreign key (district_id, node_id) references org_node (district_id, id)
);
-- A key is found by its hash before the district is known.
create index interop_key_hash_idx on interop_key (key_hash);

-- An outside ticket and the demand it became; the key makes imports idempotent by ticket number.
create table demand_external_ref (
  district_id uuid not null,
  source text not null check (source in ('12345', 'open311')),
  external_id text not null check (length(external_id) between 1 and 64),
  demand_id uuid not null,
  key_id uuid,
  -- The time limit the hotline set (working days), kept as the hotline gave it.
  limit_working_days integer check (limit_working_days is null or limit_working_days between 1 and 365),
  called_at timestamptz,
  -- What an Open311 client sent as public location text and photo link (a 12345 caller's address stays
  -- in the demand's description, visible to staff only).
  address text check (address is null or length(address) <= 200),
  media_url text check (media_url is null or length(media_url) <= 500),
  created_at timestamptz not null,
  primary key (district_id, source, external_id),
  unique (district_id, demand_id),
  foreign key (district_id, demand_id) references demand (district_id, id),
  foreign key (district_id, key_id) references interop_key (district_id, id)
);
create index demand_external_ref_created_idx on demand_external_ref (district_id, created_at desc);
