import crypto from 'node:crypto';
import type { Db, Tx } from '../../platform/db/database.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { StaffActor } from '../../platform/auth/actor.ts';
import { STAFF_ROLES, type StaffRole } from '../../platform/auth/roles.ts';
import { fail } from '../../platform/errors.ts';
import { hashPassword, passwordProblems, verifyPassword } from '../../platform/security/password.ts';
import { findNode } from '../org/org.repository.ts';
import { accountNodePath, findAccount, findAccountByUsername } from './accounts.repository.ts';
import './accounts.errors.ts';

/** Account commands: each one transaction holding the change and its audit entry. */
type Ctx = { db: Db; actor: StaffActor; ip: string; now: Date };
type BindingInput = { role: StaffRole; nodeId: string };

export function assertPasswordRules(password: string, username: string, field: string, label: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0) {
    fail('PASSWORD_TOO_WEAK', { fields: [{ field, label, message: problems.join('；') }] }, `「${label}」${problems.join('；')}`);
  }
}

async function replaceBindings(tx: Tx, ctx: Ctx, accountId: string, bindings: BindingInput[]): Promise<void> {
  const unique = [...new Map(bindings.map((b) => [`${b.role}:${b.nodeId}`, b])).values()];
  for (const [i, b] of unique.entries()) {
    const node = await findNode(tx, ctx.actor.districtId, b.nodeId);
    if (!node) return fail('NOT_FOUND', { field: `roles.${i}.nodeId` });
    const allowed: readonly string[] = STAFF_ROLES[b.role].allowedNodeKinds;
    if (!allowed.includes(node.kind)) {
      fail('ACCOUNT_ROLE_NODE_KIND', { field: `roles.${i}.nodeId` }, `「角色」${STAFF_ROLES[b.role].label}不能绑定到「${node.name}」这一级`);
    }
  }
  await tx.deleteFrom('role_binding').where('district_id', '=', ctx.actor.districtId).where('account_id', '=', accountId).execute();
  await tx
    .insertInto('role_binding')
    .values(unique.map((b) => ({ district_id: ctx.actor.districtId, id: crypto.randomUUID(), account_id: accountId, role: b.role, node_id: b.nodeId, created_at: ctx.now })))
    .execute();
}

export async function createAccount(ctx: Ctx, input: { username: string; displayName: string; password: string; roles: BindingInput[] }): Promise<string> {
  assertPasswordRules(input.password, input.username, 'password', '初始密码');
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (tx) => {
    if (await findAccountByUsername(tx, input.username)) fail('ACCOUNT_USERNAME_TAKEN', { field: 'username' });
    const id = crypto.randomUUID();
    await tx
      .insertInto('account')
      .values({ id, district_id: ctx.actor.districtId, username: input.username, display_name: input.displayName, password_hash: passwordHash, must_change_password: true, locked_until: null, last_login_at: null, password_changed_at: ctx.now, created_at: ctx.now, updated_at: ctx.now })
      .execute();
    await replaceBindings(tx, ctx, id, input.roles);
    await appendAudit(tx, {
      districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now,
      action: 'account.create', entityType: 'account', entityId: id, nodePath: await accountNodePath(tx, ctx.actor.districtId, id),
      summary: `新增账号「${input.displayName}（${input.username}）」`,
      after: { username: input.username, displayName: input.displayName, roles: input.roles },
    });
    return id;
  });
}

