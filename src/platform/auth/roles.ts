import type { NodeKind } from '../db/schema.ts';

/**
 * Who may do what, in one place. A staff account holds roles, each bound to an org node; a role's
 * permissions apply in that node's subtree only. Residents' roles (居民, 业主, 居民代表, 党员) act on
 * the resident portal and are listed apart.
 */
export const PERMISSIONS = {
  'org.read': '查看组织架构',
  'org.write': '维护组织架构',
  'resident.read': '查看实有人口（脱敏）',
  'resident.sensitive.read': '查看完整身份证号和手机号（留痕）',
  'account.manage': '管理工作人员账号',
  'audit.read': '查看审计日志',
  'outbox.read': '查看短信发件箱',
  'registry.write': '登记和维护实有人口、房屋、标签',
  'registry.import': '导入导出实有人口（Excel）',
  'resident.restricted.read': '查看重点人员标签（留痕）',
  'visit.read': '查看走访记录和应访清单',
  'visit.write': '走访登记（民情日记）、三必到、请假顶岗',
  'coverage.read': '查看五个百分百覆盖率',
  'map.write': '维护网格边界和楼栋坐标',
  'matter.read': '查看议题、会议、表决和实施情况',
  'matter.write': '受理和办理议题：征询、召集会议、签到、录入表决、公开、实施跟踪',
  'procedure.manage': '维护议事程序模板（复制、调整）',
  'supervision.write': '监督：记录检查结论、提出问题、公开前签字',
  'board.read': '查看公开栏',
  'board.write': '维护公开栏：发布、张贴和撤下记录',
  'calendar.manage': '维护工作日历（节假日和调休）',
  'demand.read': '查看民情诉求及其办理经过',
  'demand.intake': '登记民情诉求（电话、来访、走访、信箱、门条、座谈会）',
  'demand.handle': '办理民情诉求：受理、分派、上报、退回、转办、挂起、催办、办结',
  'demand.supervise': '督办民情诉求、审批延期',
  'interop.manage': '管理对外接口：Open311 接口密钥、12345 热线对接',
  'dispute.read': '查看矛盾纠纷台账（当事人、类型、风险、调解进度；不含调解记录内容）',
  'dispute.record': '登记矛盾纠纷、填报每周排查（含零报告）',
  'dispute.mediate': '调解矛盾纠纷：记录调解经过、达成调解协议、回访（仅本人参与调解的纠纷可见调解记录）',
  'dispute.supervise': '调解工作负责人：查看辖区全部调解记录（留痕）、指派调解员、转出',
} as const;

export type Permission = keyof typeof PERMISSIONS;

export type StaffRoleSpec = {
  label: string;
  labelEn: string;
  description: string;
  permissions: readonly Permission[];
  /** The kinds of org node this role may be bound to. */
  allowedNodeKinds: readonly NodeKind[];
};

