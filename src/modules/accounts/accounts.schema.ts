import { z } from 'zod';
import { STAFF_ROLES } from '../../platform/auth/roles.ts';
import { nodeKindSchema } from '../org/org.schema.ts';

const staffRoleNames = Object.keys(STAFF_ROLES) as [keyof typeof STAFF_ROLES, ...(keyof typeof STAFF_ROLES)[]];
export const staffRoleSchema = z.enum(staffRoleNames);

export const roleBindingSchema = z.object({
  role: staffRoleSchema,
  roleLabel: z.string(),
  nodeId: z.string(),
  nodeName: z.string(),
  nodeKind: nodeKindSchema,
});

export const meSchema = z.object({
  kind: z.literal('staff'),
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  districtId: z.string(),
  roles: z.array(roleBindingSchema),
  permissions: z.array(z.string()),
  mustChangePassword: z.boolean(),
});

export const loginBody = z
  .object({
    username: z.string().trim().min(1).max(64).describe('用户名'),
    password: z.string().min(1).max(128).describe('密码'),
  })
  .strict();

export const changePasswordBody = z
  .object({
    currentPassword: z.string().min(1).max(128).describe('当前密码'),
    newPassword: z.string().min(1).max(128).describe('新密码'),
  })
  .strict();

export const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(roleBindingSchema),
});

const bindingInput = z.object({ role: staffRoleSchema.describe('角色'), nodeId: z.uuid().describe('所属组织节点') }).strict();

export const createAccountBody = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]{3,32}$/, '应为 3–32 位字母、数字、下划线、点或减号')
      .describe('用户名'),
    displayName: z.string().trim().min(1).max(50).describe('姓名'),
    password: z.string().min(1).max(128).describe('初始密码'),
    roles: z.array(bindingInput).min(1).max(20).describe('角色'),
  })
  .strict();

export const updateAccountBody = z
  .object({
    displayName: z.string().trim().min(1).max(50).optional().describe('姓名'),
    disabled: z.boolean().optional().describe('停用'),
    roles: z.array(bindingInput).min(1).max(20).optional().describe('角色'),
  })
  .strict();

export const resetPasswordBody = z.object({ newPassword: z.string().min(1).max(128).describe('新密码') }).strict();

export const accountIdParams = z.object({ accountId: z.uuid().describe('账号编号') });

export const listAccountsQuery = z.object({
  q: z.string().trim().max(50).optional().describe('关键词'),
  page: z.coerce.number().int().min(1).default(1).describe('页码'),
  pageSize: z.coerce.number().int().min(1).max(200).default(20).describe('每页条数'),
});

export const roleInfoSchema = z.object({
  role: z.string(),
  label: z.string(),
  labelEn: z.string(),
  description: z.string(),
  permissions: z.array(z.string()),
  allowedNodeKinds: z.array(nodeKindSchema),
});
