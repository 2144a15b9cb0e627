import crypto from 'node:crypto';
import { appendAudit } from '../../platform/audit/audit.ts';
import { scopePaths, pathInScope } from '../../platform/auth/actor.ts';
import { fail } from '../../platform/errors.ts';
import { maskIdNumber } from '../../platform/security/masking.ts';
import { RESIDENT_FIELD_LABELS } from '../grid/resident-rules.ts';
import { addressesOf } from '../residents/residents.repository.ts';
import type { RowError } from './check-rows.ts';
import type { Ctx } from './preview-import.ts';
import { findImport, finishImport, householdsOf, importPayload, nodesById, registeredIdNumbers, unpackGoodRows, type GoodRow, type ImportRow } from './registry-import.repository.ts';
import { presentImport, type ImportReport } from './registry-io.schema.ts';
import './registry-io.errors.ts';
import { insertHouseholds, insertResidentsWithEvents, WRITE_CHUNK, type NewHousehold, type ResidentInsert } from './registry-write.repository.ts';

/**
 * Step two: the good rows of a batch go into the registry in ONE transaction — missing households are
 * created, people are inserted up to 25,000 to a statement (columns as arrays) with a 'registered'
 * history event each, and one audit entry sums the import up. A row whose ID number was registered by someone else since the
 * preview is skipped and reported, not an error. A batch is committed once.
 */
export const COMMIT_CHUNK = WRITE_CHUNK;

export function guardPending(row: ImportRow, now: Date): void {
  if (row.status === 'committed') fail('IMPORT_ALREADY_COMMITTED');
  if (row.status === 'discarded') fail('IMPORT_DISCARDED');
  if (row.expires_at.getTime() <= now.getTime()) fail('IMPORT_EXPIRED');
}

export async function commitImport(ctx: Ctx, importId: string): Promise<ImportReport> {
  const { actor } = ctx;
  const districtId = actor.districtId;
  await ctx.db.transaction().execute(async (tx) => {
    const batch = await findImport(tx, districtId, importId, { forUpdate: true });
    if (!batch) return fail('NOT_FOUND');
    guardPending(batch, ctx.now);
    if (batch.good_count === 0) fail('IMPORT_NOTHING_TO_COMMIT');
    const rows = unpackGoodRows(await importPayload(tx, districtId, importId, 'good_rows'));
    const skipped: RowError[] = [];

    // Buildings removed since the preview (only an empty one can be) take their rows with them.
    const buildings = await nodesById(tx, districtId, [...new Set(rows.map((r) => r.buildingId))]);
    const placeable = rows.filter((r) => {
      if (buildings.has(r.buildingId)) return true;
      skipped.push({ row: r.row, field: 'building', label: '楼栋', message: '该楼栋在预览后已被删除' });
      return false;
    });

    // Households: the existing ones (some may have been added since the preview), then the missing ones.
    const households = await householdsOf(tx, districtId, [...buildings.keys()]);
    const created: NewHousehold[] = [];
    for (const r of placeable) {
      const key = `${r.buildingId}/${r.household}`;
      if (households.has(key)) continue;
      const id = crypto.randomUUID();
      const path = `${buildings.get(r.buildingId)?.path ?? ''}${id}/`;
      households.set(key, { id, path });
      created.push({ id, buildingId: r.buildingId, path, name: r.household });
    }
    await insertHouseholds(tx, { districtId, now: ctx.now, households: created });

    const today = ctx.now.toISOString().slice(0, 10);
    let imported = 0;
    const lost: GoodRow[] = [];
    for (let i = 0; i < placeable.length; i += COMMIT_CHUNK) {
      const chunk = placeable.slice(i, i + COMMIT_CHUNK);
      const inserts = chunk.map((r): ResidentInsert => {
        const home = households.get(`${r.buildingId}/${r.household}`) ?? { id: '', path: '' };
        return {
          id: crypto.randomUUID(), household_id: home.id, node_path: home.path, name: r.name, gender: r.gender, birth_date: r.birthDate, id_number: r.idNumber,
          phone: r.phone, relation: r.relation, registration: r.registration, registered_place: r.registeredPlace, moved_in_on: r.movedInOn, row_no: r.row,
        };
      });
      const left = await insertResidentsWithEvents(tx, { districtId, now: ctx.now, today, actorId: actor.id, actorName: actor.displayName, importId, rows: inserts });
      imported += chunk.length - left.size;
      for (const r of chunk) if (left.has(r.idNumber)) lost.push(r);
    }
    skipped.push(...(await describeDuplicates(ctx, tx, lost)));
    skipped.sort((a, b) => a.row - b.row);

    await finishImport(tx, districtId, importId, { status: 'committed', finished_at: ctx.now, finished_by: actor.id, imported_count: imported, skipped: JSON.stringify(skipped) });
    await appendAudit(tx, {
      districtId, actor, ip: ctx.ip, at: ctx.now, action: 'registry.import.commit', entityType: 'registry_import', entityId: importId, nodePath: batch.node_path,
      summary: `导入实有人口${batch.file_name ? `「${batch.file_name}」` : ''}：导入 ${imported} 人，新建 ${created.length} 户${skipped.length ? `，跳过 ${skipped.length} 行` : ''}（文件共 ${batch.total_count} 行，有误 ${batch.bad_count} 行未导入）`,
      after: { imported, newHouseholds: created.length, skipped: skipped.length, total: batch.total_count, bad: batch.bad_count },
    });
  });
  const row = await findImport(ctx.db, districtId, importId);
  if (!row) return fail('NOT_FOUND');
  return presentImport(row, ctx.now);
}

/** Rows left out by the uniqueness re-check, each naming the person registered meanwhile. */
async function describeDuplicates(ctx: Ctx, tx: Ctx['db'], lost: GoodRow[]): Promise<RowError[]> {
  if (lost.length === 0) return [];
  const existing = await registeredIdNumbers(tx, ctx.actor.districtId, lost.map((r) => r.idNumber));
  const addresses = await addressesOf(tx, ctx.actor.districtId, [...new Set([...existing.values()].map((p) => p.node_path))]);
  const readable = scopePaths(ctx.actor, 'resident.read');
  return lost.map((r) => {
    const person = existing.get(r.idNumber);
    const address = person ? (addresses.get(person.node_path) ?? '') : '';
    const where = person && pathInScope(readable, person.node_path) ? address : `${address.split(' ')[0] ?? ''}（不在您的管辖范围内）`;
    return { row: r.row, field: 'idNumber', label: RESIDENT_FIELD_LABELS.idNumber, message: `预览后该身份证号已被登记：${maskIdNumber(r.idNumber)}，${where}` };
  });
}
