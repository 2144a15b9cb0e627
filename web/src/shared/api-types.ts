/** Types of the HTTP API v1, as written in docs/api.md. */

export type Permission =
  | 'org.read'
  | 'org.write'
  | 'resident.read'
  | 'resident.sensitive.read'
  | 'account.manage'
  | 'audit.read'
  | 'outbox.read'
  | 'registry.write'
  | 'registry.import'
  | 'resident.restricted.read'
  | 'visit.read'
  | 'visit.write'
  | 'coverage.read'
  | 'map.write'
  | 'matter.read'
  | 'matter.write'
  | 'procedure.manage'
  | 'supervision.write'
  | 'board.read'
  | 'board.write'
  | 'calendar.manage'
  | 'demand.read'
  | 'demand.intake'
  | 'demand.handle'
  | 'demand.supervise'
  | 'interop.manage'
  | 'dispute.read'
  | 'dispute.record'
  | 'dispute.mediate'
  | 'dispute.supervise';

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

// ── Grid management (网格化管理): registry, tags, visits, absences ──

export type ResidentStatus = 'present' | 'moved_out' | 'deceased';

export type HouseholdMember = {
  id: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  relation: string;
  idNumber: string;
  phone: string | null;
  status: ResidentStatus;
};

export type HouseUse = 'owner_occupied' | 'rented' | 'vacant' | 'commercial';

export type Household = {
  id: string;
  address: string;
  floorArea: number | null;
  use: HouseUse | null;
  verifiedAt: string | null;
  members: HouseholdMember[];
};

export type TagSensitivity = 'normal' | 'sensitive' | 'restricted';

export type TagDefinition = { code: string; name: string; category: string; categoryLabel: string; sensitivity: TagSensitivity };

export type ResidentTag = { code: string; name: string; category: string; sensitivity: TagSensitivity; since: string; until: string | null; note: string | null };

export type ResidentTags = { tags: ResidentTag[]; hiddenCount: number };

export type ResidentEventKind = 'registered' | 'moved_in' | 'moved_out' | 'deceased' | 'updated' | 'tag_added' | 'tag_removed';

export type ResidentEvent = { id: string; kind: ResidentEventKind; occurredOn: string; at: string; actorName: string; details: unknown };

export type RegisterResidentInput = {
  householdId: string;
  name: string;
  idNumber: string;
  phone?: string | null;
  relation?: string | null;
  registration: Registration;
  registeredPlace?: string | null;
  movedInOn?: string | null;
};

export type DueAssignee = { accountId: string; name: string; standingInFor: { accountId: string; name: string } | null };

export type DueVisit = {
  kind: 'cadence' | 'required';
  residentId: string | null;
  residentName: string;
  householdId: string;
  address: string;
  label: string;
  role: string;
  roleLabel: string;
  /** End of the current period (exclusive) */
  dueAt: string;
  overdue: boolean;
  /** End of the missed period, or of the event window */
  overdueSince: string | null;
  lastVisitAt: string | null;
  requiredVisitId: string | null;
  assignee: DueAssignee | null;
};

export type DueVisitList = { items: DueVisit[]; overdue: number; total: number };

export type FollowUpKind = 'demand' | 'dispute' | 'other';

export type VisitInput = {
  householdId: string;
  visitedAt: string;
  residentIds: string[];
  findings: string;
  photos?: string[];
  followUp?: { kind: FollowUpKind; summary: string } | null;
  requiredVisitIds?: string[];
};

export type VisitLogEntry = {
  id: string;
  householdId: string;
  address: string;
  visitedAt: string;
  visitorName: string;
  visitorRole: string;
  findings: string;
  peopleMet: string[];
  followUps: { kind: FollowUpKind; summary: string; status: string }[];
};

export type RequiredVisitReason = 'emergency' | 'grievance' | 'family_dispute';

export type Absence = { id: string; accountId: string; name: string; startsOn: string; endsOn: string; reason: string };

// ── 五个百分百 coverage ──

export type CoverageFigureCode = 'basic_info' | 'backbone' | 'vulnerable_care' | 'key_person' | 'policy';

export type CoverageFigure = { numerator: number; denominator: number; percent: number | null; display: string };

export type CoverageNode = { id: string; name: string; kind: NodeKind; kindLabel: string; figures: Record<CoverageFigureCode, CoverageFigure> };

export type CoverageDefinition = {
  code: CoverageFigureCode;
  name: string;
  nameEn: string;
  short: string;
  numerator: string;
  numeratorEn: string;
  denominator: string;
  denominatorEn: string;
  help: string;
  helpEn: string;
  missing: 'house' | 'building' | 'person';
};

export type Coverage = { asOf: string; node: CoverageNode; children: CoverageNode[]; definitions: CoverageDefinition[] };

export type MissingHouse = { kind: 'house'; householdId: string; address: string; people: number; use: string | null; notices: { id: string; title: string }[] };
export type MissingBuilding = { kind: 'building'; buildingId: string; name: string; address: string };
export type MissingPerson = {
  kind: 'person';
  residentId: string;
  name: string;
  idNumber: string;
  address: string;
  tags: string[];
  restricted: boolean;
  intervalDays: number;
  lastVisitAt: string | null;
};
export type MissingItem = MissingHouse | MissingBuilding | MissingPerson;

export type CoverageMissing = {
  figure: CoverageFigureCode;
  asOf: string;
  node: { id: string; name: string; kind: string };
  itemKind: 'house' | 'building' | 'person';
  items: MissingItem[];
  total: number;
  restrictedHidden: number;
  page: number;
  pageSize: number;
};

// ── Registry import / export (人口导入) ──

export type ImportRowError = { row: number; field: string; label: string; message: string };

export type ImportReport = {
  id: string;
  status: 'pending' | 'committed' | 'discarded';
  expired: boolean;
  nodeId: string;
  fileName: string | null;
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  total: number;
  good: number;
  bad: number;
  newHouseholds: number;
  errors: ImportRowError[];
  errorCount: number;
  errorsTruncated: boolean;
  finishedAt: string | null;
  imported: number | null;
  skipped: ImportRowError[];
};

// ── Grid map (网格地图): boundaries and building points, no base tiles ──

export type MapCrs = 'WGS84' | 'GCJ02';

export type MapGeometry = { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] };

export type MapGrid = {
  id: string;
  name: string;
  code: string | null;
  communityId: string | null;
  communityName: string | null;
  boundary: { id: string; storedCrs: MapCrs; validFrom: string; validTo: string | null; geometry: MapGeometry } | null;
  figures: Record<CoverageFigureCode, CoverageFigure>;
};

export type MapGrids = {
  on: string;
  crs: MapCrs;
  node: { id: string; name: string; kind: string };
  /** [min lng, min lat, max lng, max lat] */
  bbox: [number, number, number, number] | null;
  grids: MapGrid[];
  definitions: CoverageDefinition[];
};

export type MapBuilding = { id: string; name: string; gridId: string | null; address: string | null; point: { lng: number; lat: number } | null; storedCrs: MapCrs | null };

export type MapBuildings = { crs: MapCrs; buildings: MapBuilding[] };
