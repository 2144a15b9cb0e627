import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { accountId, auditCount, nodeByName, nodeOfAccount } from '../support/lookups.ts';

describeEachEngine('staff accounts and role bindings', (engine) => {
  let t: TestApp;
  let admin2: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    admin2 = await t.login('admin2');
  });
  afterAll(async () => t?.close());

  it('lists the role catalogue with allowed node kinds', async () => {
    const res = await t.call('GET', '/api/roles', { cookie: admin2 });
    const gridWorker = res.json().find((r: { role: string }) => r.role === 'grid_worker');
    expect(gridWorker).toMatchObject({ label: '网格员', allowedNodeKinds: ['grid', 'community'] });
  });

  it('a community administrator sees only the accounts of their community', async () => {
    const res = await t.call('GET', '/api/accounts', { cookie: admin2 });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((a: { username: string }) => a.username).sort()).toEqual(['admin2', 'wangge2']);
  });

  it('creates an account bound to a grid; the new user must change the password first', async () => {
    const grid = await nodeOfAccount(t.database.db, 'wangge2');
    const before = await auditCount(t.database.db, 'account.create');
    const res = await t.call('POST', '/api/accounts', { cookie: admin2, body: { username: 'wangge3', displayName: '网格员 钱峰', password: 'Start@2026a', roles: [{ role: 'grid_worker', nodeId: grid.id }] } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'wangge3', mustChangePassword: true, roles: [{ role: 'grid_worker', nodeName: '第一网格' }] });
    expect(await auditCount(t.database.db, 'account.create')).toBe(before + 1);
    const cookie = await t.login('wangge3', 'Start@2026a');
    const blocked = await t.call('GET', '/api/residents', { cookie });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await t.call('POST', '/api/auth/password', { cookie, body: { currentPassword: 'Start@2026a', newPassword: 'Mine@2026b' } });
    expect(changed.statusCode).toBe(204);
    expect((await t.call('GET', '/api/residents', { cookie })).statusCode).toBe(200);
  });

  it('refuses a weak password, a taken username, a wrong node kind and a node outside the scope, writing nothing', async () => {
    const grid = await nodeOfAccount(t.database.db, 'wangge2');
    const before = await auditCount(t.database.db);
    const accounts = await t.database.db.selectFrom('account').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const weak = await t.call('POST', '/api/accounts', { cookie: admin2, body: { username: 'weak1', displayName: '甲', password: 'abc', roles: [{ role: 'grid_worker', nodeId: grid.id }] } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toContain('「初始密码」');
    const taken = await t.call('POST', '/api/accounts', { cookie: admin2, body: { username: 'admin', displayName: '乙', password: 'Strong@2026', roles: [{ role: 'grid_worker', nodeId: grid.id }] } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().message).toContain('用户名');
    const kind = await t.call('POST', '/api/accounts', { cookie: admin2, body: { username: 'kind1', displayName: '丙', password: 'Strong@2026', roles: [{ role: 'building_leader', nodeId: grid.id }] } });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().code).toBe('ACCOUNT_ROLE_NODE_KIND');
    const outside = await nodeByName(t.database.db, '百步亭花园社区');
    const scope = await t.call('POST', '/api/accounts', { cookie: admin2, body: { username: 'scope1', displayName: '丁', password: 'Strong@2026', roles: [{ role: 'secretary', nodeId: outside.id }] } });
    expect(scope.statusCode).toBe(403);
    const noRoles = await t.call('POST', '/api/accounts', { cookie: admin2, body: { username: 'none1', displayName: '戊', password: 'Strong@2026', roles: [] } });
    expect(noRoles.statusCode).toBe(400);
    expect(noRoles.json().message).toBe('「角色」至少需要 1 项');
    expect(await auditCount(t.database.db)).toBe(before);
    const after = await t.database.db.selectFrom('account').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(accounts.n));
  });

  it('disabling an account ends its sessions; unlocking and resetting work; nobody disables themselves', async () => {
    const target = await accountId(t.database.db, 'wangge2');
    const cookie = await t.login('wangge2');
    const disabled = await t.call('PATCH', `/api/accounts/${target}`, { cookie: admin2, body: { disabled: true } });
    expect(disabled.json().disabled).toBe(true);
    expect((await t.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
    await t.call('PATCH', `/api/accounts/${target}`, { cookie: admin2, body: { disabled: false } });
    expect((await t.call('POST', `/api/accounts/${target}/unlock`, { cookie: admin2 })).statusCode).toBe(204);
    expect((await t.call('POST', `/api/accounts/${target}/reset-password`, { cookie: admin2, body: { newPassword: 'Reset@2026x' } })).statusCode).toBe(204);
    const self = await t.call('PATCH', `/api/accounts/${await accountId(t.database.db, 'admin2')}`, { cookie: admin2, body: { disabled: true } });
    expect(self.statusCode).toBe(409);
  });

  it('a community administrator cannot touch an account of another community or of the district', async () => {
    for (const username of ['shuji', 'admin']) {
      const id = await accountId(t.database.db, username);
      const res = await t.call('PATCH', `/api/accounts/${id}`, { cookie: admin2, body: { displayName: '改名' } });
      expect(res.statusCode).toBe(403);
    }
  });
});
