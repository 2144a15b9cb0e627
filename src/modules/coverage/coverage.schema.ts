import { z } from 'zod';
import { nodeKindSchema } from '../org/org.schema.ts';
import { FIGURE_CODES } from './coverage.definitions.ts';

/** Request and response shapes of the coverage routes (shared with the web app). */
export const figureCodeSchema = z.enum(FIGURE_CODES);

export const figureSchema = z.object({
  numerator: z.number(),
  denominator: z.number(),
  percent: z.number().nullable().describe('百分比，一位小数；分母为 0 时为 null'),
  display: z.string().describe('显示文字，如 87.5%；分母为 0 时为「无」'),
});

export const figureSetSchema = z.object({
  basic_info: figureSchema,
  backbone: figureSchema,
  vulnerable_care: figureSchema,
  key_person: figureSchema,
  policy: figureSchema,
});

export const nodeFiguresSchema = z.object({ id: z.string(), name: z.string(), kind: nodeKindSchema, kindLabel: z.string(), figures: figureSetSchema });

export const figureDefinitionSchema = z.object({
  code: figureCodeSchema,
  name: z.string(),
  nameEn: z.string(),
  short: z.string(),
  numerator: z.string(),
  numeratorEn: z.string(),
  denominator: z.string(),
  denominatorEn: z.string(),
  help: z.string(),
  helpEn: z.string(),
  missing: z.enum(['house', 'building', 'person']),
});

export const coverageResponse = z.object({
  asOf: z.string().describe('统计日期（北京时间）'),
  node: nodeFiguresSchema,
  children: z.array(nodeFiguresSchema),
  definitions: z.array(figureDefinitionSchema),
});

export const coverageQuery = z.object({ nodeId: z.uuid().describe('组织节点') });

export const missingQuery = z.object({
  nodeId: z.uuid().describe('组织节点'),
  figure: figureCodeSchema.describe('指标'),
  page: z.coerce.number().int().min(1).max(100000).default(1).describe('页码'),
  pageSize: z.coerce.number().int().min(1).max(200).default(20).describe('每页条数'),
});

const houseItem = z.object({
  kind: z.literal('house'),
  householdId: z.string(),
  address: z.string(),
  people: z.number().nullable().describe('在住人数（基础信息核实率；其他指标为 null）'),
  use: z.string().nullable().describe('房屋用途'),
  notices: z.array(z.object({ id: z.string(), title: z.string() })).describe('未签收的政策（政策宣传覆盖率）'),
});
const buildingItem = z.object({ kind: z.literal('building'), buildingId: z.string(), name: z.string(), address: z.string() });
const personItem = z.object({
  kind: z.literal('person'),
  residentId: z.string(),
  name: z.string(),
  idNumber: z.string().describe('身份证号（脱敏）'),
  address: z.string(),
  tags: z.array(z.string()).describe('该指标计入的标签'),
  restricted: z.boolean().describe('含重点人员标签（查看留痕）'),
  intervalDays: z.number().describe('应走访周期（天）'),
  lastVisitAt: z.string().nullable().describe('最近一次走访时间'),
});

export const missingResponse = z.object({
  figure: figureCodeSchema,
  asOf: z.string(),
  node: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  itemKind: z.enum(['house', 'building', 'person']),
  items: z.array(z.discriminatedUnion('kind', [houseItem, buildingItem, personItem])),
  total: z.number().describe('可列出的未覆盖条数'),
  restrictedHidden: z.number().describe('无权查看而未列出的重点人员数（已计入指标）'),
  page: z.number(),
  pageSize: z.number(),
});
