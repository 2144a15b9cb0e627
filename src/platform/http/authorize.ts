import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { fail } from '../errors.ts';
import { pathInScope, scopePaths, type Actor, type ResidentActor, type StaffActor } from '../auth/actor.ts';
import { roleGrants, STAFF_ROLES, type Permission } from '../auth/roles.ts';
import { actorOfSession, hashToken, SESSION_COOKIE, settleSession, type SessionLookup, type SessionPolicy, type SessionRow } from '../auth/sessions.ts';

/**
 * Authorization in one place. Every /api route declares its access in `config.access`; the server
 * refuses to start if one does not. This hook then
 *  1. finds the actor from the session cookie (401 if required and missing or expired),
 *  2. checks the role permission (403 FORBIDDEN),
 *  3. after validation, resolves every org-scoped record the request names (path params, query or
 *     body ids) to its org-tree path and checks it lies in the actor's scope for that permission
 *     (404 if it does not exist in the district, 403 FORBIDDEN_SCOPE if it is outside the scope).
 * Lists are scoped in the repositories with `scopePaths(actor, permission)`.
 */
export type ScopeRef = {
  entity: string;
  id: string | null | undefined;
  /**
   * The handler's own statement checks that this record lies in the actor's scope (it gets the paths
   * from `deferredScope(req)`, writes nothing when the record is outside them, and then calls
   * `refused()`, which answers exactly as this hook would have: 404 unknown, 403 outside). Saves a round
   * trip on hot write paths (demand intake). The scope sweep still calls the route with foreign records.
   */
  inStatement?: boolean;
};

/** What a handler needs to check its deferred scope refs in its own statement. */
export type DeferredScope = { paths: string[]; refused: () => Promise<void> };

export type Access =
  | { kind: 'public' }
  | {
      kind: 'staff';
      permission?: Permission;
      scope?: (req: FastifyRequest) => ScopeRef[];
      allowPendingPasswordChange?: boolean;
      /**
       * The handler reads the session in its own statement (one round trip fewer on the hottest routes):
       * the hook only checks that the cookie is there; the handler sends `statementSession(req)` with its
       * statement and passes the session row it gets back to `admit`, which applies exactly this hook's
       * checks. Its scope refs must all be `inStatement`. A write must check admission in SQL too.
       */
      sessionInStatement?: boolean;
    }
  | { kind: 'resident' };

/** Resolves a record id to the org-tree paths it belongs to (several for an account with several bindings). */
export type ScopeResolver = (db: Db, districtId: string, id: string) => Promise<string[] | null>;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    lang: 'zh' | 'en';
    deferredScope: DeferredScope | null;
    statementSession: StatementSession | null;
  }
}

/** What a `sessionInStatement` handler sends with its statement, and how it admits the row it gets back. */
export type StatementSession = {
  tokenHash: string;
  /** The staff roles that grant the route's permission: the statement's scope is their bindings' subtrees. */
  roles: string[];
  idleMinutes: number;
  /** Admits the session row as the hook would (401 / 403 otherwise); sets req.actor and the deferred scope. */
  admit: (row: SessionRow | undefined) => Promise<StaffActor>;
  /** After `admit`: answers as the hook would for a scope ref the statement found outside the scope (404 / 403). */
  refused: () => Promise<void>;
};

/** The session a `sessionInStatement` route's handler reads in its statement. */
export function statementSession(req: FastifyRequest): StatementSession {
  if (!req.statementSession) throw new Error('route is not declared sessionInStatement');
  return req.statementSession;
}

const STAFF_ROLE_LIST = Object.keys(STAFF_ROLES);
/** The staff roles that grant a permission (the data a statement computes a scope from). */
export function rolesGranting(permission: Permission): string[] {
  return STAFF_ROLE_LIST.filter((r) => roleGrants(r, permission));
}

export function staffOf(req: FastifyRequest): StaffActor {
  const actor = req.actor;
  if (!actor || actor.kind !== 'staff') return fail('AUTH_REQUIRED');
  return actor;
}

/** The scope a handler checks itself for refs declared `inStatement` (null when the route has none). */
export function deferredScope(req: FastifyRequest): DeferredScope | null {
  return req.deferredScope;
}

export function residentOf(req: FastifyRequest): ResidentActor {
  const actor = req.actor;
  if (!actor || actor.kind !== 'resident') return fail('AUTH_REQUIRED');
  return actor;
}

