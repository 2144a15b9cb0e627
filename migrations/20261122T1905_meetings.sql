-- Meetings and votes (会议与表决) of democratic decisions: the bodies that act at a matter's stages
-- (两委, 党员议事会 / 党员大会, 居民代表会议, 居民会议, 业主大会, 居民议事会, 专家 …) with their members,
-- and the meetings called for a stage: the roster frozen at the call, sign-in (in person, by proxy, or
-- online when a member votes on the portal), recusals per item, ballots (one per meeting × item ×
-- member), paper ballots entered by two tellers with every correction kept, and the tallied results.

-- 议事主体. scope_node_id: the community, or a building for an owners' assembly of one building.
create table body (
  district_id uuid not null,
  id uuid not null,
  community_id uuid not null,
  node_path text not null,
  kind text not null check (kind in ('two_committees', 'party_organisation', 'party_council', 'party_general_meeting', 'representatives_assembly', 'residents_meeting', 'owners_assembly', 'residents_council', 'experts', 'stakeholders')),
  name text not null check (length(name) between 1 and 100),
  scope_node_id uuid not null,
  standard boolean not null default false,
  created_at timestamptz not null,
  created_by uuid references account (id),
  primary key (district_id, id),
  unique (district_id, community_id, name),
  foreign key (district_id, community_id) references org_node (district_id, id),
  foreign key (district_id, scope_node_id) references org_node (district_id, id)
);
create index body_path_idx on body (district_id, node_path text_pattern_ops);

-- Members are residents. Removing a member deletes the row (the audit log keeps who and when); a
-- meeting already called keeps its frozen roster.
create table body_member (
  district_id uuid not null,
  body_id uuid not null,
  resident_id uuid not null,
  role text check (role is null or length(role) between 1 and 30),
  source text not null default 'manual' check (source in ('manual', 'standard')),
  added_at timestamptz not null,
  added_by uuid references account (id),
  primary key (district_id, body_id, resident_id),
  foreign key (district_id, body_id) references body (district_id, id) on delete cascade,
  foreign key (district_id, resident_id) references resident (district_id, id)
);
create index body_member_resident_idx on body_member (district_id, resident_id);

