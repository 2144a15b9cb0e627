import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bboxOf, containsPoint, convertGeometry, convertPoint, distanceMeters, gcj02ToWgs84, outOfChina, placeInGeometry, placeInRing,
  wgs84ToGcj02, type MultiPolygon, type Polygon, type Position,
} from './geo.ts';
import { checkBoundary } from './geojson.ts';

const square = (x: number, y: number, size: number): Position[] => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];

describe('point in polygon', () => {
  const withHole: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] };

  it('tells inside, outside and in a hole', () => {
    expect(placeInGeometry([1, 1], withHole)).toBe('inside');
    expect(placeInGeometry([11, 1], withHole)).toBe('outside');
    expect(placeInGeometry([-0.5, 5], withHole)).toBe('outside');
    expect(placeInGeometry([5, 5], withHole)).toBe('outside'); // in the hole
  });

  it('puts points on edges and vertices on the edge, outer ring and hole alike', () => {
    expect(placeInGeometry([0, 5], withHole)).toBe('edge'); // vertical edge
    expect(placeInGeometry([5, 0], withHole)).toBe('edge'); // horizontal edge
    expect(placeInGeometry([10, 10], withHole)).toBe('edge'); // vertex
    expect(placeInGeometry([4, 5], withHole)).toBe('edge'); // the hole's edge
    expect(containsPoint(withHole, [0, 5])).toBe(true);
  });

  it('handles a concave ring and a ray through a vertex', () => {
    const u: Position[] = [[0, 0], [6, 0], [6, 6], [4, 6], [4, 2], [2, 2], [2, 6], [0, 6], [0, 0]];
    expect(placeInRing([1, 5], u)).toBe('inside');
    expect(placeInRing([3, 5], u)).toBe('outside'); // in the notch
    expect(placeInRing([5, 2], u)).toBe('inside'); // the ray to the right runs through no vertex
    expect(placeInRing([1, 2], u)).toBe('inside'); // the ray runs along the notch's bottom edge
    expect(placeInRing([-1, 2], u)).toBe('outside');
  });

  it('looks in every polygon of a MultiPolygon', () => {
    const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(5, 5, 1)]] };
    expect(placeInGeometry([5.5, 5.5], multi)).toBe('inside');
    expect(placeInGeometry([3, 3], multi)).toBe('outside');
    expect(placeInGeometry([6, 5.5], multi)).toBe('edge');
  });

  it('works at the demo map’s scale (0.01° squares near 114.3E 30.6N)', () => {
    const grid: Polygon = { type: 'Polygon', coordinates: [square(114.31, 30.61, 0.01)] };
    expect(placeInGeometry([114.312, 30.612], grid)).toBe('inside');
    expect(placeInGeometry([114.32, 30.615], grid)).toBe('edge');
    expect(placeInGeometry([114.3201, 30.615], grid)).toBe('outside');
  });
});

describe('WGS-84 ⇄ GCJ-02', () => {
  // Published pairs: wandergis/coordtransform's example and googollee/eviltransform's test table.
  const pairs: { wgs: Position; gcj: Position; tolerance: number }[] = [
    { wgs: [116.404, 39.915], gcj: [116.41024449916938, 39.91640428150164], tolerance: 1e-9 },
    { wgs: [121.5272106, 31.1774276], gcj: [121.531541859215, 31.17530398364597], tolerance: 1e-6 }, // 上海
    { wgs: [113.912316, 22.543847], gcj: [113.9171764808363, 22.540796131694766], tolerance: 1e-6 }, // 深圳
    { wgs: [116.377817, 39.911954], gcj: [116.38404722455657, 39.91334545536069], tolerance: 1e-6 }, // 北京
  ];

  it('matches the published pairs', () => {
    for (const { wgs, gcj, tolerance } of pairs) {
      const [lng, lat] = wgs84ToGcj02(wgs);
      expect(Math.abs(lng - gcj[0])).toBeLessThan(tolerance);
      expect(Math.abs(lat - gcj[1])).toBeLessThan(tolerance);
    }
  });

  it('inverts the published pairs to within a centimetre', () => {
    for (const { wgs, gcj } of pairs) expect(distanceMeters(gcj02ToWgs84(gcj), wgs)).toBeLessThan(0.01);
  });

  it('shifts by a few hundred metres in China and not at all outside it', () => {
    const wuhan: Position = [114.305, 30.605];
    const shift = distanceMeters(wuhan, wgs84ToGcj02(wuhan));
    expect(shift).toBeGreaterThan(100);
    expect(shift).toBeLessThan(1000);
    expect(outOfChina([139.7, 35.7])).toBe(true); // 东京
    expect(wgs84ToGcj02([139.7, 35.7])).toEqual([139.7, 35.7]);
    expect(gcj02ToWgs84([2.35, 48.85])).toEqual([2.35, 48.85]);
  });

  it('round-trips anywhere in China with an error below 1 m', () => {
    fc.assert(
      fc.property(fc.double({ min: 73, max: 135, noNaN: true }), fc.double({ min: 18, max: 53, noNaN: true }), (lng, lat) => {
        const p: Position = [lng, lat];
        expect(distanceMeters(gcj02ToWgs84(wgs84ToGcj02(p)), p)).toBeLessThan(1);
        expect(distanceMeters(wgs84ToGcj02(gcj02ToWgs84(p)), p)).toBeLessThan(1);
      }),
      { numRuns: 500 },
    );
  });

  it('converts points and whole geometries, and leaves the same system alone', () => {
    const p: Position = [114.305, 30.605];
    expect(convertPoint(p, 'WGS84', 'WGS84')).toEqual(p);
    expect(convertPoint(p, 'WGS84', 'GCJ02')).toEqual(wgs84ToGcj02(p));
    const g: Polygon = { type: 'Polygon', coordinates: [square(114.3, 30.6, 0.01)] };
    const there = convertGeometry(g, 'WGS84', 'GCJ02');
    const back = convertGeometry(there, 'GCJ02', 'WGS84');
    back.coordinates[0]?.forEach((q, i) => expect(distanceMeters(q, g.coordinates[0]?.[i] ?? [0, 0])).toBeLessThan(0.01));
    expect(containsPoint(there, wgs84ToGcj02([114.305, 30.605]))).toBe(true);
  });

  it('bounds geometries and points', () => {
    expect(bboxOf([{ type: 'Polygon', coordinates: [square(1, 2, 3)] }], [[0, 10]])).toEqual([0, 2, 4, 10]);
    expect(bboxOf([])).toBeNull();
  });
});

