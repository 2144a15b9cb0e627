import { afterAll, beforeAll, expect, it } from 'vitest';
import { declaredRoutesOf } from '../../src/platform/http/authorize.ts';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { accountId, nodeByName, residentUnder } from '../support/lookups.ts';

/**
 * Every API route, tried by a user of another scope: the administrator of 幸福里社区 (all permissions,
 * but only in that community) reaches for records of 百步亭花园社区. A route that names a record must
 * answer 403 or 404; a list must not contain a single foreign id. A route missing from the table below
 * fails this test, so a new route cannot ship without its scope being checked.
 */
type Case =
  | { kind: 'record'; body?: unknown; query?: string }
  | { kind: 'list'; query?: string }
  | { kind: 'exempt'; why: string };

describeEachEngine('scope sweep over every route', (engine) => {
  let t: TestApp;
  let cookie: string;
  const foreign = { nodeId: '', residentId: '', accountId: '', ids: [] as string[] };

  beforeAll(async () => {
    t = await startTestApp(engine);
    const community = await nodeByName(t.database.db, '百步亭花园社区');
    const resident = await residentUnder(t.database.db, community.path);
    foreign.nodeId = community.id;
    foreign.residentId = resident.id;
    foreign.accountId = await accountId(t.database.db, 'shuji');
    const nodes = await t.database.db.selectFrom('org_node').select('id').where('path', 'like', `${community.path}%`).execute();
    const people = await t.database.db.selectFrom('resident').select('id').where('node_path', 'like', `${community.path}%`).execute();
    foreign.ids = [...nodes.map((n) => n.id), ...people.map((p) => p.id), foreign.accountId];
    await t.login('shuji'); // leaves audit entries filed under the foreign community
    cookie = await t.login('admin2');
  });
  afterAll(async () => t?.close());

  const cases = (): Record<string, Case> => ({
    'GET /api/health': { kind: 'exempt', why: 'public' },
    'GET /api/meta': { kind: 'exempt', why: 'public' },
    'POST /api/auth/login': { kind: 'exempt', why: 'public' },
    'POST /api/auth/logout': { kind: 'exempt', why: 'acts on the caller only' },
    'GET /api/auth/me': { kind: 'exempt', why: 'the caller only' },
    'POST /api/auth/password': { kind: 'exempt', why: 'the caller only' },
    'GET /api/roles': { kind: 'exempt', why: 'a catalogue, no records' },
    'POST /api/portal/login/code': { kind: 'exempt', why: 'public' },
    'POST /api/portal/login': { kind: 'exempt', why: 'public' },
    'GET /api/portal/me': { kind: 'exempt', why: 'resident session only' },
    'POST /api/portal/logout': { kind: 'exempt', why: 'resident session only' },
    'GET /api/outbox': { kind: 'list' },
    'GET /api/org/roots': { kind: 'list' },
    'GET /api/org/search': { kind: 'list', query: `q=${encodeURIComponent('百步亭')}` },
    'GET /api/org/nodes/:nodeId': { kind: 'record' },
    'GET /api/org/nodes/:nodeId/children': { kind: 'record' },
    'POST /api/org/nodes': { kind: 'record', body: { parentId: foreign.nodeId, name: '越权' } },
    'PATCH /api/org/nodes/:nodeId': { kind: 'record', body: { name: '越权' } },
    'DELETE /api/org/nodes/:nodeId': { kind: 'record' },
    'GET /api/residents': { kind: 'list' },
    'GET /api/residents/:residentId': { kind: 'record' },
    'POST /api/residents/:residentId/reveal': { kind: 'record' },
    'GET /api/accounts': { kind: 'list' },
    'POST /api/accounts': { kind: 'record', body: { username: 'sweep1', displayName: '越权', password: 'Strong@2026', roles: [{ role: 'committee', nodeId: foreign.nodeId }] } },
    'PATCH /api/accounts/:accountId': { kind: 'record', body: { displayName: '越权' } },
    'POST /api/accounts/:accountId/reset-password': { kind: 'record', body: { newPassword: 'Strong@2026x' } },
    'POST /api/accounts/:accountId/unlock': { kind: 'record' },
    'GET /api/audit': { kind: 'list' },
  });

  it('every route is covered and none reaches another scope', async () => {
    const table = cases();
    const routes = declaredRoutesOf(t.app);
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.map((r) => `${r.method} ${r.url}`).filter((key) => !(key in table));
    expect(missing, 'routes missing from the scope sweep table').toEqual([]);
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const c = table[key];
      if (!c || c.kind === 'exempt') continue;
      const url = route.url.replace(':nodeId', foreign.nodeId).replace(':residentId', foreign.residentId).replace(':accountId', foreign.accountId);
      const query = c.query ? `?${c.query}` : '';
      const res = await t.call(route.method as 'GET', `${url}${query}`, { cookie, body: c.kind === 'record' ? c.body : undefined });
      if (c.kind === 'record') {
        expect([403, 404], `${key} answered ${res.statusCode}: ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      } else {
        expect(res.statusCode, key).toBe(200);
        const leaked = foreign.ids.filter((id) => res.body.includes(id));
        expect(leaked, `${key} leaked foreign records`).toEqual([]);
      }
    }
  });

  it('a list filtered by a foreign node is refused, not silently emptied', async () => {
    const res = await t.call('GET', `/api/residents?nodeId=${foreign.nodeId}`, { cookie });
    expect(res.statusCode).toBe(403);
  });
});
