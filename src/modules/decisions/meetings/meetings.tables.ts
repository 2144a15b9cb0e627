import type { ColumnType, Generated, Selectable } from 'kysely';
import type { BodyKind } from '../rules/procedure-template.ts';

/** Kysely types of the meetings tables (migrations/20261122T1905_meetings.sql), added to DB by module augmentation. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as parsed JSON, written as a JSON string. */
type Json<T> = ColumnType<T, string, string>;
/** numeric: pg returns strings. */
type Numeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;

export type MeetingStatus = 'called' | 'signing_in' | 'voting' | 'closed';
export type BallotChoice = 'yes' | 'no' | 'abstain';
export type AttendanceModeColumn = 'in_person' | 'proxy' | 'online';

export interface BodyTable {
  district_id: string;
  id: string;
  community_id: string;
  node_path: string;
  kind: BodyKind;
  name: string;
  scope_node_id: string;
  standard: Generated<boolean>;
  created_at: Timestamp;
  created_by: string | null;
}

export interface BodyMemberTable {
  district_id: string;
  body_id: string;
  resident_id: string;
  role: string | null;
  source: Generated<'manual' | 'standard'>;
  added_at: Timestamp;
  added_by: string | null;
}

export interface MeetingTable {
  district_id: string;
  id: string;
  community_id: string;
  node_path: string;
  matter_id: string;
  stage_id: string;
  body_id: string;
  alternative_key: string | null;
  title: string;
  place: Generated<string>;
  scheduled_at: Timestamp;
  called_at: Timestamp;
  called_by: string | null;
  status: Generated<MeetingStatus>;
  ballot: 'open' | 'secret';
  allow_proxy: Generated<boolean>;
  rules: Json<unknown>;
  sign_in_opened_at: TimestampNullable;
  voting_opened_at: TimestampNullable;
  voting_closes_at: TimestampNullable;
  closed_at: TimestampNullable;
  closed_by: string | null;
}

export interface MeetingRosterTable {
  district_id: string;
  meeting_id: string;
  resident_id: string;
  position: number;
  name: string;
  household_id: string | null;
  weight_area: Numeric;
}

export interface MeetingAttendanceTable {
  district_id: string;
  meeting_id: string;
  resident_id: string;
  mode: AttendanceModeColumn;
  proxy_name: string | null;
  proxy_reason: string | null;
  witness: string | null;
  signed_in_at: Timestamp;
  recorded_by: string | null;
}

export interface MeetingRecusalTable {
  district_id: string;
  meeting_id: string;
  item_id: string;
  resident_id: string;
  reason: string;
  automatic: Generated<boolean>;
  recorded_at: Timestamp;
  recorded_by: string | null;
}

export interface BallotTable {
  district_id: string;
  id: string;
  meeting_id: string;
  item_id: string;
  resident_id: string;
  choice: BallotChoice;
  channel: 'portal' | 'paper';
  cast_at: Timestamp;
}

export interface BallotEntryTable {
  district_id: string;
  id: string;
  seq: ColumnType<number, never, never>;
  meeting_id: string;
  item_id: string;
  resident_id: string;
  teller_id: string;
  teller_name: string;
  choice: BallotChoice;
  entered_at: Timestamp;
  correction_reason: string | null;
  superseded_at: TimestampNullable;
  superseded_by: string | null;
}

export interface MeetingResultTable {
  district_id: string;
  meeting_id: string;
  item_id: string;
  quorum_met: boolean;
  passed: boolean;
  counts: Json<unknown>;
  explanation_zh: string;
  explanation_en: string;
  tallied_at: Timestamp;
}

declare module '../../../platform/db/schema.ts' {
  interface DB {
    body: BodyTable;
    body_member: BodyMemberTable;
    meeting: MeetingTable;
    meeting_roster: MeetingRosterTable;
    meeting_attendance: MeetingAttendanceTable;
    meeting_recusal: MeetingRecusalTable;
    ballot: BallotTable;
    ballot_entry: BallotEntryTable;
    meeting_result: MeetingResultTable;
  }
}

export type BodyRow = Selectable<BodyTable>;
export type MeetingRow = Selectable<MeetingTable>;