export const STAFF_ROLES = {
  admin: {
    label: '管理员',
    labelEn: 'Administrator',
    description: '维护组织架构、账号、角色和目录，查看审计日志与短信发件箱',
    permissions: ['org.read', 'org.write', 'resident.read', 'resident.sensitive.read', 'account.manage', 'audit.read', 'outbox.read', 'registry.write', 'registry.import', 'visit.read', 'coverage.read', 'map.write', 'matter.read', 'procedure.manage', 'board.read', 'board.write', 'calendar.manage', 'demand.read', 'interop.manage'],
    allowedNodeKinds: ['district', 'street', 'community'],
  },
  street_officer: {
    label: '街道干部',
    labelEn: 'Street office',
    description: '街道办事处 / 党工委 / 纪工委：督查所辖社区，接收上报事项',
    permissions: ['org.read', 'resident.read', 'audit.read', 'resident.restricted.read', 'visit.read', 'coverage.read', 'matter.read', 'supervision.write', 'board.read', 'demand.read', 'demand.handle', 'demand.supervise', 'dispute.read', 'dispute.supervise'],
    allowedNodeKinds: ['street'],
  },
  secretary: {
    label: '社区书记',
    labelEn: 'Community secretary',
    description: '社区党委书记 / 副书记：牵头议事程序，统筹社区工作',
    permissions: ['org.read', 'resident.read', 'resident.sensitive.read', 'audit.read', 'registry.write', 'resident.restricted.read', 'visit.read', 'visit.write', 'coverage.read', 'matter.read', 'matter.write', 'procedure.manage', 'board.read', 'board.write', 'demand.read', 'demand.intake', 'demand.handle', 'dispute.read', 'dispute.record', 'dispute.supervise'],
    allowedNodeKinds: ['community'],
  },
  committee: {
    label: '两委成员',
    labelEn: 'Two-committee member',
    description: '社区党委和居委会成员：提议并决定社区事务',
    permissions: ['org.read', 'resident.read', 'resident.sensitive.read', 'registry.write', 'visit.read', 'visit.write', 'coverage.read', 'matter.read', 'matter.write', 'board.read', 'board.write', 'demand.read', 'demand.intake', 'demand.handle', 'dispute.read', 'dispute.record'],
    allowedNodeKinds: ['community'],
  },
  supervisor: {
    label: '居务监督委员',
    labelEn: 'Supervision committee',
    description: '居务监督委员会：监督每一道程序，按月检查，可提出问题',
    permissions: ['org.read', 'resident.read', 'audit.read', 'visit.read', 'coverage.read', 'matter.read', 'supervision.write', 'board.read', 'demand.read', 'demand.supervise', 'dispute.read'],
    allowedNodeKinds: ['community'],
  },
  grid_worker: {
    label: '网格员',
    labelEn: 'Grid worker',
    description: '网格员 / 网格长：入户走访、记民情日记、登记人口变动、上报和初步调解',
    permissions: ['org.read', 'resident.read', 'resident.sensitive.read', 'registry.write', 'resident.restricted.read', 'visit.read', 'visit.write', 'coverage.read', 'matter.read', 'board.read', 'demand.read', 'demand.intake', 'demand.handle', 'dispute.read', 'dispute.record', 'dispute.mediate'],
    allowedNodeKinds: ['grid', 'community'],
  },
  building_leader: {
    label: '楼栋长',
    labelEn: 'Building leader',
    description: '楼栋长 / 信息员：从楼栋报送情况',
    permissions: ['org.read', 'resident.read', 'visit.read', 'visit.write', 'board.read', 'demand.read', 'demand.intake'],
    allowedNodeKinds: ['building'],
  },
  service_staff: {
    label: '窗口人员',
    labelEn: 'Service-hall staff',
    description: '便民服务窗口人员 / 社区专干：办理服务事项和代办',
    permissions: ['org.read', 'resident.read', 'resident.sensitive.read', 'registry.write', 'registry.import', 'board.read', 'demand.read', 'demand.intake', 'demand.handle'],
    allowedNodeKinds: ['community'],
  },
  mediator: {
    label: '调解员',
    labelEn: 'Mediator',
    description: '在网格、综治办和人民调解委员会调解矛盾纠纷',
    permissions: ['org.read', 'resident.read', 'visit.read', 'board.read', 'demand.read', 'dispute.read', 'dispute.record', 'dispute.mediate'],
    allowedNodeKinds: ['grid', 'community', 'street'],
  },
} as const satisfies Record<string, StaffRoleSpec>;

export type StaffRole = keyof typeof STAFF_ROLES;

export const PORTAL_ROLES = {
  resident: { label: '居民', labelEn: 'Resident' },
  owner: { label: '业主', labelEn: 'Owner' },
  representative: { label: '居民代表', labelEn: 'Residents\u2019 representative' },
  party_member: { label: '党员', labelEn: 'Party member' },
} as const;

export type PortalRole = keyof typeof PORTAL_ROLES;

export function isStaffRole(role: string): role is StaffRole {
  return Object.hasOwn(STAFF_ROLES, role);
}

export function roleGrants(role: string, permission: Permission): boolean {
  return isStaffRole(role) && (STAFF_ROLES[role].permissions as readonly string[]).includes(permission);
}

export const NODE_KINDS: readonly NodeKind[] = ['district', 'street', 'community', 'grid', 'building', 'household'];

export const NODE_KIND_LABELS: Record<NodeKind, { zh: string; en: string }> = {
  district: { zh: '区', en: 'District' },
  street: { zh: '街道', en: 'Street' },
  community: { zh: '社区', en: 'Community' },
  grid: { zh: '网格', en: 'Grid' },
  building: { zh: '楼栋', en: 'Building' },
  household: { zh: '户', en: 'Household' },
};

/** The kind of node that may sit under a node of this kind (the tree has a fixed shape). */
export function childKindOf(kind: NodeKind): NodeKind | null {
  const i = NODE_KINDS.indexOf(kind);
  return NODE_KINDS[i + 1] ?? null;
}
