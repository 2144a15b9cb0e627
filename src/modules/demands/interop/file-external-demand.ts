import type { StaffActor } from '../../../platform/auth/actor.ts';
import { appendAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/database.ts';
import { receiveDemand } from '../intake.commands.ts';
import { loadWorkingCalendar } from '../../calendar/index.ts';
import { hotlineDeadline, type DemandChannel } from '../rules/index.ts';
import type { KeyHolder } from './interop-keys.ts';
import './interop.errors.ts';

export type ExternalDemand = {
  source: '12345' | 'open311';
  /** The hotline's ticket number; null for an Open311 request (its id is the demand's id). */
  externalId: string | null;
  channel: DemandChannel;
  nodeId: string;
  category: string;
  title: string;
  description: string;
  point: { lng: number; lat: number } | null;
  contactName: string | null;
  contactPhone: string | null;
  limitWorkingDays: number | null;
  calledAt: Date | null;
  address?: string | null;
  mediaUrl?: string | null;
};
export type Filed = { outcome: 'created' | 'duplicate'; demandId: string };

class AlreadyLinked extends Error {}

/**
 * Files one outside ticket as a demand in one transaction: the demand (receiveDemand: demand + event +
 * audit), its link row, and — through a key — an audit entry naming the key and its last-used time.
 * A ticket number seen before answers 'duplicate' with the demand it became and changes nothing; two
 * concurrent imports of the same number meet at the link's primary key and one of them rolls back.
 */
export async function fileExternalDemand(db: Db, ctx: { actor: StaffActor; ip: string; now: Date; key: KeyHolder['key'] | null }, input: ExternalDemand): Promise<Filed> {
  const districtId = ctx.actor.districtId;
  const existing = async (): Promise<Filed | null> => {
    if (input.externalId === null) return null;
    const row = await db.selectFrom('demand_external_ref').select('demand_id').where('district_id', '=', districtId).where('source', '=', input.source).where('external_id', '=', input.externalId).executeTakeFirst();
    return row ? { outcome: 'duplicate', demandId: row.demand_id } : null;
  };
  const before = await existing();
  if (before) return before;
  try {
    return await db.transaction().execute(async (tx) => {
      const made = await receiveDemand(tx, { actor: ctx.actor, ip: ctx.ip, now: ctx.now }, {
        channel: input.channel, place: { nodeId: input.nodeId }, residentId: null, category: input.category, title: input.title,
        description: input.description, location: input.point ? { ...input.point, crs: 'wgs84' } : null, contactName: input.contactName, contactPhone: input.contactPhone,
      });
      const linked = await tx.insertInto('demand_external_ref').values({
        district_id: districtId, source: input.source, external_id: input.externalId ?? made.id, demand_id: made.id, key_id: ctx.key?.id ?? null,
        limit_working_days: input.limitWorkingDays, called_at: input.calledAt, address: input.address ?? null, media_url: input.mediaUrl ?? null, created_at: ctx.now,
      }).onConflict((oc) => oc.doNothing()).returning('demand_id').executeTakeFirst();
      if (!linked) throw new AlreadyLinked();
      if (input.limitWorkingDays !== null) {
        // The hotline's own limit: the demand's finish deadline is the earlier of ours and the hotline's.
        const hotlineBy = hotlineDeadline({ calledAt: input.calledAt ?? ctx.now, limitWorkingDays: input.limitWorkingDays }, await loadWorkingCalendar(tx, districtId));
        await tx.updateTable('demand').set({ finish_by: hotlineBy }).where('district_id', '=', districtId).where('id', '=', made.id)
          .where((eb) => eb.or([eb('finish_by', 'is', null), eb('finish_by', '>', hotlineBy)])).execute();
      }
      if (ctx.key) {
        await tx.updateTable('interop_key').set({ last_used_at: ctx.now }).where('district_id', '=', districtId).where('id', '=', ctx.key.id).execute();
        await appendAudit(tx, {
          districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'interop.request', entityType: 'demand', entityId: made.id, nodePath: made.nodePath,
          summary: `接口密钥「${ctx.key.name}」（${ctx.key.prefix}…）提交诉求${input.externalId ? `（12345 工单 ${input.externalId}）` : '（Open311）'}`,
          after: { keyId: ctx.key.id, keyName: ctx.key.name, source: input.source, externalId: input.externalId ?? made.id, category: input.category },
        });
      }
      return { outcome: 'created' as const, demandId: made.id };
    });
  } catch (error) {
    if (error instanceof AlreadyLinked) {
      const after = await existing();
      if (after) return after;
    }
    throw error;
  }
}
