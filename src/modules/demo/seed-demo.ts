import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { appendAudit, registerAuditActions } from '../../platform/audit/audit.ts';
import { STAFF_ROLES, type StaffRole } from '../../platform/auth/roles.ts';
import { hashPassword } from '../../platform/security/password.ts';
import { seedGridDemo } from './seed-grid-demo.ts';
import { seedBoardDemo } from './seed-board-demo.ts';
import { seedDecisionsDemo } from './seed-decisions-demo.ts';
import { seedDemandsDemo } from './seed-demands-demo.ts';
import { seedDisputesDemo } from './seed-disputes-demo.ts';
import { districtSkeleton, gridBatches, type DistrictShape, type GridBatch, type NodeRow } from './district-generator.ts';

/**
 * The demo district: one district, two streets, three communities, thirteen grids, 52 buildings,
 * 2,080 flats (about 1,950 occupied) and about 4,900 residents, with one demo account for every
 * staff role and four demo residents for the portal roles. Seeded once, in one transaction.
 */
export const DEMO_PASSWORD = 'Gongzhi@2026';

export const DEMO_SHAPE = {
  districtName: '东湖区（演示）',
  areaCode: '420102',
  streets: [
    { name: '百步亭街道', communities: [{ name: '百步亭花园社区', grids: 5 }, { name: '幸福里社区', grids: 4 }] },
    { name: '临江街道', communities: [{ name: '江滩社区', grids: 4 }] },
  ],
  buildingsPerGrid: 4,
  unitsPerBuilding: 2,
  floors: 10,
  flatsPerFloor: 2,
  seed: 20261122,
} as const;

export type DemoLogin = { role: string; label: string; login: string; scope: string; via: 'console' | 'portal' };

registerAuditActions({ 'demo.seed': { zh: '生成演示数据', en: 'Seed demo data' } });

/** Inserts rows in statements of `size` rows (PostgreSQL allows 65,535 parameters per statement). */
export async function insertInChunks<T extends object>(db: Db, table: 'org_node' | 'resident' | 'resident_role', rows: T[], size = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await db.insertInto(table).values(rows.slice(i, i + size) as never).execute();
  }
}

export async function hasAnyDistrict(db: Db): Promise<boolean> {
  return (await db.selectFrom('district').select('district_id').limit(1).executeTakeFirst()) !== undefined;
}

type DemoAccountPlan = { username: string; displayName: string; role: StaffRole; node: (s: Picked) => NodeRow };
type Picked = { root: NodeRow; street1: NodeRow; community1: NodeRow; community2: NodeRow; grid1: NodeRow; grid2c2: NodeRow; building1: NodeRow };

const DEMO_ACCOUNTS: DemoAccountPlan[] = [
  { username: 'admin', displayName: '区管理员 周建国', role: 'admin', node: (p) => p.root },
  { username: 'jiedao', displayName: '街道干部 陈志明', role: 'street_officer', node: (p) => p.street1 },
  { username: 'shuji', displayName: '社区书记 王秀英', role: 'secretary', node: (p) => p.community1 },
  { username: 'liangwei', displayName: '两委委员 李强', role: 'committee', node: (p) => p.community1 },
  { username: 'jiandu', displayName: '监委会主任 刘桂兰', role: 'supervisor', node: (p) => p.community1 },
  { username: 'wangge', displayName: '网格员 张丽', role: 'grid_worker', node: (p) => p.grid1 },
  { username: 'louzhang', displayName: '楼栋长 赵德明', role: 'building_leader', node: (p) => p.building1 },
  { username: 'chuangkou', displayName: '窗口人员 孙倩', role: 'service_staff', node: (p) => p.community1 },
  { username: 'tiaojie', displayName: '调解员 吴文斌', role: 'mediator', node: (p) => p.community1 },
  { username: 'admin2', displayName: '幸福里社区管理员 郑敏', role: 'admin', node: (p) => p.community2 },
  { username: 'wangge2', displayName: '幸福里网格员 何军', role: 'grid_worker', node: (p) => p.grid2c2 },
];

