import { registerErrors } from '../../platform/errors.ts';
import { registerAuditActions } from '../../platform/audit/audit.ts';

export const COVERAGE_ERRORS = registerErrors({
  COVERAGE_NODE_KIND: { status: 400, zh: '「组织节点」须为区、街道、社区、网格或楼栋（户没有覆盖率）', en: 'Coverage figures are kept for districts, streets, communities, grids and buildings' },
});

registerAuditActions({
  'coverage.restricted.view': { zh: '查看重点人员名单', en: 'View key-person list' },
});
