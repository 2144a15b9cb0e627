import crypto from 'node:crypto';
import type { NodeKind, Registration, ResidentRoleName } from '../../platform/db/schema.ts';
import { birthDateFor, makeIdNumber, mobilePhone, personName, prng, surnameOf } from './demo-people.ts';

/**
 * Generates a district: streets → communities → grids → buildings → households → residents, one grid
 * at a time so that a district of half a million people never sits in memory at once. Deterministic
 * for a given seed. Used by the demo seed and by the benchmark.
 */
export type DistrictShape = {
  districtId: string;
  districtName: string;
  areaCode: string;
  streets: { name: string; communities: { name: string; grids: number }[] }[];
  buildingsPerGrid: number;
  unitsPerBuilding: number;
  floors: number;
  flatsPerFloor: number;
  seed: number;
  today: Date;
};

export type NodeRow = { district_id: string; id: string; parent_id: string | null; kind: NodeKind; name: string; code: string | null; path: string; sort_order: number };
export type PersonRow = {
  district_id: string; id: string; household_id: string; node_path: string; name: string; gender: 'male' | 'female';
  birth_date: string; id_number: string; phone: string | null; relation: string; registration: Registration;
};
export type PersonRoleRow = { district_id: string; resident_id: string; role: ResidentRoleName };
export type GridBatch = { nodes: NodeRow[]; residents: PersonRow[]; roles: PersonRoleRow[] };
export type Skeleton = { root: NodeRow; streets: NodeRow[]; communities: NodeRow[] };

function node(districtId: string, parent: NodeRow | null, kind: NodeKind, name: string, order: number, code: string | null = null, id: string = crypto.randomUUID()): NodeRow {
  return { district_id: districtId, id, parent_id: parent?.id ?? null, kind, name, code, path: `${parent?.path ?? '/'}${id}/`, sort_order: order };
}

export function districtSkeleton(shape: DistrictShape): Skeleton {
  const root = node(shape.districtId, null, 'district', shape.districtName, 0, shape.areaCode, shape.districtId);
  const streets: NodeRow[] = [];
  const communities: NodeRow[] = [];
  shape.streets.forEach((s, i) => {
    const street = node(shape.districtId, root, 'street', s.name, i, `${shape.areaCode}${String(i + 1).padStart(3, '0')}`);
    streets.push(street);
    s.communities.forEach((c, j) => communities.push(node(shape.districtId, street, 'community', c.name, j, `${street.code}${String(j + 1).padStart(3, '0')}`)));
  });
  return { root, streets, communities };
}

const GRID_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function gridName(i: number): string {
  return i < 10 ? `第${GRID_NUMERALS[i]}网格` : `第${i + 1}网格`;
}

/** The grids of every community, each with its buildings, households and residents. */
export function* gridBatches(shape: DistrictShape, skeleton: Skeleton): Generator<GridBatch> {
  const rand = prng(shape.seed);
  const serials = new Map<string, number>();
  let communityIndex = 0;
  for (const s of shape.streets) {
    for (const c of s.communities) {
      const community = skeleton.communities[communityIndex++];
      if (!community) throw new Error('skeleton does not match shape');
      for (let g = 0; g < c.grids; g++) {
        const batch: GridBatch = { nodes: [], residents: [], roles: [] };
        const grid = node(shape.districtId, community, 'grid', gridName(g), g, `${community.code}${String(g + 1).padStart(2, '0')}`);
        batch.nodes.push(grid);
        for (let b = 0; b < shape.buildingsPerGrid; b++) {
          const building = node(shape.districtId, grid, 'building', `${g * shape.buildingsPerGrid + b + 1}栋`, b);
          batch.nodes.push(building);
          let order = 0;
          for (let u = 1; u <= shape.unitsPerBuilding; u++) {
            for (let f = 1; f <= shape.floors; f++) {
              for (let r = 1; r <= shape.flatsPerFloor; r++) {
                const room = `${u}单元${f}${String(r).padStart(2, '0')}室`;
                const household = node(shape.districtId, building, 'household', room, order++);
                batch.nodes.push(household);
                if (rand() < 0.06) continue; // vacant flat
                householdMembers(shape, rand, household, serials, batch);
              }
            }
          }
        }
        yield batch;
      }
    }
  }
}

function householdMembers(shape: DistrictShape, rand: () => number, household: NodeRow, serials: Map<string, number>, batch: GridBatch): void {
  const surname = surnameOf(rand);
  const registration: Registration = rand() < 0.78 ? 'registered' : rand() < 0.6 ? 'floating' : 'separated';
  const size = 1 + Math.floor(rand() * 4); // 1–4 people
  const headAge = 25 + Math.floor(rand() * 60);
  const headGender = rand() < 0.55 ? 'male' : 'female';
  const members: { relation: string; age: number; gender: 'male' | 'female'; surname?: string }[] = [{ relation: '户主', age: headAge, gender: headGender, surname }];
  if (size >= 2) members.push({ relation: '配偶', age: Math.max(20, headAge + Math.floor(rand() * 7) - 3), gender: headGender === 'male' ? 'female' : 'male' });
  for (let k = members.length; k < size; k++) {
    const childAge = Math.max(0, headAge - 22 - Math.floor(rand() * 10));
    members.push({ relation: rand() < 0.5 ? '子' : '女', age: childAge, gender: rand() < 0.5 ? 'male' : 'female', surname });
  }
  for (const m of members) {
    if (m.relation === '子') m.gender = 'male';
    if (m.relation === '女') m.gender = 'female';
    const birth = birthDateFor(rand, m.age, shape.today);
    const serial = serials.get(birth) ?? 0;
    serials.set(birth, serial + 1);
    if (serial >= 500) continue; // the ID number space of that day is used up; skip rather than collide
    const id = crypto.randomUUID();
    batch.residents.push({
      district_id: shape.districtId,
      id,
      household_id: household.id,
      node_path: household.path,
      name: personName(rand, m.gender, m.surname),
      gender: m.gender,
      birth_date: birth,
      id_number: makeIdNumber(shape.areaCode, birth, m.gender, serial),
      phone: m.age >= 16 ? mobilePhone(rand) : null,
      relation: m.relation,
      registration,
    });
    if (m.relation === '户主' && rand() < 0.7) batch.roles.push({ district_id: shape.districtId, resident_id: id, role: 'owner' });
    if (m.age >= 18 && rand() < 0.08) batch.roles.push({ district_id: shape.districtId, resident_id: id, role: 'party_member' });
    if (m.relation === '户主' && rand() < 0.03) batch.roles.push({ district_id: shape.districtId, resident_id: id, role: 'representative' });
  }
}
