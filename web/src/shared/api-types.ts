/** Types of the HTTP API v1, as written in docs/api.md. */

export type Permission =
  | 'org.read'
  | 'org.write'
  | 'resident.read'
  | 'resident.sensitive.read'
  | 'account.manage'
  | 'audit.read'
  | 'outbox.read';

export type Role =
  | 'admin'
  | 'street_officer'
  | 'secretary'
  | 'committee'
  | 'supervisor'
  | 'grid_worker'
  | 'building_leader'
  | 'service_staff'
  | 'mediator';

export type PortalRole = 'resident' | 'owner' | 'representative' | 'party_member';

export type NodeKind = 'district' | 'street' | 'community' | 'grid' | 'building' | 'household';

export type RoleBinding = {
  role: Role;
  roleLabel: string;
  nodeId: string;
  nodeName: string;
  nodeKind: NodeKind;
};

export type Me = {
  kind: 'staff';
  id: string;
  username: string;
  displayName: string;
  districtId: string;
  roles: RoleBinding[];
  permissions: Permission[];
  mustChangePassword: boolean;
};

export type Meta = { productName: string; districtName: string; demo: boolean };

export type RoleInfo = {
  role: Role;
  label: string;
  labelEn: string;
  description: string;
  permissions: Permission[];
  allowedNodeKinds: NodeKind[];
};

export type OrgNode = {
  id: string;
  parentId: string | null;
  kind: NodeKind;
  kindLabel: string;
  name: string;
  code: string | null;
  childCount: number;
  residentCount: number;
  /** Search results only: the names above the node (e.g. 「百步亭花园社区」 for a 第一网格). */
  trail?: string;
};

export type OrgAncestor = { id: string; name: string; kind: NodeKind };

export type OrgNodeDetail = OrgNode & { ancestors: OrgAncestor[] };

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type Registration = 'registered' | 'floating' | 'separated';

export type Resident = {
  id: string;
  householdId: string;
  address: string;
  name: string;
  gender: 'male' | 'female';
  genderLabel: string;
  birthDate: string;
  age: number;
  idNumber: string;
  phone: string | null;
  relation: string;
  registration: Registration;
  registrationLabel: string;
  portalRoles: PortalRole[];
};

export type RevealedResident = { idNumber: string; phone: string | null };

export type Account = {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  roles: RoleBinding[];
};

export type RoleAssignment = { role: Role; nodeId: string };

export type AuditEntry = {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  actionLabel: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
  ip: string | null;
};

export type OutboxMessage = { id: string; at: string; phone: string; body: string; purpose: string };

export type PortalCodeSent = { sent: true; expiresInSeconds: number; retryAfterSeconds: number };

export type PortalMe = {
  kind: 'resident';
  residentId: string;
  name: string;
  communityName: string;
  address: string;
  roles: PortalRole[];
  roleLabels: string[];
};

export type FieldError = { field: string; label?: string; message: string };
