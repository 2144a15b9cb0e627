import type { ColumnType, Generated, Selectable } from 'kysely';

/** Kysely types of the decisions tables (migrations/20261122T1900_decisions.sql), added to DB by module augmentation. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as parsed JSON, written as a JSON string. */
type Json<T> = ColumnType<T, string, string>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;
/** numeric: pg returns strings. */
type Numeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;

export type MatterStatus = 'raised' | 'in_progress' | 'completed' | 'stopped' | 'declined';
export type MatterUnit = 'community' | 'village';
export type MatterItemStatus = 'active' | 'passed' | 'stopped';
export type StageStatus = 'pending' | 'open' | 'closed' | 'skipped';
export type StageOutcome = 'passed' | 'partly_passed' | 'rejected' | 'done' | 'skipped' | 'sent_back';
export type StageKindColumn = 'solicitation' | 'proposal' | 'deliberation' | 'vote' | 'hearing' | 'public_comment' | 'expert_review' | 'publication' | 'implementation';
export type ActorKind = 'staff' | 'resident' | 'system';

export interface ProcedureTemplateTable {
  district_id: string;
  id: string;
  community_id: string | null;
  code: string;
  version: Generated<number>;
  name: string;
  body: Json<unknown>;
  based_on_id: string | null;
  superseded_at: TimestampNullable;
  created_by: string | null;
  created_at: Timestamp;
}

export interface MatterTable {
  district_id: string;
  id: string;
  community_id: string;
  node_path: string;
  title: string;
  description: Generated<string>;
  category: string | null;
  budget: Numeric;
  status: Generated<MatterStatus>;
  template_id: string | null;
  procedure: ColumnType<unknown, string | null | undefined, string | null>;
  unit: Generated<MatterUnit>;
  batch: Generated<boolean>;
  affected_node_id: string | null;
  affected_house_ids: JsonDefault<string[]>;
  raised_by_resident_id: string | null;
  raised_by_account_id: string | null;
  raised_at: Timestamp;
  accepted_at: TimestampNullable;
  accepted_by: string | null;
  closed_at: TimestampNullable;
  close_reason: string | null;
  updated_at: Timestamp;
}

export interface MatterItemTable {
  district_id: string;
  id: string;
  matter_id: string;
  position: number;
  title: string;
  description: Generated<string>;
  subject_resident_id: string | null;
  household_size: number | null;
  amount: Numeric;
  status: Generated<MatterItemStatus>;
  stopped_at_stage_id: string | null;
}

export interface MatterStageTable {
  district_id: string;
  id: string;
  matter_id: string;
  position: number;
  stage_key: string;
  kind: StageKindColumn;
  rules: Json<unknown>;
  status: Generated<StageStatus>;
  round: Generated<number>;
  opened_at: TimestampNullable;
  due_at: TimestampNullable;
  closed_at: TimestampNullable;
  outcome: StageOutcome | null;
  rules_locked_at: TimestampNullable;
  signed_off_at: TimestampNullable;
  signed_off_by: string | null;
  note: string | null;
}

export interface MatterEventTable {
  district_id: string;
  id: string;
  matter_id: string;
  stage_id: string | null;
  at: Timestamp;
  actor_kind: ActorKind;
  actor_id: string | null;
  actor_name: string;
  kind: string;
  summary_zh: string;
  summary_en: string;
  data: ColumnType<unknown, string | null | undefined, string | null>;
  seq: Generated<number>;
}

export interface SolicitationTable {
  district_id: string;
  id: string;
  matter_id: string;
  stage_id: string;
  scope_node_id: string;
  node_path: string;
  title: string;
  description: Generated<string>;
  opens_at: Timestamp;
  closes_at: Timestamp;
  closed_at: TimestampNullable;
  created_by: string | null;
  created_at: Timestamp;
}

export type QuestionOption = { id: string; text: string };

export interface SolicitationQuestionTable {
  district_id: string;
  id: string;
  solicitation_id: string;
  position: number;
  kind: 'single' | 'multiple' | 'text';
  text: string;
  options: JsonDefault<QuestionOption[]>;
  required: Generated<boolean>;
}

export type StoredAnswer = { questionId: string; optionIds?: string[]; text?: string };

export interface SolicitationResponseTable {
  district_id: string;
  id: string;
  solicitation_id: string;
  resident_id: string;
  answers: Json<StoredAnswer[]>;
  submitted_at: Timestamp;
  replaced_count: Generated<number>;
}

export interface MatterRecordTable {
  district_id: string;
  id: string;
  matter_id: string;
  stage_id: string;
  kind: 'symposium' | 'hearing' | 'expert_review';
  held_at: Timestamp;
  place: Generated<string>;
  participants: number | null;
  summary: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface MatterCommentTable {
  district_id: string;
  id: string;
  matter_id: string;
  stage_id: string;
  author_name: string;
  resident_id: string | null;
  text: string;
  received_at: Timestamp;
  answer: string | null;
  answered_at: TimestampNullable;
  answered_by: string | null;
  created_at: Timestamp;
}

export interface SupervisionNoteTable {
  district_id: string;
  id: string;
  matter_id: string;
  stage_id: string | null;
  kind: 'finding' | 'flag';
  text: string;
  raised_by: string;
  raised_at: Timestamp;
  answer: string | null;
  answered_by: string | null;
  answered_at: TimestampNullable;
}

export interface MatterPublicationTable {
  district_id: string;
  id: string;
  matter_id: string;
  stage_id: string;
  kind: 'resolution' | 'result';
  board_entry_id: string;
  publication_days: number;
  published_at: Timestamp;
  published_by: string | null;
}

export type TaskStatus = 'not_started' | 'in_progress' | 'done' | 'blocked';

export interface ImplementationTaskTable {
  district_id: string;
  id: string;
  matter_id: string;
  parent_id: string | null;
  position: Generated<number>;
  title: string;
  weight: ColumnType<string, number | string | undefined, number | string>;
  status: Generated<TaskStatus>;
  percent: Generated<number>;
  milestone: Generated<boolean>;
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  reached_on: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: Timestamp;
}

declare module '../../../platform/db/schema.ts' {
  interface DB {
    procedure_template: ProcedureTemplateTable;
    matter: MatterTable;
    matter_item: MatterItemTable;
    matter_stage: MatterStageTable;
    matter_event: MatterEventTable;
    solicitation: SolicitationTable;
    solicitation_question: SolicitationQuestionTable;
    solicitation_response: SolicitationResponseTable;
    matter_record: MatterRecordTable;
    matter_comment: MatterCommentTable;
    supervision_note: SupervisionNoteTable;
    matter_publication: MatterPublicationTable;
    implementation_task: ImplementationTaskTable;
  }
}

export type MatterRow = Selectable<MatterTable>;
export type MatterItemRow = Selectable<MatterItemTable>;
export type MatterStageRow = Selectable<MatterStageTable>;
export type ProcedureTemplateRow = Selectable<ProcedureTemplateTable>;
