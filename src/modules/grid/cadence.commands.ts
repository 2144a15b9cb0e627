import crypto from 'node:crypto';
import { appendAudit } from '../../platform/audit/audit.ts';
import { STAFF_ROLES, isStaffRole } from '../../platform/auth/roles.ts';
import { fail } from '../../platform/errors.ts';
import type { VisitFrequency } from '../../platform/db/schema.ts';
import { findNode } from '../org/org.repository.ts';
import type { Ctx } from './registry.commands.ts';

/**
 * A community edits its own cadences: a rule scoped to the community replaces the district's rule for the
 * same tag, role and frequency there (see due-visits.service.ts), so one community's change leaves the
 * others alone. Rules are data; the engine is visit-cadence.ts.
 */
export type CadenceInput = { scopeNodeId: string; tagCode: string; role: string; frequency: VisitFrequency; withinDays?: number | null; label: string; active?: boolean };

export async function saveCadence(ctx: Ctx, input: CadenceInput, cadenceId?: string): Promise<string> {
  if (!isStaffRole(input.role)) fail('VALIDATION_FAILED', { fields: [{ field: 'role', label: '走访人角色', message: '不是有效的角色' }] }, '「走访人角色」不是有效的角色');
  if (input.frequency === 'on_event' && (input.withinDays === undefined || input.withinDays === null)) {
    fail('VALIDATION_FAILED', { fields: [{ field: 'withinDays', label: '期限（天）', message: '按事件走访须给出期限' }] }, '「期限（天）」按事件走访须给出期限');
  }
  return ctx.db.transaction().execute(async (tx) => {
    const scope = await findNode(tx, ctx.actor.districtId, input.scopeNodeId);
    if (!scope) return fail('NOT_FOUND');
    if (scope.kind !== 'community' && scope.kind !== 'district') fail('VALIDATION_FAILED', { fields: [{ field: 'scopeNodeId', label: '适用范围', message: '应为社区或全区' }] }, '「适用范围」应为社区或全区');
    const tag = await tx.selectFrom('tag_definition').select('name').where('district_id', '=', ctx.actor.districtId).where('code', '=', input.tagCode).executeTakeFirst();
    if (!tag) return fail('TAG_UNKNOWN', { field: 'tagCode' });
    const row = {
      scope_node_id: scope.id, tag_code: input.tagCode, role: input.role, frequency: input.frequency, event: input.frequency === 'on_event' ? ('tag_start' as const) : null,
      within_days: input.frequency === 'on_event' ? (input.withinDays ?? 0) : null, label: input.label, active: input.active ?? true,
    };
    let id = cadenceId;
    let before: Record<string, unknown> | null = null;
    if (id) {
      const existing = await tx.selectFrom('visit_cadence').selectAll().where('district_id', '=', ctx.actor.districtId).where('id', '=', id).executeTakeFirst();
      if (!existing) return fail('NOT_FOUND');
      if (existing.scope_node_id !== scope.id) fail('CADENCE_SCOPE_FIXED');
      before = { frequency: existing.frequency, withinDays: existing.within_days, label: existing.label, active: existing.active };
      await tx.updateTable('visit_cadence').set(row).where('district_id', '=', ctx.actor.districtId).where('id', '=', id).execute();
    } else {
      id = crypto.randomUUID();
      await tx.insertInto('visit_cadence').values({ district_id: ctx.actor.districtId, id, ...row }).execute();
    }
    await appendAudit(tx, {
      districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: cadenceId ? 'cadence.update' : 'cadence.create', entityType: 'visit_cadence', entityId: id, nodePath: scope.path,
      summary: `${cadenceId ? '修改' : '新增'}「${scope.name}」的走访频次：${tag.name}，${STAFF_ROLES[input.role as keyof typeof STAFF_ROLES].label}，${input.label}`,
      before, after: { frequency: row.frequency, withinDays: row.within_days, label: row.label, active: row.active },
    });
    return id;
  });
}
