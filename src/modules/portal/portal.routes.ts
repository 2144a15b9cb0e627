import { sql } from 'kysely';
import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { scopePaths } from '../../platform/auth/actor.ts';
import { PORTAL_ROLES } from '../../platform/auth/roles.ts';
import { endSession, residentActor, SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { residentOf, staffOf } from '../../platform/http/authorize.ts';
import { clientIp, pageWindow } from '../../platform/http/request-context.ts';
import { clearSessionCookie, setSessionCookie } from '../../platform/http/session-cookie.ts';
import { fail } from '../../platform/errors.ts';
import { isMobilePhone } from '../../platform/security/id-number.ts';
import { maskPhone } from '../../platform/security/masking.ts';
import type { ResidentActor } from '../../platform/auth/actor.ts';
import { roleGrants } from '../../platform/auth/roles.ts';
import { addressesOf } from '../residents/residents.repository.ts';
import { loginWithCode, requestCode } from './one-time-code.ts';

const tags = ['居民端'];
const phoneField = z.string().trim().refine(isMobilePhone, '应为 11 位手机号码').describe('手机号');

const portalMeSchema = z.object({
  kind: z.literal('resident'),
  residentId: z.string(),
  name: z.string(),
  communityName: z.string(),
  address: z.string(),
  roles: z.array(z.string()),
  roleLabels: z.array(z.string()),
});

export function registerPortalRoutes(app: App, deps: AppDeps): void {
  const policy = { idleMinutes: deps.config.sessionIdleMinutes, maxHours: deps.config.sessionMaxHours };

  const presentPortalMe = async (actor: ResidentActor, lang: 'zh' | 'en') => {
    const address = (await addressesOf(deps.db, actor.districtId, [actor.nodePath])).get(actor.nodePath) ?? '';
    const ids = actor.nodePath.split('/').filter(Boolean);
    const community = await deps.db.selectFrom('org_node').select('name').where('district_id', '=', actor.districtId).where('id', 'in', ids).where('kind', '=', 'community').executeTakeFirst();
    return {
      kind: 'resident' as const,
      residentId: actor.id,
      name: actor.displayName,
      communityName: community?.name ?? '',
      address,
      roles: actor.roles,
      roleLabels: actor.roles.map((r) => (lang === 'en' ? PORTAL_ROLES[r].labelEn : PORTAL_ROLES[r].label)),
    };
  };

  app.post('/api/portal/login/code', {
    config: { access: { kind: 'public' } },
    schema: { tags, summary: '获取登录验证码', body: z.object({ phone: phoneField }).strict(), response: { 200: z.object({ sent: z.literal(true), expiresInSeconds: z.number(), retryAfterSeconds: z.number() }) } },
  }, async (req) => {
    const result = await requestCode(deps.db, deps.sender, { phone: req.body.phone, ip: clientIp(req), now: deps.clock() });
    return { sent: true as const, ...result };
  });

  app.post('/api/portal/login', {
    config: { access: { kind: 'public' } },
    schema: {
      tags,
      summary: '验证码登录',
      body: z.object({ phone: phoneField, code: z.string().trim().regex(/^\d{6}$/, '应为 6 位数字').describe('验证码') }).strict(),
      response: { 200: portalMeSchema },
    },
  }, async (req, reply) => {
    const session = await loginWithCode(deps.db, { ...req.body, ip: clientIp(req), now: deps.clock(), policy });
    const actor = await residentActor(deps.db, session.districtId, session.residentId);
    if (!actor || actor.kind !== 'resident') return fail('AUTH_REQUIRED');
    setSessionCookie(req, reply, session.token, session.expiresAt);
    return presentPortalMe(actor, req.lang);
  });

  app.get('/api/portal/me', {
    config: { access: { kind: 'resident' } },
    schema: { tags, summary: '当前登录的居民', response: { 200: portalMeSchema } },
  }, async (req) => presentPortalMe(residentOf(req), req.lang));

  app.post('/api/portal/logout', {
    config: { access: { kind: 'resident' } },
    schema: { tags, summary: '居民退出登录' },
  }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await endSession(deps.db, token);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  app.get('/api/outbox', {
    config: { access: { kind: 'staff', permission: 'outbox.read' } },
    schema: {
      tags: ['短信发件箱'],
      summary: '短信发件箱（默认发送器的记录）',
      querystring: z.object({ page: z.coerce.number().int().min(1).default(1).describe('页码'), pageSize: z.coerce.number().int().min(1).max(200).default(20).describe('每页条数') }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), at: z.string(), phone: z.string(), body: z.string(), purpose: z.string() })), total: z.number(), page: z.number(), pageSize: z.number() }) },
    },
  }, async (req) => {
    const actor = staffOf(req);
    // The outbox is the district's: only a district-wide administrator reads all of it.
    const districtWide = scopePaths(actor, 'outbox.read').includes(`/${actor.districtId}/`);
    const canSeePhones = actor.bindings.some((b) => roleGrants(b.role, 'resident.sensitive.read'));
    const { page, pageSize } = req.query;
    const { limit, offset } = pageWindow(page, pageSize);
    const query = deps.db.selectFrom('message_outbox').where('district_id', '=', actor.districtId);
    const scoped = districtWide ? query : query.where(sql<boolean>`false`);
    const [rows, count] = await Promise.all([
      scoped.selectAll().orderBy('at', 'desc').limit(limit).offset(offset).execute(),
      scoped.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => ({ id: r.id, at: new Date(r.at).toISOString(), phone: canSeePhones ? r.recipient : (maskPhone(r.recipient) ?? ''), body: r.body, purpose: r.purpose })),
      total: count.n,
      page,
      pageSize,
    };
  });
}
