import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../src/platform/db/database.ts';
import { listResidents, findResident } from '../src/modules/residents/residents.repository.ts';
import { childrenOf } from '../src/modules/org/org.repository.ts';
import { searchAudit } from '../src/modules/audit/audit.repository.ts';
import type { Skeleton } from '../src/modules/demo/district-generator.ts';
import type { GridSample } from './generate.ts';

/**
 * The core queries, as the app sends them: repository functions where the app has them, otherwise the
 * same Kysely code as the route (audit page) or as a figures module would write it (counts by
 * community). Each run `i` takes the i-th sample (round robin over grids, communities and streets),
 * so the runs do not all hit the same rows.
 */
export type QuerySpec = {
  key: string;
  zh: string;
  en: string;
  /** Where the SQL comes from, for the report. */
  source: string;
  run(i: number): Promise<unknown>;
};

function at<T>(list: readonly T[], i: number): T {
  const item = list[i % list.length];
  if (item === undefined) throw new Error('empty sample list');
  return item;
}

function need<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`no sample for ${what}`);
  return value;
}

export function coreQueries(db: Db, districtId: string, skeleton: Skeleton, samples: GridSample[]): QuerySpec[] {
  const named = samples.filter((s) => s.name3 !== null);
  const tails = samples.filter((s) => s.phoneTail !== null);
  const withIds = samples.filter((s) => s.idNumber !== null && s.residentId !== null);
  // One sample per community (its first grid), so that community queries rotate over communities.
  const perCommunity = [...new Map(named.map((s) => [s.communityId, s])).values()];
  const streets = skeleton.streets;
  const communities = skeleton.communities;
  const rootPath = skeleton.root.path;
  return [
    {
      key: 'grid_list',
      zh: '网格员居民名单首页（20条+总数）',
      en: 'grid worker: resident list page 1, 20 rows + total',
      source: 'listResidents(scope=[grid path])',
      run: (i) => listResidents(db, { districtId, scope: [at(samples, i).gridPath], underPath: null, limit: 20, offset: 0 }),
    },
    {
      key: 'district_list',
      zh: '区管理员居民名单首页（全区总数）',
      en: 'district admin: resident list page 1, 20 rows + total of whole district',
      source: 'listResidents(scope=[district path])',
      run: () => listResidents(db, { districtId, scope: [rootPath], underPath: null, limit: 20, offset: 0 }),
    },
    {
      key: 'community_q2',
      zh: '社区名单按姓名搜索（2字）',
      en: 'community list page, name search, 2 characters',
      source: 'listResidents(scope=[community path], q)',
      run: (i) => {
        const s = at(perCommunity, i);
        return listResidents(db, { districtId, scope: [s.communityPath], underPath: null, q: [...need(s.name3, 'name')].slice(0, 2).join(''), limit: 20, offset: 0 });
      },
    },
    {
      key: 'community_q3',
      zh: '社区名单按姓名搜索（3字）',
      en: 'community list page, name search, 3 characters',
      source: 'listResidents(scope=[community path], q)',
      run: (i) => {
        const s = at(perCommunity, i);
        return listResidents(db, { districtId, scope: [s.communityPath], underPath: null, q: need(s.name3, 'name'), limit: 20, offset: 0 });
      },
    },
    {
      key: 'community_tail4',
      zh: '社区名单按手机/证件尾号搜索（4位）',
      en: 'community list page, last 4 digits of phone / ID number',
      source: 'listResidents(scope=[community path], q=dddd)',
      run: (i) => {
        const s = at(tails, i);
        return listResidents(db, { districtId, scope: [s.communityPath], underPath: null, q: need(s.phoneTail, 'phone'), limit: 20, offset: 0 });
      },
    },
    {
      key: 'id_number_lookup',
      zh: '按身份证号查找居民',
      en: 'resident by full ID number',
      source: 'resident where (district_id, id_number) = … (unique index; no repository function yet)',
      run: (i) =>
        db.selectFrom('resident').selectAll().where('district_id', '=', districtId).where('id_number', '=', need(at(withIds, i).idNumber, 'id number')).executeTakeFirstOrThrow(),
    },
    {
      key: 'find_by_id',
      zh: '按主键查居民',
      en: 'resident by primary key',
      source: 'findResident',
      run: (i) => findResident(db, districtId, need(at(withIds, i).residentId, 'resident id')),
    },
    {
      key: 'children_community',
      zh: '社区下级网格及人数',
      en: 'children of a community (grids) with counts',
      source: 'childrenOf(community)',
      run: (i) => childrenOf(db, districtId, at(communities, i).id),
    },
    {
      key: 'children_building',
      zh: '楼栋下级住户及人数',
      en: 'children of a building (30 flats) with counts',
      source: 'childrenOf(building)',
      run: (i) => childrenOf(db, districtId, need(at(samples, i).buildingId, 'building')),
    },
    {
      key: 'children_street',
      zh: '街道下级社区及人数',
      en: 'children of a street (communities) with counts',
      source: 'childrenOf(street)',
      run: (i) => childrenOf(db, districtId, at(streets, i).id),
    },
    {
      key: 'street_by_community_prefix',
      zh: '街道各社区人数（路径前缀分组）',
      en: 'street: residents per community, GROUP BY path prefix',
      source: "resident where node_path like '<street>%' group by split_part(node_path, '/', 4)",
      run: (i) => {
        const street = at(streets, i);
        return db
          .selectFrom('resident')
          .select([sql<string>`split_part(node_path, '/', 4)`.as('community_id'), sql<number>`count(*)::int`.as('residents')])
          .where('district_id', '=', districtId)
          .where('node_path', 'like', `${street.path}%`)
          .groupBy(sql`split_part(node_path, '/', 4)`)
          .execute();
      },
    },
    {
      key: 'street_by_community_join',
      zh: '街道各社区人数（连接+路径范围）',
      en: 'street: residents per community, join on a path range',
      source: "org_node c left join resident r on r.node_path ~>=~ c.path and r.node_path ~<~ c.path || '~' group by c",
      run: (i) => {
        const street = at(streets, i);
        return sql<{ id: string; name: string; residents: number }>`
          select c.id, c.name, count(r.id)::int as residents
          from org_node c
          left join resident r on r.district_id = c.district_id and r.node_path ~>=~ c.path and r.node_path ~<~ (c.path || '~')
          where c.district_id = ${districtId} and c.parent_id = ${street.id}
          group by c.id, c.name, c.sort_order
          order by c.sort_order, c.name`.execute(db);
      },
    },
    {
      key: 'audit_page',
      zh: '审计日志首页（社区范围，50条+总数）',
      en: 'audit log page 1 in a community scope, 50 rows + total',
      source: 'searchAudit (audit.repository.ts, as GET /api/audit)',
      run: (i) => searchAudit(db, { districtId, scope: [at(communities, i).path], limit: 50, offset: 0 }),
    },
  ];
}

/** One resident per statement through Kysely into the fully indexed `resident` table, as a form save would. */
export async function appSingleInsert(db: Db, districtId: string, samples: GridSample[], i: number): Promise<void> {
  const s = at(samples, i);
  const household = need(s.household, 'household');
  await db
    .insertInto('resident')
    .values({
      district_id: districtId,
      id: crypto.randomUUID(),
      household_id: household.id,
      node_path: household.path,
      name: '新居民',
      gender: i % 2 ? 'male' : 'female',
      birth_date: '1990-01-01',
      id_number: `B${String(i).padStart(17, '0')}`,
      phone: '13912345678',
      relation: '户主',
      registration: 'registered',
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
}
