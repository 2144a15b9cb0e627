-- 公开栏 (public board): columns per community (党务 / 居务 / 财务 and custom ones, each with its
-- freshness rule as data), entries chained by hash per community (tamper-evident), physical postings
-- with a photo, and residents' objections during the publication period with staff answers.

-- A column of a community's board. code: 'party' | 'residents' | 'finance' for the three standard
-- columns, 'c-…' for custom ones. freshness: { "every": "month" | "quarter" | "half_year" | "year" | null, "warnDays": n }.
create table board_column (
  district_id uuid not null,
  community_id uuid not null,
  code text not null check (code ~ '^[a-z][a-z0-9_-]{1,40}$'),
  name text not null check (length(name) between 1 and 30),
  name_en text not null default '',
  standard boolean not null default false,
  freshness jsonb not null,
  sort_order integer not null default 0,
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (district_id, community_id, code),
  foreign key (district_id, community_id) references org_node (district_id, id)
);

-- The head of each community's chain: one row per community, locked (select … for update) by every
-- publication, so two concurrent publications can never both take the same place in the chain.
create table board_chain (
  district_id uuid not null,
  community_id uuid not null,
  seq integer not null default 0 check (seq >= 0),
  head_hash text not null,
  updated_at timestamptz not null default now(),
  primary key (district_id, community_id),
  foreign key (district_id, community_id) references org_node (district_id, id)
);
-- Public verification names only the community (no district): find its chain by the community id.
create index board_chain_community_idx on board_chain (community_id);

-- A published entry. Immutable once written (a trigger refuses changes to its content); a correction is
-- a new entry whose corrects_entry_id names the one it corrects. hash = sha256 over a canonical
-- serialisation of the content including prev_hash (see src/modules/public-board/board-chain.ts).
-- personal: for personal notices (低保) only [{ name, householdSize, amountCents }] — the fields the law allows.
create table board_entry (
  district_id uuid not null,
  id uuid not null,
  community_id uuid not null,
  node_path text not null,
  seq integer not null check (seq >= 1),
  column_code text not null,
  title text not null check (length(title) between 1 and 200),
  body text not null check (length(body) <= 20000),
  personal jsonb,
  matter_id uuid,
  stage_id uuid,
  corrects_entry_id uuid,
  starts_on date not null,
  ends_on date not null check (ends_on >= starts_on),
  published_at timestamptz not null,
  published_by uuid references account (id),
  published_by_name text not null,
  prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text not null check (hash ~ '^[0-9a-f]{64}$'),
  withdrawn_at timestamptz,
  withdrawn_by uuid references account (id),
  withdrawn_reason text,
  primary key (district_id, id),
  unique (district_id, community_id, seq),
  foreign key (district_id, community_id) references org_node (district_id, id),
  foreign key (district_id, community_id, column_code) references board_column (district_id, community_id, code),
  foreign key (district_id, matter_id) references matter (district_id, id),
  foreign key (district_id, stage_id) references matter_stage (district_id, id),
  foreign key (district_id, corrects_entry_id) references board_entry (district_id, id),
  check ((withdrawn_at is null) = (withdrawn_reason is null))
);
create index board_entry_column_idx on board_entry (district_id, community_id, column_code, published_at desc);
create index board_entry_path_idx on board_entry (district_id, node_path text_pattern_ops, published_at desc);
create index board_entry_stage_idx on board_entry (district_id, stage_id) where stage_id is not null;
-- A printed QR code names only the entry: the public page finds it by id.
create index board_entry_id_idx on board_entry (id);

-- Published entries never change: only the withdrawal columns may be set, once.
create function board_entry_immutable() returns trigger language plpgsql as $$
begin
  if (new.district_id, new.id, new.community_id, new.node_path, new.seq, new.column_code, new.title, new.body,
      new.personal, new.matter_id, new.stage_id, new.corrects_entry_id, new.starts_on, new.ends_on,
      new.published_at, new.published_by, new.published_by_name, new.prev_hash, new.hash)
     is distinct from
     (old.district_id, old.id, old.community_id, old.node_path, old.seq, old.column_code, old.title, old.body,
      old.personal, old.matter_id, old.stage_id, old.corrects_entry_id, old.starts_on, old.ends_on,
      old.published_at, old.published_by, old.published_by_name, old.prev_hash, old.hash)
     or old.withdrawn_at is not null then
    raise exception '公开栏条目发布后不可修改（published board entries are immutable）';
  end if;
  return new;
end $$;
create trigger board_entry_immutable before update on board_entry for each row execute function board_entry_immutable();
create function board_entry_no_delete() returns trigger language plpgsql as $$
begin
  raise exception '公开栏条目不可删除（published board entries cannot be deleted）';
end $$;
create trigger board_entry_no_delete before delete on board_entry for each row execute function board_entry_no_delete();

-- Physical posting: when the notice went up on the physical board and came down, with a photo.
create table board_posting (
  district_id uuid not null,
  id uuid not null,
  entry_id uuid not null,
  location text not null check (length(location) between 1 and 100),
  posted_at timestamptz not null,
  taken_down_at timestamptz,
  photo_file_id uuid,
  recorded_by uuid references account (id),
  created_at timestamptz not null default now(),
  primary key (district_id, id),
  foreign key (district_id, entry_id) references board_entry (district_id, id),
  foreign key (district_id, photo_file_id) references stored_file (district_id, id),
  check (taken_down_at is null or taken_down_at >= posted_at)
);
create index board_posting_entry_idx on board_posting (district_id, entry_id);

-- A resident's objection during the publication period, and the staff answer.
create table board_objection (
  district_id uuid not null,
  id uuid not null,
  entry_id uuid not null,
  resident_id uuid not null,
  text text not null check (length(text) between 1 and 2000),
  created_at timestamptz not null,
  answer text check (answer is null or length(answer) between 1 and 2000),
  answered_at timestamptz,
  answered_by uuid references account (id),
  answered_by_name text,
  primary key (district_id, id),
  foreign key (district_id, entry_id) references board_entry (district_id, id),
  foreign key (district_id, resident_id) references resident (district_id, id),
  check ((answer is null) = (answered_at is null))
);
create index board_objection_entry_idx on board_objection (district_id, entry_id, created_at);
create index board_objection_open_idx on board_objection (district_id, entry_id) where answered_at is null;

-- The three standard columns for every community that exists now; later communities get them on first use.
insert into board_column (district_id, community_id, code, name, name_en, standard, freshness, sort_order)
select n.district_id, n.id, c.code, c.name, c.name_en, true, c.freshness::jsonb, c.sort_order
from org_node n
cross join (values
  ('party', '党务公开', 'Party affairs', '{"every":"quarter","warnDays":14}', 1),
  ('residents', '居务公开', 'Community affairs', '{"every":"quarter","warnDays":14}', 2),
  ('finance', '财务公开', 'Finances', '{"every":"month","warnDays":7}', 3)
) as c(code, name, name_en, freshness, sort_order)
where n.kind = 'community';
