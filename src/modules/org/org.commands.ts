import crypto from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { StaffActor } from '../../platform/auth/actor.ts';
import { childKindOf, NODE_KIND_LABELS } from '../../platform/auth/roles.ts';
import { fail } from '../../platform/errors.ts';
import { countDependents, findNode } from './org.repository.ts';
import './org.errors.ts';

/** Org-tree commands: each loads, decides, then writes the change and its audit entry in one transaction. */
type Ctx = { db: Db; actor: StaffActor; ip: string; now: Date };

export async function createNode(ctx: Ctx, input: { parentId: string; name: string; code?: string | null }) {
  return ctx.db.transaction().execute(async (tx) => {
    const parent = await findNode(tx, ctx.actor.districtId, input.parentId);
    if (!parent) return fail('NOT_FOUND');
    const kind = childKindOf(parent.kind);
    if (!kind) return fail('ORG_KIND_NOT_ALLOWED', { field: 'parentId' });
    const id = crypto.randomUUID();
    const row = {
      district_id: ctx.actor.districtId,
      id,
      parent_id: parent.id,
      kind,
      name: input.name,
      code: input.code ?? null,
      path: `${parent.path}${id}/`,
      created_at: ctx.now,
      updated_at: ctx.now,
    };
    await tx.insertInto('org_node').values(row).execute();
    await appendAudit(tx, {
      districtId: ctx.actor.districtId,
      actor: ctx.actor,
      ip: ctx.ip,
      at: ctx.now,
      action: 'org.node.create',
      entityType: 'org_node',
      entityId: id,
      nodePath: row.path,
      summary: `在「${parent.name}」下新增${NODE_KIND_LABELS[kind].zh}「${input.name}」`,
      after: { kind, name: row.name, code: row.code, parentId: parent.id },
    });
    return id;
  });
}

export async function updateNode(ctx: Ctx, nodeId: string, input: { name?: string; code?: string | null }) {
  return ctx.db.transaction().execute(async (tx) => {
    const node = await findNode(tx, ctx.actor.districtId, nodeId);
    if (!node) return fail('NOT_FOUND');
    const next = { name: input.name ?? node.name, code: input.code === undefined ? node.code : input.code };
    await tx.updateTable('org_node').set({ ...next, updated_at: ctx.now }).where('district_id', '=', node.district_id).where('id', '=', node.id).execute();
    await appendAudit(tx, {
      districtId: ctx.actor.districtId,
      actor: ctx.actor,
      ip: ctx.ip,
      at: ctx.now,
      action: 'org.node.update',
      entityType: 'org_node',
      entityId: node.id,
      nodePath: node.path,
      summary: `修改${NODE_KIND_LABELS[node.kind].zh}「${node.name}」${next.name !== node.name ? `为「${next.name}」` : ''}`,
      before: { name: node.name, code: node.code },
      after: next,
    });
  });
}

export async function deleteNode(ctx: Ctx, nodeId: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const node = await findNode(tx, ctx.actor.districtId, nodeId);
    if (!node) return fail('NOT_FOUND');
    if (node.parent_id === null) return fail('ORG_ROOT_PROTECTED');
    const dependents = await countDependents(tx, ctx.actor.districtId, node);
    if (dependents.children + dependents.residents + dependents.bindings > 0) return fail('ORG_NODE_NOT_EMPTY', dependents);
    await tx.deleteFrom('org_node').where('district_id', '=', node.district_id).where('id', '=', node.id).execute();
    await appendAudit(tx, {
      districtId: ctx.actor.districtId,
      actor: ctx.actor,
      ip: ctx.ip,
      at: ctx.now,
      action: 'org.node.delete',
      entityType: 'org_node',
      entityId: node.id,
      nodePath: node.path,
      summary: `删除${NODE_KIND_LABELS[node.kind].zh}「${node.name}」`,
      before: { kind: node.kind, name: node.name, code: node.code, parentId: node.parent_id },
    });
  });
}
