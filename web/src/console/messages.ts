import type { NodeKind } from '../shared/api-types';
import { useTranslate, type Messages, type Translate } from '../shared/i18n';

/** The console's dictionary: `key: [zh-CN, en]`. Server messages are shown as the server sends them. */
export const consoleMessages = {
  'app.name': ['共治 · 工作台', 'Gongzhi Console'],

  'common.actions': ['操作', 'Actions'],
  'common.cancel': ['取消', 'Cancel'],
  'common.delete': ['删除', 'Delete'],
  'common.edit': ['编辑', 'Edit'],
  'common.failed': ['操作未成功', 'The action did not succeed'],
  'common.refresh': ['刷新', 'Refresh'],
  'common.reset': ['重置', 'Reset'],
  'common.retry': ['重试', 'Retry'],
  'common.save': ['保存', 'Save'],
  'common.saved': ['已保存', 'Saved'],
  'common.search': ['查询', 'Search'],
  'common.total': ['共 {total} 条', '{total} in total'],
  'form.required': ['必填', 'Required'],

  'error.failed.title': ['加载失败', 'Could not load'],
  'error.forbidden.title': ['无权访问', 'No access'],
  'error.notFound.title': ['未找到', 'Not found'],
  'error.noPermission': ['无权访问此页面：您的角色没有相应权限。', 'No access to this page: none of your roles grants it.'],
  'error.pageNotFound': ['页面不存在', 'This page does not exist.'],

  'nav.dashboard': ['工作台', 'Dashboard'],
  'nav.dashboard.desc': ['我的角色与管辖范围', 'My roles and scope'],
  'nav.org': ['组织架构', 'Organisation'],
  'nav.org.desc': ['街道、社区、网格、楼栋、户', 'Streets, communities, grids, buildings, households'],
  'nav.residents': ['实有人口', 'Residents'],
  'nav.residents.desc': ['辖区居民信息（敏感信息已脱敏）', 'People in scope (sensitive data masked)'],
  'nav.accounts': ['账号管理', 'Accounts'],
  'nav.accounts.desc': ['工作人员账号与角色', 'Staff accounts and roles'],
  'nav.audit': ['审计日志', 'Audit log'],
  'nav.audit.desc': ['谁在何时做了什么', 'Who did what, and when'],
  'nav.outbox': ['短信发件箱', 'SMS outbox'],
  'nav.outbox.desc': ['已发送的短信验证码', 'One-time codes sent by SMS'],

  'layout.toggleMenu': ['展开或收起菜单', 'Toggle menu'],
  'user.roles': ['我的角色', 'My roles'],
  'user.changePassword': ['修改密码', 'Change password'],
  'user.logout': ['退出登录', 'Sign out'],

  'login.title': ['共治 · 工作人员登录', 'Gongzhi staff sign-in'],
  'login.subtitle': ['基层社区治理平台', 'Community governance platform'],
  'login.username': ['用户名', 'Username'],
  'login.username.required': ['请输入用户名', 'Enter your username'],
  'login.password': ['密码', 'Password'],
  'login.password.required': ['请输入密码', 'Enter your password'],
  'login.submit': ['登录', 'Sign in'],
  'login.hint': ['演示账号见服务启动输出', 'Demo accounts are printed when the server starts'],
  'login.portalLink': ['居民请进入居民服务端 →', 'Residents: go to the resident portal →'],

  'password.title': ['修改密码', 'Change password'],
  'password.forced': ['首次登录或密码已被重置，请先设置新密码。', 'Please set a new password before you continue.'],
  'password.current': ['当前密码', 'Current password'],
  'password.new': ['新密码', 'New password'],
  'password.confirm': ['再次输入新密码', 'Repeat the new password'],
  'password.rules': ['至少8位，含大写字母、小写字母、数字、符号中的三类', 'At least 8 characters, with three of: upper case, lower case, digits, symbols'],
  'password.tooShort': ['至少8位', 'At least 8 characters'],
  'password.mismatch': ['两次输入的密码不一致', 'The passwords do not match'],
  'password.changed': ['密码已修改', 'Password changed'],

  'dashboard.welcome': ['您好，{name}', 'Hello, {name}'],
  'dashboard.intro': ['欢迎使用共治基层社区治理平台。', 'Welcome to Gongzhi, the community governance platform.'],
  'dashboard.roles': ['我的角色与管辖范围', 'My roles and scope'],
  'dashboard.role': ['角色', 'Role'],
  'dashboard.scope': ['管辖范围', 'Scope'],
  'dashboard.nodeKind': ['层级', 'Level'],
  'dashboard.scopeNote': ['您只能查看和办理管辖范围内的事务。', 'You see and act only within your scope.'],
  'dashboard.quickLinks': ['常用功能', 'Quick links'],

  'kind.district': ['区', 'District'],
  'kind.street': ['街道', 'Street'],
  'kind.community': ['社区', 'Community'],
  'kind.grid': ['网格', 'Grid'],
  'kind.building': ['楼栋', 'Building'],
  'kind.household': ['户', 'Household'],

  'org.title': ['组织架构', 'Organisation'],
  'org.empty': ['管辖范围内暂无节点', 'No nodes in your scope'],
  'org.pick': ['请在左侧选择一个节点', 'Choose a node on the left'],
  'org.pickNode': ['选择节点', 'Choose a node'],
  'org.search.placeholder': ['搜索节点名称', 'Search node names'],
  'org.search.count': ['找到 {count} 个节点', '{count} nodes found'],
  'org.search.empty': ['没有匹配的节点', 'No matching nodes'],
  'org.search.back': ['返回树形', 'Back to tree'],
  'org.field.name': ['名称', 'Name'],
  'org.field.kind': ['层级', 'Level'],
  'org.field.code': ['编码', 'Code'],
  'org.field.code.hint': ['可选，如行政区划代码或门牌号', 'Optional, e.g. an administrative or house number'],
  'org.field.childCount': ['下级节点数', 'Child nodes'],
  'org.field.residentCount': ['居民人数', 'Residents'],
  'org.viewResidents': ['查看居民', 'View residents'],
  'org.addChild': ['新增{kind}', 'Add {kind}'],
  'org.addChildUnder': ['在「{name}」下新增{kind}', 'Add a {kind} under “{name}”'],
  'org.edit': ['重命名', 'Rename'],
  'org.editTitle': ['编辑「{name}」', 'Edit “{name}”'],
  'org.delete.confirm': ['确定删除「{name}」吗？', 'Delete “{name}”?'],
  'org.delete.note': ['只能删除没有下级节点和居民的节点。', 'Only a node without child nodes and residents can be deleted.'],
  'org.delete.done': ['已删除「{name}」', '“{name}” deleted'],
  'org.delete.failed': ['无法删除', 'Cannot delete'],

  'residents.name': ['姓名', 'Name'],
  'residents.gender': ['性别', 'Gender'],
  'residents.age': ['年龄', 'Age'],
  'residents.idNumber': ['身份证号', 'ID number'],
  'residents.phone': ['手机号', 'Phone'],
  'residents.relation': ['与户主关系', 'Relation'],
  'residents.registration': ['户籍类型', 'Registration'],
  'residents.address': ['住址', 'Address'],
  'residents.allScope': ['全部管辖范围', 'My whole scope'],
  'residents.search': ['姓名，或手机号、身份证号后几位', 'Name, or last digits of phone / ID'],
  'residents.reveal': ['查看完整信息', 'Show full details'],
  'residents.reveal.title': ['{name} 的完整信息', 'Full details of {name}'],
  'residents.reveal.audited': ['此次查看已记入审计日志', 'This view has been recorded in the audit log'],

  'accounts.create': ['新建账号', 'New account'],
  'accounts.created': ['已创建账号「{name}」', 'Account “{name}” created'],
  'accounts.editTitle': ['编辑账号「{name}」', 'Edit account “{name}”'],
  'accounts.search': ['用户名或姓名', 'Username or name'],
  'accounts.username': ['用户名', 'Username'],
  'accounts.displayName': ['姓名', 'Display name'],
  'accounts.password': ['初始密码', 'Initial password'],
  'accounts.roles': ['角色', 'Roles'],
  'accounts.roles.add': ['添加角色', 'Add a role'],
  'accounts.roles.required': ['至少需要一个角色', 'At least one role is needed'],
  'accounts.roles.loadFailed': ['角色列表加载失败', 'Could not load the roles'],
  'accounts.role': ['角色', 'Role'],
  'accounts.role.required': ['请选择角色', 'Choose a role'],
  'accounts.node.required': ['请选择节点', 'Choose a node'],
  'accounts.node.allowed': ['可选层级：{kinds}', 'Allowed levels: {kinds}'],
  'accounts.status': ['状态', 'Status'],
  'accounts.status.active': ['正常', 'Active'],
  'accounts.status.disabled': ['已停用', 'Disabled'],
  'accounts.status.locked': ['已锁定至 {until}', 'Locked until {until}'],
  'accounts.lastLogin': ['最近登录', 'Last sign-in'],
  'accounts.reset': ['重置密码', 'Reset password'],
  'accounts.reset.title': ['重置「{name}」的密码', 'Reset the password of “{name}”'],
  'accounts.reset.done': ['已重置「{name}」的密码', 'Password of “{name}” reset'],
  'accounts.unlock': ['解锁', 'Unlock'],
  'accounts.unlock.done': ['已解锁「{name}」', '“{name}” unlocked'],
  'accounts.disable': ['停用', 'Disable'],
  'accounts.disable.confirm': ['确定停用「{name}」吗？停用后该账号无法登录。', 'Disable “{name}”? The account can no longer sign in.'],
  'accounts.disable.done': ['账号已停用', 'Account disabled'],
  'accounts.enable': ['启用', 'Enable'],
  'accounts.enable.confirm': ['确定启用「{name}」吗？', 'Enable “{name}”?'],
  'accounts.enable.done': ['账号已启用', 'Account enabled'],

  'audit.keyword': ['关键词', 'Keyword'],
  'audit.at': ['时间', 'Time'],
  'audit.actor': ['操作人', 'Actor'],
  'audit.action': ['操作', 'Action'],
  'audit.entity': ['对象', 'Entity'],
  'audit.entityType': ['对象类型', 'Entity type'],
  'audit.summary': ['摘要', 'Summary'],
  'audit.ip': ['IP', 'IP'],
  'audit.before': ['变更前', 'Before'],
  'audit.after': ['变更后', 'After'],
  'audit.noData': ['此操作未记录变更内容', 'No data change was recorded for this action'],
  'audit.changed': ['变更字段：{keys}', 'Changed: {keys}'],

  'outbox.at': ['时间', 'Time'],
  'outbox.phone': ['手机号', 'Phone'],
  'outbox.body': ['内容', 'Message'],
  'outbox.purpose': ['用途', 'Purpose'],
  'outbox.note': [
    '未接入短信网关时，验证码短信写入此发件箱而不实际发送（演示与测试用）。',
    'Without an SMS gateway, one-time codes are written here instead of being sent (for demos and tests).',
  ],
} as const satisfies Messages;

export type ConsoleMessageKey = keyof typeof consoleMessages;
export type ConsoleT = Translate<typeof consoleMessages>;

export function useT(): ConsoleT {
  return useTranslate(consoleMessages);
}

export function kindLabel(t: ConsoleT, kind: NodeKind): string {
  return t(`kind.${kind}`);
}

const childKinds: Record<NodeKind, NodeKind | null> = {
  district: 'street',
  street: 'community',
  community: 'grid',
  grid: 'building',
  building: 'household',
  household: null,
};

/** The kind a new child of `kind` gets (the server decides; this only labels the button). */
export function childKind(kind: NodeKind): NodeKind | null {
  return childKinds[kind];
}