/** Scope helpers for route declarations: the record named by a path parameter, query field or body field. */
export function inParams(entity: string, key: string) {
  return (req: FastifyRequest): ScopeRef[] => [{ entity, id: (req.params as Record<string, string | undefined>)[key] }];
}
export function inQuery(entity: string, key: string) {
  return (req: FastifyRequest): ScopeRef[] => [{ entity, id: (req.query as Record<string, string | undefined>)[key] }];
}
export function inBody(entity: string, key: string) {
  return (req: FastifyRequest): ScopeRef[] => [{ entity, id: (req.body as Record<string, string | undefined>)[key] }];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every /api route with its declared access, per app instance (read by the scope sweep test and docs). */
export type DeclaredRoute = { method: string; url: string; access: Access };
const declaredRoutes = new WeakMap<object, DeclaredRoute[]>();
export function declaredRoutesOf(app: FastifyInstance): DeclaredRoute[] {
  return declaredRoutes.get(app) ?? [];
}

export function installAuthorization(
  app: FastifyInstance,
  deps: { db: Db; clock: () => Date; policy: SessionPolicy; resolvers: Map<string, ScopeResolver> },
): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('lang', 'zh');
  app.decorateRequest('deferredScope', null);
  app.decorateRequest('statementSession', null);

  const catalog: DeclaredRoute[] = [];
  declaredRoutes.set(app, catalog);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    if (route.url === '/api/openapi.json') return;
    const access = route.config?.access;
    if (!access) throw new Error(`路由 ${String(route.method)} ${route.url} 没有声明 config.access（route declares no access）`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') catalog.push({ method: String(method), url: route.url, access });
    if (access.kind === 'staff' && access.scope && !access.permission) {
      throw new Error(`路由 ${route.url} 声明了范围检查但没有声明权限`);
    }
  });

  /** The checks every staff or resident request passes once its session is found. */
  const admit = (req: FastifyRequest, access: Exclude<Access, { kind: 'public' }>, found: SessionLookup): Actor => {
    if (!found) return fail('AUTH_REQUIRED');
    if ('expired' in found) return fail('AUTH_SESSION_EXPIRED');
    const actor = found.actor;
    if (access.kind !== actor.kind) return fail(access.kind === 'staff' ? 'AUTH_REQUIRED' : 'FORBIDDEN');
    req.actor = actor;
    if (actor.kind === 'staff' && access.kind === 'staff') {
      if (actor.mustChangePassword && !access.allowPendingPasswordChange) fail('PASSWORD_CHANGE_REQUIRED');
      const permission = access.permission;
      if (permission && !actor.bindings.some((b) => roleGrants(b.role, permission))) fail('FORBIDDEN', { permission });
    }
    return actor;
  };

  app.addHook('onRequest', async (req) => {
    const header = String(req.headers['accept-language'] ?? '');
    req.lang = /^en\b/i.test(header) ? 'en' : 'zh';
    const access = req.routeOptions.config?.access;
    if (!access || access.kind === 'public') return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return fail('AUTH_REQUIRED');
    if (access.kind === 'staff' && access.sessionInStatement) {
      if (!access.permission) throw new Error(`路由 ${req.routeOptions.url ?? ''} 在语句中读会话但没有声明权限`);
      const tokenHash = hashToken(token);
      req.statementSession = {
        tokenHash,
        roles: rolesGranting(access.permission),
        idleMinutes: deps.policy.idleMinutes,
        admit: async (row) => {
          const actor = admit(req, access, await settleSession(deps.db, tokenHash, row, deps.clock(), deps.policy)) as StaffActor;
          if (access.scope && access.permission) {
            const refs = access.scope(req).filter((r) => r.id !== null && r.id !== undefined);
            if (refs.some((r) => !r.inStatement)) throw new Error(`路由 ${req.routeOptions.url ?? ''} 在语句中读会话，其范围检查也须在语句中`);
            const paths = scopePaths(actor, access.permission);
            req.deferredScope = { paths, refused: () => checkRefs(actor, paths, refs) };
          }
          return actor;
        },
        refused: async () => {
          await req.deferredScope?.refused();
        },
      };
      return;
    }
    admit(req, access, await actorOfSession(deps.db, token, deps.clock(), deps.policy));
  });

  const checkRefs = async (actor: StaffActor, paths: string[], refs: ScopeRef[]) => {
    for (const ref of refs) {
      if (ref.id === null || ref.id === undefined) continue;
      const resolve = deps.resolvers.get(ref.entity);
      if (!resolve) throw new Error(`没有注册范围解析器：${ref.entity}`);
      if (!UUID.test(ref.id)) fail('NOT_FOUND');
      const recordPaths = await resolve(deps.db, actor.districtId, ref.id);
      if (!recordPaths) fail('NOT_FOUND', { entity: ref.entity, id: ref.id });
      if (recordPaths.length === 0 || !recordPaths.every((p) => pathInScope(paths, p))) {
        fail('FORBIDDEN_SCOPE', { entity: ref.entity, id: ref.id });
      }
    }
  };

  app.addHook('preHandler', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access || access.kind !== 'staff' || !access.scope || !access.permission || access.sessionInStatement) return;
    const actor = staffOf(req);
    const paths = scopePaths(actor, access.permission);
    const refs = access.scope(req);
    const deferred = refs.filter((r) => r.inStatement && r.id !== null && r.id !== undefined);
    await checkRefs(actor, paths, refs.filter((r) => !r.inStatement));
    if (deferred.length === 0) return;
    for (const ref of deferred) {
      if (!deps.resolvers.has(ref.entity)) throw new Error(`没有注册范围解析器：${ref.entity}`);
      if (!UUID.test(ref.id ?? '')) fail('NOT_FOUND');
    }
    req.deferredScope = { paths, refused: () => checkRefs(actor, paths, deferred) };
  });
}
