import type { ColumnType, Selectable } from 'kysely';

/** Kysely type of `stored_file` (migrations/20261122T1900_decisions.sql), added to DB by module augmentation. */
export type FilePurpose = 'minutes' | 'sign_in_sheet' | 'photos' | 'draft' | 'expert_opinion' | 'posting_photo' | 'solicitation_summary' | 'notice' | 'ballots' | 'implementation_report' | 'other';

export interface StoredFileTable {
  district_id: string;
  id: string;
  owner_kind: string;
  owner_id: string;
  node_path: string;
  purpose: FilePurpose;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  content: ColumnType<Uint8Array, Uint8Array, Uint8Array>;
  uploaded_by_kind: 'staff' | 'resident' | 'system';
  uploaded_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

declare module '../db/schema.ts' {
  interface DB {
    stored_file: StoredFileTable;
  }
}

export type StoredFileRow = Selectable<StoredFileTable>;
