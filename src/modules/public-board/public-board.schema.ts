import { z } from 'zod';

const date = (label: string) => z.iso.date().describe(label);

export const communityParams = z.object({ communityId: z.uuid().describe('社区') });
export const entryParams = z.object({ entryId: z.uuid().describe('公开栏条目') });
export const columnParams = z.object({ communityId: z.uuid().describe('社区'), code: z.string().min(2).max(41).describe('栏目') });
export const postingParams = z.object({ entryId: z.uuid().describe('公开栏条目'), postingId: z.uuid().describe('张贴记录') });
export const objectionParams = z.object({ entryId: z.uuid().describe('公开栏条目'), objectionId: z.uuid().describe('异议') });

export const freshnessSchema = z
  .object({
    every: z.enum(['month', 'quarter', 'half_year', 'year']).nullable().describe('公开频次'),
    warnDays: z.number().int().min(0).max(90).default(14).describe('提前提醒天数'),
  })
  .strict();

export const createColumnBody = z
  .object({
    name: z.string().trim().min(1).max(30).describe('栏目名称'),
    nameEn: z.string().trim().max(60).nullish().describe('英文名称'),
    freshness: freshnessSchema,
  })
  .strict();

export const updateColumnBody = z
  .object({
    name: z.string().trim().min(1).max(30).optional().describe('栏目名称'),
    nameEn: z.string().trim().max(60).nullish().describe('英文名称'),
    freshness: freshnessSchema.optional(),
    archived: z.boolean().optional().describe('停用'),
  })
  .strict();

export const personalLineSchema = z
  .object({
    name: z.string().trim().min(1).max(50).describe('姓名'),
    householdSize: z.number().int().min(1).max(50).describe('家庭人口'),
    amount: z.number().min(0).max(1_000_000).describe('金额（元/月）'),
  })
  .strict();

export const publishBody = z
  .object({
    column: z.string().trim().min(2).max(41).describe('栏目'),
    title: z.string().trim().min(1).max(200).describe('标题'),
    body: z.string().trim().max(20000).default('').describe('正文'),
    startsOn: date('公示开始日期').nullish(),
    publicationDays: z.number().int().min(0).max(366).nullish().describe('公示天数'),
    endsOn: date('公示截止日期').nullish(),
    matterId: z.uuid().nullish().describe('关联议题'),
    stageId: z.uuid().nullish().describe('关联阶段'),
    personal: z.array(personalLineSchema).max(500).nullish().describe('个人公示（仅姓名、家庭人口、金额）'),
    correctsEntryId: z.uuid().nullish().describe('更正的条目'),
  })
  .strict();

export const withdrawBody = z.object({ reason: z.string().trim().min(2).max(500).describe('撤回原因') }).strict();

const photoSchema = z
  .object({
    name: z.string().trim().max(100).nullish().describe('文件名'),
    dataUrl: z.string().regex(/^data:image\/(jpeg|png);base64,/, '应为 JPG/PNG 图片').max(1_100_000, '照片不能超过 768 KB').describe('照片'),
  })
  .strict();

export const postingBody = z
  .object({
    location: z.string().trim().min(1).max(100).describe('张贴地点'),
    postedAt: z.iso.datetime({ offset: true }).describe('张贴时间'),
    photo: photoSchema.nullish(),
  })
  .strict();

export const takeDownBody = z.object({ takenDownAt: z.iso.datetime({ offset: true }).describe('撤下时间') }).strict();
export const photoBody = photoSchema;
export const answerBody = z.object({ answer: z.string().trim().min(1).max(2000).describe('答复') }).strict();
export const objectionBody = z.object({ text: z.string().trim().min(2).max(2000).describe('异议内容') }).strict();
