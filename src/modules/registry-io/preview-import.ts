import crypto from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { pathInScope, scopePaths, type StaffActor } from '../../platform/auth/actor.ts';
import { fail } from '../../platform/errors.ts';
import { maskIdNumber } from '../../platform/security/masking.ts';
import { RESIDENT_FIELD_LABELS } from '../grid/resident-rules.ts';
import { findNode } from '../org/org.repository.ts';
import { addressesOf } from '../residents/residents.repository.ts';
import { checkRows, rowErrors, type CheckedRow } from './check-rows.ts';
import { readRegistrySheet, type SheetRow } from './read-registry-sheet.ts';
import { ADDRESS_LABELS } from './registry-columns.ts';
import { findImport, householdsOf, insertImport, nodesForAddresses, packGoodRows, purgeExpiredImports, registeredIdNumbers, type BadRow, type GoodRow } from './registry-import.repository.ts';
import { presentImport, type ImportReport } from './registry-io.schema.ts';

/**
 * Step one of an import: read the file, check every row (rules, addresses in the caller's scope,
 * duplicates in the file and in the district) and keep the batch for the worker to commit or discard.
 * Writes nothing to the registry.
 */
export type Ctx = { db: Db; actor: StaffActor; ip: string; now: Date };
export const IMPORT_TTL_MS = 24 * 3600_000;

export async function previewImport(ctx: Ctx, input: { body: Buffer; nodeId?: string; fileName?: string }): Promise<ImportReport> {
  const { actor } = ctx;
  const target = await targetNode(ctx, input.nodeId);
  const sheet = await readRegistrySheet(input.body);
  const checked = checkRows(sheet.rows, { today: ctx.now, defaultCommunity: target.kind === 'community' ? target.name : null });
  const buildingOf = await resolveAddresses(ctx, checked, target);
  const households = await householdsOf(ctx.db, actor.districtId, [...new Set([...buildingOf.values()].map((b) => b.id))]);
  await markRegistered(ctx, sheet.rows, checked);

  const good: GoodRow[] = [];
  const bad: BadRow[] = [];
  const newHouseholds = new Set<string>();
  checked.forEach((c, i) => {
    const building = buildingOf.get(c.row);
    if (c.problems.length === 0 && c.person && c.address && building) {
      good.push({ row: c.row, buildingId: building.id, household: c.address.household, ...c.person });
      const key = `${building.id}/${c.address.household}`;
      if (!households.has(key)) newHouseholds.add(key);
    } else {
      bad.push({ row: c.row, cells: { ...(sheet.rows[i]?.cells ?? {}) }, reason: c.problems.map((p) => `${p.label}：${p.message}`).join('；') });
    }
  });
  const id = crypto.randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    await purgeExpiredImports(tx, actor.districtId, ctx.now);
    await insertImport(tx, {
      district_id: actor.districtId, id, node_id: target.id, node_path: target.path, file_name: input.fileName ?? null,
      created_by: actor.id, created_by_name: actor.displayName, created_at: ctx.now, expires_at: new Date(ctx.now.getTime() + IMPORT_TTL_MS),
      status: 'pending', total_count: checked.length, good_count: good.length, bad_count: bad.length, new_households: newHouseholds.size,
      errors: JSON.stringify(rowErrors(checked)), good_rows: packGoodRows(good), bad_rows: JSON.stringify(bad),
      finished_at: null, finished_by: null, imported_count: null, skipped: null,
    });
    await appendAudit(tx, {
      districtId: actor.districtId, actor, ip: ctx.ip, at: ctx.now, action: 'registry.import.upload', entityType: 'registry_import', entityId: id, nodePath: target.path,
      summary: `上传实有人口导入文件${input.fileName ? `「${input.fileName}」` : ''}（${target.name}）：共 ${checked.length} 行，可导入 ${good.length} 行，有误 ${bad.length} 行`,
      after: { total: checked.length, good: good.length, bad: bad.length, newHouseholds: newHouseholds.size },
    });
  });
  const row = await findImport(ctx.db, actor.districtId, id);
  if (!row) return fail('NOT_FOUND');
  return presentImport(row, ctx.now);
}