describe('boundary validation', () => {
  const polygon = { type: 'Polygon', coordinates: [square(114.3, 30.6, 0.01)] };
  const reasons = (input: unknown) => {
    const r = checkBoundary(input);
    return r.ok ? [] : r.problems;
  };

  it('accepts a Polygon, a MultiPolygon, a Feature and a one-feature FeatureCollection', () => {
    expect(checkBoundary(polygon).ok).toBe(true);
    expect(checkBoundary({ type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(2, 2, 1), square(2.2, 2.2, 0.2)]] }).ok).toBe(true);
    const feature = { type: 'Feature', properties: { name: '第一网格' }, geometry: polygon };
    expect(checkBoundary(feature)).toEqual({ ok: true, geometry: polygon });
    expect(checkBoundary({ type: 'FeatureCollection', features: [feature] }).ok).toBe(true);
  });

  it('drops altitudes', () => {
    const r = checkBoundary({ type: 'Polygon', coordinates: [[[0, 0, 5], [1, 0, 5], [1, 1, 5], [0, 0, 5]]] });
    expect(r).toEqual({ ok: true, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } });
  });

  it('names what is wrong and where, in zh-CN', () => {
    expect(reasons({ type: 'Point', coordinates: [1, 2] })).toEqual([{ path: 'geometry.type', message: '「边界」的类型须为 Polygon 或 MultiPolygon（现为 Point）' }]);
    expect(reasons({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] })[0]).toEqual({ path: 'geometry.coordinates[0]', message: '「边界」外环未闭合：最后一个坐标须与第一个坐标相同' });
    expect(reasons({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] })[0]?.message).toBe('「边界」外环至少需要 4 个坐标点（首尾为同一点），现有 3 个');
    expect(reasons({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 95], [0, 0]]] })[0]).toEqual({ path: 'geometry.coordinates[0][2]', message: '「边界」外环第 3 个坐标的纬度 95 超出 -90 到 90 的范围（经纬度是否写反了？）' });
    expect(reasons({ type: 'Polygon', coordinates: [[[0, 0], [181, 0], [1, 1], [0, 0]]] })[0]?.message).toContain('经度 181 超出 -180 到 180');
    expect(reasons({ type: 'Polygon', coordinates: [[[0, 0], ['1', 0], [1, 1], [0, 0]]] })[0]?.message).toBe('「边界」外环第 2 个坐标须为 [经度, 纬度] 两个数字');
    expect(reasons({ type: 'Polygon', coordinates: [] })[0]?.message).toBe('「边界」缺少坐标（coordinates）');
    expect(reasons('POLYGON((0 0, 1 0, 1 1, 0 0))')[0]?.message).toContain('须为 GeoJSON 对象');
  });

  it('refuses degenerate and self-intersecting rings, and holes outside', () => {
    expect(reasons({ type: 'Polygon', coordinates: [[[0, 0], [1, 1], [2, 2], [0, 0]]] })[0]?.message).toBe('「边界」外环面积为 0（各点重合或在一条直线上）');
    const bowTie = [[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]];
    expect(reasons({ type: 'Polygon', coordinates: [bowTie] })[0]?.message).toBe('「边界」外环自相交：第 1 条边与第 3 条边相交');
    const holeOutside = { type: 'Polygon', coordinates: [square(0, 0, 1), square(5, 5, 1)] };
    expect(reasons(holeOutside)).toEqual([{ path: 'geometry.coordinates[1]', message: '「边界」第 1 个内环（洞）须位于外环之内' }]);
    const multi = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [[[0, 0], [1, 0], [0, 0]]]] };
    expect(reasons(multi)[0]).toEqual({ path: 'geometry.coordinates[1][0]', message: '「边界」第 2 个多边形的外环至少需要 4 个坐标点（首尾为同一点），现有 3 个' });
  });

  it('unwraps features and says when a collection holds more than one', () => {
    expect(reasons({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: polygon }, { type: 'Feature', geometry: polygon }] })[0]).toEqual({ path: 'geometry.features', message: '「边界」的 FeatureCollection 须且只能包含一个要素（现有 2 个）' });
    expect(reasons({ type: 'Feature', geometry: null })[0]?.path).toBe('geometry.geometry');
    expect(reasons({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] } })[0]?.path).toBe('geometry.geometry.coordinates[0]');
  });
});
