import { registerErrors } from '../../platform/errors.ts';
import { registerAuditActions } from '../../platform/audit/audit.ts';

export const ORG_ERRORS = registerErrors({
  ORG_NODE_NOT_EMPTY: { status: 409, zh: '该节点下还有下级节点、居民或账号角色，不能删除', en: 'The node still has children, residents or role bindings' },
  ORG_KIND_NOT_ALLOWED: { status: 400, zh: '「上级节点」下不能再添加节点（户是最末一级）', en: 'Nothing can be added below a household' },
  ORG_ROOT_PROTECTED: { status: 409, zh: '区（县）根节点不能删除', en: 'The district root cannot be deleted' },
});

registerAuditActions({
  'org.node.create': { zh: '新增组织节点', en: 'Create org node' },
  'org.node.update': { zh: '修改组织节点', en: 'Update org node' },
  'org.node.delete': { zh: '删除组织节点', en: 'Delete org node' },
});
