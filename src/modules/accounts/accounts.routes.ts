import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { scopePaths } from '../../platform/auth/actor.ts';
import { STAFF_ROLES } from '../../platform/auth/roles.ts';
import { inParams, staffOf, type ScopeRef } from '../../platform/http/authorize.ts';
import { commandContext, pageWindow } from '../../platform/http/request-context.ts';
import { fail } from '../../platform/errors.ts';
import { createAccount, resetPassword, unlockAccount, updateAccount } from './account.commands.ts';
import { bindingsOf, findAccount, listAccounts, presentAccount } from './accounts.repository.ts';
import { accountIdParams, accountSchema, createAccountBody, listAccountsQuery, resetPasswordBody, roleInfoSchema, updateAccountBody } from './accounts.schema.ts';

const tags = ['账号管理'];

/** The nodes named in a body's role bindings must lie in the administrator's scope too. */
function bindingNodes(req: { body: unknown }): ScopeRef[] {
  const roles = (req.body as { roles?: { nodeId: string }[] }).roles ?? [];
  return roles.map((r) => ({ entity: 'org_node', id: r.nodeId }));
}

export function registerAccountRoutes(app: App, deps: AppDeps): void {
  const ctx = (req: Parameters<typeof staffOf>[0]) => commandContext(req, deps);
  const presentOne = async (districtId: string, id: string, lang: 'zh' | 'en') => {
    const row = await findAccount(deps.db, districtId, id);
    if (!row) return fail('NOT_FOUND');
    const bindings = await bindingsOf(deps.db, districtId, [id], lang);
    return presentAccount(row, bindings.get(id) ?? []);
  };

  app.get('/api/roles', {
    config: { access: { kind: 'staff', allowPendingPasswordChange: true } },
    schema: { tags, summary: '角色目录', response: { 200: z.array(roleInfoSchema) } },
  }, async () =>
    Object.entries(STAFF_ROLES).map(([role, spec]) => ({ role, label: spec.label, labelEn: spec.labelEn, description: spec.description, permissions: [...spec.permissions], allowedNodeKinds: [...spec.allowedNodeKinds] })),
  );

  app.get('/api/accounts', {
    config: { access: { kind: 'staff', permission: 'account.manage' } },
    schema: { tags, summary: '账号列表（管辖范围内）', querystring: listAccountsQuery, response: { 200: z.object({ items: z.array(accountSchema), total: z.number(), page: z.number(), pageSize: z.number() }) } },
  }, async (req) => {
    const actor = staffOf(req);
    const { page, pageSize, q } = req.query;
    const { rows, total } = await listAccounts(deps.db, { districtId: actor.districtId, scope: scopePaths(actor, 'account.manage'), q, ...pageWindow(page, pageSize) });
    const bindings = await bindingsOf(deps.db, actor.districtId, rows.map((r) => r.id), req.lang);
    return { items: rows.map((r) => presentAccount(r, bindings.get(r.id) ?? [])), total, page, pageSize };
  });

  app.post('/api/accounts', {
    config: { access: { kind: 'staff', permission: 'account.manage', scope: bindingNodes } },
    schema: { tags, summary: '新增账号', body: createAccountBody, response: { 201: accountSchema } },
  }, async (req, reply) => {
    const c = ctx(req);
    const id = await createAccount(c, req.body);
    return reply.status(201).send(await presentOne(c.actor.districtId, id, req.lang));
  });

  app.patch('/api/accounts/:accountId', {
    config: { access: { kind: 'staff', permission: 'account.manage', scope: (req) => [...inParams('account', 'accountId')(req), ...bindingNodes(req)] } },
    schema: { tags, summary: '修改账号（姓名、停用、角色）', params: accountIdParams, body: updateAccountBody, response: { 200: accountSchema } },
  }, async (req) => {
    const c = ctx(req);
    await updateAccount(c, req.params.accountId, req.body);
    return presentOne(c.actor.districtId, req.params.accountId, req.lang);
  });

  app.post('/api/accounts/:accountId/reset-password', {
    config: { access: { kind: 'staff', permission: 'account.manage', scope: inParams('account', 'accountId') } },
    schema: { tags, summary: '重置密码（下次登录须修改）', params: accountIdParams, body: resetPasswordBody },
  }, async (req, reply) => {
    await resetPassword(ctx(req), req.params.accountId, req.body.newPassword);
    return reply.status(204).send();
  });

  app.post('/api/accounts/:accountId/unlock', {
    config: { access: { kind: 'staff', permission: 'account.manage', scope: inParams('account', 'accountId') } },
    schema: { tags, summary: '解锁账号', params: accountIdParams },
  }, async (req, reply) => {
    await unlockAccount(ctx(req), req.params.accountId);
    return reply.status(204).send();
  });
}
