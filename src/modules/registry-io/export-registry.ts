import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { appendAudit } from '../../platform/audit/audit.ts';
import { pathInScope, scopePaths } from '../../platform/auth/actor.ts';
import type { NodeKind } from '../../platform/db/schema.ts';
import { fail } from '../../platform/errors.ts';
import { maskIdNumber, maskPhone } from '../../platform/security/masking.ts';
import { findNode } from '../org/org.repository.ts';
import type { Ctx } from './preview-import.ts';
import { REGISTRATION_LABEL, TEMPLATE_COLUMNS } from './registry-columns.ts';
import { countPresent, exportUnits, namesOf, presentUnder, type ExportPerson } from './registry-export.repository.ts';
import { DATA_SHEET } from './registry-workbooks.ts';

/**
 * Export of the present residents of a node (default: the caller's whole scope) in the template's
 * columns, so an export can be edited and imported elsewhere. ID numbers and phones are masked unless
 * the caller holds resident.sensitive.read over everything exported and asks for them; every export
 * is audited before the first byte leaves, the unmasked kind under its own action.
 */
export type PreparedExport = { fileName: string; rows: number; write(sink: Writable): Promise<void> };

export async function prepareExport(ctx: Ctx, input: { nodeId?: string; unmasked: boolean }): Promise<PreparedExport> {
  const { actor } = ctx;
  const node = input.nodeId ? await findNode(ctx.db, actor.districtId, input.nodeId) : null;
  if (input.nodeId && !node) return fail('NOT_FOUND');
  const paths = node ? [node.path] : scopePaths(actor, 'resident.read');
  const label = node?.name ?? (actor.bindings.find((b) => paths.includes(b.nodePath))?.nodeName ?? '管辖范围');
  if (input.unmasked) {
    const sensitive = scopePaths(actor, 'resident.sensitive.read');
    if (sensitive.length === 0 || !paths.every((p) => pathInScope(sensitive, p))) {
      fail('FORBIDDEN', { permission: 'resident.sensitive.read' }, '导出完整身份证号和手机号需要「查看完整身份证号和手机号」权限，且导出范围须在该权限的管辖范围内');
    }
  }
  const rows = await countPresent(ctx.db, actor.districtId, paths);
  await ctx.db.transaction().execute(async (tx) => {
    await appendAudit(tx, {
      districtId: actor.districtId, actor, ip: ctx.ip, at: ctx.now,
      action: input.unmasked ? 'registry.export.unmasked' : 'registry.export',
      entityType: 'org_node', entityId: node?.id ?? null, nodePath: paths[0] ?? null,
      summary: `导出实有人口「${label}」${rows} 人（${input.unmasked ? '含完整身份证号和手机号' : '身份证号和手机号已脱敏'}）`,
      after: { rows, unmasked: input.unmasked, paths: paths.length },
    });
  });
  const day = ctx.now.toISOString().slice(0, 10).replaceAll('-', '');
  return {
    fileName: `实有人口_${label}_${day}${input.unmasked ? '_含敏感信息' : ''}.xlsx`,
    rows,
    write: (sink) => writeRows(ctx, { paths, unmasked: input.unmasked, sink }),
  };
}

async function writeRows(ctx: Ctx, input: { paths: string[]; unmasked: boolean; sink: Writable }): Promise<void> {
  const districtId = ctx.actor.districtId;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: input.sink, useStyles: true, useSharedStrings: false });
  workbook.creator = '共治 Gongzhi';
  const sheet = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TEMPLATE_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const names = new Map<string, { name: string; kind: NodeKind }>();
  for (const unit of await exportUnits(ctx.db, districtId, input.paths)) {
    const people = await presentUnder(ctx.db, districtId, unit);
    const unknown = new Set<string>();
    for (const p of people) for (const id of p.node_path.split('/').slice(1, -2)) if (!names.has(id)) unknown.add(id);
    for (const n of await namesOf(ctx.db, districtId, [...unknown])) names.set(n.id, n);
    for (const p of people) sheet.addRow(cellsOf(p, names, input.unmasked)).commit();
  }
  sheet.commit();
  await workbook.commit();
}

function cellsOf(p: ExportPerson, names: Map<string, { name: string; kind: NodeKind }>, unmasked: boolean): string[] {
  const at: Partial<Record<NodeKind, string>> = {};
  for (const id of p.node_path.split('/')) {
    const n = names.get(id);
    if (n) at[n.kind] = n.name;
  }
  return [
    at.community ?? '', at.grid ?? '', at.building ?? '', p.household_name, p.name,
    unmasked ? p.id_number : maskIdNumber(p.id_number), (unmasked ? p.phone : maskPhone(p.phone)) ?? '',
    p.relation, REGISTRATION_LABEL[p.registration], p.registered_place ?? '', p.moved_in_on ?? '',
  ];
}
