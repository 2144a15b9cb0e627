import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { auditCount, nodeByName } from '../support/lookups.ts';

describeEachEngine('org tree', (engine) => {
  let t: TestApp;
  let admin: string;
  let admin2: string;
  let grid: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    [admin, admin2, grid] = await Promise.all([t.login('admin'), t.login('admin2'), t.login('wangge')]);
  });
  afterAll(async () => t?.close());

  it('a grid worker sees their grid as the top of the tree, with counts, and its buildings below', async () => {
    const roots = await t.call('GET', '/api/org/roots', { cookie: grid });
    expect(roots.statusCode).toBe(200);
    const [top] = roots.json();
    expect(top).toMatchObject({ kind: 'grid', kindLabel: '网格', name: '第一网格', childCount: 4 });
    expect(top.residentCount).toBeGreaterThan(100);
    const children = await t.call('GET', `/api/org/nodes/${top.id}/children`, { cookie: grid });
    expect(children.json().map((n: { name: string }) => n.name)).toEqual(['1栋', '2栋', '3栋', '4栋']);
    const detail = await t.call('GET', `/api/org/nodes/${children.json()[0].id}`, { cookie: grid });
    expect(detail.json().ancestors.map((a: { name: string }) => a.name)).toEqual(['东湖区（演示）', '百步亭街道', '百步亭花园社区', '第一网格']);
  });

  it('a grid worker is refused another grid and another community, with a zh-CN message', async () => {
    const other = await nodeByName(t.database.db, '幸福里社区');
    const res = await t.call('GET', `/api/org/nodes/${other.id}`, { cookie: grid });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN_SCOPE', message: '无权访问您管辖范围以外的数据' });
    const kids = await t.call('GET', `/api/org/nodes/${other.id}/children`, { cookie: grid });
    expect(kids.statusCode).toBe(403);
    const missing = await t.call('GET', '/api/org/nodes/00000000-0000-4000-8000-000000000000', { cookie: grid });
    expect(missing.statusCode).toBe(404);
  });

  it('search stays inside the scope', async () => {
    const mine = await t.call('GET', `/api/org/search?q=${encodeURIComponent('网格')}`, { cookie: admin2 });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toHaveLength(4); // 幸福里社区 has four grids; the other communities' grids are not shown
  });

  it('an administrator adds, renames and deletes a node; each write is audited; the kind follows the parent', async () => {
    const community = await nodeByName(t.database.db, '幸福里社区');
    const before = await auditCount(t.database.db);
    const created = await t.call('POST', '/api/org/nodes', { cookie: admin2, body: { parentId: community.id, name: '第五网格', code: 'X5' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'grid', name: '第五网格', childCount: 0 });
    const renamed = await t.call('PATCH', `/api/org/nodes/${created.json().id}`, { cookie: admin2, body: { name: '第五网格（新建）' } });
    expect(renamed.json().name).toBe('第五网格（新建）');
    const deleted = await t.call('DELETE', `/api/org/nodes/${created.json().id}`, { cookie: admin2 });
    expect(deleted.statusCode).toBe(204);
    expect(await auditCount(t.database.db)).toBe(before + 3);
    const log = await t.call('GET', `/api/audit?entityType=org_node`, { cookie: admin2 });
    expect(log.json().items.slice(0, 3).map((e: { actionLabel: string }) => e.actionLabel)).toEqual(['删除组织节点', '修改组织节点', '新增组织节点']);
    expect(log.json().items[1].before).toMatchObject({ name: '第五网格' });
    expect(log.json().items[1].after).toMatchObject({ name: '第五网格（新建）' });
  });

  it('refuses to delete a node that still has people or children, and changes nothing', async () => {
    const community = await nodeByName(t.database.db, '幸福里社区');
    const before = await auditCount(t.database.db);
    const res = await t.call('DELETE', `/api/org/nodes/${community.id}`, { cookie: admin });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ORG_NODE_NOT_EMPTY');
    expect(await auditCount(t.database.db)).toBe(before);
  });

  it('refuses a node below a household, an empty name, and a parent outside the scope', async () => {
    const household = await t.database.db.selectFrom('org_node').select('id').where('kind', '=', 'household').limit(1).executeTakeFirstOrThrow();
    const below = await t.call('POST', '/api/org/nodes', { cookie: admin, body: { parentId: household.id, name: '不可能' } });
    expect(below.statusCode).toBe(400);
    expect(below.json().code).toBe('ORG_KIND_NOT_ALLOWED');
    const empty = await t.call('POST', '/api/org/nodes', { cookie: admin, body: { parentId: household.id, name: '  ' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toBe('「名称」不能为空');
    const outside = await nodeByName(t.database.db, '百步亭花园社区');
    const res = await t.call('POST', '/api/org/nodes', { cookie: admin2, body: { parentId: outside.id, name: '越权网格' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN_SCOPE');
  });

  it('roles without org.write cannot change the tree', async () => {
    const shuji = await t.login('shuji');
    const community = await nodeByName(t.database.db, '百步亭花园社区');
    const res = await t.call('POST', '/api/org/nodes', { cookie: shuji, body: { parentId: community.id, name: '第六网格' } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN', message: '您的角色无权进行此操作' });
  });
});
