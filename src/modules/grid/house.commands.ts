import crypto from 'node:crypto';
import { appendAudit } from '../../platform/audit/audit.ts';
import { fail } from '../../platform/errors.ts';
import { isMobilePhone } from '../../platform/security/id-number.ts';
import type { HouseUse } from '../../platform/db/schema.ts';
import { findHousehold, type Ctx } from './registry.commands.ts';
import './grid.errors.ts';

/** Houses (房屋): floor area and use, and rentals (出租房屋) with the landlord; each one transaction with audit. */

export async function updateHouse(ctx: Ctx, householdId: string, input: { floorArea?: number | null; use?: HouseUse }): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const node = await findHousehold(tx, ctx.actor.districtId, householdId);
    const before = await tx.selectFrom('house').selectAll().where('district_id', '=', ctx.actor.districtId).where('house_id', '=', node.id).executeTakeFirst();
    const next = { floor_area: input.floorArea === undefined ? (before?.floor_area ?? null) : input.floorArea, use: input.use ?? before?.use ?? 'owner_occupied' };
    await tx
      .insertInto('house')
      .values({ district_id: ctx.actor.districtId, house_id: node.id, floor_area: next.floor_area, use: next.use, verified_at: null, verified_by: null })
      .onConflict((oc) => oc.columns(['district_id', 'house_id']).doUpdateSet({ floor_area: next.floor_area, use: next.use }))
      .execute();
    await appendAudit(tx, {
      districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'house.update', entityType: 'org_node', entityId: node.id, nodePath: node.path,
      summary: `修改「${node.name}」的房屋信息`, before: before ? { floorArea: before.floor_area, use: before.use } : null, after: { floorArea: next.floor_area, use: next.use },
    });
  });
}

export async function registerTenancy(ctx: Ctx, householdId: string, input: { landlordName: string; landlordPhone?: string | null; landlordResidentId?: string | null; startsOn: string; endsOn?: string | null; note?: string | null }): Promise<string> {
  if (input.landlordPhone && !isMobilePhone(input.landlordPhone)) fail('VALIDATION_FAILED', { fields: [{ field: 'landlordPhone', label: '房东手机号', message: '应为 11 位手机号码' }] }, '「房东手机号」应为 11 位手机号码');
  if (input.endsOn && input.endsOn < input.startsOn) fail('DATE_ORDER', { field: 'endsOn' });
  return ctx.db.transaction().execute(async (tx) => {
    const node = await findHousehold(tx, ctx.actor.districtId, householdId);
    const id = crypto.randomUUID();
    await tx
      .insertInto('tenancy')
      .values({ district_id: ctx.actor.districtId, id, house_id: node.id, landlord_name: input.landlordName, landlord_phone: input.landlordPhone ?? null, landlord_resident_id: input.landlordResidentId ?? null, starts_on: input.startsOn, ends_on: input.endsOn ?? null, note: input.note ?? null, created_at: ctx.now })
      .execute();
    await tx
      .insertInto('house')
      .values({ district_id: ctx.actor.districtId, house_id: node.id, use: 'rented', verified_at: null, verified_by: null })
      .onConflict((oc) => oc.columns(['district_id', 'house_id']).doUpdateSet({ use: 'rented' }))
      .execute();
    await appendAudit(tx, {
      districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'tenancy.create', entityType: 'org_node', entityId: node.id, nodePath: node.path,
      summary: `登记「${node.name}」出租，房东「${input.landlordName}」，自 ${input.startsOn}${input.endsOn ? ` 至 ${input.endsOn}` : ''}`, after: { landlordName: input.landlordName, phone: input.landlordPhone ?? null },
    });
    return id;
  });
}
