import { placeInRing, type AreaGeometry, type Position } from './geo.ts';

/**
 * Validation of a drawn or imported grid boundary, pure. Accepts a GeoJSON Polygon or MultiPolygon,
 * or a Feature / a FeatureCollection of exactly one Feature holding one. Every problem names where it
 * is (`geometry.coordinates[0][3]`) and says in zh-CN what is wrong, so the drawing tool can point at it.
 */
export type GeoProblem = { path: string; message: string };
export type GeoCheck = { ok: true; geometry: AreaGeometry } | { ok: false; problems: GeoProblem[] };

export const MAX_POSITIONS = 10_000;
const MAX_PROBLEMS = 20;
/** Rings longer than this are not checked for self-intersection (the check is quadratic). */
const MAX_SELF_INTERSECTION_CHECK = 3_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Unwraps a Feature or a one-feature FeatureCollection to its geometry. */
function unwrap(input: unknown, field: string): { value: unknown; path: string } | GeoProblem {
  if (!isObject(input)) return { path: field, message: `「边界」须为 GeoJSON 对象（Polygon、MultiPolygon、Feature 或只含一个要素的 FeatureCollection）` };
  if (input.type === 'FeatureCollection') {
    const features = input.features;
    if (!Array.isArray(features) || features.length !== 1) {
      return { path: `${field}.features`, message: `「边界」的 FeatureCollection 须且只能包含一个要素（现有 ${Array.isArray(features) ? features.length : 0} 个）` };
    }
    return unwrap(features[0], `${field}.features[0]`);
  }
  if (input.type === 'Feature') {
    if (!isObject(input.geometry)) return { path: `${field}.geometry`, message: '「边界」的要素（Feature）缺少几何图形（geometry）' };
    return { value: input.geometry, path: `${field}.geometry` };
  }
  return { value: input, path: field };
}

function ringName(polygon: number, ring: number, multi: boolean): string {
  const poly = multi ? `第 ${polygon + 1} 个多边形的` : '';
  return `${poly}${ring === 0 ? '外环' : `第 ${ring} 个内环（洞）`}`;
}

function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    if (a && b) sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum / 2;
}

function orientation(a: Position, b: Position, c: Position): number {
  const v = (b[1] - a[1]) * (c[0] - b[0]) - (b[0] - a[0]) * (c[1] - b[1]);
  return Math.abs(v) < 1e-18 ? 0 : v > 0 ? 1 : 2;
}

function within(a: Position, b: Position, p: Position): boolean {
  return p[0] <= Math.max(a[0], b[0]) && p[0] >= Math.min(a[0], b[0]) && p[1] <= Math.max(a[1], b[1]) && p[1] >= Math.min(a[1], b[1]);
}

function segmentsIntersect(p1: Position, q1: Position, p2: Position, q2: Position): boolean {
  const o1 = orientation(p1, q1, p2);
  const o2 = orientation(p1, q1, q2);
  const o3 = orientation(p2, q2, p1);
  const o4 = orientation(p2, q2, q1);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && within(p1, q1, p2)) || (o2 === 0 && within(p1, q1, q2)) || (o3 === 0 && within(p2, q2, p1)) || (o4 === 0 && within(p2, q2, q1));
}

/** The first pair of non-adjacent edges that touch or cross, as 1-based edge numbers. */
function selfIntersection(ring: readonly Position[]): [number, number] | null {
  const edges = ring.length - 1;
  if (edges > MAX_SELF_INTERSECTION_CHECK) return null;
  for (let i = 0; i < edges; i++) {
    for (let j = i + 2; j < edges; j++) {
      if (i === 0 && j === edges - 1) continue; // the first and last edges share the closing point
      const a = ring[i], b = ring[i + 1], c = ring[j], d = ring[j + 1];
      if (a && b && c && d && segmentsIntersect(a, b, c, d)) return [i + 1, j + 1];
    }
  }
  return null;
}

