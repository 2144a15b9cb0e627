import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../../src/app.ts';
import { readConfig } from '../../src/platform/config.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.ts';
import { freshDatabase, type TestEngine } from './test-database.ts';

/** The real server (all routes, hooks and error handling) over a fresh demo database, driven by inject. */
export type TestApp = {
  app: App;
  database: Database;
  clock: { now: Date };
  /** Signs in a demo staff account and returns its cookie header. */
  login(username: string, password?: string): Promise<string>;
  call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, options?: { cookie?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
};

export async function startTestApp(engine: TestEngine): Promise<TestApp> {
  const database = await freshDatabase(engine);
  const clock = { now: new Date() };
  const config = { ...readConfig({}), logLevel: 'silent' as const };
  const app = await buildApp({ db: database.db, engine: database.engine, config, clock: () => clock.now, logger: false });
  await app.ready();
  let ipCounter = 0;
  const call: TestApp['call'] = (method, url, options = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...(options.headers ?? {}) },
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
    });
  return {
    app,
    database,
    clock,
    call,
    async login(username, password = DEMO_PASSWORD) {
      // Each sign-in comes from its own address so that the per-address limit never couples tests.
      ipCounter++;
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: `127.0.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 2}` });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'gz_session');
      if (!cookie) throw new Error('no session cookie');
      return `gz_session=${cookie.value}`;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
