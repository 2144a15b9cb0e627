import { registerErrors } from '../../platform/errors.ts';
import { registerAuditActions } from '../../platform/audit/audit.ts';

export const ACCOUNT_ERRORS = registerErrors({
  ACCOUNT_USERNAME_TAKEN: { status: 409, zh: '「用户名」已被使用，请换一个', en: 'The username is already taken' },
  ACCOUNT_ROLE_NODE_KIND: { status: 400, zh: '角色不能绑定到该级别的组织节点', en: 'This role cannot be bound to a node of that kind' },
  ACCOUNT_SELF_LOCKOUT: { status: 409, zh: '不能停用自己的账号或移除自己的管理员角色', en: 'You cannot disable yourself or remove your own admin role' },
});

registerAuditActions({
  'auth.login': { zh: '登录', en: 'Sign in' },
  'auth.login.failed': { zh: '登录失败', en: 'Failed sign-in' },
  'auth.account.locked': { zh: '账号锁定', en: 'Account locked' },
  'auth.logout': { zh: '退出登录', en: 'Sign out' },
  'auth.password.change': { zh: '修改密码', en: 'Change password' },
  'account.create': { zh: '新增账号', en: 'Create account' },
  'account.update': { zh: '修改账号', en: 'Update account' },
  'account.password.reset': { zh: '重置密码', en: 'Reset password' },
  'account.unlock': { zh: '解锁账号', en: 'Unlock account' },
});
