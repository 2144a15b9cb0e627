import crypto from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import type { Registration, ResidentRow } from '../../platform/db/schema.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type StaffActor } from '../../platform/auth/actor.ts';
import { fail } from '../../platform/errors.ts';
import { maskIdNumber } from '../../platform/security/masking.ts';
import { findNode } from '../org/org.repository.ts';
import { addressesOf, findResident } from '../residents/residents.repository.ts';
import { checkResident, type ResidentInput } from './resident-rules.ts';
import './grid.errors.ts';
import { chinaDate } from '../../platform/china-time.ts';

/** Registry commands: each one transaction with the change, an appended history event and an audit entry. */
export type Ctx = { db: Db; actor: StaffActor; ip: string; now: Date };

type EventKind = 'registered' | 'moved_in' | 'moved_out' | 'deceased' | 'updated' | 'tag_added' | 'tag_removed';

export async function recordEvent(tx: Db, ctx: Ctx, residentId: string, kind: EventKind, occurredOn: string, details: Record<string, unknown> | null = null): Promise<void> {
  await tx
    .insertInto('resident_event')
    .values({ district_id: ctx.actor.districtId, id: crypto.randomUUID(), resident_id: residentId, kind, occurred_on: occurredOn, at: ctx.now, actor_id: ctx.actor.id, actor_name: actorLabel(ctx.actor), details: details ? JSON.stringify(details) : null })
    .execute();
}

export const localToday = chinaDate;

/** The household (户) node with this id, or the errors a caller of a household-only command expects. */
export async function findHousehold(tx: Db, districtId: string, id: string, field = 'householdId') {
  const node = await findNode(tx, districtId, id);
  if (!node) return fail('NOT_FOUND', { field });
  if (node.kind !== 'household') return fail('NODE_NOT_HOUSEHOLD', { field });
  return node;
}

async function presentResident(tx: Db, ctx: Ctx, residentId: string): Promise<ResidentRow> {
  const row = await findResident(tx, ctx.actor.districtId, residentId);
  if (!row) return fail('NOT_FOUND');
  if (row.status !== 'present') return fail('RESIDENT_NOT_PRESENT');
  return row;
}

export async function registerResident(ctx: Ctx, input: ResidentInput & { householdId: string; registeredNodeId?: string | null }): Promise<string> {
  const checked = checkResident(input, ctx.now);
  if (!checked.ok) fail('RESIDENT_INVALID', { fields: checked.problems }, checked.problems.map((p) => `「${p.label}」${p.message}`).join('；'));
  const v = checked.value;
  return ctx.db.transaction().execute(async (tx) => {
    const household = await findHousehold(tx, ctx.actor.districtId, input.householdId);
    const existing = await tx.selectFrom('resident').select(['id', 'name', 'node_path', 'status']).where('district_id', '=', ctx.actor.districtId).where('id_number', '=', v.idNumber).executeTakeFirst();
    if (existing) {
      const address = (await addressesOf(tx, ctx.actor.districtId, [existing.node_path])).get(existing.node_path) ?? '';
      fail('RESIDENT_DUPLICATE', { field: 'idNumber', existingId: existing.id }, `「身份证号」${maskIdNumber(v.idNumber)} 已登记为「${existing.name}」（${address}），不能重复登记`);
    }
    const id = crypto.randomUUID();
    const today = localToday(ctx.now);
    await tx
      .insertInto('resident')
      .values({
        district_id: ctx.actor.districtId, id, household_id: household.id, node_path: household.path, name: v.name, gender: v.gender, birth_date: v.birthDate,
        id_number: v.idNumber, phone: v.phone, relation: v.relation, registration: v.registration, registered_place: v.registeredPlace,
        registered_node_id: input.registeredNodeId ?? null, moved_in_on: v.movedInOn, created_at: ctx.now, updated_at: ctx.now,
      })
      .execute();
    await recordEvent(tx, ctx, id, 'registered', today, { householdId: household.id });
    if (v.movedInOn) await recordEvent(tx, ctx, id, 'moved_in', v.movedInOn, { householdId: household.id });
    await appendAudit(tx, {
      districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'resident.register', entityType: 'resident', entityId: id, nodePath: household.path,
      summary: `登记居民「${v.name}」（${household.name}）`, after: { name: v.name, idNumber: v.idNumber, phone: v.phone, relation: v.relation, registration: v.registration },
    });
    return id;
  });
}

