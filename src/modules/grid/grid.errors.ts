import { registerErrors } from '../../platform/errors.ts';
import { registerAuditActions } from '../../platform/audit/audit.ts';

export const GRID_ERRORS = registerErrors({
  RESIDENT_DUPLICATE: { status: 409, zh: '「身份证号」已登记，不能重复登记', en: 'This ID number is already registered' },
  RESIDENT_INVALID: { status: 400, zh: '居民信息有误', en: 'The resident record is invalid' },
  RESIDENT_NOT_PRESENT: { status: 409, zh: '该居民已迁出或已故，不能再办理此项', en: 'The resident has moved out or died' },
  NODE_NOT_HOUSEHOLD: { status: 400, zh: '「住户」应选择到具体的户（房号）', en: 'Choose a household (flat)' },
  TAG_UNKNOWN: { status: 400, zh: '「标签」不存在', en: 'Unknown tag' },
  TAG_ALREADY_OPEN: { status: 409, zh: '该居民已有这个标签', en: 'The resident already has this tag' },
  TAG_NOT_OPEN: { status: 404, zh: '该居民没有这个在用的标签', en: 'The resident has no open tag of this kind' },
  TAG_RESTRICTED: { status: 403, zh: '重点人员标签只有具备相应职责的角色才能查看和登记', en: 'Key-person tags are restricted to the roles that need them' },
  VISIT_PEOPLE_OUTSIDE_HOUSEHOLD: { status: 400, zh: '「见到的人」应是该户的居民', en: 'People met must live in the household' },
  VISIT_IN_FUTURE: { status: 400, zh: '「走访时间」不能晚于现在', en: 'The visit time cannot be in the future' },
  POLICY_OUT_OF_SCOPE: { status: 400, zh: '该户不在政策告知的范围内', en: 'The household is outside the notice\'s scope' },
  CADENCE_SCOPE_FIXED: { status: 409, zh: '走访频次的适用范围不能修改，请在该社区新增一条', en: 'A cadence keeps its scope; add one for the community instead' },
  DATE_ORDER: { status: 400, zh: '「结束日期」不能早于开始日期', en: 'The end date is before the start date' },
});

registerAuditActions({
  'resident.register': { zh: '登记居民', en: 'Register resident' },
  'resident.update': { zh: '修改居民信息', en: 'Update resident' },
  'resident.move': { zh: '居民迁移', en: 'Resident moved' },
  'resident.move_out': { zh: '居民迁出', en: 'Resident moved out' },
  'resident.deceased': { zh: '居民亡故', en: 'Resident deceased' },
  'resident.tag.add': { zh: '添加标签', en: 'Add tag' },
  'resident.tag.end': { zh: '结束标签', en: 'End tag' },
  'resident.restricted.view': { zh: '查看重点人员标签', en: 'View key-person tags' },
  'house.update': { zh: '修改房屋信息', en: 'Update house' },
  'house.verify': { zh: '核实户信息', en: 'Verify household' },
  'tenancy.create': { zh: '登记出租', en: 'Register tenancy' },
  'visit.create': { zh: '走访登记', en: 'Log visit' },
  'required_visit.create': { zh: '三必到登记', en: 'Required visit' },
  'absence.create': { zh: '登记请假', en: 'Record absence' },
  'responsibility.set': { zh: '指定责任人', en: 'Set responsible people' },
  'policy.publish': { zh: '发布政策告知', en: 'Publish policy notice' },
  'policy.acknowledge': { zh: '登记政策知晓', en: 'Record policy acknowledgement' },
  'cadence.create': { zh: '新增走访频次', en: 'Add visit cadence' },
  'cadence.update': { zh: '修改走访频次', en: 'Update visit cadence' },
});
