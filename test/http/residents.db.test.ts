import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { auditCount, nodeByName, nodeOfAccount, residentUnder } from '../support/lookups.ts';

describeEachEngine('residents: scoped lists, masking and audited reveal', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('a grid worker lists only the people of their grid, masked', async () => {
    const cookie = await t.login('wangge');
    const res = await t.call('GET', '/api/residents?pageSize=200', { cookie });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const grid = await nodeOfAccount(t.database.db, 'wangge');
    const inGrid = await t.database.db.selectFrom('resident').select((eb) => eb.fn.countAll<number>().as('n')).where('node_path', 'like', `${grid.path}%`).executeTakeFirstOrThrow();
    expect(body.total).toBe(Number(inGrid.n));
    for (const r of body.items) {
      expect(r.address.startsWith('百步亭花园社区 第一网格')).toBe(true);
      expect(r.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      if (r.phone) expect(r.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
  });

  it('finds people by name or by the last four digits of their phone', async () => {
    const cookie = await t.login('shuji');
    const community = await nodeByName(t.database.db, '百步亭花园社区');
    const someone = await residentUnder(t.database.db, community.path);
    const byName = await t.call('GET', `/api/residents?q=${encodeURIComponent(someone.name)}`, { cookie });
    expect(byName.json().items.some((r: { id: string }) => r.id === someone.id)).toBe(true);
    // Four digits match phone or ID-number endings; ID endings such as 0012 are common, so take a phone
    // ending that no ID number can have (it does not start with 0) and read a large page.
    const withPhone = await t.database.db.selectFrom('resident').select(['id', 'phone']).where('node_path', 'like', `${community.path}%`).where('phone', '~', '[1-9][0-9]{3}$').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const byPhone = await t.call('GET', `/api/residents?pageSize=200&q=${withPhone.phone?.slice(-4)}`, { cookie });
    expect(byPhone.json().items.some((r: { id: string }) => r.id === withPhone.id)).toBe(true);
  });

  it('a node outside the scope cannot be used as a filter, nor a person outside it read', async () => {
    const cookie = await t.login('wangge');
    const other = await nodeByName(t.database.db, '江滩社区');
    const res = await t.call('GET', `/api/residents?nodeId=${other.id}`, { cookie });
    expect(res.statusCode).toBe(403);
    const stranger = await residentUnder(t.database.db, other.path);
    const one = await t.call('GET', `/api/residents/${stranger.id}`, { cookie });
    expect(one.statusCode).toBe(403);
  });

  it('revealing the full ID number and phone is allowed to a role that needs it, and audited', async () => {
    const cookie = await t.login('wangge');
    const grid = await nodeOfAccount(t.database.db, 'wangge');
    const person = await residentUnder(t.database.db, grid.path);
    const before = await auditCount(t.database.db, 'resident.sensitive.view');
    const res = await t.call('POST', `/api/residents/${person.id}/reveal`, { cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ idNumber: person.id_number, phone: person.phone });
    expect(await auditCount(t.database.db, 'resident.sensitive.view')).toBe(before + 1);
    const entry = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'resident.sensitive.view').orderBy('at', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ entity_id: person.id, actor_id: expect.any(String) });
    expect(JSON.stringify(entry)).not.toContain(person.id_number); // the log itself never holds the full number
  });

  it('a building leader sees masked data but may not reveal it', async () => {
    const cookie = await t.login('louzhang');
    const list = await t.call('GET', '/api/residents', { cookie });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBeGreaterThan(0);
    const res = await t.call('POST', `/api/residents/${list.json().items[0].id}/reveal`, { cookie });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });
});
