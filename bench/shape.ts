import type { DistrictShape } from '../src/modules/demo/district-generator.ts';

/**
 * The benchmark district. Every grid has the same size — 6 buildings × 3 units × 15 floors × 2 flats =
 * 540 flats — and the number of grids follows the requested number of residents. The generator leaves
 * about 6 % of flats empty and puts 1–4 people (2.5 on average) in the others, so a grid holds about
 * 540 × 0.94 × 2.5 ≈ 1,269 residents. Grids go 8 (or 9) to a community, communities 6 (or 7) to a
 * street: the default 500,000 residents give 8 streets × 49 communities × 394 grids × 212,760 flats.
 */
export const DEFAULT_RESIDENTS = 500_000;

const BUILDINGS_PER_GRID = 6;
const UNITS_PER_BUILDING = 3;
const FLOORS = 15;
const FLATS_PER_FLOOR = 2;
const FLATS_PER_GRID = BUILDINGS_PER_GRID * UNITS_PER_BUILDING * FLOORS * FLATS_PER_FLOOR;
export const EXPECTED_RESIDENTS_PER_GRID = FLATS_PER_GRID * 0.94 * 2.5;

const STREET_NAMES = ['后湖', '塔子湖', '二七', '新村', '丹水池', '台北', '花桥', '永清', '车站', '四唯', '一元', '大智', '三阳', '劳动', '球场', '黄浦'];
const COMMUNITY_NAMES = ['幸福里', '江滩', '锦绣', '和平', '民主', '新华', '光明', '友谊', '建设', '朝阳', '育才', '长青', '同心', '兴旺'];

/** Splits `total` into `parts` counts that differ by at most one (larger ones first). */
function spread(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const extra = total % parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

export type BenchShape = { shape: DistrictShape; grids: number; communities: number; streets: number; flats: number; expectedResidents: number };

export function benchShape(targetResidents: number, input: { districtId: string; seed: number; today: Date }): BenchShape {
  const grids = Math.max(1, Math.round(targetResidents / EXPECTED_RESIDENTS_PER_GRID));
  const communities = Math.max(1, Math.round(grids / 8));
  const streets = Math.max(1, Math.round(communities / 6));
  const gridsPerCommunity = spread(grids, communities);
  const communitiesPerStreet = spread(communities, streets);
  let c = 0;
  const shape: DistrictShape = {
    districtId: input.districtId,
    districtName: '江岸区（基准测试）',
    areaCode: '420102',
    streets: communitiesPerStreet.map((n, s) => ({
      name: `${STREET_NAMES[s % STREET_NAMES.length] ?? '第'}${s >= STREET_NAMES.length ? s + 1 : ''}街道`,
      communities: Array.from({ length: n }, (_, j) => ({
        name: `${COMMUNITY_NAMES[j % COMMUNITY_NAMES.length] ?? '第'}${j >= COMMUNITY_NAMES.length ? j + 1 : ''}社区`,
        grids: gridsPerCommunity[c++] ?? 1,
      })),
    })),
    buildingsPerGrid: BUILDINGS_PER_GRID,
    unitsPerBuilding: UNITS_PER_BUILDING,
    floors: FLOORS,
    flatsPerFloor: FLATS_PER_FLOOR,
    seed: input.seed,
    today: input.today,
  };
  return { shape, grids, communities, streets, flats: grids * FLATS_PER_GRID, expectedResidents: Math.round(grids * EXPECTED_RESIDENTS_PER_GRID) };
}
