import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Table types for Kysely, kept in step with migrations/ by hand (the catalog test checks the tables). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;

export type NodeKind = 'district' | 'street' | 'community' | 'grid' | 'building' | 'household';
export type Registration = 'registered' | 'floating' | 'separated';
export type Gender = 'male' | 'female';
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

export interface SchemaMigrationTable {
  name: string;
  applied_at: Timestamp;
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
}

export type OrgNodeRow = Selectable<OrgNodeTable>;
export type ResidentRow = Selectable<ResidentTable>;
export type AccountRow = Selectable<AccountTable>;
export type NewResident = Insertable<ResidentTable>;
