-- Supervisors assign mediators to a dispute (issue #5): staff holding dispute.supervise over the
-- dispute's place name one lead mediator (主调解员) and any number of assisting ones (协助调解员),
-- optionally for the ladder level current at the time. An assigned mediator reads the dispute's
-- confidential records like those named in attempts (dispute_mediator); removing the assignment
-- deletes the row (the history keeps it: dispute_event 'mediator_assigned' / 'mediator_removed').

create table dispute_assignment (
  district_id uuid not null,
  dispute_id uuid not null,
  account_id uuid not null references account (id),
  role text not null check (role in ('lead', 'assisting')),
  -- The ladder level the assignment was made for (null: the whole mediation).
  level_key text check (level_key is null or length(level_key) <= 40),
  assigned_at timestamptz not null,
  assigned_by uuid not null references account (id),
  assigned_by_name text not null,
  primary key (district_id, dispute_id, account_id),
  foreign key (district_id, dispute_id) references dispute (district_id, id)
);
-- One lead mediator per dispute at a time.
create unique index dispute_assignment_lead_idx on dispute_assignment (district_id, dispute_id) where role = 'lead';
-- "我调解的纠纷": the disputes of one account.
create index dispute_assignment_account_idx on dispute_assignment (district_id, account_id);

-- The history learns the two new kinds of step.
alter table dispute_event drop constraint dispute_event_kind_check;
alter table dispute_event add constraint dispute_event_kind_check check (kind in ('registered', 'risk_changed', 'attempt', 'escalated', 'referred', 'referral_update', 'agreement', 'agreement_signed', 'judicial', 'follow_up', 'closed', 'mediator_assigned', 'mediator_removed'));
