import { z } from 'zod';

const date = (label: string) => z.iso.date().describe(label);

export const registerResidentBody = z
  .object({
    householdId: z.uuid().describe('住户'),
    name: z.string().trim().min(1).max(50).describe('姓名'),
    idNumber: z.string().trim().min(1).max(18).describe('身份证号'),
    gender: z.enum(['male', 'female']).nullish().describe('性别'),
    birthDate: date('出生日期').nullish(),
    phone: z.string().trim().max(11).nullish().describe('手机号'),
    relation: z.string().trim().max(10).nullish().describe('与户主关系'),
    registration: z.enum(['registered', 'floating', 'separated']).describe('户籍类型'),
    registeredPlace: z.string().trim().max(100).nullish().describe('户籍地'),
    registeredNodeId: z.uuid().nullish().describe('户籍所在户'),
    movedInOn: date('迁入日期').nullish(),
  })
  .strict();

export const updateResidentBody = z
  .object({
    name: z.string().trim().min(1).max(50).optional().describe('姓名'),
    phone: z.string().trim().max(11).nullish().describe('手机号'),
    relation: z.string().trim().max(10).optional().describe('与户主关系'),
    registration: z.enum(['registered', 'floating', 'separated']).optional().describe('户籍类型'),
    registeredPlace: z.string().trim().max(100).nullish().describe('户籍地'),
  })
  .strict();

export const moveBody = z.object({ householdId: z.uuid().describe('迁入的户'), on: date('迁移日期') }).strict();
export const endResidenceBody = z.object({ on: date('日期'), destination: z.string().trim().max(100).nullish().describe('迁往何处') }).strict();
export const addTagBody = z.object({ tagCode: z.string().trim().min(1).max(40).describe('标签'), since: date('开始日期').optional(), note: z.string().trim().max(200).nullish().describe('备注') }).strict();
export const endTagBody = z.object({ until: date('结束日期').optional() }).strict();
export const tagParams = z.object({ residentId: z.uuid().describe('居民编号'), tagCode: z.string().min(1).max(40).describe('标签') });

export const visitBody = z
  .object({
    householdId: z.uuid().describe('走访的户'),
    visitedAt: z.iso.datetime({ offset: true }).describe('走访时间'),
    residentIds: z.array(z.uuid()).max(20).describe('见到的人'),
    findings: z.string().trim().min(2).max(2000).describe('了解到的情况'),
    photos: z.array(z.string().regex(/^data:image\/(jpeg|png|webp);base64,/, '应为 JPG/PNG 图片').max(1_400_000, '单张照片不能超过 1 MB')).max(3).optional().describe('照片'),
    followUp: z.object({ kind: z.enum(['demand', 'dispute', 'other']).describe('待办类型'), summary: z.string().trim().min(2).max(500).describe('待办内容') }).nullish().describe('待办事项'),
    requiredVisitIds: z.array(z.uuid()).max(10).optional().describe('三必到事项'),
  })
  .strict();

export const requiredVisitBody = z
  .object({ householdId: z.uuid().describe('户'), reason: z.enum(['emergency', 'grievance', 'family_dispute']).describe('原因'), description: z.string().trim().min(2).max(500).describe('情况说明') })
  .strict();

export const absenceBody = z
  .object({ accountId: z.uuid().describe('人员'), startsOn: date('开始日期'), endsOn: date('结束日期'), reason: z.string().trim().min(1).max(100).describe('原因') })
  .strict();

export const dueQuery = z.object({ nodeId: z.uuid().optional().describe('组织节点'), mine: z.enum(['0', '1']).default('1').describe('只看我的') });
export const visitsQuery = z.object({
  nodeId: z.uuid().optional().describe('组织节点'),
  page: z.coerce.number().int().min(1).default(1).describe('页码'),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).describe('每页条数'),
});

export const dueItemSchema = z.object({
  kind: z.enum(['cadence', 'required']),
  residentId: z.string().nullable(),
  residentName: z.string(),
  householdId: z.string(),
  address: z.string(),
  label: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  overdueSince: z.string().nullable(),
  lastVisitAt: z.string().nullable(),
  requiredVisitId: z.string().nullable(),
  assignee: z.object({ accountId: z.string(), name: z.string(), standingInFor: z.object({ accountId: z.string(), name: z.string() }).nullable() }).nullable(),
});

export const responsibleBody = z.object({ accountIds: z.array(z.uuid()).min(1).max(9).describe('责任人') }).strict();
