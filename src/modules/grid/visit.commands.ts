import crypto from 'node:crypto';
import { appendAudit } from '../../platform/audit/audit.ts';
import { fail } from '../../platform/errors.ts';
import { STAFF_ROLES, roleGrants } from '../../platform/auth/roles.ts';
import { REQUIRED_VISIT_RULES, type RequiredVisitReason } from './catalogue.ts';
import { findHousehold, type Ctx } from './registry.commands.ts';
import './grid.errors.ts';

/** The role a visit is logged under: the actor's nearest binding that may log visits over the household. */
function visitorRole(ctx: Ctx, householdPath: string): string {
  const bindings = ctx.actor.bindings.filter((b) => roleGrants(b.role, 'visit.write') && householdPath.startsWith(b.nodePath)).sort((a, b) => b.nodePath.length - a.nodePath.length);
  return bindings[0]?.role ?? 'grid_worker';
}

export type VisitInput = {
  householdId: string;
  visitedAt: string;
  residentIds: string[];
  findings: string;
  photos?: string[];
  followUp?: { kind: 'demand' | 'dispute' | 'other'; summary: string } | null;
  requiredVisitIds?: string[];
};

/** 民情日记: a visit with the people met and what was found; it may raise a follow-up and settle 三必到 visits. */
export async function logVisit(ctx: Ctx, input: VisitInput): Promise<string> {
  const visitedAt = new Date(input.visitedAt);
  if (visitedAt.getTime() > ctx.now.getTime() + 5 * 60_000) fail('VISIT_IN_FUTURE', { field: 'visitedAt' });
  return ctx.db.transaction().execute(async (tx) => {
    const household = await findHousehold(tx, ctx.actor.districtId, input.householdId);
    const people = input.residentIds.length === 0 ? [] : await tx.selectFrom('resident').select(['id', 'name', 'household_id']).where('district_id', '=', ctx.actor.districtId).where('id', 'in', input.residentIds).execute();
    if (people.length !== new Set(input.residentIds).size || people.some((p) => p.household_id !== household.id)) fail('VISIT_PEOPLE_OUTSIDE_HOUSEHOLD', { field: 'residentIds' });
    const role = visitorRole(ctx, household.path);
    const id = crypto.randomUUID();
    await tx
      .insertInto('visit')
      .values({ district_id: ctx.actor.districtId, id, household_id: household.id, node_path: household.path, visitor_id: ctx.actor.id, visitor_role: role, visited_at: visitedAt, findings: input.findings, photos: JSON.stringify(input.photos ?? []), created_at: ctx.now })
      .execute();
    if (people.length > 0) {
      await tx.insertInto('visit_resident').values(people.map((p) => ({ district_id: ctx.actor.districtId, visit_id: id, resident_id: p.id, visited_at: visitedAt, visitor_role: role }))).execute();
    }
    if (input.followUp) {
      await tx.insertInto('follow_up').values({ district_id: ctx.actor.districtId, id: crypto.randomUUID(), visit_id: id, household_id: household.id, node_path: household.path, kind: input.followUp.kind, summary: input.followUp.summary, created_at: ctx.now }).execute();
    }
    if (input.requiredVisitIds?.length) {
      await tx.updateTable('required_visit').set({ visit_id: id }).where('district_id', '=', ctx.actor.districtId).where('id', 'in', input.requiredVisitIds).where('household_id', '=', household.id).where('visit_id', 'is', null).execute();
    } else {
      // A visit to the household settles its open 三必到 visits.
      await tx.updateTable('required_visit').set({ visit_id: id }).where('district_id', '=', ctx.actor.districtId).where('household_id', '=', household.id).where('visit_id', 'is', null).execute();
    }
    await appendAudit(tx, {
      districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'visit.create', entityType: 'visit', entityId: id, nodePath: household.path,
      summary: `走访「${household.name}」，见到 ${people.map((p) => p.name).join('、') || '（无人）'}${input.followUp ? `，登记待办：${input.followUp.summary}` : ''}`,
      after: { visitedAt: visitedAt.toISOString(), role: STAFF_ROLES[role as keyof typeof STAFF_ROLES]?.label ?? role, findings: input.findings },
    });
    return id;
  });
}

/** 三必到: record the cause; the visit is due within the rule's hours. */
export async function raiseRequiredVisit(ctx: Ctx, input: { householdId: string; reason: RequiredVisitReason; description: string }): Promise<{ id: string; dueAt: Date }> {
  return ctx.db.transaction().execute(async (tx) => {
    const household = await findHousehold(tx, ctx.actor.districtId, input.householdId);
    const rule = REQUIRED_VISIT_RULES[input.reason];
    const id = crypto.randomUUID();
    const dueAt = new Date(ctx.now.getTime() + rule.hours * 3600_000);
    await tx.insertInto('required_visit').values({ district_id: ctx.actor.districtId, id, household_id: household.id, node_path: household.path, reason: input.reason, description: input.description, raised_at: ctx.now, due_at: dueAt, raised_by: ctx.actor.id, visit_id: null }).execute();
    await appendAudit(tx, { districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'required_visit.create', entityType: 'required_visit', entityId: id, nodePath: household.path, summary: `「${household.name}」${rule.label}，须在 ${rule.hours} 小时内走访：${input.description}` });
    return { id, dueAt };
  });
}

/** Leave or sickness: the person's due work passes up the chain for these days and comes back after. */
export async function recordAbsence(ctx: Ctx, input: { accountId: string; startsOn: string; endsOn: string; reason: string }): Promise<string> {
  if (input.endsOn < input.startsOn) fail('DATE_ORDER', { field: 'endsOn' });
  return ctx.db.transaction().execute(async (tx) => {
    const account = await tx.selectFrom('account').select(['id', 'display_name']).where('id', '=', input.accountId).where('district_id', '=', ctx.actor.districtId).executeTakeFirst();
    if (!account) return fail('NOT_FOUND', { field: 'accountId' });
    const id = crypto.randomUUID();
    await tx.insertInto('absence').values({ district_id: ctx.actor.districtId, id, account_id: account.id, starts_on: input.startsOn, ends_on: input.endsOn, reason: input.reason, created_at: ctx.now }).execute();
    const path = ctx.actor.bindings.map((b) => b.nodePath).sort((a, b) => a.length - b.length)[0] ?? `/${ctx.actor.districtId}/`;
    await appendAudit(tx, { districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'absence.create', entityType: 'account', entityId: account.id, nodePath: path, summary: `登记「${account.display_name}」${input.startsOn} 至 ${input.endsOn} 不在岗（${input.reason}），期间工作由责任链上一级顶岗` });
    return id;
  });
}
