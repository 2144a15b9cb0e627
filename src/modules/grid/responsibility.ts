import type { Db } from '../../platform/db/database.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { STAFF_ROLES, isStaffRole } from '../../platform/auth/roles.ts';
import { fail } from '../../platform/errors.ts';
import { findNode } from '../org/org.repository.ts';
import type { Ctx } from './registry.commands.ts';

/**
 * 五级负责: a node's responsible people, nearest first — those named for the node (by rank), then the
 * staff bound to it and to each node above. The due-visit list walks the same order.
 */
export async function responsibleChain(db: Db, districtId: string, nodeId: string, lang: 'zh' | 'en') {
  const node = await findNode(db, districtId, nodeId);
  if (!node) return fail('NOT_FOUND');
  const ancestors = node.path.split('/').filter(Boolean);
  const named = await db
    .selectFrom('responsibility as r')
    .innerJoin('account as a', 'a.id', 'r.account_id')
    .innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'r.district_id').onRef('n.id', '=', 'r.node_id'))
    .select(['r.account_id', 'r.rank', 'a.display_name', 'n.name', 'n.path'])
    .where('r.district_id', '=', districtId)
    .where('r.node_id', 'in', ancestors)
    .execute();
  const bound = await db
    .selectFrom('role_binding as b')
    .innerJoin('account as a', 'a.id', 'b.account_id')
    .innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'b.district_id').onRef('n.id', '=', 'b.node_id'))
    .select(['b.account_id', 'b.role', 'a.display_name', 'n.name', 'n.path'])
    .where('b.district_id', '=', districtId)
    .where('b.node_id', 'in', ancestors)
    .where('a.disabled', '=', false)
    .execute();
  const label = (role: string) => (isStaffRole(role) ? (lang === 'en' ? STAFF_ROLES[role].labelEn : STAFF_ROLES[role].label) : role);
  const links = [
    ...named.map((r) => ({ accountId: r.account_id, name: r.display_name, nodeName: r.name, depth: r.path.length, order: r.rank - 100, how: lang === 'en' ? `named #${r.rank}` : `指定第 ${r.rank} 责任人` })),
    ...bound.map((b) => ({ accountId: b.account_id, name: b.display_name, nodeName: b.name, depth: b.path.length, order: 0, how: label(b.role) })),
  ].sort((x, y) => y.depth - x.depth || x.order - y.order);
  return links.map(({ accountId, name, nodeName, how }) => ({ accountId, name, nodeName, how }));
}

export async function setResponsible(ctx: Ctx, nodeId: string, accountIds: string[]): Promise<void> {
  if (new Set(accountIds).size !== accountIds.length) fail('VALIDATION_FAILED', { fields: [{ field: 'accountIds', label: '责任人', message: '不能重复' }] }, '「责任人」不能重复');
  await ctx.db.transaction().execute(async (tx) => {
    const node = await findNode(tx, ctx.actor.districtId, nodeId);
    if (!node) return fail('NOT_FOUND');
    const before = await tx.selectFrom('responsibility').select(['rank', 'account_id']).where('district_id', '=', ctx.actor.districtId).where('node_id', '=', nodeId).orderBy('rank').execute();
    await tx.deleteFrom('responsibility').where('district_id', '=', ctx.actor.districtId).where('node_id', '=', nodeId).execute();
    await tx.insertInto('responsibility').values(accountIds.map((accountId, i) => ({ district_id: ctx.actor.districtId, node_id: nodeId, rank: i + 1, account_id: accountId }))).execute();
    await appendAudit(tx, {
      districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'responsibility.set', entityType: 'org_node', entityId: nodeId, nodePath: node.path,
      summary: `指定「${node.name}」的责任人（共 ${accountIds.length} 人）`, before: { accountIds: before.map((b) => b.account_id) }, after: { accountIds },
    });
  });
}