export async function updateResident(ctx: Ctx, residentId: string, input: { name?: string; phone?: string | null; relation?: string; registration?: Registration; registeredPlace?: string | null }): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await presentResident(tx, ctx, residentId);
    const merged = { name: input.name ?? row.name, idNumber: row.id_number, phone: input.phone === undefined ? row.phone : input.phone, relation: input.relation ?? row.relation, registration: input.registration ?? row.registration, registeredPlace: input.registeredPlace === undefined ? row.registered_place : input.registeredPlace };
    const checked = checkResident(merged, ctx.now);
    if (!checked.ok) fail('RESIDENT_INVALID', { fields: checked.problems }, checked.problems.map((p) => `「${p.label}」${p.message}`).join('；'));
    const before = { name: row.name, phone: row.phone, relation: row.relation, registration: row.registration, registeredPlace: row.registered_place };
    const after = { name: checked.value.name, phone: checked.value.phone, relation: checked.value.relation, registration: checked.value.registration, registeredPlace: checked.value.registeredPlace };
    await tx
      .updateTable('resident')
      .set({ name: after.name, phone: after.phone, relation: after.relation, registration: after.registration, registered_place: after.registeredPlace, updated_at: ctx.now })
      .where('district_id', '=', row.district_id)
      .where('id', '=', row.id)
      .execute();
    const changed = Object.keys(after).filter((k) => before[k as keyof typeof before] !== after[k as keyof typeof after]);
    await recordEvent(tx, ctx, row.id, 'updated', localToday(ctx.now), { changed });
    await appendAudit(tx, { districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'resident.update', entityType: 'resident', entityId: row.id, nodePath: row.node_path, summary: `修改居民「${row.name}」的信息：${changed.join('、') || '无变化'}`, before, after });
  });
}

/** Moves a person to another household of the district (history: moved out of one, into the other). */
export async function moveResident(ctx: Ctx, residentId: string, input: { householdId: string; on: string }): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await presentResident(tx, ctx, residentId);
    const target = await findHousehold(tx, ctx.actor.districtId, input.householdId);
    await tx.updateTable('resident').set({ household_id: target.id, node_path: target.path, moved_in_on: input.on, updated_at: ctx.now }).where('district_id', '=', row.district_id).where('id', '=', row.id).execute();
    await recordEvent(tx, ctx, row.id, 'moved_out', input.on, { householdId: row.household_id });
    await recordEvent(tx, ctx, row.id, 'moved_in', input.on, { householdId: target.id });
    await appendAudit(tx, { districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'resident.move', entityType: 'resident', entityId: row.id, nodePath: target.path, summary: `居民「${row.name}」迁至「${target.name}」`, before: { householdId: row.household_id }, after: { householdId: target.id, on: input.on } });
  });
}

/** Moved away from the district, or died: the record stays with its history; lists show present people. */
export async function endResidence(ctx: Ctx, residentId: string, input: { kind: 'moved_out' | 'deceased'; on: string; destination?: string | null }): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await presentResident(tx, ctx, residentId);
    if (input.on > localToday(ctx.now)) fail('VALIDATION_FAILED', { fields: [{ field: 'on', label: '日期', message: '不能晚于今天' }] }, '「日期」不能晚于今天');
    await tx
      .updateTable('resident')
      .set(input.kind === 'moved_out' ? { status: 'moved_out', moved_out_on: input.on, updated_at: ctx.now } : { status: 'deceased', deceased_on: input.on, updated_at: ctx.now })
      .where('district_id', '=', row.district_id)
      .where('id', '=', row.id)
      .execute();
    await tx.updateTable('resident_tag').set({ until: input.on }).where('district_id', '=', row.district_id).where('resident_id', '=', row.id).where('until', 'is', null).execute();
    await recordEvent(tx, ctx, row.id, input.kind, input.on, input.destination ? { destination: input.destination } : null);
    await appendAudit(tx, {
      districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: input.kind === 'moved_out' ? 'resident.move_out' : 'resident.deceased', entityType: 'resident', entityId: row.id, nodePath: row.node_path,
      summary: input.kind === 'moved_out' ? `居民「${row.name}」迁出${input.destination ? `至${input.destination}` : ''}` : `居民「${row.name}」亡故`, after: { on: input.on },
    });
  });
}