export async function updateAccount(ctx: Ctx, accountId: string, input: { displayName?: string; disabled?: boolean; roles?: BindingInput[] }): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const account = await findAccount(tx, ctx.actor.districtId, accountId);
    if (!account) return fail('NOT_FOUND');
    if (account.id === ctx.actor.id && (input.disabled === true || (input.roles && !input.roles.some((r) => r.role === 'admin')))) {
      fail('ACCOUNT_SELF_LOCKOUT');
    }
    const beforeRoles = await tx.selectFrom('role_binding').select(['role', 'node_id as nodeId']).where('district_id', '=', ctx.actor.districtId).where('account_id', '=', accountId).execute();
    const next = { display_name: input.displayName ?? account.display_name, disabled: input.disabled ?? account.disabled };
    await tx.updateTable('account').set({ ...next, updated_at: ctx.now }).where('id', '=', accountId).execute();
    if (input.roles) await replaceBindings(tx, ctx, accountId, input.roles);
    if (next.disabled && !account.disabled) await tx.deleteFrom('session').where('account_id', '=', accountId).execute();
    await appendAudit(tx, {
      districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now,
      action: 'account.update', entityType: 'account', entityId: accountId, nodePath: await accountNodePath(tx, ctx.actor.districtId, accountId),
      summary: `修改账号「${account.display_name}（${account.username}）」${next.disabled && !account.disabled ? '：停用' : ''}${!next.disabled && account.disabled ? '：启用' : ''}`,
      before: { displayName: account.display_name, disabled: account.disabled, roles: beforeRoles },
      after: { displayName: next.display_name, disabled: next.disabled, roles: input.roles ?? beforeRoles },
    });
  });
}

export async function resetPassword(ctx: Ctx, accountId: string, newPassword: string): Promise<void> {
  const account = await findAccount(ctx.db, ctx.actor.districtId, accountId);
  if (!account) return fail('NOT_FOUND');
  assertPasswordRules(newPassword, account.username, 'newPassword', '新密码');
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('account').set({ password_hash: passwordHash, must_change_password: true, failed_logins: 0, locked_until: null, password_changed_at: ctx.now, updated_at: ctx.now }).where('id', '=', accountId).execute();
    await tx.deleteFrom('session').where('account_id', '=', accountId).execute();
    await appendAudit(tx, {
      districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now,
      action: 'account.password.reset', entityType: 'account', entityId: accountId, nodePath: await accountNodePath(tx, ctx.actor.districtId, accountId),
      summary: `重置「${account.display_name}（${account.username}）」的密码，下次登录须修改`,
    });
  });
}

export async function unlockAccount(ctx: Ctx, accountId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const account = await findAccount(tx, ctx.actor.districtId, accountId);
    if (!account) return fail('NOT_FOUND');
    await tx.updateTable('account').set({ failed_logins: 0, locked_until: null, updated_at: ctx.now }).where('id', '=', accountId).execute();
    await appendAudit(tx, {
      districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now,
      action: 'account.unlock', entityType: 'account', entityId: accountId, nodePath: await accountNodePath(tx, ctx.actor.districtId, accountId),
      summary: `解锁账号「${account.display_name}（${account.username}）」`,
      before: { lockedUntil: account.locked_until },
    });
  });
}

export async function changeOwnPassword(ctx: Ctx & { sessionTokenHash: string }, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const account = await findAccount(ctx.db, ctx.actor.districtId, ctx.actor.id);
  if (!account) return fail('NOT_FOUND');
  if (!(await verifyPassword(account.password_hash, input.currentPassword))) fail('PASSWORD_WRONG', { fields: [{ field: 'currentPassword', label: '当前密码', message: '不正确' }] });
  assertPasswordRules(input.newPassword, account.username, 'newPassword', '新密码');
  if (input.newPassword === input.currentPassword) {
    fail('PASSWORD_TOO_WEAK', { fields: [{ field: 'newPassword', label: '新密码', message: '不能与当前密码相同' }] }, '「新密码」不能与当前密码相同');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('account').set({ password_hash: passwordHash, must_change_password: false, password_changed_at: ctx.now, updated_at: ctx.now }).where('id', '=', account.id).execute();
    await tx.deleteFrom('session').where('account_id', '=', account.id).where('token_hash', '!=', ctx.sessionTokenHash).execute();
    await appendAudit(tx, {
      districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now,
      action: 'auth.password.change', entityType: 'account', entityId: account.id, nodePath: await accountNodePath(tx, ctx.actor.districtId, account.id),
      summary: '修改本人密码',
    });
  });
}
