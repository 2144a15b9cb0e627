import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Table types for Kysely, kept in step with migrations/ by hand (the catalog test checks the tables). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;

export type NodeKind = 'district' | 'street' | 'community' | 'grid' | 'building' | 'household';
export type Registration = 'registered' | 'floating' | 'separated';
export type Gender = 'male' | 'female';
export type ResidentStatus = 'present' | 'moved_out' | 'deceased';
type DateOnlyNullable = ColumnType<string | null, string | null | undefined, string | null>;
export type TagCategory = 'vulnerable' | 'key_person' | 'supporting' | 'other';
export type TagSensitivity = 'normal' | 'sensitive' | 'restricted';
export type VisitFrequency = 'weekly' | 'monthly' | 'quarterly' | 'half_yearly' | 'yearly' | 'on_event';
export type HouseUse = 'owner_occupied' | 'rented' | 'vacant' | 'commercial';
export type Crs = 'WGS84' | 'GCJ02';
export type ResidentRoleName = 'owner' | 'representative' | 'party_member';

export interface DistrictTable {
  district_id: string;
  name: string;
  code: string | null;
  created_at: Timestamp;
}

export interface OrgNodeTable {
  district_id: string;
  id: string;
  parent_id: string | null;
  kind: NodeKind;
  name: string;
  code: string | null;
  path: string;
  sort_order: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResidentTable {
  district_id: string;
  id: string;
  household_id: string;
  node_path: string;
  name: string;
  gender: Gender;
  birth_date: DateOnly;
  id_number: string;
  phone: string | null;
  relation: Generated<string>;
  registration: Registration;
  status: Generated<ResidentStatus>;
  registered_node_id: string | null;
  registered_place: string | null;
  moved_in_on: DateOnlyNullable;
  moved_out_on: DateOnlyNullable;
  deceased_on: DateOnlyNullable;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResidentRoleTable {
  district_id: string;
  resident_id: string;
  role: ResidentRoleName;
}

export interface AccountTable {
  id: string;
  district_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  must_change_password: Generated<boolean>;
  disabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  password_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoleBindingTable {
  district_id: string;
  id: string;
  account_id: string;
  role: string;
  node_id: string;
  created_at: Timestamp;
}

export interface SessionTable {
  token_hash: string;
  subject_kind: 'staff' | 'resident';
  account_id: string | null;
  district_id: string | null;
  resident_id: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
}

export interface LoginAttemptTable {
  id: string;
  at: Timestamp;
  ip: string;
  login: string;
  kind: 'password' | 'code_request' | 'code';
  success: boolean;
}

export interface OneTimeCodeTable {
  id: string;
  phone: string;
  code_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  attempts: Generated<number>;
  consumed_at: Date | null;
}

export interface MessageOutboxTable {
  district_id: string;
  id: string;
  at: Timestamp;
  channel: Generated<string>;
  recipient: string;
  purpose: string;
  body: string;
}

export interface AuditLogTable {
  district_id: string;
  id: string;
  /** Insertion order, to break ties between entries written at the same instant. */
  seq: Generated<number>;
  at: Timestamp;
  actor_kind: 'staff' | 'resident' | 'system';
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  node_path: string | null;
  summary: string;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface CompoundTable {
  district_id: string;
  id: string;
  community_id: string;
  name: string;
  address: string | null;
  created_at: Timestamp;
}

export interface BuildingInfoTable {
  district_id: string;
  building_id: string;
  compound_id: string | null;
  address: string | null;
  lng: number | null;
  lat: number | null;
  crs: Generated<Crs>;
}

export interface HouseTable {
  district_id: string;
  house_id: string;
  floor_area: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  use: Generated<HouseUse>;
  verified_at: Date | null;
  verified_by: string | null;
}

export interface TenancyTable {
  district_id: string;
  id: string;
  house_id: string;
  landlord_name: string;
  landlord_phone: string | null;
  landlord_resident_id: string | null;
  starts_on: DateOnly;
  ends_on: DateOnlyNullable;
  note: string | null;
  created_at: Timestamp;
}

export interface ResidentEventTable {
  district_id: string;
  id: string;
  resident_id: string;
  kind: 'registered' | 'moved_in' | 'moved_out' | 'deceased' | 'updated' | 'tag_added' | 'tag_removed';
  occurred_on: DateOnly;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  details: unknown;
}

export interface TagDefinitionTable {
  district_id: string;
  code: string;
  name: string;
  category: TagCategory;
  sensitivity: TagSensitivity;
  sort_order: Generated<number>;
}

export interface ResidentTagTable {
  district_id: string;
  resident_id: string;
  tag_code: string;
  since: DateOnly;
  until: DateOnlyNullable;
  note: string | null;
  created_at: Timestamp;
}

export interface VisitCadenceTable {
  district_id: string;
  id: string;
  scope_node_id: string;
  tag_code: string;
  role: string;
  frequency: VisitFrequency;
  event: 'tag_start' | null;
  within_days: number | null;
  label: string;
  active: Generated<boolean>;
}

export interface VisitTable {
  district_id: string;
  id: string;
  household_id: string;
  node_path: string;
  visitor_id: string;
  visitor_role: string;
  visited_at: Timestamp;
  findings: string;
  photos: ColumnType<unknown, string | undefined, string>;
  created_at: Timestamp;
}

export interface VisitResidentTable {
  district_id: string;
  visit_id: string;
  resident_id: string;
  visited_at: Timestamp;
  visitor_role: string;
}

export interface FollowUpTable {
  district_id: string;
  id: string;
  visit_id: string;
  household_id: string;
  node_path: string;
  kind: 'demand' | 'dispute' | 'other';
  summary: string;
  status: Generated<'open' | 'closed'>;
  created_at: Timestamp;
}

export interface RequiredVisitTable {
  district_id: string;
  id: string;
  household_id: string;
  node_path: string;
  reason: 'emergency' | 'grievance' | 'family_dispute';
  description: string;
  raised_at: Timestamp;
  due_at: Timestamp;
  raised_by: string | null;
  visit_id: string | null;
}

export interface ResponsibilityTable {
  district_id: string;
  node_id: string;
  rank: number;
  account_id: string;
}

export interface AbsenceTable {
  district_id: string;
  id: string;
  account_id: string;
  starts_on: DateOnly;
  ends_on: DateOnly;
  reason: string;
  created_at: Timestamp;
}

export interface PolicyNoticeTable {
  district_id: string;
  id: string;
  scope_node_id: string;
  title: string;
  body: string;
  published_on: DateOnly;
  expires_on: DateOnlyNullable;
}

export interface PolicyAcknowledgementTable {
  district_id: string;
  notice_id: string;
  household_id: string;
  acknowledged_at: Timestamp;
  recorded_by: string | null;
}

export interface GridBoundaryTable {
  district_id: string;
  id: string;
  grid_id: string;
  crs: Crs;
  geometry: ColumnType<unknown, string, string>;
  valid_from: DateOnly;
  valid_to: DateOnlyNullable;
  created_at: Timestamp;
}

export interface SchemaMigrationTable {
  name: string;
  applied_at: Timestamp;
}

/** 五个百分百 counts per grid, a cache kept fresh by triggers (migration 20261122T1920). */
export interface CoverageGridCountTable {
  district_id: string;
  grid_id: string;
  generation: Generated<string>;
  counted_generation: string | null;
  counts: unknown;
  computed_at: Date | null;
  valid_until: Date | null;
}

export interface DB {
  district: DistrictTable;
  org_node: OrgNodeTable;
  resident: ResidentTable;
  resident_role: ResidentRoleTable;
  account: AccountTable;
  role_binding: RoleBindingTable;
  session: SessionTable;
  login_attempt: LoginAttemptTable;
  one_time_code: OneTimeCodeTable;
  message_outbox: MessageOutboxTable;
  audit_log: AuditLogTable;
  schema_migration: SchemaMigrationTable;
  compound: CompoundTable;
  building_info: BuildingInfoTable;
  house: HouseTable;
  tenancy: TenancyTable;
  resident_event: ResidentEventTable;
  tag_definition: TagDefinitionTable;
  resident_tag: ResidentTagTable;
  visit_cadence: VisitCadenceTable;
  visit: VisitTable;
  visit_resident: VisitResidentTable;
  follow_up: FollowUpTable;
  required_visit: RequiredVisitTable;
  responsibility: ResponsibilityTable;
  absence: AbsenceTable;
  policy_notice: PolicyNoticeTable;
  policy_acknowledgement: PolicyAcknowledgementTable;
  grid_boundary: GridBoundaryTable;
  coverage_grid_count: CoverageGridCountTable;
}

export type OrgNodeRow = Selectable<OrgNodeTable>;
export type ResidentRow = Selectable<ResidentTable>;
export type AccountRow = Selectable<AccountTable>;
export type NewResident = Insertable<ResidentTable>;
