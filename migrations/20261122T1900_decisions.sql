-- Democratic decisions (议事决策): procedure templates as data, matters (议题) with their items and
-- stages (each stage keeps a snapshot of its template rules), the matter's timeline, solicitation
-- questionnaires (一征), offline records (座谈会 / 听证会 / 专家论证), comments (开言路), supervision
-- findings and flags, publications to the public board (两公开), implementation tasks, and the
-- shared attachment store (bytes kept in the database: app servers are stateless).

-- A procedure template (议事程序模板). community_id null = the district's shipped copy. Editing a
-- template creates a new version; matters keep their own snapshot of the version they were accepted with.
create table procedure_template (
  district_id uuid not null,
  id uuid not null,
  community_id uuid,
  code text not null check (code ~ '^[a-z][a-z0-9_-]{1,60}$'),
  version integer not null default 1 check (version >= 1),
  name text not null check (length(name) between 1 and 100),
  body jsonb not null,
  based_on_id uuid,
  superseded_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (district_id, id),
  foreign key (district_id) references district (district_id),
  foreign key (district_id, community_id) references org_node (district_id, id),
  foreign key (district_id, based_on_id) references procedure_template (district_id, id)
);
create unique index procedure_template_version_idx on procedure_template (district_id, coalesce(community_id, district_id), code, version);
create unique index procedure_template_current_idx on procedure_template (district_id, coalesce(community_id, district_id), code) where superseded_at is null;

-- 议题. status: raised (提出，待两委受理) → in_progress → completed | stopped; declined (不予受理).
create table matter (
  district_id uuid not null,
  id uuid not null,
  community_id uuid not null,
  node_path text not null,
  title text not null check (length(title) between 1 and 200),
  description text not null default '',
  category text,
  budget numeric(14, 2) check (budget is null or budget >= 0),
  status text not null default 'raised' check (status in ('raised', 'in_progress', 'completed', 'stopped', 'declined')),
  template_id uuid,
  procedure jsonb,
  unit text not null default 'community' check (unit in ('community', 'village')),
  batch boolean not null default false,
  affected_node_id uuid,
  affected_house_ids jsonb not null default '[]',
  raised_by_resident_id uuid,
  raised_by_account_id uuid references account (id),
  raised_at timestamptz not null default now(),
  accepted_at timestamptz,
  accepted_by uuid references account (id),
  closed_at timestamptz,
  close_reason text,
  updated_at timestamptz not null default now(),
  primary key (district_id, id),
  foreign key (district_id, community_id) references org_node (district_id, id),
  foreign key (district_id, template_id) references procedure_template (district_id, id),
  foreign key (district_id, affected_node_id) references org_node (district_id, id),
  foreign key (district_id, raised_by_resident_id) references resident (district_id, id),
  check ((status in ('raised', 'declined')) or procedure is not null)
);
create index matter_path_idx on matter (district_id, node_path text_pattern_ops, raised_at desc);
create index matter_template_idx on matter (district_id, template_id) where status in ('raised', 'in_progress');
create index matter_resident_idx on matter (district_id, raised_by_resident_id) where raised_by_resident_id is not null;

-- Items of a matter (≥ 1); a simplified batch (简易程序) has many; votes are per item.
-- status: active → passed | stopped (a failed item stops, the others go on).
create table matter_item (
  district_id uuid not null,
  id uuid not null,
  matter_id uuid not null,
  position integer not null check (position >= 1),
  title text not null check (length(title) between 1 and 200),
  description text not null default '',
  subject_resident_id uuid,
  household_size integer check (household_size is null or household_size between 1 and 50),
  amount numeric(12, 2) check (amount is null or amount >= 0),
  status text not null default 'active' check (status in ('active', 'passed', 'stopped')),
  stopped_at_stage_id uuid,
  primary key (district_id, id),
  unique (district_id, matter_id, position),
  foreign key (district_id, matter_id) references matter (district_id, id) on delete cascade,
  foreign key (district_id, subject_resident_id) references resident (district_id, id)
);

