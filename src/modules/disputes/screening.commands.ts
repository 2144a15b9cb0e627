import crypto from 'node:crypto';
import { appendAudit } from '../../platform/audit/audit.ts';
import { chinaDate } from '../../platform/china-time.ts';
import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/errors.ts';
import type { DisputeCtx } from './dispute.commands.ts';
import { weekOf } from './rules/index.ts';

export type ScreeningInput = { gridId: string; week: string; disputes: number; zeroReport?: boolean | undefined; items?: { summary: string; disputeId?: string | undefined }[] | undefined; note?: string | undefined };

/**
 * A grid's weekly screening report (一周一排查). Nothing found is still a report, and must say so
 * (零报告). One report per grid and week: a later submit corrects it, keeping who first submitted and
 * when, and counting the revisions; the audit entry keeps what it said before.
 */
export async function submitScreeningReport(db: Db, ctx: DisputeCtx, input: ScreeningInput): Promise<string> {
  const districtId = ctx.actor.districtId;
  const grid = await db.selectFrom('org_node').select(['id', 'kind', 'path', 'name']).where('district_id', '=', districtId).where('id', '=', input.gridId).executeTakeFirst();
  if (!grid || grid.kind !== 'grid') return fail('DISPUTE_SCREENING_NOT_GRID', { field: 'gridId' });
  const week = weekOf(input.week).start;
  if (week > weekOf(chinaDate(ctx.now)).start) return fail('DISPUTE_SCREENING_FUTURE_WEEK', { field: 'week' });
  const zero = input.zeroReport === true;
  if ((input.disputes === 0) !== zero) return fail('DISPUTE_SCREENING_ZERO_MISMATCH', { field: 'zeroReport' });
  const items = (input.items ?? []).map((i) => ({ summary: i.summary, disputeId: i.disputeId ?? null }));
  return db.transaction().execute(async (tx) => {
    const earlier = await tx.selectFrom('dispute_screening_report').selectAll().where('district_id', '=', districtId).where('grid_id', '=', grid.id).where('week', '=', week).forUpdate().executeTakeFirst();
    const id = earlier?.id ?? crypto.randomUUID();
    const latest = { disputes: input.disputes, zero_report: zero, items: JSON.stringify(items), note: input.note?.trim() || null, submitted_by: ctx.actor.id, submitted_by_name: ctx.actor.displayName, submitted_at: ctx.now };
    if (earlier) {
      await tx.updateTable('dispute_screening_report').set({ ...latest, revision: earlier.revision + 1 }).where('district_id', '=', districtId).where('id', '=', id).execute();
    } else {
      await tx
        .insertInto('dispute_screening_report')
        .values({ district_id: districtId, id, grid_id: grid.id, node_path: grid.path, week, ...latest, first_submitted_by: ctx.actor.id, first_submitted_by_name: ctx.actor.displayName, first_submitted_at: ctx.now, revision: 1 })
        .execute();
    }
    await appendAudit(tx, {
      districtId,
      actor: ctx.actor,
      ip: ctx.ip,
      at: ctx.now,
      action: 'dispute.screening_report',
      entityType: 'dispute_screening_report',
      entityId: id,
      nodePath: grid.path,
      summary: `${grid.name} ${week} 周排查${earlier ? '（更正）' : ''}：${zero ? '零报告' : `发现纠纷 ${input.disputes} 件`}`,
      before: earlier ? { disputes: earlier.disputes, zeroReport: earlier.zero_report, note: earlier.note, submittedBy: earlier.submitted_by_name, submittedAt: new Date(earlier.submitted_at).toISOString() } : null,
      after: { week, disputes: input.disputes, zeroReport: zero, items: items.length },
    });
    return id;
  });
}
