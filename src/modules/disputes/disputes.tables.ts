import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateOnly = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string | undefined, string>;

export type DisputeStatusColumn = 'mediating' | 'settled' | 'exhausted' | 'referred' | 'closed';
export type DisputeEventKind = 'registered' | 'risk_changed' | 'attempt' | 'escalated' | 'referred' | 'referral_update' | 'agreement' | 'agreement_signed' | 'judicial' | 'follow_up' | 'closed' | 'mediator_assigned' | 'mediator_removed';

/** One grid's weekly screening report (排查); disputes = 0 is a zero report (零报告). */
export interface DisputeScreeningReportTable {
  district_id: string;
  id: string;
  grid_id: string;
  node_path: string;
  week: DateOnly;
  disputes: number;
  zero_report: boolean;
  items: Json<{ summary: string; disputeId: string | null }[]>;
  note: string | null;
  submitted_by: string;
  submitted_by_name: string;
  submitted_at: Timestamp;
  first_submitted_by: string;
  first_submitted_by_name: string;
  first_submitted_at: Timestamp;
  revision: Generated<number>;
}

/** One dispute (矛盾纠纷): what was registered plus the state cached from its history. */
export interface DisputeTable {
  district_id: string;
  id: string;
  number: string;
  node_id: string;
  node_path: string;
  community_id: string;
  type: string;
  type_note: string | null;
  summary: string;
  risk_level: string;
  warning_flags: Json<string[]>;
  on_warning_list: Generated<boolean>;
  source: string;
  source_note: string | null;
  screening_report_id: string | null;
  demand_id: string | null;
  occurred_on: NullableDate;
  ladder_code: string;
  status: DisputeStatusColumn;
  level_index: Generated<number>;
  attempts_at_level: Generated<number>;
  attempt_count: Generated<number>;
  registered_by: string;
  registered_by_name: string;
  registered_at: Timestamp;
  last_activity_at: Timestamp;
  concluded_at: NullableTimestamp;
  settled_at: NullableTimestamp;
  referred_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  judicial_deadline: NullableDate;
  event_count: Generated<number>;
}

export interface DisputePartyTable {
  district_id: string;
  id: string;
  dispute_id: string;
  seq: number;
  role: 'applicant' | 'respondent' | 'other';
  name: string;
  phone: string | null;
  resident_id: string | null;
  gender: 'male' | 'female' | null;
  age: number | null;
  ethnicity: string | null;
  address: string | null;
  id_number: string | null;
}

/** The append-only history of a dispute (一卡通). */
export interface DisputeEventTable {
  district_id: string;
  dispute_id: string;
  seq: number;
  kind: DisputeEventKind;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  data: Json<Record<string, unknown>>;
}

export interface DisputeMediatorTable {
  district_id: string;
  dispute_id: string;
  account_id: string;
}

/** Mediators a supervisor assigned (one lead, others assisting), optionally for one ladder level; they read the records. */
export interface DisputeAssignmentTable {
  district_id: string;
  dispute_id: string;
  account_id: string;
  role: 'lead' | 'assisting';
  level_key: string | null;
  assigned_at: Timestamp;
  assigned_by: string;
  assigned_by_name: string;
}

export interface DisputeAgreementTable {
  district_id: string;
  dispute_id: string;
  id: string;
  attempt_number: number;
  facts: string;
  issues: string;
  responsibilities: string;
  terms: string;
  performance: string;
  copies: number;
  mediators: Json<{ id: string; name: string }[]>;
  drafted_at: Timestamp;
  drafted_by: string;
  signed_on: NullableDate;
  effective_on: NullableDate;
  judicial_deadline: NullableDate;
  judicial_status: Generated<'not_applied' | 'applied' | 'confirmed' | 'rejected'>;
  judicial_on: NullableDate;
  judicial_court: string | null;
  judicial_note: string | null;
}

declare module '../../platform/db/schema.ts' {
  interface DB {
    dispute_screening_report: DisputeScreeningReportTable;
    dispute: DisputeTable;
    dispute_party: DisputePartyTable;
    dispute_event: DisputeEventTable;
    dispute_mediator: DisputeMediatorTable;
    dispute_assignment: DisputeAssignmentTable;
    dispute_agreement: DisputeAgreementTable;
  }
}
