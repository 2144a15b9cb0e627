import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

describeEachEngine('resident portal sign-in by one-time code', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t?.close());

  async function latestCode(phone: string): Promise<string> {
    const admin = await t.login('admin');
    const outbox = await t.call('GET', '/api/outbox', { cookie: admin });
    expect(outbox.statusCode).toBe(200);
    const message = outbox.json().items.find((m: { phone: string }) => m.phone === phone);
    const code = /(\d{6})/.exec(message?.body ?? '')?.[1];
    if (!code) throw new Error('no code in the outbox');
    return code;
  }

  it('a representative asks for a code, reads it from the outbox (as the admin would) and signs in', async () => {
    const sent = await t.call('POST', '/api/portal/login/code', { body: { phone: '13800000003' } });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ sent: true, retryAfterSeconds: 60 });
    const code = await latestCode('13800000003');
    const res = await t.call('POST', '/api/portal/login', { body: { phone: '13800000003', code } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'resident', communityName: '百步亭花园社区', roleLabels: ['居民', '居民代表'] });
    const cookie = `gz_session=${res.cookies.find((c) => c.name === 'gz_session')?.value}`;
    expect((await t.call('GET', '/api/portal/me', { cookie })).statusCode).toBe(200);
    // A resident's session opens nothing in the staff console.
    expect((await t.call('GET', '/api/residents', { cookie })).statusCode).toBe(401);
    // A code works once.
    const again = await t.call('POST', '/api/portal/login', { body: { phone: '13800000003', code } });
    expect(again.statusCode).toBe(401);
    expect((await t.call('POST', '/api/portal/logout', { cookie })).statusCode).toBe(204);
    expect((await t.call('GET', '/api/portal/me', { cookie })).statusCode).toBe(401);
  });

  it('refuses a wrong code, a code asked again too soon, an unknown phone and a malformed one', async () => {
    await t.call('POST', '/api/portal/login/code', { body: { phone: '13800000004' } });
    const soon = await t.call('POST', '/api/portal/login/code', { body: { phone: '13800000004' } });
    expect(soon.statusCode).toBe(429);
    expect(soon.json().details.retryAfterSeconds).toBeGreaterThan(0);
    const wrong = await t.call('POST', '/api/portal/login', { body: { phone: '13800000004', code: '000000' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().message).toContain('「验证码」');
    const unknown = await t.call('POST', '/api/portal/login/code', { body: { phone: '13900000099' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('PORTAL_PHONE_UNKNOWN');
    const malformed = await t.call('POST', '/api/portal/login/code', { body: { phone: '123' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toBe('「手机号」应为 11 位手机号码');
  });

  it('a code stops working after five wrong tries', async () => {
    await t.call('POST', '/api/portal/login/code', { body: { phone: '13800000002' } });
    const code = await latestCode('13800000002');
    for (let i = 0; i < 5; i++) await t.call('POST', '/api/portal/login', { body: { phone: '13800000002', code: code === '111111' ? '222222' : '111111' } });
    const res = await t.call('POST', '/api/portal/login', { body: { phone: '13800000002', code } });
    expect(res.statusCode).toBe(401);
  });

  it('the outbox is the administrator\u2019s: a grid worker may not read it', async () => {
    const grid = await t.login('wangge');
    expect((await t.call('GET', '/api/outbox', { cookie: grid })).statusCode).toBe(403);
  });
});
