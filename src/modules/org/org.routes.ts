import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { scopePaths } from '../../platform/auth/actor.ts';
import { inBody, inParams, staffOf } from '../../platform/http/authorize.ts';
import { commandContext } from '../../platform/http/request-context.ts';
import { fail } from '../../platform/errors.ts';
import { createNode, deleteNode, updateNode } from './org.commands.ts';
import { addressesOf } from '../residents/residents.repository.ts';
import { ancestorsOf, childrenOf, findNode, nodesWithCounts, presentNode, searchNodes } from './org.repository.ts';
import { createNodeBody, nodeIdParams, orgNodeDetailSchema, orgNodeSchema, searchQuery, updateNodeBody } from './org.schema.ts';

const tags = ['组织架构'];

export function registerOrgRoutes(app: App, deps: AppDeps): void {
  const ctx = (req: Parameters<typeof staffOf>[0]) => commandContext(req, deps);

  app.get('/api/org/roots', {
    config: { access: { kind: 'staff', permission: 'org.read' } },
    schema: { tags, summary: '我管辖范围的顶层节点', response: { 200: z.array(orgNodeSchema) } },
  }, async (req) => {
    const actor = staffOf(req);
    const tops = scopePaths(actor, 'org.read');
    const ids = actor.bindings.filter((b) => tops.includes(b.nodePath)).map((b) => b.nodeId);
    const rows = await nodesWithCounts(deps.db, actor.districtId, [...new Set(ids)]);
    return rows.map((r) => presentNode(r, req.lang));
  });

  app.get('/api/org/search', {
    config: { access: { kind: 'staff', permission: 'org.read' } },
    schema: { tags, summary: '按名称搜索节点（范围内）', querystring: searchQuery, response: { 200: z.array(orgNodeSchema) } },
  }, async (req) => {
    const actor = staffOf(req);
    const rows = await searchNodes(deps.db, actor.districtId, scopePaths(actor, 'org.read'), req.query.q);
    const parents = rows.map((r) => r.path.slice(0, r.path.length - r.id.length - 1));
    const trails = await addressesOf(deps.db, actor.districtId, parents);
    return rows.map((r, i) => ({ ...presentNode(r, req.lang), trail: trails.get(parents[i] ?? '') ?? '' }));
  });

  app.get('/api/org/nodes/:nodeId', {
    config: { access: { kind: 'staff', permission: 'org.read', scope: inParams('org_node', 'nodeId') } },
    schema: { tags, summary: '节点详情', params: nodeIdParams, response: { 200: orgNodeDetailSchema } },
  }, async (req) => {
    const actor = staffOf(req);
    const [row] = await nodesWithCounts(deps.db, actor.districtId, [req.params.nodeId]);
    const node = await findNode(deps.db, actor.districtId, req.params.nodeId);
    if (!row || !node) return fail('NOT_FOUND');
    return { ...presentNode(row, req.lang), ancestors: await ancestorsOf(deps.db, actor.districtId, node) };
  });

  app.get('/api/org/nodes/:nodeId/children', {
    config: { access: { kind: 'staff', permission: 'org.read', scope: inParams('org_node', 'nodeId') } },
    schema: { tags, summary: '下级节点', params: nodeIdParams, response: { 200: z.array(orgNodeSchema) } },
  }, async (req) => {
    const rows = await childrenOf(deps.db, staffOf(req).districtId, req.params.nodeId);
    return rows.map((r) => presentNode(r, req.lang));
  });

  app.post('/api/org/nodes', {
    config: { access: { kind: 'staff', permission: 'org.write', scope: inBody('org_node', 'parentId') } },
    schema: { tags, summary: '新增下级节点', body: createNodeBody, response: { 201: orgNodeSchema } },
  }, async (req, reply) => {
    const c = ctx(req);
    const id = await createNode(c, req.body);
    const [row] = await nodesWithCounts(deps.db, c.actor.districtId, [id]);
    if (!row) return fail('NOT_FOUND');
    return reply.status(201).send(presentNode(row, req.lang));
  });

  app.patch('/api/org/nodes/:nodeId', {
    config: { access: { kind: 'staff', permission: 'org.write', scope: inParams('org_node', 'nodeId') } },
    schema: { tags, summary: '修改节点名称或编码', params: nodeIdParams, body: updateNodeBody, response: { 200: orgNodeSchema } },
  }, async (req) => {
    const c = ctx(req);
    await updateNode(c, req.params.nodeId, req.body);
    const [row] = await nodesWithCounts(deps.db, c.actor.districtId, [req.params.nodeId]);
    if (!row) return fail('NOT_FOUND');
    return presentNode(row, req.lang);
  });

  app.delete('/api/org/nodes/:nodeId', {
    config: { access: { kind: 'staff', permission: 'org.write', scope: inParams('org_node', 'nodeId') } },
    schema: { tags, summary: '删除空节点', params: nodeIdParams },
  }, async (req, reply) => {
    await deleteNode(ctx(req), req.params.nodeId);
    return reply.status(204).send();
  });
}
