import { z } from 'zod';
import { CLOSE_OUTCOMES, DISPUTE_SOURCES, DISPUTE_TYPES, PARTY_ROLES, PERFORMANCES, RISK_LEVELS, WARNING_FLAGS } from './dispute-catalogue.ts';
import { REFERRAL_TARGETS } from './rules/index.ts';

const keys = <T extends Record<string, unknown>>(t: T) => Object.keys(t) as [keyof T & string, ...(keyof T & string)[]];
const localDate = (label: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), '日期不正确').describe(label);
const text = (label: string, max: number) => z.string().trim().min(1).max(max).describe(label);
const optionalText = (label: string, max: number) => z.string().trim().max(max).optional().describe(label);

export const disputeParams = z.object({ disputeId: z.uuid().describe('纠纷编号') });

// ---- screening ----
export const screeningReportBody = z
  .object({
    gridId: z.uuid().describe('网格'),
    week: localDate('排查周'),
    disputes: z.number().int().min(0).max(999).describe('发现纠纷数'),
    zeroReport: z.boolean().optional().describe('零报告'),
    items: z.array(z.object({ summary: text('纠纷简况', 200), disputeId: z.uuid().optional().describe('纠纷') }).strict()).max(50).optional().describe('纠纷清单'),
    note: optionalText('说明', 1000),
  })
  .strict();

export const screeningWeekQuery = z.object({ nodeId: z.uuid().optional().describe('范围'), week: localDate('排查周').optional() }).strict();
export const screeningSummaryQuery = z.object({ nodeId: z.uuid().optional().describe('范围'), kind: z.enum(['ten_day', 'month']).describe('汇总周期'), date: localDate('日期').optional() }).strict();

// ---- disputes ----
const party = z
  .object({
    role: z.enum(keys(PARTY_ROLES)).describe('当事人身份'),
    name: text('当事人姓名', 50),
    phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/).optional().describe('联系电话'),
    residentId: z.uuid().optional().describe('关联居民'),
    gender: z.enum(['male', 'female']).optional().describe('性别'),
    age: z.number().int().min(0).max(150).optional().describe('年龄'),
    ethnicity: optionalText('民族', 20),
    address: optionalText('住址', 200),
    idNumber: z.string().trim().max(18).optional().describe('身份证号'),
  })
  .strict();

export const registerBody = z
  .object({
    nodeId: z.uuid().describe('纠纷地点'),
    type: z.enum(keys(DISPUTE_TYPES)).describe('纠纷类型'),
    typeNote: optionalText('类型说明', 100),
    summary: text('纠纷简况', 200),
    riskLevel: z.enum(keys(RISK_LEVELS)).describe('风险等级'),
    warningFlags: z.array(z.enum(keys(WARNING_FLAGS))).max(3).optional().describe('预警标记'),
    source: z.enum(keys(DISPUTE_SOURCES)).describe('纠纷来源'),
    sourceNote: optionalText('来源说明', 500),
    screeningReportId: z.uuid().optional().describe('排查报告'),
    demandId: z.uuid().optional().describe('关联诉求'),
    occurredOn: localDate('发生日期').optional(),
    ladderCode: z.string().trim().max(40).optional().describe('调解流程'),
    parties: z.array(party).min(1).max(20).describe('当事人'),
  })
  .strict();

export const listQuery = z
  .object({
    nodeId: z.uuid().optional().describe('范围'),
    status: z.enum(['mediating', 'settled', 'exhausted', 'referred', 'closed', 'open']).optional().describe('状态'),
    riskLevel: z.enum(keys(RISK_LEVELS)).optional().describe('风险等级'),
    warning: z.enum(['0', '1']).optional().describe('只看预警'),
    mine: z.enum(['0', '1']).optional().describe('我调解的纠纷'),
    type: z.enum(keys(DISPUTE_TYPES)).optional().describe('纠纷类型'),
    q: z.string().trim().max(50).optional().describe('关键词'),
    page: z.coerce.number().int().min(1).max(10000).default(1).describe('页码'),
    pageSize: z.coerce.number().int().min(1).max(100).default(20).describe('每页条数'),
  })
  .strict();

export const assignmentParams = z.object({ disputeId: z.uuid().describe('纠纷编号'), accountId: z.uuid().describe('调解员') });
export const assignmentBody = z
  .object({
    role: z.enum(['lead', 'assisting']).describe('调解员分工'),
    level: z.string().trim().max(40).nullable().optional().describe('调解层级'),
    note: optionalText('说明', 500),
  })
  .strict();

export const riskBody = z
  .object({ riskLevel: z.enum(keys(RISK_LEVELS)).describe('风险等级'), warningFlags: z.array(z.enum(keys(WARNING_FLAGS))).max(3).describe('预警标记'), reason: text('调整原因', 500) })
  .strict();

export const attemptBody = z
  .object({
    level: z.string().trim().min(1).max(40).describe('调解层级'),
    at: z.union([localDate('调解日期'), z.iso.datetime({ offset: true })]).describe('调解日期'),
    mediatorIds: z.array(z.uuid()).max(10).describe('调解员'),
    method: z.string().trim().min(1).max(40).describe('调解方法'),
    methodNote: optionalText('调解方法说明', 200),
    record: text('调解经过', 5000),
    outcome: z.enum(['settled', 'failed', 'refused']).optional().describe('调解结果'),
  })
  .strict();

export const reasonBody = z.object({ reason: z.string().trim().max(500).describe('原因') }).strict();
export const referralBody = z.object({ target: z.enum(keys(REFERRAL_TARGETS)).describe('移交去向'), reason: z.string().trim().max(500).describe('移交原因') }).strict();
export const referralUpdateBody = z.object({ note: z.string().trim().max(1000).describe('跟踪情况'), result: optionalText('处理结果', 1000) }).strict();

export const agreementBody = z
  .object({
    facts: text('纠纷的主要事实', 5000),
    issues: text('争议事项', 5000),
    responsibilities: text('各方当事人的责任', 5000),
    terms: text('协议内容', 5000),
    performance: text('履行方式和期限', 2000),
    copies: z.number().int().min(1).max(20).optional().describe('协议份数'),
    parties: z
      .array(
        z
          .object({
            partyId: z.uuid().describe('当事人'),
            gender: z.enum(['male', 'female']).optional().describe('性别'),
            age: z.number().int().min(0).max(150).optional().describe('年龄'),
            ethnicity: optionalText('民族', 20),
            address: optionalText('住址', 200),
            idNumber: z.string().trim().max(18).optional().describe('身份证号'),
          })
          .strict(),
      )
      .max(20)
      .optional()
      .describe('当事人基本情况'),
  })
  .strict();

export const signBody = z.object({ signedOn: localDate('签署日期'), effectiveOn: localDate('生效日期').optional() }).strict();
export const judicialBody = z
  .object({ status: z.enum(['applied', 'confirmed', 'rejected']).describe('司法确认情况'), on: localDate('日期'), court: optionalText('人民法院', 100), note: optionalText('说明', 500) })
  .strict();
export const followUpBody = z
  .object({ on: localDate('回访日期'), visitorIds: z.array(z.uuid()).max(10).optional().describe('回访人'), performance: z.enum(keys(PERFORMANCES)).describe('履行情况'), note: optionalText('回访情况', 1000) })
  .strict();
export const closeBody = z.object({ outcome: z.enum(keys(CLOSE_OUTCOMES)).optional().describe('结案情况'), note: optionalText('说明', 1000) }).strict();

export const figuresQuery = z.object({ nodeId: z.uuid().optional().describe('范围'), from: localDate('开始日期').optional(), to: localDate('结束日期').optional() }).strict();
