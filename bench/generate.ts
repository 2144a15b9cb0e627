import crypto from 'node:crypto';
import type { Db } from '../src/platform/db/database.ts';
import { districtSkeleton, gridBatches, type DistrictShape, type GridBatch, type Skeleton } from '../src/modules/demo/district-generator.ts';
import { insertInChunks } from '../src/modules/demo/seed-demo.ts';
import { prng } from '../src/modules/demo/demo-people.ts';
import { maskSensitive } from '../src/platform/security/masking.ts';
import { now } from './stats.ts';

/**
 * Fills the database with the benchmark district the way a bulk import would: the skeleton first, then
 * one transaction per grid (its buildings, households, residents and portal roles) in 1,000-row
 * INSERTs through the app's `insertInChunks`. Keeps a few sample rows of every grid for the queries,
 * never the whole district. Synthetic audit entries (one per ten residents) are written after each
 * grid and timed apart, so that the audit log query has something to page through.
 */
export type GridSample = {
  gridId: string;
  gridPath: string;
  communityId: string;
  communityPath: string;
  streetId: string;
  streetPath: string;
  buildingId: string | null;
  household: { id: string; path: string } | null;
  name3: string | null;
  phoneTail: string | null;
  idNumber: string | null;
  residentId: string | null;
};

export type GenerationResult = {
  residents: number;
  nodes: number;
  roles: number;
  rows: number;
  seconds: number;
  /** Time spent inside the generator itself (JavaScript), part of `seconds`. */
  generatorSeconds: number;
  rowsPerSecond: number;
  residentsPerSecond: number;
  audit: { rows: number; seconds: number; rowsPerSecond: number };
  samples: GridSample[];
};

export const AUDIT_EVERY = 10;

type AuditInsert = {
  district_id: string; id: string; at: Date; actor_kind: 'staff'; actor_id: string; actor_name: string; action: string;
  entity_type: string; entity_id: string; node_path: string; summary: string; before: string; after: string; ip: string;
};

function auditRowsFor(batch: GridBatch, districtId: string, rand: () => number, today: Date): AuditInsert[] {
  const out: AuditInsert[] = [];
  const actorId = crypto.randomUUID();
  for (let i = 0; i < batch.residents.length; i += AUDIT_EVERY) {
    const r = batch.residents[i];
    if (!r) continue;
    out.push({
      district_id: districtId,
      id: crypto.randomUUID(),
      at: new Date(today.getTime() - Math.floor(rand() * 365 * 86_400_000)),
      actor_kind: 'staff',
      actor_id: actorId,
      actor_name: '网格员 张丽（wangge）',
      action: 'resident.update',
      entity_type: 'resident',
      entity_id: r.id,
      node_path: r.node_path,
      summary: `修改居民「${r.name}」的联系电话`,
      before: JSON.stringify(maskSensitive({ phone: r.phone ?? '13900000000' })),
      after: JSON.stringify(maskSensitive({ phone: '13912345678' })),
      ip: '10.0.0.8',
    });
  }
  return out;
}

async function insertAudit(db: Db, rows: AuditInsert[], size = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await db.insertInto('audit_log').values(rows.slice(i, i + size)).execute();
}

function sampleOf(batch: GridBatch, skeleton: Skeleton): GridSample {
  const grid = batch.nodes[0];
  if (!grid || grid.kind !== 'grid' || !grid.parent_id) throw new Error('a grid batch must start with its grid');
  const community = skeleton.communities.find((c) => c.id === grid.parent_id);
  const street = skeleton.streets.find((s) => s.id === community?.parent_id);
  if (!community || !street) throw new Error('grid outside the skeleton');
  const building = batch.nodes.find((n) => n.kind === 'building');
  const household = batch.nodes.find((n) => n.kind === 'household');
  const mid = batch.residents[Math.floor(batch.residents.length / 2)];
  const named = batch.residents.find((r) => [...r.name].length === 3);
  const phoned = batch.residents.find((r, i) => i > batch.residents.length / 3 && r.phone !== null);
  return {
    gridId: grid.id,
    gridPath: grid.path,
    communityId: community.id,
    communityPath: community.path,
    streetId: street.id,
    streetPath: street.path,
    buildingId: building?.id ?? null,
    household: household ? { id: household.id, path: household.path } : null,
    name3: named?.name ?? null,
    phoneTail: phoned?.phone?.slice(-4) ?? null,
    idNumber: mid?.id_number ?? null,
    residentId: mid?.id ?? null,
  };
}

export async function generateDistrict(db: Db, shape: DistrictShape, gridCount: number, log: (line: string) => void): Promise<{ skeleton: Skeleton; result: GenerationResult }> {
  const t0 = now();
  let generatorMs = 0;
  let auditMs = 0;
  let auditRows = 0;
  const skeleton = districtSkeleton(shape);
  await db.insertInto('district').values({ district_id: shape.districtId, name: shape.districtName, code: 'BENCH', created_at: shape.today }).execute();
  await insertInChunks(db, 'org_node', [skeleton.root, ...skeleton.streets, ...skeleton.communities]);
  let nodes = 1 + skeleton.streets.length + skeleton.communities.length;
  let residents = 0;
  let roles = 0;
  let grids = 0;
  const samples: GridSample[] = [];
  const auditRand = prng(shape.seed ^ 0x5a5a);
  const batches = gridBatches(shape, skeleton);
  let nextReport = 0.1;
  for (;;) {
    const g0 = now();
    const next = batches.next();
    generatorMs += now() - g0;
    if (next.done) break;
    const batch = next.value;
    await db.transaction().execute(async (tx) => {
      await insertInChunks(tx, 'org_node', batch.nodes);
      await insertInChunks(tx, 'resident', batch.residents);
      await insertInChunks(tx, 'resident_role', batch.roles);
    });
    nodes += batch.nodes.length;
    residents += batch.residents.length;
    roles += batch.roles.length;
    samples.push(sampleOf(batch, skeleton));

    const a0 = now();
    const audit = auditRowsFor(batch, shape.districtId, auditRand, shape.today);
    await insertAudit(db, audit);
    auditRows += audit.length;
    auditMs += now() - a0;

    grids++;
    if (grids / gridCount >= nextReport || grids === gridCount) {
      const secs = (now() - t0 - auditMs) / 1000;
      log(`  生成 generating: ${grids}/${gridCount} grids, ${residents.toLocaleString('en-US')} residents, ${secs.toFixed(1)} s (${Math.round((nodes + residents + roles) / secs).toLocaleString('en-US')} rows/s)`);
      while (grids / gridCount >= nextReport) nextReport += 0.1;
    }
  }
  const seconds = (now() - t0 - auditMs) / 1000;
  const rows = nodes + residents + roles;
  return {
    skeleton,
    result: {
      residents,
      nodes,
      roles,
      rows,
      seconds,
      generatorSeconds: generatorMs / 1000,
      rowsPerSecond: rows / seconds,
      residentsPerSecond: residents / seconds,
      audit: { rows: auditRows, seconds: auditMs / 1000, rowsPerSecond: auditRows / (auditMs / 1000) },
      samples,
    },
  };
}
