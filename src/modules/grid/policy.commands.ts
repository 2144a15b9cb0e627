import crypto from 'node:crypto';
import { appendAudit } from '../../platform/audit/audit.ts';
import { fail } from '../../platform/errors.ts';
import { findNode } from '../org/org.repository.ts';
import { findHousehold, type Ctx } from './registry.commands.ts';

/** 政策宣传: a notice for a scope and each household's acknowledgement (the fifth 百分百). */
export async function publishPolicyNotice(ctx: Ctx, input: { scopeNodeId: string; title: string; body: string; publishedOn: string; expiresOn?: string | null }): Promise<string> {
  if (input.expiresOn && input.expiresOn < input.publishedOn) fail('DATE_ORDER', { field: 'expiresOn' });
  return ctx.db.transaction().execute(async (tx) => {
    const node = await findNode(tx, ctx.actor.districtId, input.scopeNodeId);
    if (!node) return fail('NOT_FOUND');
    const id = crypto.randomUUID();
    await tx.insertInto('policy_notice').values({ district_id: ctx.actor.districtId, id, scope_node_id: node.id, title: input.title, body: input.body, published_on: input.publishedOn, expires_on: input.expiresOn ?? null }).execute();
    await appendAudit(tx, { districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'policy.publish', entityType: 'policy_notice', entityId: id, nodePath: node.path, summary: `发布政策告知「${input.title}」（${node.name}）` });
    return id;
  });
}

export async function acknowledgePolicy(ctx: Ctx, noticeId: string, householdId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const notice = await tx.selectFrom('policy_notice').selectAll().where('district_id', '=', ctx.actor.districtId).where('id', '=', noticeId).executeTakeFirst();
    if (!notice) return fail('NOT_FOUND');
    const node = await findHousehold(tx, ctx.actor.districtId, householdId);
    const scope = await findNode(tx, ctx.actor.districtId, notice.scope_node_id);
    if (!scope || !node.path.startsWith(scope.path)) return fail('POLICY_OUT_OF_SCOPE');
    await tx
      .insertInto('policy_acknowledgement')
      .values({ district_id: ctx.actor.districtId, notice_id: noticeId, household_id: node.id, acknowledged_at: ctx.now, recorded_by: ctx.actor.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await appendAudit(tx, { districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'policy.acknowledge', entityType: 'policy_notice', entityId: noticeId, nodePath: node.path, summary: `「${node.name}」已知晓政策「${notice.title}」` });
  });
}
