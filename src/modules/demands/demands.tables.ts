import type { ColumnType, Generated } from 'kysely';
import type { DemandChannel, DemandEventKind, DemandStatus, Rating } from './rules/demand-workflow.ts';
import type { HandlingLevel } from './rules/categories.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** One demand (民情诉求): the cached state derived from its events (see demand_event). */
export interface DemandTable {
  district_id: string;
  id: string;
  community_id: string;
  node_path: string;
  channel: DemandChannel;
  category_code: string;
  title: string;
  description: Generated<string>;
  lng: number | null;
  lat: number | null;
  crs: 'wgs84' | 'gcj02' | 'bd09' | null;
  household_id: string | null;
  resident_id: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  first_asked_by: string | null;
  first_asked_by_name: string;
  status: DemandStatus;
  handling_level: HandlingLevel | null;
  lead_body: string | null;
  co_bodies: ColumnType<string[], string | undefined, string>;
  respond_by: Timestamp;
  responded_at: NullableTimestamp;
  finish_by: NullableTimestamp;
  done_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  rating: Rating | null;
  reopen_count: Generated<number>;
  urgings: Generated<number>;
  supervisions: Generated<number>;
  merged_into: string | null;
  event_count: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The append-only history of a demand. */
export interface DemandEventTable {
  district_id: string;
  demand_id: string;
  seq: number;
  kind: DemandEventKind;
  actor_kind: 'staff' | 'resident' | 'system';
  actor_id: string | null;
  actor_name: string;
  at: Timestamp;
  reason: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
}

declare module '../../platform/db/schema.ts' {
  interface DB {
    demand: DemandTable;
    demand_event: DemandEventTable;
  }
}