function checkRing(raw: unknown, path: string, name: string, problems: GeoProblem[]): Position[] | null {
  if (!Array.isArray(raw)) {
    problems.push({ path, message: `「边界」${name}须为坐标点列表` });
    return null;
  }
  const ring: Position[] = [];
  let bad = false;
  raw.forEach((p: unknown, k) => {
    if (bad) return;
    const at = `${path}[${k}]`;
    if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      problems.push({ path: at, message: `「边界」${name}第 ${k + 1} 个坐标须为 [经度, 纬度] 两个数字` });
      bad = true;
      return;
    }
    const [lng, lat] = p as [number, number];
    if (lng < -180 || lng > 180) { problems.push({ path: at, message: `「边界」${name}第 ${k + 1} 个坐标的经度 ${lng} 超出 -180 到 180 的范围` }); bad = true; return; }
    if (lat < -90 || lat > 90) { problems.push({ path: at, message: `「边界」${name}第 ${k + 1} 个坐标的纬度 ${lat} 超出 -90 到 90 的范围（经纬度是否写反了？）` }); bad = true; return; }
    ring.push([lng, lat]);
  });
  if (bad) return null;
  if (ring.length < 4) {
    problems.push({ path, message: `「边界」${name}至少需要 4 个坐标点（首尾为同一点），现有 ${ring.length} 个` });
    return null;
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) {
    problems.push({ path, message: `「边界」${name}未闭合：最后一个坐标须与第一个坐标相同` });
    return null;
  }
  const crossing = selfIntersection(ring);
  if (crossing) {
    problems.push({ path, message: `「边界」${name}自相交：第 ${crossing[0]} 条边与第 ${crossing[1]} 条边相交` });
    return null;
  }
  if (Math.abs(signedArea(ring)) < 1e-14) {
    problems.push({ path, message: `「边界」${name}面积为 0（各点重合或在一条直线上）` });
    return null;
  }
  return ring;
}

function checkPolygon(raw: unknown, path: string, index: number, multi: boolean, problems: GeoProblem[]): Position[][] | null {
  const label = multi ? `第 ${index + 1} 个多边形` : '多边形';
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push({ path, message: `「边界」${label}须至少有一个环（外环）` });
    return null;
  }
  const rings = raw.map((r: unknown, k) => checkRing(r, `${path}[${k}]`, ringName(index, k, multi), problems));
  if (rings.some((r) => r === null)) return null;
  const valid = rings as Position[][];
  const [outer, ...holes] = valid;
  if (!outer) return null;
  holes.forEach((hole, k) => {
    if (hole.some((p) => placeInRing(p, outer) === 'outside')) {
      problems.push({ path: `${path}[${k + 1}]`, message: `「边界」${ringName(index, k + 1, multi)}须位于外环之内` });
    }
  });
  return valid;
}

/** Checks a boundary as sent; `field` is the name of the request field that holds it. */
export function checkBoundary(input: unknown, field = 'geometry'): GeoCheck {
  const found = unwrap(input, field);
  if ('message' in found) return { ok: false, problems: [found] };
  const { value, path } = found;
  if (!isObject(value) || (value.type !== 'Polygon' && value.type !== 'MultiPolygon')) {
    const type = isObject(value) && typeof value.type === 'string' ? value.type : '未知';
    return { ok: false, problems: [{ path: `${path}.type`, message: `「边界」的类型须为 Polygon 或 MultiPolygon（现为 ${type}）` }] };
  }
  const coordinates = value.coordinates;
  const problems: GeoProblem[] = [];
  if (!Array.isArray(coordinates) || coordinates.length === 0) {
    return { ok: false, problems: [{ path: `${path}.coordinates`, message: '「边界」缺少坐标（coordinates）' }] };
  }
  const count = coordinates.flat(value.type === 'Polygon' ? 1 : 2).length;
  if (count > MAX_POSITIONS) return { ok: false, problems: [{ path: `${path}.coordinates`, message: `「边界」坐标点过多（${count} 个，最多 ${MAX_POSITIONS} 个），请简化后再提交` }] };
  if (value.type === 'Polygon') {
    const polygon = checkPolygon(coordinates, `${path}.coordinates`, 0, false, problems);
    return polygon && problems.length === 0 ? { ok: true, geometry: { type: 'Polygon', coordinates: polygon } } : { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  }
  const polygons = coordinates.map((poly: unknown, i) => checkPolygon(poly, `${path}.coordinates[${i}]`, i, true, problems));
  if (problems.length > 0 || polygons.some((p) => p === null)) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  return { ok: true, geometry: { type: 'MultiPolygon', coordinates: polygons as Position[][][] } };
}
