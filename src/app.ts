import { batchingOf, type BatchOptions } from './platform/db/statement-batch.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './platform/config.ts';
import type { Db, Engine } from './platform/db/database.ts';
import { installAuthorization, type ScopeResolver } from './platform/http/authorize.ts';
import { installErrorHandler } from './platform/http/error-handler.ts';
import type { MessageSender } from './modules/portal/message-sender.ts';
import { outboxSender } from './modules/portal/message-sender.ts';
import { registerAccountRoutes } from './modules/accounts/accounts.routes.ts';
import { registerAuthRoutes } from './modules/accounts/auth.routes.ts';
import { accountScope } from './modules/accounts/accounts.repository.ts';
import { registerAuditRoutes } from './modules/audit/audit.routes.ts';
import { registerMetaRoutes } from './modules/meta/meta.routes.ts';
import { nodeScope } from './modules/org/org.repository.ts';
import { registerOrgRoutes } from './modules/org/org.routes.ts';
import { registerPortalRoutes } from './modules/portal/portal.routes.ts';
import { registerResidentRoutes } from './modules/residents/residents.routes.ts';
import { residentScope } from './modules/residents/residents.repository.ts';
import { registerGridRoutes } from './modules/grid/grid.routes.ts';
import { registerRegistryIoRoutes } from './modules/registry-io/registry-io.routes.ts';
import { registerCoverageRoutes } from './modules/coverage/coverage.routes.ts';
import { registerGridMapRoutes } from './modules/grid-map/grid-map.routes.ts';
import { registerCalendarRoutes } from './modules/calendar/calendar.routes.ts';
import { registerDemandRoutes } from './modules/demands/demands.routes.ts';
import { registerDemandInteropRoutes } from './modules/demands/interop/interop.routes.ts';
import { registerDemandFigureRoutes } from './modules/demands/figures/figures.routes.ts';
import { registerDisputeRoutes } from './modules/disputes/disputes.routes.ts';
import { registerDecisionRoutes } from './modules/decisions/decisions.routes.ts';
import { registerPublicBoardRoutes } from './modules/public-board/public-board.routes.ts';

/** What every module's routes get: the database, settings, the clock and the message sender. */
export type AppDeps = {
  db: Db;
  engine: Engine;
  config: Config;
  clock: () => Date;
  sender: MessageSender;
  /**
   * How hot statements are grouped (statement-batch.ts), from the configuration, the engine and the
   * machine: `writes` for intake, `reads` for the staff list.
   */
  batching: { reads: BatchOptions; writes: BatchOptions };
  /** A module names the records its routes may reference, so the authorization hook can check their scope. */
  registerScope: (entity: string, resolver: ScopeResolver) => void;
};

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

export async function buildApp(input: { db: Db; engine: Engine; config: Config; clock?: () => Date; sender?: MessageSender; logger?: boolean }): Promise<App> {
  const resolvers = new Map<string, ScopeResolver>([
    ['org_node', nodeScope],
    ['resident', residentScope],
    ['account', accountScope],
  ]);
  const deps: AppDeps = {
    db: input.db,
    engine: input.engine,
    config: input.config,
    clock: input.clock ?? (() => new Date()),
    sender: input.sender ?? outboxSender,
    batching: batchingOf(input.config, input.engine, os.availableParallelism()),
    registerScope: (entity, resolver) => {
      if (resolvers.has(entity)) throw new Error(`scope resolver ${entity} registered twice`);
      resolvers.set(entity, resolver);
    },
  };
  const app = Fastify({
    logger: input.logger === false ? false : { level: input.config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    trustProxy: true,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>() as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: '共治 Gongzhi API', description: '基层社区治理平台接口（错误统一为 { code, message, details }）', version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gz_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  installAuthorization(app, { db: deps.db, clock: deps.clock, policy: { idleMinutes: deps.config.sessionIdleMinutes, maxHours: deps.config.sessionMaxHours }, resolvers });
  installErrorHandler(app);

  app.get('/api/openapi.json', { config: { access: { kind: 'public' } }, schema: { hide: true } }, async () => app.swagger());
  registerMetaRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerOrgRoutes(app, deps);
  registerResidentRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerPortalRoutes(app, deps);
  registerGridRoutes(app, deps);
  registerRegistryIoRoutes(app, deps);
  registerCoverageRoutes(app, deps);
  registerGridMapRoutes(app, deps);
  registerCalendarRoutes(app, deps);
  registerDemandRoutes(app, deps);
  registerDemandInteropRoutes(app, deps);
  registerDemandFigureRoutes(app, deps);
  registerDisputeRoutes(app, deps);
  registerDecisionRoutes(app, deps);
  registerPublicBoardRoutes(app, deps);
  await serveWeb(app);
  return app;
}

/** The built web app: the console at /, the resident portal at /portal/, each with its SPA fallback. */
async function serveWeb(app: FastifyInstance): Promise<void> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) return;
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false, cacheControl: false });
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
    return payload;
  });
  const page = (file: string) => fs.readFileSync(path.join(WEB_DIST, file), 'utf8');
  const consoleHtml = page('index.html');
  const portalHtml = fs.existsSync(path.join(WEB_DIST, 'portal/index.html')) ? page('portal/index.html') : consoleHtml;
  app.get('/*', { config: { access: { kind: 'public' } }, schema: { hide: true } }, async (req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    if (url.startsWith('/api/')) {
      return reply.status(404).send({ code: 'ROUTE_NOT_FOUND', message: '接口不存在', details: { url } });
    }
    const file = path.join(WEB_DIST, path.normalize(url));
    if (file.startsWith(WEB_DIST) && url !== '/' && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(path.relative(WEB_DIST, file));
    }
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8');
    return url === '/portal' || url.startsWith('/portal/') ? portalHtml : consoleHtml;
  });
}
