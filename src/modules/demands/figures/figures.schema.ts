import { z } from 'zod';

/** Request and response shapes of the demand figures routes (the contract with the console). */
/** A China date (YYYY-MM-DD, a real day of the calendar). */
const chinaDateField = (label: string) => z.iso.date().describe(label);

export const figuresQuery = z.object({
  nodeId: z.uuid().optional().describe('组织节点'),
  from: chinaDateField('开始日期').optional(),
  to: chinaDateField('结束日期').optional(),
});

const figure = z.object({
  numerator: z.number(),
  denominator: z.number(),
  rate: z.number().nullable().describe('比例（0–1）；分母为 0 时为 null'),
  display: z.string().describe('显示文字，如 80.0%；分母为 0 时为「—」'),
});

const figureSet = z.object({
  response_rate: figure,
  same_day_rate: figure,
  on_time_rate: figure,
  resolution_rate: figure,
  satisfaction_rate: figure,
});

const row = z.object({
  node: z.object({ id: z.string().nullable().describe('节点；「未落到网格」一行为 null'), name: z.string(), kind: z.string().describe('district | street | community | grid | building | household | unplaced') }),
  figures: figureSet,
  received: z.number().describe('本期登记的诉求数（合并的不计）'),
  backlog: z.number().describe('现有未办结的诉求数（不按期间）'),
  overdue: z.number().describe('现有未办结且已超过办结时限的诉求数（不按期间）'),
});

export const figuresResponse = row.extend({
  window: z.object({ from: z.string(), to: z.string() }).describe('统计期间（北京时间日期，含首尾）'),
  asOf: z.string().describe('计算时刻'),
  definitions: z.array(z.object({ code: z.string(), name: z.string(), help: z.string(), target: z.number().nullable() })),
  children: z.array(row),
  computedMs: z.number().describe('计算耗时（毫秒）'),
});
