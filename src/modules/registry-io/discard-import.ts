import { appendAudit } from '../../platform/audit/audit.ts';
import { fail } from '../../platform/errors.ts';
import type { Ctx } from './preview-import.ts';
import { findImport, finishImport } from './registry-import.repository.ts';
import { presentImport, type ImportReport } from './registry-io.schema.ts';
import './registry-io.errors.ts';

/** The worker drops a batch: its rows are erased at once. Discarding twice is harmless; a committed batch stays committed. */
export async function discardImport(ctx: Ctx, importId: string): Promise<ImportReport> {
  const districtId = ctx.actor.districtId;
  await ctx.db.transaction().execute(async (tx) => {
    const batch = await findImport(tx, districtId, importId, { forUpdate: true });
    if (!batch) return fail('NOT_FOUND');
    if (batch.status === 'committed') fail('IMPORT_ALREADY_COMMITTED');
    if (batch.status === 'discarded') return;
    await finishImport(tx, districtId, importId, { status: 'discarded', finished_at: ctx.now, finished_by: ctx.actor.id, clearBad: true });
    await appendAudit(tx, {
      districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'registry.import.discard', entityType: 'registry_import', entityId: importId, nodePath: batch.node_path,
      summary: `放弃实有人口导入${batch.file_name ? `「${batch.file_name}」` : ''}（共 ${batch.total_count} 行，可导入 ${batch.good_count} 行）`,
    });
  });
  const row = await findImport(ctx.db, districtId, importId);
  if (!row) return fail('NOT_FOUND');
  return presentImport(row, ctx.now);
}
