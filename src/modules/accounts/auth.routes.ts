import type { App, AppDeps } from '../../app.ts';
import { permissionsOf, type StaffActor } from '../../platform/auth/actor.ts';
import { STAFF_ROLES } from '../../platform/auth/roles.ts';
import { endSession, hashToken, SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { staffOf } from '../../platform/http/authorize.ts';
import { clientIp } from '../../platform/http/request-context.ts';
import { clearSessionCookie, setSessionCookie } from '../../platform/http/session-cookie.ts';
import { staffActor } from '../../platform/auth/sessions.ts';
import { fail } from '../../platform/errors.ts';
import { changeOwnPassword } from './account.commands.ts';
import { changePasswordBody, loginBody, meSchema } from './accounts.schema.ts';
import { accountNodePath } from './accounts.repository.ts';
import { login } from './login.ts';

const tags = ['登录与账号'];

export function presentMe(actor: StaffActor, lang: 'zh' | 'en') {
  return {
    kind: 'staff' as const,
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    districtId: actor.districtId,
    roles: actor.bindings.map((b) => ({ role: b.role, roleLabel: lang === 'en' ? STAFF_ROLES[b.role].labelEn : STAFF_ROLES[b.role].label, nodeId: b.nodeId, nodeName: b.nodeName, nodeKind: b.nodeKind })),
    permissions: permissionsOf(actor),
    mustChangePassword: actor.mustChangePassword,
  };
}

export function registerAuthRoutes(app: App, deps: AppDeps): void {
  const { config } = deps;
  const policy = {
    idleMinutes: config.sessionIdleMinutes,
    maxHours: config.sessionMaxHours,
    maxFailures: config.loginMaxFailures,
    lockoutMinutes: config.lockoutMinutes,
    perIpPer15Minutes: 50,
  };

  app.post('/api/auth/login', {
    config: { access: { kind: 'public' } },
    schema: { tags, summary: '工作人员登录', body: loginBody, response: { 200: meSchema } },
  }, async (req, reply) => {
    const result = await login(deps.db, { ...req.body, ip: clientIp(req), now: deps.clock(), policy });
    const actor = await staffActor(deps.db, result.accountId);
    if (!actor || actor.kind !== 'staff') return fail('AUTH_REQUIRED');
    setSessionCookie(req, reply, result.token, result.expiresAt);
    return presentMe(actor, req.lang);
  });

  app.post('/api/auth/logout', {
    config: { access: { kind: 'staff', allowPendingPasswordChange: true } },
    schema: { tags, summary: '退出登录' },
  }, async (req, reply) => {
    const actor = staffOf(req);
    const token = req.cookies[SESSION_COOKIE];
    await deps.db.transaction().execute(async (tx) => {
      if (token) await endSession(tx, token);
      await appendAudit(tx, { districtId: actor.districtId, actor, ip: clientIp(req), at: deps.clock(), nodePath: await accountNodePath(tx, actor.districtId, actor.id), action: 'auth.logout', entityType: 'account', entityId: actor.id, summary: '退出登录' });
    });
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  app.get('/api/auth/me', {
    config: { access: { kind: 'staff', allowPendingPasswordChange: true } },
    schema: { tags, summary: '当前登录的工作人员', response: { 200: meSchema } },
  }, async (req) => presentMe(staffOf(req), req.lang));

  app.post('/api/auth/password', {
    config: { access: { kind: 'staff', allowPendingPasswordChange: true } },
    schema: { tags, summary: '修改本人密码', body: changePasswordBody },
  }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE] ?? '';
    await changeOwnPassword({ db: deps.db, actor: staffOf(req), ip: clientIp(req), now: deps.clock(), sessionTokenHash: hashToken(token) }, req.body);
    return reply.status(204).send();
  });
}