/** The node the batch is for: the one named (already scope-checked by the route), else the caller's only scope. */
async function targetNode(ctx: Ctx, nodeId: string | undefined) {
  const scope = scopePaths(ctx.actor, 'registry.import');
  const id = nodeId ?? (scope.length === 1 ? ctx.actor.bindings.find((b) => b.nodePath === scope[0])?.nodeId : undefined);
  if (!id) return fail(scope.length === 0 ? 'FORBIDDEN' : 'IMPORT_NODE_REQUIRED');
  const node = await findNode(ctx.db, ctx.actor.districtId, id);
  if (!node) return fail('NOT_FOUND');
  return node;
}

/** Names → building nodes: three queries for the whole file; every row gets a reason when its address does not resolve. */
async function resolveAddresses(ctx: Ctx, checked: CheckedRow[], target: { path: string; name: string }): Promise<Map<number, { id: string; path: string }>> {
  const withAddress = checked.filter((c) => c.address !== null);
  const { communities, grids, buildings } = await nodesForAddresses(ctx.db, ctx.actor.districtId, withAddress.map((c) => c.address ?? { community: '', grid: '', building: '' }));
  const scope = scopePaths(ctx.actor, 'registry.import');
  const out = new Map<number, { id: string; path: string }>();
  const memo = new Map<string, { id: string; path: string } | { field: keyof typeof ADDRESS_LABELS; message: string }>();
  const resolve = (a: { community: string; grid: string; building: string }) => {
    const cs = communities.filter((n) => n.name === a.community);
    const gs = grids.filter((n) => n.name === a.grid && cs.some((p) => p.id === n.parent_id));
    const bs = buildings.filter((n) => n.name === a.building && gs.some((p) => p.id === n.parent_id));
    if (cs.length === 0) return { field: 'community' as const, message: `系统中没有名为「${a.community}」的社区` };
    if (gs.length === 0) return { field: 'grid' as const, message: `「${a.community}」下没有名为「${a.grid}」的网格` };
    if (bs.length === 0) return { field: 'building' as const, message: `「${a.community} ${a.grid}」下没有名为「${a.building}」的楼栋` };
    const inScope = bs.filter((b) => pathInScope(scope, b.path));
    const inTarget = inScope.filter((b) => b.path.startsWith(target.path));
    const place = `「${a.community} ${a.grid} ${a.building}」`;
    if (inScope.length === 0) return { field: 'building' as const, message: `${place}不在您的管辖范围内` };
    if (inTarget.length === 0) return { field: 'building' as const, message: `${place}不属于本次导入的「${target.name}」` };
    const [only] = inTarget;
    if (inTarget.length > 1 || !only) return { field: 'building' as const, message: `系统中有 ${inTarget.length} 个${place}，无法确定是哪一个，请联系管理员区分名称` };
    return { id: only.id, path: only.path };
  };
  for (const c of withAddress) {
    const a = c.address;
    if (!a) continue;
    const key = `${a.community}\u0000${a.grid}\u0000${a.building}`;
    let found = memo.get(key);
    if (!found) {
      found = resolve(a);
      memo.set(key, found);
    }
    if ('id' in found) out.set(c.row, found);
    else {
      c.problems.push({ field: found.field, label: ADDRESS_LABELS[found.field], message: found.message });
      c.person = null;
    }
  }
  return out;
}

const STATUS_NOTE = { present: '', moved_out: '（已迁出）', deceased: '（已故）' } as const;

/** Same ID number already in the district: refused, naming the person (masked) and where they live. */
async function markRegistered(ctx: Ctx, rows: SheetRow[], checked: CheckedRow[]): Promise<void> {
  const ids = [...new Set(rows.filter((r) => !r.idWasNumber && r.cells.idNumber).map((r) => (r.cells.idNumber ?? '').toUpperCase()))];
  const existing = await registeredIdNumbers(ctx.db, ctx.actor.districtId, ids);
  if (existing.size === 0) return;
  const readable = scopePaths(ctx.actor, 'resident.read');
  const addresses = await addressesOf(ctx.db, ctx.actor.districtId, [...new Set([...existing.values()].map((p) => p.node_path))]);
  rows.forEach((r, i) => {
    const person = existing.get((r.cells.idNumber ?? '').toUpperCase());
    const c = checked[i];
    if (!person || !c) return;
    const address = addresses.get(person.node_path) ?? '';
    const where = pathInScope(readable, person.node_path) ? address : `${address.split(' ')[0] ?? ''}（不在您的管辖范围内）`;
    c.problems.push({ field: 'idNumber', label: RESIDENT_FIELD_LABELS.idNumber, message: `该身份证号已登记：${maskIdNumber(person.id_number)}，${where}${STATUS_NOTE[person.status]}` });
    c.person = null;
  });
}