-- A meeting of a body for one matter stage. status: called → signing_in → voting → closed.
-- `rules` is the effective stage rules at the call (body, attendance, decision, notice, proxy, ballot).
create table meeting (
  district_id uuid not null,
  id uuid not null,
  community_id uuid not null,
  node_path text not null,
  matter_id uuid not null,
  stage_id uuid not null,
  body_id uuid not null,
  alternative_key text,
  title text not null check (length(title) between 1 and 200),
  place text not null default '',
  scheduled_at timestamptz not null,
  called_at timestamptz not null,
  called_by uuid references account (id),
  status text not null default 'called' check (status in ('called', 'signing_in', 'voting', 'closed')),
  ballot text not null check (ballot in ('open', 'secret')),
  allow_proxy boolean not null default false,
  rules jsonb not null,
  sign_in_opened_at timestamptz,
  voting_opened_at timestamptz,
  -- Optional deadline for portal ballots (an owners' vote may run for days); none = until the meeting closes.
  voting_closes_at timestamptz,
  closed_at timestamptz,
  closed_by uuid references account (id),
  primary key (district_id, id),
  foreign key (district_id, community_id) references org_node (district_id, id),
  foreign key (district_id, matter_id) references matter (district_id, id),
  foreign key (district_id, stage_id) references matter_stage (district_id, id),
  foreign key (district_id, body_id) references body (district_id, id)
);
create index meeting_path_idx on meeting (district_id, node_path text_pattern_ops, scheduled_at desc);
create index meeting_stage_idx on meeting (district_id, stage_id, called_at desc);
-- At most one meeting not yet closed per stage.
create unique index meeting_open_per_stage_idx on meeting (district_id, stage_id) where status <> 'closed';

-- The roster frozen at the call (应到): later changes to the body do not change who was entitled.
create table meeting_roster (
  district_id uuid not null,
  meeting_id uuid not null,
  resident_id uuid not null,
  position integer not null,
  name text not null,
  household_id uuid,
  weight_area numeric(10, 2) check (weight_area is null or weight_area >= 0),
  primary key (district_id, meeting_id, resident_id),
  foreign key (district_id, meeting_id) references meeting (district_id, id) on delete cascade,
  foreign key (district_id, resident_id) references resident (district_id, id)
);

-- Sign-in (实到): in person, by proxy (with reason and witness, where the stage allows), or online
-- (a member who votes on the portal is counted present from the moment of the ballot).
create table meeting_attendance (
  district_id uuid not null,
  meeting_id uuid not null,
  resident_id uuid not null,
  mode text not null check (mode in ('in_person', 'proxy', 'online')),
  proxy_name text,
  proxy_reason text,
  witness text,
  signed_in_at timestamptz not null,
  recorded_by uuid references account (id),
  primary key (district_id, meeting_id, resident_id),
  foreign key (district_id, meeting_id, resident_id) references meeting_roster (district_id, meeting_id, resident_id) on delete cascade,
  check (mode <> 'proxy' or (proxy_name is not null and proxy_reason is not null and witness is not null))
);

-- Conflict of interest (回避): a member concerned by an item neither votes on it nor counts for it.
create table meeting_recusal (
  district_id uuid not null,
  meeting_id uuid not null,
  item_id uuid not null,
  resident_id uuid not null,
  reason text not null check (length(reason) between 1 and 200),
  automatic boolean not null default false,
  recorded_at timestamptz not null,
  recorded_by uuid references account (id),
  primary key (district_id, meeting_id, item_id, resident_id),
  foreign key (district_id, meeting_id, resident_id) references meeting_roster (district_id, meeting_id, resident_id) on delete cascade,
  foreign key (district_id, item_id) references matter_item (district_id, id)
);

-- One ballot per meeting × item × member: two concurrent ballots from the same member, exactly one counts.
create table ballot (
  district_id uuid not null,
  id uuid not null,
  meeting_id uuid not null,
  item_id uuid not null,
  resident_id uuid not null,
  choice text not null check (choice in ('yes', 'no', 'abstain')),
  channel text not null check (channel in ('portal', 'paper')),
  cast_at timestamptz not null,
  primary key (district_id, id),
  unique (district_id, meeting_id, item_id, resident_id),
  foreign key (district_id, meeting_id, resident_id) references meeting_roster (district_id, meeting_id, resident_id) on delete cascade,
  foreign key (district_id, item_id) references matter_item (district_id, id)
);

-- Paper ballots (纸质选票) as read by two tellers (计票人, two staff accounts). A ballot counts when both
-- tellers' current readings agree. A correction supersedes a reading and keeps it, with who, when and why.
create table ballot_entry (
  district_id uuid not null,
  id uuid not null,
  -- Order of entry (timestamps may tie).
  seq bigint generated by default as identity,
  meeting_id uuid not null,
  item_id uuid not null,
  resident_id uuid not null,
  teller_id uuid not null references account (id),
  teller_name text not null,
  choice text not null check (choice in ('yes', 'no', 'abstain')),
  entered_at timestamptz not null,
  correction_reason text,
  superseded_at timestamptz,
  superseded_by uuid,
  primary key (district_id, id),
  foreign key (district_id, meeting_id, resident_id) references meeting_roster (district_id, meeting_id, resident_id) on delete cascade,
  foreign key (district_id, item_id) references matter_item (district_id, id)
);
create unique index ballot_entry_current_idx on ballot_entry (district_id, meeting_id, item_id, resident_id, teller_id) where superseded_at is null;
create index ballot_entry_meeting_idx on ballot_entry (district_id, meeting_id, item_id, resident_id, seq);

-- The tally of each item at the close, with the explanation for the minutes.
create table meeting_result (
  district_id uuid not null,
  meeting_id uuid not null,
  item_id uuid not null,
  quorum_met boolean not null,
  passed boolean not null,
  counts jsonb not null,
  explanation_zh text not null,
  explanation_en text not null,
  tallied_at timestamptz not null,
  primary key (district_id, meeting_id, item_id),
  foreign key (district_id, meeting_id) references meeting (district_id, id) on delete cascade,
  foreign key (district_id, item_id) references matter_item (district_id, id)
);
