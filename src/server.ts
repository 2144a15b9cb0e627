import fs from 'node:fs';
import path from 'node:path';
import { buildApp, WEB_DIST } from './app.ts';
import type { Config } from './platform/config.ts';
import { migrate } from './platform/db/migrate.ts';
import { openConfiguredDatabase } from './platform/db/open-configured.ts';
import { startSweeps } from './platform/sweeps/sweeps.ts';
import { expiredImportsSweep } from './modules/registry-io/registry-import.repository.ts';
import { warmCoverageSweep } from './modules/coverage/grid-counts.ts';
import { currentDemoLogins, DEMO_PASSWORD, hasAnyDistrict, seedDemoDistrict, type DemoLogin } from './modules/demo/seed-demo.ts';

/** Builds the web app when it has not been built yet (first `npm start` on a fresh clone). */
export async function ensureWebBuilt(): Promise<void> {
  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) return;
  console.log('正在构建网页界面（首次启动需要约半分钟）… / building the web app…');
  const { build } = await import('vite');
  await build({ configFile: path.resolve(WEB_DIST, '../vite.config.ts'), logLevel: 'warn' });
}

export async function runServer(config: Config): Promise<void> {
  const database = await openConfiguredDatabase(config);
  const { db, engine } = database;
  const applied = await migrate(db);
  if (applied.length > 0) console.log(`已执行数据库迁移 / migrations applied: ${applied.join(', ')}`);
  const empty = !(await hasAnyDistrict(db));
  const seed = empty && (config.seedDemo === 'always' || (config.seedDemo === 'auto' && engine === 'pglite'));
  if (seed) {
    const started = Date.now();
    console.log('首次启动：正在生成演示区数据… / first start: seeding the demo district…');
    await seedDemoDistrict(db, { now: new Date() });
    console.log(`演示数据已生成（${((Date.now() - started) / 1000).toFixed(1)} 秒）/ demo district seeded`);
  } else if (empty) {
    console.log('数据库为空：用 `npx gongzhi create-admin` 创建管理员，或 `npx gongzhi seed-demo` 生成演示数据。');
  }
  const app = await buildApp({ db, engine, config });
  await app.listen({ port: config.port, host: config.host });
  printBanner(config, engine, await currentDemoLogins(db));
  const stopSweeps = startSweeps({
    db,
    sweeps: [expiredImportsSweep, warmCoverageSweep],
    log: (line) => (line.error ? app.log.error(line, 'sweep failed') : app.log.info(line, 'sweep')),
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`收到 ${signal}，正在停止… / stopping`);
    stopSweeps();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

function printBanner(config: Config, engine: string, logins: DemoLogin[]): void {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const base = `http://${host}:${config.port}`;
  const lines = [
    '',
    '==================== 共治 Gongzhi 已启动 ====================',
    `  工作台 (console):        ${base}/`,
    `  居民端 (resident portal): ${base}/portal/`,
    `  接口文档 (API docs):      ${base}/api/docs`,
    `  数据库 (database):        ${engine === 'pglite' ? `内嵌 PGlite，数据目录 ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
  ];
  if (logins.length > 0) {
    lines.push('', `  演示账号 (demo accounts)，工作台密码均为 ${DEMO_PASSWORD}:`);
    for (const l of logins.filter((x) => x.via === 'console')) lines.push(`    ${l.login.padEnd(10)} ${l.label}（${l.scope}）`);
    lines.push('  居民端演示手机号（验证码见管理员「短信发件箱」）/ portal phones (codes in the admin\'s SMS outbox):');
    for (const l of logins.filter((x) => x.via === 'portal')) lines.push(`    ${l.login}  ${l.label}`);
  }
  lines.push('============================================================', '');
  console.log(lines.join('\n'));
}