-- Stages of a matter, in order; `rules` is the StageTemplate snapshot. status: pending → open → closed (or skipped).
create table matter_stage (
  district_id uuid not null,
  id uuid not null,
  matter_id uuid not null,
  position integer not null check (position >= 1),
  stage_key text not null,
  kind text not null check (kind in ('solicitation', 'proposal', 'deliberation', 'vote', 'hearing', 'public_comment', 'expert_review', 'publication', 'implementation')),
  rules jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'open', 'closed', 'skipped')),
  round integer not null default 1,
  opened_at timestamptz,
  due_at timestamptz,
  closed_at timestamptz,
  outcome text check (outcome is null or outcome in ('passed', 'partly_passed', 'rejected', 'done', 'skipped', 'sent_back')),
  rules_locked_at timestamptz,
  signed_off_at timestamptz,
  signed_off_by uuid references account (id),
  note text,
  primary key (district_id, id),
  unique (district_id, matter_id, position),
  unique (district_id, matter_id, stage_key),
  foreign key (district_id, matter_id) references matter (district_id, id) on delete cascade
);
create index matter_stage_open_idx on matter_stage (district_id, status, due_at);

-- The timeline: every step of a matter (who, when, what, zh/en summary).
create table matter_event (
  district_id uuid not null,
  id uuid not null,
  matter_id uuid not null,
  stage_id uuid,
  at timestamptz not null default now(),
  actor_kind text not null check (actor_kind in ('staff', 'resident', 'system')),
  actor_id uuid,
  actor_name text not null,
  kind text not null,
  summary_zh text not null,
  summary_en text not null,
  data jsonb,
  -- Insertion order, for steps recorded at the same instant (a stage closes and the next one opens).
  seq bigint generated by default as identity,
  primary key (district_id, id),
  foreign key (district_id, matter_id) references matter (district_id, id) on delete cascade
);
create index matter_event_matter_idx on matter_event (district_id, matter_id, at, seq);

-- 一征: a questionnaire for the residents of a scope, open for a set period.
create table solicitation (
  district_id uuid not null,
  id uuid not null,
  matter_id uuid not null,
  stage_id uuid not null,
  scope_node_id uuid not null,
  node_path text not null,
  title text not null check (length(title) between 1 and 200),
  description text not null default '',
  opens_at timestamptz not null,
  closes_at timestamptz not null,
  closed_at timestamptz,
  created_by uuid references account (id),
  created_at timestamptz not null default now(),
  primary key (district_id, id),
  foreign key (district_id, matter_id) references matter (district_id, id),
  foreign key (district_id, stage_id) references matter_stage (district_id, id),
  foreign key (district_id, scope_node_id) references org_node (district_id, id),
  check (closes_at > opens_at)
);
create index solicitation_path_idx on solicitation (district_id, node_path text_pattern_ops, closes_at);

create table solicitation_question (
  district_id uuid not null,
  id uuid not null,
  solicitation_id uuid not null,
  position integer not null,
  kind text not null check (kind in ('single', 'multiple', 'text')),
  text text not null check (length(text) between 1 and 500),
  options jsonb not null default '[]',
  required boolean not null default true,
  primary key (district_id, id),
  unique (district_id, solicitation_id, position),
  foreign key (district_id, solicitation_id) references solicitation (district_id, id) on delete cascade
);

-- One response per resident: a later answer (while open) replaces the earlier one.
create table solicitation_response (
  district_id uuid not null,
  id uuid not null,
  solicitation_id uuid not null,
  resident_id uuid not null,
  answers jsonb not null,
  submitted_at timestamptz not null,
  replaced_count integer not null default 0,
  primary key (district_id, id),
  unique (district_id, solicitation_id, resident_id),
  foreign key (district_id, solicitation_id) references solicitation (district_id, id) on delete cascade,
  foreign key (district_id, resident_id) references resident (district_id, id)
);

-- Offline records: 座谈会 (symposium), 听证会 (hearing), 专家论证 (expert review).
create table matter_record (
  district_id uuid not null,
  id uuid not null,
  matter_id uuid not null,
  stage_id uuid not null,
  kind text not null check (kind in ('symposium', 'hearing', 'expert_review')),
  held_at timestamptz not null,
  place text not null default '',
  participants integer check (participants is null or participants >= 0),
  summary text not null check (length(summary) between 1 and 10000),
  created_by uuid references account (id),
  created_at timestamptz not null default now(),
  primary key (district_id, id),
  foreign key (district_id, matter_id) references matter (district_id, id),
  foreign key (district_id, stage_id) references matter_stage (district_id, id)
);

