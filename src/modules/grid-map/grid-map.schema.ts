import { z } from 'zod';
import { figureDefinitionSchema, figureSetSchema } from '../coverage/index.ts';

/** Request and response shapes of the grid-map routes (shared with the web app). Positions are [lng, lat]. */
export const crsSchema = z.enum(['WGS84', 'GCJ02']);

const onDate = z.iso.date().optional().describe('日期（默认今天）');

export const gridsQuery = z.object({
  nodeId: z.uuid().describe('组织节点'),
  on: onDate,
  crs: crsSchema.default('WGS84').describe('返回坐标系'),
});

export const buildingsQuery = z.object({ nodeId: z.uuid().describe('组织节点'), crs: crsSchema.default('WGS84').describe('返回坐标系') });

export const locateQuery = z.object({
  lng: z.coerce.number().min(-180).max(180).describe('经度'),
  lat: z.coerce.number().min(-90).max(90).describe('纬度'),
  crs: crsSchema.default('WGS84').describe('坐标系'),
  on: onDate,
});

export const gridIdParams = z.object({ gridId: z.uuid().describe('网格') });
export const buildingIdParams = z.object({ buildingId: z.uuid().describe('楼栋') });

export const boundaryBody = z
  .object({
    crs: crsSchema.describe('坐标系'),
    validFrom: z.iso.date().describe('生效日期'),
    geometry: z.unknown().describe('边界（GeoJSON Polygon / MultiPolygon，或只含一个要素的 Feature / FeatureCollection）'),
  })
  .strict();

export const pointBody = z
  .object({
    lng: z.number().min(-180).max(180).describe('经度'),
    lat: z.number().min(-90).max(90).describe('纬度'),
    crs: crsSchema.describe('坐标系'),
  })
  .strict();

const geometrySchema = z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) });

const boundarySchema = z.object({
  id: z.string(),
  storedCrs: crsSchema.describe('绘制时的坐标系'),
  validFrom: z.string(),
  validTo: z.string().nullable().describe('失效日期（不含当天）；null 为现行'),
  geometry: geometrySchema.describe('已换算到请求的坐标系'),
});

export const mapGridsResponse = z.object({
  on: z.string(),
  crs: crsSchema,
  node: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable().describe('[最小经度, 最小纬度, 最大经度, 最大纬度]'),
  grids: z.array(z.object({
    id: z.string(),
    name: z.string(),
    code: z.string().nullable(),
    communityId: z.string().nullable(),
    communityName: z.string().nullable(),
    boundary: boundarySchema.nullable(),
    figures: figureSetSchema,
  })),
  definitions: z.array(figureDefinitionSchema),
});

export const mapBuildingsResponse = z.object({
  crs: crsSchema,
  buildings: z.array(z.object({
    id: z.string(),
    name: z.string(),
    gridId: z.string().nullable(),
    address: z.string().nullable(),
    point: z.object({ lng: z.number(), lat: z.number() }).nullable().describe('已换算到请求的坐标系；未标注为 null'),
    storedCrs: crsSchema.nullable(),
  })),
});

export const setBoundaryResponse = z.object({
  id: z.string(),
  gridId: z.string(),
  crs: crsSchema,
  geometry: geometrySchema,
  validFrom: z.string(),
  validTo: z.string().nullable(),
  replaced: z.object({ id: z.string(), validFrom: z.string(), validTo: z.string() }).nullable(),
});

export const setPointResponse = z.object({
  buildingId: z.string(),
  lng: z.number(),
  lat: z.number(),
  crs: crsSchema,
  insideGrid: z.boolean().nullable().describe('是否落在所属网格的现行边界内；网格无边界时为 null'),
});

export const locateResponse = z.object({
  on: z.string(),
  point: z.object({ lng: z.number(), lat: z.number(), crs: crsSchema }),
  match: z.enum(['inside', 'edge']).describe('inside 在边界内；edge 恰在边界线上'),
  grid: z.object({ id: z.string(), name: z.string(), code: z.string().nullable(), communityId: z.string().nullable(), communityName: z.string().nullable() }),
  boundary: z.object({ id: z.string(), storedCrs: crsSchema, validFrom: z.string(), validTo: z.string().nullable() }),
});
