-- Disputes (矛盾纠纷, issue #5): weekly screening reports per grid (一周一排查, 零报告), disputes with
-- parties, the append-only history of each dispute (one card, 一卡通) from which its ladder state is
-- derived (src/modules/disputes/rules/mediation-ladder.ts) and cached on the dispute row, the mediators
-- of each dispute (who may read its records), and the mediation agreement (调解协议书).

create table dispute_screening_report (
  district_id uuid not null,
  id uuid not null,
  grid_id uuid not null,
  node_path text not null,
  -- The Monday of the week reported on (China time).
  week date not null,
  disputes integer not null check (disputes between 0 and 999),
  zero_report boolean not null,
  items jsonb not null default '[]',
  note text check (note is null or length(note) <= 1000),
  submitted_by uuid not null references account (id),
  submitted_by_name text not null,
  submitted_at timestamptz not null,
  first_submitted_by uuid not null references account (id),
  first_submitted_by_name text not null,
  first_submitted_at timestamptz not null,
  revision integer not null default 1 check (revision >= 1),
  check (zero_report = (disputes = 0)),
  primary key (district_id, id),
  unique (district_id, grid_id, week),
  foreign key (district_id) references district (district_id),
  foreign key (district_id, grid_id) references org_node (district_id, id)
);
create index dispute_screening_path_idx on dispute_screening_report (district_id, node_path text_pattern_ops, week);

create table dispute (
  district_id uuid not null,
  id uuid not null,
  number text not null,
  node_id uuid not null,
  node_path text not null,
  community_id uuid not null,
  type text not null check (type in ('neighbour', 'family', 'property_management', 'tenancy', 'compensation', 'labour', 'land_house', 'other')),
  type_note text check (type_note is null or length(type_note) <= 100),
  summary text not null check (length(summary) between 1 and 200),
  risk_level text not null check (risk_level in ('low', 'medium', 'high', 'critical')),
  warning_flags jsonb not null default '[]',
  on_warning_list boolean not null default false,
  source text not null check (source in ('screening', 'grid_visit', 'demand', 'walk_in', 'other')),
  source_note text check (source_note is null or length(source_note) <= 500),
  screening_report_id uuid,
  demand_id uuid,
  occurred_on date,
  ladder_code text not null,
  -- Cached from the history: status, ladder position and the dates the figures count by.
  status text not null check (status in ('mediating', 'settled', 'exhausted', 'referred', 'closed')),
  level_index integer not null default 0,
  attempts_at_level integer not null default 0,
  attempt_count integer not null default 0,
  registered_by uuid not null references account (id),
  registered_by_name text not null,
  registered_at timestamptz not null,
  last_activity_at timestamptz not null,
  -- When mediation ended (settled, exhausted or refused, referred) and whether it was settled.
  concluded_at timestamptz,
  settled_at timestamptz,
  referred_at timestamptz,
  closed_at timestamptz,
  judicial_deadline date,
  event_count integer not null default 1,
  primary key (district_id, id),
  unique (district_id, number),
  foreign key (district_id) references district (district_id),
  foreign key (district_id, node_id) references org_node (district_id, id),
  foreign key (district_id, community_id) references org_node (district_id, id),
  foreign key (district_id, screening_report_id) references dispute_screening_report (district_id, id),
  foreign key (district_id, demand_id) references demand (district_id, id)
);
create index dispute_path_idx on dispute (district_id, node_path text_pattern_ops, last_activity_at desc);
create index dispute_registered_idx on dispute (district_id, registered_at);
create index dispute_warning_idx on dispute (district_id, node_path text_pattern_ops) where on_warning_list;

create table dispute_party (
  district_id uuid not null,
  id uuid not null,
  dispute_id uuid not null,
  seq integer not null,
  role text not null check (role in ('applicant', 'respondent', 'other')),
  name text not null check (length(name) between 1 and 50),
  phone text check (phone is null or phone ~ '^[0-9+\- ]{5,20}$'),
  resident_id uuid,
  gender text check (gender is null or gender in ('male', 'female')),
  age integer check (age is null or age between 0 and 150),
  ethnicity text check (ethnicity is null or length(ethnicity) <= 20),
  address text check (address is null or length(address) <= 200),
  id_number text check (id_number is null or length(id_number) <= 18),
  primary key (district_id, id),
  unique (district_id, dispute_id, seq),
  foreign key (district_id, dispute_id) references dispute (district_id, id),
  foreign key (district_id, resident_id) references resident (district_id, id)
);
create index dispute_party_resident_idx on dispute_party (district_id, resident_id) where resident_id is not null;

-- The history (一卡通), append-only: registration, risk changes, attempts, escalations, referral and its
-- updates, agreement, signing, judicial confirmation, follow-ups, closing.
create table dispute_event (
  district_id uuid not null,
  dispute_id uuid not null,
  seq integer not null check (seq >= 1),
  kind text not null check (kind in ('registered', 'risk_changed', 'attempt', 'escalated', 'referred', 'referral_update', 'agreement', 'agreement_signed', 'judicial', 'follow_up', 'closed')),
  at timestamptz not null,
  actor_id uuid references account (id),
  actor_name text not null,
  data jsonb not null default '{}',
  primary key (district_id, dispute_id, seq),
  foreign key (district_id, dispute_id) references dispute (district_id, id)
);

create function dispute_event_append_only() returns trigger language plpgsql as $$
begin
  raise exception '纠纷记录只能追加，不能修改或删除（dispute events are append-only）';
end $$;
create trigger dispute_event_append_only before update or delete on dispute_event for each row execute function dispute_event_append_only();

-- Staff who mediated a dispute (they may read its records).
create table dispute_mediator (
  district_id uuid not null,
  dispute_id uuid not null,
  account_id uuid not null references account (id),
  primary key (district_id, dispute_id, account_id),
  foreign key (district_id, dispute_id) references dispute (district_id, id)
);
create index dispute_mediator_account_idx on dispute_mediator (district_id, account_id);

-- 调解协议书 (人民调解法 29); the judicial-confirmation window (art. 33: 30 days from taking effect).
create table dispute_agreement (
  district_id uuid not null,
  dispute_id uuid not null,
  id uuid not null,
  attempt_number integer not null,
  facts text not null check (length(facts) <= 5000),
  issues text not null check (length(issues) <= 5000),
  responsibilities text not null check (length(responsibilities) <= 5000),
  terms text not null check (length(terms) <= 5000),
  performance text not null check (length(performance) <= 2000),
  copies integer not null check (copies between 1 and 20),
  mediators jsonb not null default '[]',
  drafted_at timestamptz not null,
  drafted_by uuid not null references account (id),
  signed_on date,
  effective_on date,
  judicial_deadline date,
  judicial_status text not null default 'not_applied' check (judicial_status in ('not_applied', 'applied', 'confirmed', 'rejected')),
  judicial_on date,
  judicial_court text check (judicial_court is null or length(judicial_court) <= 100),
  judicial_note text check (judicial_note is null or length(judicial_note) <= 500),
  primary key (district_id, dispute_id),
  unique (district_id, id),
  foreign key (district_id, dispute_id) references dispute (district_id, id)
);
