import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { auditCount } from '../support/lookups.ts';

describeEachEngine('staff sign-in, sessions and lockout', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('signs in with the demo password, shows the role layout and signs out', async () => {
    const cookie = await t.login('shuji');
    const me = await t.call('GET', '/api/auth/me', { cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'shuji', roles: [{ role: 'secretary', roleLabel: '社区书记', nodeName: '百步亭花园社区' }] });
    expect(me.json().permissions).toContain('audit.read');
    expect(me.json().permissions).not.toContain('account.manage');
    const out = await t.call('POST', '/api/auth/logout', { cookie });
    expect(out.statusCode).toBe(204);
    const after = await t.call('GET', '/api/auth/me', { cookie });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('AUTH_REQUIRED');
  });

  it('a wrong password is refused without saying which part was wrong, and audited', async () => {
    const before = await auditCount(t.database.db, 'auth.login.failed');
    const res = await t.call('POST', '/api/auth/login', { body: { username: 'jiandu', password: 'Wrong@2026' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误' });
    expect(await auditCount(t.database.db, 'auth.login.failed')).toBe(before + 1);
    const unknown = await t.call('POST', '/api/auth/login', { body: { username: 'nobody', password: 'Wrong@2026' } });
    expect(unknown.json().code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('locks the account after five failures, even for the right password, until the lockout ends', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await t.call('POST', '/api/auth/login', { body: { username: 'tiaojie', password: `Wrong@202${i}` } });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await t.call('POST', '/api/auth/login', { body: { username: 'tiaojie', password: 'Wrong@2029' } });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('AUTH_ACCOUNT_LOCKED');
    const right = await t.call('POST', '/api/auth/login', { body: { username: 'tiaojie', password: 'Gongzhi@2026' } });
    expect(right.statusCode).toBe(423);
    t.clock.now = new Date(t.clock.now.getTime() + 6 * 60_000);
    await expect(t.login('tiaojie')).resolves.toContain('gz_session=');
    t.clock.now = new Date();
  });

  it('ends a session after the idle timeout', async () => {
    const cookie = await t.login('liangwei');
    t.clock.now = new Date(Date.now() + 31 * 60_000);
    const res = await t.call('GET', '/api/auth/me', { cookie });
    t.clock.now = new Date();
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'AUTH_SESSION_EXPIRED', message: '登录已超时，请重新登录' });
  });

  it('sessions live in the database: a second app instance on the same database serves the same user', async () => {
    const cookie = await t.login('chuangkou');
    const { buildApp } = await import('../../src/app.ts');
    const { readConfig } = await import('../../src/platform/config.ts');
    const second = await buildApp({ db: t.database.db, engine: t.database.engine, config: readConfig({}), logger: false });
    const res = await second.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    await second.close();
    expect(res.statusCode).toBe(200);
    expect(res.json().username).toBe('chuangkou');
  });

  it('validates input with a zh-CN message naming the field, and English on request', async () => {
    const res = await t.call('POST', '/api/auth/login', { body: { username: '', password: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: '「用户名」不能为空', details: { fields: [{ field: 'username', label: '用户名' }] } });
    const en = await t.call('POST', '/api/auth/login', { body: { password: 'x' }, headers: { 'accept-language': 'en-US' } });
    expect(en.json().message).toBe('用户名 is required');
    const badJson = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().code).toBe('BAD_REQUEST');
  });

  it('changing the password needs the current one and the rules, then works', async () => {
    const cookie = await t.login('louzhang');
    const weak = await t.call('POST', '/api/auth/password', { cookie, body: { currentPassword: 'Gongzhi@2026', newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'PASSWORD_TOO_WEAK' });
    expect(weak.json().message).toContain('新密码');
    const wrong = await t.call('POST', '/api/auth/password', { cookie, body: { currentPassword: 'Nope@2026x', newPassword: 'Better@2027' } });
    expect(wrong.json().code).toBe('PASSWORD_WRONG');
    const ok = await t.call('POST', '/api/auth/password', { cookie, body: { currentPassword: 'Gongzhi@2026', newPassword: 'Better@2027' } });
    expect(ok.statusCode).toBe(204);
    await expect(t.login('louzhang', 'Better@2027')).resolves.toContain('gz_session=');
  });
});
