import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/errors.ts';
import { onDispute, unwrap, type DisputeCtx } from './dispute.commands.ts';
import { ladderOrDefault } from './dispute-history.ts';
import { assignMediator, mayBeAssigned, MEDIATOR_ROLES, removeMediator, type MediatorAssignment, type MediatorRole } from './rules/index.ts';

/**
 * 指派调解员: a supervisor (dispute.supervise over the dispute's place) names the lead and assisting
 * mediators of a dispute, or removes one. Each command: load → the pure rule (rules/mediator-assignment.ts)
 * → one transaction with the assignment rows, the history step (一卡通) and the audit entry.
 */
export type AssignmentRow = MediatorAssignment & { assignedAt: Date; assignedBy: { id: string; name: string } };

/** The current assignments of some disputes, lead first, then by when they were made. */
export async function loadAssignments(db: Db, districtId: string, disputeIds: readonly string[]): Promise<Map<string, AssignmentRow[]>> {
  const out = new Map<string, AssignmentRow[]>();
  if (disputeIds.length === 0) return out;
  const rows = await db
    .selectFrom('dispute_assignment as m')
    .innerJoin('account as a', 'a.id', 'm.account_id')
    .select(['m.dispute_id', 'm.account_id', 'a.display_name', 'm.role', 'm.level_key', 'm.assigned_at', 'm.assigned_by', 'm.assigned_by_name'])
    .where('m.district_id', '=', districtId)
    .where('m.dispute_id', 'in', [...disputeIds])
    .orderBy('m.assigned_at')
    .orderBy('m.account_id')
    .execute();
  for (const r of rows) {
    const a: AssignmentRow = { accountId: r.account_id, name: r.display_name, role: r.role, level: r.level_key, assignedAt: new Date(r.assigned_at), assignedBy: { id: r.assigned_by, name: r.assigned_by_name } };
    out.set(r.dispute_id, [...(out.get(r.dispute_id) ?? []), a]);
  }
  for (const list of out.values()) list.sort((x, y) => (x.role === y.role ? 0 : x.role === 'lead' ? -1 : 1));
  return out;
}

export type AssignInput = { role: MediatorRole; level?: string | null | undefined; note?: string | undefined };

export async function assignDisputeMediator(db: Db, ctx: DisputeCtx, disputeId: string, accountId: string, input: AssignInput): Promise<void> {
  const districtId = ctx.actor.districtId;
  await onDispute(db, ctx, disputeId, async ({ row, state, status }, tx) => {
    if (status === 'closed') return fail('DISPUTE_ASSIGN_CLOSED');
    const account = await tx.selectFrom('account').select(['id', 'display_name', 'disabled']).where('district_id', '=', districtId).where('id', '=', accountId).executeTakeFirst();
    if (!account) return fail('DISPUTE_MEDIATOR_UNKNOWN', { field: 'accountId' });
    if (account.disabled) return fail('DISPUTE_ASSIGNEE_DISABLED', { field: 'accountId' }, `「调解员」${account.display_name}的账号已停用，不能指派`);
    const bindings = await tx
      .selectFrom('role_binding as b')
      .innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'b.district_id').onRef('n.id', '=', 'b.node_id'))
      .select(['b.role', 'n.path'])
      .where('b.district_id', '=', districtId)
      .where('b.account_id', '=', accountId)
      .execute();
    if (!mayBeAssigned(bindings.map((b) => ({ role: b.role, nodePath: b.path })), row.node_path)) return fail('DISPUTE_ASSIGNEE_OUT_OF_SCOPE', { field: 'accountId' });

    const ladder = ladderOrDefault(row.ladder_code);
    const current = (await loadAssignments(tx, districtId, [disputeId])).get(disputeId) ?? [];
    const level = input.level?.trim() || null;
    const change = unwrap(assignMediator({ status, levelIndex: state.levelIndex, assignments: current }, ladder, { accountId, name: account.display_name, role: input.role, level }));
    const note = input.note?.trim() || null;
    const levelName = level ? (ladder.levels.find((l) => l.key === level)?.name.zh ?? level) : null;
    const what = `${account.display_name}（${MEDIATOR_ROLES[input.role].zh}${levelName ? `，${levelName}` : ''}）`;
    return {
      noop: change.kind === 'unchanged',
      events: [{ kind: 'mediator_assigned', data: { accountId, name: account.display_name, role: input.role, level, previousRole: change.previous?.role ?? null, previousLevel: change.previous?.level ?? null, replacedLead: change.replacedLead ? { id: change.replacedLead.accountId, name: change.replacedLead.name } : null, note } }],
      audit: {
        action: 'dispute.assign_mediator',
        summary: `${change.kind === 'assigned' ? '指派调解员' : '调整调解员'}：${what}${change.replacedLead ? `；原主调解员${change.replacedLead.name}改为协助` : ''}`,
        after: { accountId, role: input.role, level, previousRole: change.previous?.role ?? null, replacedLead: change.replacedLead?.accountId ?? null },
      },
      after: async (t) => {
        // One lead at a time (a partial unique index): the previous lead steps down first.
        if (change.replacedLead) await t.updateTable('dispute_assignment').set({ role: 'assisting' }).where('district_id', '=', districtId).where('dispute_id', '=', disputeId).where('account_id', '=', change.replacedLead.accountId).execute();
        const values = { role: input.role, level_key: level, assigned_at: ctx.now, assigned_by: ctx.actor.id, assigned_by_name: ctx.actor.displayName };
        await t
          .insertInto('dispute_assignment')
          .values({ district_id: districtId, dispute_id: disputeId, account_id: accountId, ...values })
          .onConflict((oc) => oc.columns(['district_id', 'dispute_id', 'account_id']).doUpdateSet(values))
          .execute();
      },
    };
  });
}

export async function removeDisputeMediator(db: Db, ctx: DisputeCtx, disputeId: string, accountId: string): Promise<void> {
  const districtId = ctx.actor.districtId;
  await onDispute(db, ctx, disputeId, async ({ status }, tx) => {
    const current = (await loadAssignments(tx, districtId, [disputeId])).get(disputeId) ?? [];
    const { removed } = unwrap(removeMediator({ status, levelIndex: 0, assignments: current }, accountId));
    return {
      events: [{ kind: 'mediator_removed', data: { accountId, name: removed.name, role: removed.role, level: removed.level } }],
      audit: { action: 'dispute.remove_mediator', summary: `撤销调解员：${removed.name}（${MEDIATOR_ROLES[removed.role].zh}）`, after: { accountId, role: removed.role } },
      after: async (t) => {
        await t.deleteFrom('dispute_assignment').where('district_id', '=', districtId).where('dispute_id', '=', disputeId).where('account_id', '=', accountId).execute();
      },
    };
  });
}