const DEMO_RESIDENT_PHONES: { phone: string; role: 'resident' | 'owner' | 'representative' | 'party_member' }[] = [
  { phone: '13800000001', role: 'resident' },
  { phone: '13800000002', role: 'owner' },
  { phone: '13800000003', role: 'representative' },
  { phone: '13800000004', role: 'party_member' },
];

export async function seedDemoDistrict(db: Db, input: { now: Date; districtId?: string }): Promise<DemoLogin[]> {
  const shape: DistrictShape = { ...DEMO_SHAPE, streets: DEMO_SHAPE.streets.map((s) => ({ name: s.name, communities: s.communities.map((c) => ({ ...c })) })), districtId: input.districtId ?? crypto.randomUUID(), today: input.now };
  const skeleton = districtSkeleton(shape);
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  return db.transaction().execute(async (tx) => {
    await tx.insertInto('district').values({ district_id: shape.districtId, name: shape.districtName, code: 'DEMO', created_at: input.now }).execute();
    await insertInChunks(tx, 'org_node', [skeleton.root, ...skeleton.streets, ...skeleton.communities]);
    const batches: GridBatch[] = [];
    let people = 0;
    for (const batch of gridBatches(shape, skeleton)) {
      await insertInChunks(tx, 'org_node', batch.nodes);
      await insertInChunks(tx, 'resident', batch.residents);
      await insertInChunks(tx, 'resident_role', batch.roles);
      people += batch.residents.length;
      batches.push({ nodes: batch.nodes.filter((n) => n.kind !== 'household').slice(0, 2), residents: batch.residents.slice(0, 8), roles: [] });
    }
    const [street1] = skeleton.streets;
    const [community1, community2] = skeleton.communities;
    const firstGrid = batches[0];
    const gridOfCommunity2 = batches[DEMO_SHAPE.streets[0].communities[0].grids];
    const grid1 = firstGrid?.nodes[0];
    const building1 = firstGrid?.nodes[1];
    const grid2c2 = gridOfCommunity2?.nodes[0];
    if (!street1 || !community1 || !community2 || !grid1 || !building1 || !grid2c2 || !firstGrid) throw new Error('demo district shape is too small');
    const picked: Picked = { root: skeleton.root, street1, community1, community2, grid1, grid2c2, building1 };

    const logins: DemoLogin[] = [];
    for (const [i, plan] of DEMO_ACCOUNTS.entries()) {
      const accountId = crypto.randomUUID();
      const target = plan.node(picked);
      await tx
        .insertInto('account')
        .values({ id: accountId, district_id: shape.districtId, username: plan.username, display_name: plan.displayName, password_hash: hashes[i] ?? '', locked_until: null, last_login_at: null, password_changed_at: input.now, created_at: input.now, updated_at: input.now })
        .execute();
      await tx.insertInto('role_binding').values({ district_id: shape.districtId, id: crypto.randomUUID(), account_id: accountId, role: plan.role, node_id: target.id, created_at: input.now }).execute();
      logins.push({ role: plan.role, label: STAFF_ROLES[plan.role].label, login: plan.username, scope: target.name, via: 'console' });
    }
    // Four residents of the first grid become the portal's demo residents, with fixed phone numbers.
    for (const [i, demo] of DEMO_RESIDENT_PHONES.entries()) {
      const resident = firstGrid.residents.filter((r) => r.birth_date <= '2006-01-01')[i];
      if (!resident) continue;
      await tx.updateTable('resident').set({ phone: demo.phone }).where('district_id', '=', shape.districtId).where('id', '=', resident.id).execute();
      if (demo.role !== 'resident') {
        await tx.deleteFrom('resident_role').where('district_id', '=', shape.districtId).where('resident_id', '=', resident.id).execute();
        await tx.insertInto('resident_role').values({ district_id: shape.districtId, resident_id: resident.id, role: demo.role }).execute();
      } else {
        await tx.deleteFrom('resident_role').where('district_id', '=', shape.districtId).where('resident_id', '=', resident.id).execute();
      }
      const labels = { resident: '居民', owner: '业主', representative: '居民代表', party_member: '党员' } as const;
      logins.push({ role: demo.role, label: labels[demo.role], login: `${demo.phone}（${resident.name}）`, scope: community1.name, via: 'portal' });
    }
    const accountIdOf = async (username: string) => (await tx.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    await seedGridDemo(tx, {
      districtId: shape.districtId,
      now: input.now,
      visitorIds: { building_leader: await accountIdOf('louzhang'), grid_worker: await accountIdOf('wangge'), committee: await accountIdOf('liangwei'), secretary: await accountIdOf('shuji') },
    });
    await seedBoardDemo(tx, { districtId: shape.districtId, now: input.now });
    await seedDecisionsDemo(tx, {
      districtId: shape.districtId,
      now: input.now,
      accounts: { secretary: await accountIdOf('shuji'), supervisor: await accountIdOf('jiandu'), otherCommunityStaff: await accountIdOf('admin2') },
    });
    await seedDemandsDemo(tx, { districtId: shape.districtId, now: input.now });
    await seedDisputesDemo(tx, { districtId: shape.districtId, now: input.now });
    await appendAudit(tx, {
      districtId: shape.districtId, actor: null, ip: null, at: input.now, action: 'demo.seed', entityType: 'district', entityId: shape.districtId,
      nodePath: skeleton.root.path, summary: `生成演示区「${shape.districtName}」：${skeleton.communities.length} 个社区，${people} 名居民，${DEMO_ACCOUNTS.length} 个演示账号`,
    });
    return logins;
  }).then(async (logins) => {
    // PGlite has no autovacuum: give the planner statistics after a bulk load (harmless on PostgreSQL).
    await sql`analyze`.execute(db);
    return logins;
  });
}

/** The demo sign-ins that exist in the database now (printed at every start of a demo install). */
export async function currentDemoLogins(db: Db): Promise<DemoLogin[]> {
  const district = await db.selectFrom('district').select('district_id').where('code', '=', 'DEMO').executeTakeFirst();
  if (!district) return [];
  const staff = await db
    .selectFrom('account as a')
    .innerJoin('role_binding as b', (j) => j.onRef('b.account_id', '=', 'a.id').onRef('b.district_id', '=', 'a.district_id'))
    .innerJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 'b.district_id').onRef('n.id', '=', 'b.node_id'))
    .select(['a.username', 'b.role', 'n.name'])
    .where('a.district_id', '=', district.district_id)
    .where('a.username', 'in', DEMO_ACCOUNTS.map((a) => a.username))
    .execute();
  const order = new Map(DEMO_ACCOUNTS.map((a, i) => [a.username, i]));
  staff.sort((a, b) => (order.get(a.username) ?? 0) - (order.get(b.username) ?? 0));
  const residents = await db
    .selectFrom('resident')
    .select(['name', 'phone'])
    .where('district_id', '=', district.district_id)
    .where('phone', 'in', DEMO_RESIDENT_PHONES.map((p) => p.phone))
    .orderBy('phone')
    .execute();
  const labels = { resident: '居民', owner: '业主', representative: '居民代表', party_member: '党员' } as const;
  return [
    ...staff.map((s) => ({ role: s.role, label: s.role in STAFF_ROLES ? STAFF_ROLES[s.role as StaffRole].label : s.role, login: s.username, scope: s.name, via: 'console' as const })),
    ...residents.map((r) => {
      const role = DEMO_RESIDENT_PHONES.find((p) => p.phone === r.phone)?.role ?? 'resident';
      return { role, label: labels[role], login: `${r.phone ?? ''}（${r.name}）`, scope: '', via: 'portal' as const };
    }),
  ];
}
