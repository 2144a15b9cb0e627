import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** An API key of an outside system (Open311 client, 12345 platform): only its sha-256 is stored. */
export interface InteropKeyTable {
  district_id: string;
  id: string;
  name: string;
  node_id: string;
  node_path: string;
  channel: 'hotline_12345' | 'hotline';
  key_prefix: string;
  key_hash: string;
  account_id: string;
  created_by: string | null;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
  last_used_at: NullableTimestamp;
}

/** An outside ticket (12345 工单 or Open311 request) and the demand it became. */
export interface DemandExternalRefTable {
  district_id: string;
  source: '12345' | 'open311';
  external_id: string;
  demand_id: string;
  key_id: string | null;
  limit_working_days: number | null;
  called_at: NullableTimestamp;
  address: string | null;
  media_url: string | null;
  created_at: Timestamp;
}

declare module '../../../platform/db/schema.ts' {
  interface DB {
    interop_key: InteropKeyTable;
    demand_external_ref: DemandExternalRefTable;
  }
}
