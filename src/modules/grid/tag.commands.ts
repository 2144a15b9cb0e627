import { appendAudit } from '../../platform/audit/audit.ts';
import { pathInScope, scopePaths, type StaffActor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/errors.ts';
import { findResident } from '../residents/residents.repository.ts';
import { localToday, recordEvent, type Ctx } from './registry.commands.ts';
import './grid.errors.ts';

/** May this actor see restricted (key-person) tags of a person at this path? */
export function canSeeRestricted(actor: StaffActor, nodePath: string): boolean {
  return pathInScope(scopePaths(actor, 'resident.restricted.read'), nodePath);
}

export type ResidentTagView = { code: string; name: string; category: string; sensitivity: string; since: string; until: string | null; note: string | null };

/** A person's tags as the actor may see them; restricted ones hidden (and counted) without the right, their viewing audited. */
export async function tagsOfResident(db: Db, ctx: Ctx, residentId: string): Promise<{ tags: ResidentTagView[]; hiddenCount: number }> {
  const resident = await findResident(db, ctx.actor.districtId, residentId);
  if (!resident) return fail('NOT_FOUND');
  const rows = await db
    .selectFrom('resident_tag as t')
    .innerJoin('tag_definition as d', (j) => j.onRef('d.district_id', '=', 't.district_id').onRef('d.code', '=', 't.tag_code'))
    .select(['d.code', 'd.name', 'd.category', 'd.sensitivity', 't.since', 't.until', 't.note'])
    .where('t.district_id', '=', ctx.actor.districtId)
    .where('t.resident_id', '=', residentId)
    .orderBy('d.sort_order')
    .orderBy('t.since', 'desc')
    .execute();
  const allowed = canSeeRestricted(ctx.actor, resident.node_path);
  const visible = rows.filter((r) => allowed || r.sensitivity !== 'restricted');
  const restrictedShown = visible.filter((r) => r.sensitivity === 'restricted');
  if (restrictedShown.length > 0) {
    await appendAudit(db, {
      districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'resident.restricted.view', entityType: 'resident', entityId: residentId, nodePath: resident.node_path,
      summary: `查看居民「${resident.name}」的重点人员标签（${restrictedShown.map((r) => r.name).join('、')}）`,
    });
  }
  return { tags: visible.map((r) => ({ ...r, until: r.until ?? null })), hiddenCount: rows.length - visible.length };
}

export async function addTag(ctx: Ctx, residentId: string, input: { tagCode: string; since?: string; note?: string | null }): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const resident = await findResident(tx, ctx.actor.districtId, residentId);
    if (!resident) return fail('NOT_FOUND');
    if (resident.status !== 'present') return fail('RESIDENT_NOT_PRESENT');
    const def = await tx.selectFrom('tag_definition').selectAll().where('district_id', '=', ctx.actor.districtId).where('code', '=', input.tagCode).executeTakeFirst();
    if (!def) return fail('TAG_UNKNOWN', { field: 'tagCode' });
    if (def.sensitivity === 'restricted' && !canSeeRestricted(ctx.actor, resident.node_path)) return fail('TAG_RESTRICTED');
    const open = await tx.selectFrom('resident_tag').select('since').where('district_id', '=', ctx.actor.districtId).where('resident_id', '=', residentId).where('tag_code', '=', def.code).where('until', 'is', null).executeTakeFirst();
    if (open) return fail('TAG_ALREADY_OPEN', { since: open.since });
    const since = input.since ?? localToday(ctx.now);
    await tx.insertInto('resident_tag').values({ district_id: ctx.actor.districtId, resident_id: residentId, tag_code: def.code, since, until: null, note: input.note ?? null, created_at: ctx.now }).execute();
    await recordEvent(tx, ctx, residentId, 'tag_added', since, { tag: def.code });
    await appendAudit(tx, {
      districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'resident.tag.add', entityType: 'resident', entityId: residentId, nodePath: resident.node_path,
      summary: `为居民「${resident.name}」添加标签「${def.name}」`, after: { tag: def.code, since },
    });
  });
}

export async function endTag(ctx: Ctx, residentId: string, tagCode: string, input: { until?: string }): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const resident = await findResident(tx, ctx.actor.districtId, residentId);
    if (!resident) return fail('NOT_FOUND');
    const def = await tx.selectFrom('tag_definition').selectAll().where('district_id', '=', ctx.actor.districtId).where('code', '=', tagCode).executeTakeFirst();
    if (!def) return fail('TAG_UNKNOWN');
    if (def.sensitivity === 'restricted' && !canSeeRestricted(ctx.actor, resident.node_path)) return fail('TAG_RESTRICTED');
    const open = await tx.selectFrom('resident_tag').select('since').where('district_id', '=', ctx.actor.districtId).where('resident_id', '=', residentId).where('tag_code', '=', tagCode).where('until', 'is', null).executeTakeFirst();
    if (!open) return fail('TAG_NOT_OPEN');
    const until = input.until ?? localToday(ctx.now);
    if (until < open.since) return fail('DATE_ORDER', { field: 'until' });
    await tx.updateTable('resident_tag').set({ until }).where('district_id', '=', ctx.actor.districtId).where('resident_id', '=', residentId).where('tag_code', '=', tagCode).where('since', '=', open.since).execute();
    await recordEvent(tx, ctx, residentId, 'tag_removed', until, { tag: tagCode });
    await appendAudit(tx, {
      districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'resident.tag.end', entityType: 'resident', entityId: residentId, nodePath: resident.node_path,
      summary: `结束居民「${resident.name}」的标签「${def.name}」`, before: { tag: tagCode, since: open.since }, after: { until },
    });
  });
}
