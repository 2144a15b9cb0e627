/**
 * Geometry for the grid map, pure: where a point lies relative to a GeoJSON Polygon or MultiPolygon
 * (holes and edges included), the WGS-84 ⇄ GCJ-02 conversion, and bounding boxes. Validation of
 * GeoJSON input, with zh-CN reasons, is in geojson.ts.
 *
 * Positions are [lng, lat] in degrees, as in GeoJSON (RFC 7946).
 */
export type Position = [number, number];
export type Polygon = { type: 'Polygon'; coordinates: Position[][] };
export type MultiPolygon = { type: 'MultiPolygon'; coordinates: Position[][][] };
export type AreaGeometry = Polygon | MultiPolygon;
export type Crs = 'WGS84' | 'GCJ02';
export type Placement = 'inside' | 'edge' | 'outside';

/** Degrees within which a point counts as lying on an edge (≈ 0.1 mm). */
const EDGE_EPSILON = 1e-9;

function onSegment(p: Position, a: Position, b: Position): boolean {
  const [px, py] = p;
  const [ax, ay] = a;
  const [bx, by] = b;
  if (px < Math.min(ax, bx) - EDGE_EPSILON || px > Math.max(ax, bx) + EDGE_EPSILON) return false;
  if (py < Math.min(ay, by) - EDGE_EPSILON || py > Math.max(ay, by) + EDGE_EPSILON) return false;
  const length = Math.hypot(bx - ax, by - ay);
  if (length === 0) return Math.hypot(px - ax, py - ay) <= EDGE_EPSILON;
  const cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
  return Math.abs(cross) / length <= EDGE_EPSILON;
}

/** A point against one closed ring: crossing number (half-open rule), edges detected first. */
export function placeInRing(point: Position, ring: readonly Position[]): Placement {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j];
    const b = ring[i];
    if (!a || !b) continue;
    if (onSegment(point, a, b)) return 'edge';
    const [x, y] = point;
    if (b[1] > y !== a[1] > y) {
      const xCross = ((a[0] - b[0]) * (y - b[1])) / (a[1] - b[1]) + b[0];
      if (x < xCross) inside = !inside;
    }
  }
  return inside ? 'inside' : 'outside';
}

/** A point against a polygon: inside the outer ring and outside every hole; a hole's edge is an edge. */
export function placeInPolygon(point: Position, rings: readonly (readonly Position[])[]): Placement {
  const [outer, ...holes] = rings;
  if (!outer) return 'outside';
  const placement = placeInRing(point, outer);
  if (placement !== 'inside') return placement;
  for (const hole of holes) {
    const inHole = placeInRing(point, hole);
    if (inHole === 'edge') return 'edge';
    if (inHole === 'inside') return 'outside';
  }
  return 'inside';
}

export function placeInGeometry(point: Position, geometry: AreaGeometry): Placement {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best: Placement = 'outside';
  for (const polygon of polygons) {
    const placement = placeInPolygon(point, polygon);
    if (placement === 'inside') return 'inside';
    if (placement === 'edge') best = 'edge';
  }
  return best;
}

export function containsPoint(geometry: AreaGeometry, point: Position): boolean {
  return placeInGeometry(point, geometry) !== 'outside';
}

// ── WGS-84 ⇄ GCJ-02 (the published 国测局 offset algorithm on the Krasovsky 1940 ellipsoid) ──
const KRASOVSKY_A = 6378245.0;
const KRASOVSKY_EE = 0.00669342162296594323;

/** GCJ-02 offsets only apply inside mainland China's rough bounding box; outside it both systems agree. */
export function outOfChina([lng, lat]: Position): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function transformLng(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

function offset([lng, lat]: Position): Position {
  const radLat = (lat / 180.0) * Math.PI;
  const magic = 1 - KRASOVSKY_EE * Math.sin(radLat) * Math.sin(radLat);
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (transformLat(lng - 105.0, lat - 35.0) * 180.0) / (((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (transformLng(lng - 105.0, lat - 35.0) * 180.0) / ((KRASOVSKY_A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [dLng, dLat];
}

export function wgs84ToGcj02(point: Position): Position {
  if (outOfChina(point)) return [point[0], point[1]];
  const [dLng, dLat] = offset(point);
  return [point[0] + dLng, point[1] + dLat];
}

/**
 * The inverse has no closed form; one step (subtracting the offset at the GCJ-02 point) is off by up to
 * a couple of metres, so refine until the forward conversion lands on the input (≈ 1e-11 degrees).
 */
export function gcj02ToWgs84(point: Position): Position {
  if (outOfChina(point)) return [point[0], point[1]];
  const [dLng, dLat] = offset(point);
  let lng = point[0] - dLng;
  let lat = point[1] - dLat;
  for (let i = 0; i < 10; i++) {
    const [gLng, gLat] = wgs84ToGcj02([lng, lat]);
    const eLng = gLng - point[0];
    const eLat = gLat - point[1];
    lng -= eLng;
    lat -= eLat;
    if (Math.abs(eLng) < 1e-11 && Math.abs(eLat) < 1e-11) break;
  }
  return [lng, lat];
}

export function convertPoint(point: Position, from: Crs, to: Crs): Position {
  if (from === to) return [point[0], point[1]];
  return from === 'WGS84' ? wgs84ToGcj02(point) : gcj02ToWgs84(point);
}

export function convertGeometry<G extends AreaGeometry>(geometry: G, from: Crs, to: Crs): G {
  if (from === to) return geometry;
  const ring = (r: readonly Position[]) => r.map((p) => convertPoint(p, from, to));
  if (geometry.type === 'Polygon') return { ...geometry, coordinates: geometry.coordinates.map(ring) };
  return { ...geometry, coordinates: (geometry as MultiPolygon).coordinates.map((poly) => poly.map(ring)) };
}

export type BBox = [number, number, number, number];

/** [minLng, minLat, maxLng, maxLat] over geometries and points; null when there is nothing. */
export function bboxOf(geometries: readonly AreaGeometry[], points: readonly Position[] = []): BBox | null {
  let box: BBox | null = null;
  const add = ([lng, lat]: Position) => {
    box = box ? [Math.min(box[0], lng), Math.min(box[1], lat), Math.max(box[2], lng), Math.max(box[3], lat)] : [lng, lat, lng, lat];
  };
  for (const g of geometries) {
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const polygon of polygons) for (const p of polygon[0] ?? []) add(p);
  }
  for (const p of points) add(p);
  return box;
}

/** Great-circle distance in metres (haversine on a 6,371 km sphere), for tolerances and tests. */
export function distanceMeters(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}