-- 开言路 / 听证 comments, each answered.
create table matter_comment (
  district_id uuid not null,
  id uuid not null,
  matter_id uuid not null,
  stage_id uuid not null,
  author_name text not null check (length(author_name) between 1 and 50),
  resident_id uuid,
  text text not null check (length(text) between 1 and 5000),
  received_at timestamptz not null,
  answer text,
  answered_at timestamptz,
  answered_by uuid references account (id),
  created_at timestamptz not null default now(),
  primary key (district_id, id),
  foreign key (district_id, matter_id) references matter (district_id, id),
  foreign key (district_id, stage_id) references matter_stage (district_id, id),
  foreign key (district_id, resident_id) references resident (district_id, id)
);

-- Supervision (居务/村务监督委员会): findings (记录) and flags (问题，待答复). A stage with an open flag cannot close.
create table supervision_note (
  district_id uuid not null,
  id uuid not null,
  matter_id uuid not null,
  stage_id uuid,
  kind text not null check (kind in ('finding', 'flag')),
  text text not null check (length(text) between 1 and 5000),
  raised_by uuid not null references account (id),
  raised_at timestamptz not null,
  answer text,
  answered_by uuid references account (id),
  answered_at timestamptz,
  primary key (district_id, id),
  foreign key (district_id, matter_id) references matter (district_id, id),
  foreign key (district_id, stage_id) references matter_stage (district_id, id)
);
create index supervision_note_open_idx on supervision_note (district_id, stage_id) where kind = 'flag' and answered_at is null;

-- 两公开: what a publication stage put on the public board (the board entry is BOARD's record).
create table matter_publication (
  district_id uuid not null,
  id uuid not null,
  matter_id uuid not null,
  stage_id uuid not null,
  kind text not null check (kind in ('resolution', 'result')),
  board_entry_id uuid not null,
  publication_days integer not null,
  published_at timestamptz not null,
  published_by uuid references account (id),
  primary key (district_id, id),
  unique (district_id, stage_id),
  foreign key (district_id, matter_id) references matter (district_id, id),
  foreign key (district_id, stage_id) references matter_stage (district_id, id)
);

-- Implementation tracking: tasks (a parent's progress rolls up from its weighted children) and milestones.
create table implementation_task (
  district_id uuid not null,
  id uuid not null,
  matter_id uuid not null,
  parent_id uuid,
  position integer not null default 0,
  title text not null check (length(title) between 1 and 200),
  weight numeric(8, 2) not null default 1 check (weight > 0),
  status text not null default 'not_started' check (status in ('not_started', 'in_progress', 'done', 'blocked')),
  percent integer not null default 0 check (percent between 0 and 100),
  milestone boolean not null default false,
  due_on date,
  reached_on date,
  updated_at timestamptz not null default now(),
  primary key (district_id, id),
  foreign key (district_id, matter_id) references matter (district_id, id),
  foreign key (district_id, parent_id) references implementation_task (district_id, id)
);
create index implementation_task_matter_idx on implementation_task (district_id, matter_id);

-- Attachments (会议记录、签到表、照片、草案、专家意见、张贴照片). node_path is the owner's, for scope checks.
create table stored_file (
  district_id uuid not null,
  id uuid not null,
  owner_kind text not null check (owner_kind ~ '^[a-z_]{2,40}$'),
  owner_id uuid not null,
  node_path text not null,
  purpose text not null check (purpose in ('minutes', 'sign_in_sheet', 'photos', 'draft', 'expert_opinion', 'posting_photo', 'solicitation_summary', 'notice', 'ballots', 'implementation_report', 'other')),
  name text not null check (length(name) between 1 and 200),
  mime text not null,
  size integer not null check (size between 1 and 786432),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  uploaded_by_kind text not null check (uploaded_by_kind in ('staff', 'resident', 'system')),
  uploaded_by uuid,
  created_at timestamptz not null default now(),
  primary key (district_id, id),
  foreign key (district_id) references district (district_id)
);
create index stored_file_owner_idx on stored_file (district_id, owner_kind, owner_id);
