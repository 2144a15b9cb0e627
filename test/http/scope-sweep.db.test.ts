/// <reference types="vite/client" />
import { afterAll, beforeAll, expect, it } from 'vitest';
import { declaredRoutesOf } from '../../src/platform/http/authorize.ts';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { accountId, nodeByName, residentUnder } from '../support/lookups.ts';
import type { Foreign, ForeignRecords, SweepCase, SweepCases } from '../sweep/types.ts';

/**
 * Every API route, tried by a user of another scope: the administrator of 幸福里社区 (all permissions,
 * but only in that community) reaches for records of 百步亭花园社区. A route that names a record must
 * answer 403 or 404; a list must not contain a single foreign id. A route missing from the tables in
 * test/sweep/ fails this test, so a new route cannot ship without its scope being checked.
 */
const tables = import.meta.glob<{ sweepCases: SweepCases; foreignRecords?: ForeignRecords }>('../sweep/*.ts', { eager: true });

describeEachEngine('scope sweep over every route', (engine) => {
  let t: TestApp;
  let cookie: string;
  let foreign: Foreign;
  let foreignIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(engine);
    const db = t.database.db;
    const community = await nodeByName(db, '百步亭花园社区');
    const pick = async (kind: 'grid' | 'building' | 'household') =>
      (await db.selectFrom('org_node').select('id').where('kind', '=', kind).where('path', 'like', `${community.path}%`).orderBy('path').limit(1).executeTakeFirstOrThrow()).id;
    foreign = {
      communityId: community.id,
      gridId: await pick('grid'),
      buildingId: await pick('building'),
      householdId: await pick('household'),
      residentId: (await residentUnder(db, community.path)).id,
      accountId: await accountId(db, 'shuji'),
      records: {},
    };
    for (const mod of Object.values(tables)) if (typeof mod.foreignRecords === 'function') Object.assign(foreign.records, await mod.foreignRecords(db, community));
    const nodes = await db.selectFrom('org_node').select('id').where('path', 'like', `${community.path}%`).execute();
    const people = await db.selectFrom('resident').select('id').where('node_path', 'like', `${community.path}%`).execute();
    foreignIds = [...nodes.map((n) => n.id), ...people.map((p) => p.id), foreign.accountId, ...Object.values(foreign.records)];
    await t.login('shuji'); // leaves audit entries filed under the foreign community
    cookie = await t.login('admin2');
  });
  afterAll(async () => t?.close());

  it('every route is covered and none reaches another scope', async () => {
    const table: Record<string, SweepCase> = {};
    for (const mod of Object.values(tables)) if (typeof mod.sweepCases === 'function') Object.assign(table, mod.sweepCases(foreign));
    const routes = declaredRoutesOf(t.app);
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.map((r) => `${r.method} ${r.url}`).filter((key) => !(key in table));
    expect(missing, 'routes missing from the scope sweep tables in test/sweep/').toEqual([]);
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const c = table[key];
      if (!c || c.kind === 'exempt') continue;
      let url = route.url;
      if (c.kind === 'record') for (const [name, value] of Object.entries(c.params ?? {})) url = url.replace(`:${name}`, value);
      expect(url, `${key}: give every path parameter in the sweep table`).not.toContain(':');
      const query = c.query ? `?${c.query}` : '';
      const res = await t.call(route.method as 'GET', `${url}${query}`, { cookie, body: c.kind === 'record' ? c.body : undefined });
      if (c.kind === 'record') {
        expect([403, 404], `${key} answered ${res.statusCode}: ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      } else {
        expect(res.statusCode, `${key}: ${res.body.slice(0, 200)}`).toBe(200);
        const leaked = foreignIds.filter((id) => res.body.includes(id));
        expect(leaked, `${key} leaked foreign records`).toEqual([]);
      }
    }
  });

  it('a list filtered by a foreign node is refused, not silently emptied', async () => {
    const res = await t.call('GET', `/api/residents?nodeId=${foreign.communityId}`, { cookie });
    expect(res.statusCode).toBe(403);
  });
});
