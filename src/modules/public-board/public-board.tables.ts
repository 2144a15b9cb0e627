import type { ColumnType, Selectable } from 'kysely';
import type { FreshnessRule } from './board-freshness.ts';
import type { PersonalLine } from './board-chain.ts';

/** Kysely types of the public-board tables (migrations/20261122T1910_public-board.sql), added to DB by module augmentation. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateOnly = ColumnType<string, string, string>;

export interface BoardColumnTable {
  district_id: string;
  community_id: string;
  code: string;
  name: string;
  name_en: ColumnType<string, string | undefined, string>;
  standard: ColumnType<boolean, boolean | undefined, boolean>;
  /** jsonb: read parsed, written as a JSON string. */
  freshness: ColumnType<FreshnessRule, string, string>;
  sort_order: ColumnType<number, number | undefined, number>;
  archived_at: TimestampNullable;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BoardChainTable {
  district_id: string;
  community_id: string;
  seq: number;
  head_hash: string;
  updated_at: Timestamp;
}

export interface BoardEntryTable {
  district_id: string;
  id: string;
  community_id: string;
  node_path: string;
  seq: number;
  column_code: string;
  title: string;
  body: string;
  personal: ColumnType<PersonalLine[] | null, string | null, string | null>;
  matter_id: string | null;
  stage_id: string | null;
  corrects_entry_id: string | null;
  starts_on: DateOnly;
  ends_on: DateOnly;
  published_at: Timestamp;
  published_by: string | null;
  published_by_name: string;
  prev_hash: string;
  hash: string;
  withdrawn_at: TimestampNullable;
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
}

export interface BoardPostingTable {
  district_id: string;
  id: string;
  entry_id: string;
  location: string;
  posted_at: Timestamp;
  taken_down_at: TimestampNullable;
  photo_file_id: string | null;
  recorded_by: string | null;
  created_at: Timestamp;
}

export interface BoardObjectionTable {
  district_id: string;
  id: string;
  entry_id: string;
  resident_id: string;
  text: string;
  created_at: Timestamp;
  answer: string | null;
  answered_at: TimestampNullable;
  answered_by: string | null;
  answered_by_name: string | null;
}

declare module '../../platform/db/schema.ts' {
  interface DB {
    board_column: BoardColumnTable;
    board_chain: BoardChainTable;
    board_entry: BoardEntryTable;
    board_posting: BoardPostingTable;
    board_objection: BoardObjectionTable;
  }
}

export type BoardEntryRow = Selectable<BoardEntryTable>;
export type BoardColumnRow = Selectable<BoardColumnTable>;
