import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { ConfigError, readConfig } from './platform/config.ts';
import { exportDatabase, importDatabase } from './platform/backup.ts';
import { DataDirLockedError } from './platform/db/data-dir-lock.ts';
import { migrate } from './platform/db/migrate.ts';
import { openConfiguredDatabase } from './platform/db/open-configured.ts';
import { hashPassword, passwordProblems } from './platform/security/password.ts';
import { hasAnyDistrict, seedDemoDistrict } from './modules/demo/seed-demo.ts';
import { installGridCatalogues } from './modules/grid/install-catalogues.ts';
import { ensureWebBuilt, runServer } from './server.ts';

const HELP = `共治 Gongzhi 命令行 / command line

  gongzhi start                 构建网页（如未构建）、迁移、首次启动生成演示数据并启动服务
  gongzhi serve                 迁移并启动服务（不构建网页）
  gongzhi migrate               执行数据库迁移
  gongzhi seed-demo             在空数据库中生成演示区
  gongzhi create-admin --username U --password P [--name 姓名] [--district 区名]
                                创建区管理员（数据库为空时同时创建区）
  gongzhi export FILE           导出整个数据库（gzip JSON 行），用于备份
  gongzhi import FILE           把备份导入空数据库

环境变量见 README.md：PORT、DATA_DIR、DATABASE_URL、SEED_DEMO …`;

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>['db']) => Promise<T>): Promise<T> {
  const config = readConfig();
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

async function createAdmin(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { username: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, district: { type: 'string' } } });
  if (!values.username || !values.password) throw new Error('需要 --username 和 --password');
  const problems = passwordProblems(values.password, values.username);
  if (problems.length) throw new Error(`密码不符合要求：${problems.join('；')}`);
  const hash = await hashPassword(values.password);
  await withDatabase(async (db) => {
    await db.transaction().execute(async (tx) => {
      let district = await tx.selectFrom('district').select(['district_id', 'name']).orderBy('created_at').limit(1).executeTakeFirst();
      if (!district) {
        if (!values.district) throw new Error('数据库中还没有区，请用 --district 给出区（县）名称');
        const id = crypto.randomUUID();
        await tx.insertInto('district').values({ district_id: id, name: values.district, code: null, created_at: new Date() }).execute();
        await tx.insertInto('org_node').values({ district_id: id, id, parent_id: null, kind: 'district', name: values.district, code: null, path: `/${id}/`, created_at: new Date(), updated_at: new Date() }).execute();
        await installGridCatalogues(tx, id);
        district = { district_id: id, name: values.district };
      }
      const accountId = crypto.randomUUID();
      await tx.insertInto('account').values({ id: accountId, district_id: district.district_id, username: values.username ?? '', display_name: values.name ?? values.username ?? '', password_hash: hash, locked_until: null, last_login_at: null, password_changed_at: new Date(), created_at: new Date(), updated_at: new Date() }).execute();
      await tx.insertInto('role_binding').values({ district_id: district.district_id, id: crypto.randomUUID(), account_id: accountId, role: 'admin', node_id: district.district_id, created_at: new Date() }).execute();
      await tx.insertInto('audit_log').values({ district_id: district.district_id, id: crypto.randomUUID(), at: new Date(), actor_kind: 'system', actor_id: null, actor_name: '命令行', action: 'account.create', entity_type: 'account', entity_id: accountId, node_path: `/${district.district_id}/`, summary: `命令行创建区管理员「${values.username}」`, before: null, after: null, ip: null }).execute();
      console.log(`已创建管理员 ${values.username}（${district.name}）`);
    });
  });
}

async function main(): Promise<void> {
  const [command = 'help', ...rest] = process.argv.slice(2);
  switch (command) {
    case 'start':
      readConfig();
      await ensureWebBuilt();
      return runServer(readConfig());
    case 'serve':
      return runServer(readConfig());
    case 'migrate':
      return withDatabase(async (db) => {
        const applied = await migrate(db);
        console.log(applied.length ? `已执行迁移：${applied.join(', ')}` : '数据库已是最新，无需迁移');
      });
    case 'seed-demo':
      return withDatabase(async (db) => {
        if (await hasAnyDistrict(db)) throw new Error('数据库中已有数据，演示数据只能生成到空数据库');
        await seedDemoDistrict(db, { now: new Date() });
        console.log('演示区已生成');
      });
    case 'create-admin':
      return createAdmin(rest);
    case 'export': {
      const file = rest[0];
      if (!file) throw new Error('用法：gongzhi export 备份文件.jsonl.gz');
      return withDatabase(async (db) => console.log('已导出', await exportDatabase(db, file)));
    }
    case 'import': {
      const file = rest[0];
      if (!file) throw new Error('用法：gongzhi import 备份文件.jsonl.gz');
      return withDatabase(async (db) => console.log('已导入', await importDatabase(db, file)));
    }
    default:
      console.log(HELP);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof Error ? `错误：${error.message}` : error);
  process.exit(1);
});
