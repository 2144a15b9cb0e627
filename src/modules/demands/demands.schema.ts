import { z } from 'zod';
import { DEMAND_CHANNELS, HANDLING_LEVELS, RATINGS } from './rules/index.ts';

/** Channels staff record (the portal is the resident's own). */
export const STAFF_CHANNELS = ['hotline', 'walk_in', 'grid_worker', 'mailbox', 'door_note', 'symposium', 'hotline_12345'] as const satisfies readonly (typeof DEMAND_CHANNELS)[number][];

const reason = (label: string) => z.string().trim().max(500).describe(label);
const photo = z
  .object({
    name: z.string().trim().min(1).max(200).describe('文件名'),
    mime: z.string().trim().min(1).max(120).describe('文件类型'),
    content: z.string().min(1).describe('照片内容（base64）'),
  })
  .strict();
const location = z
  .object({
    lng: z.number().min(-180).max(180).describe('经度'),
    lat: z.number().min(-90).max(90).describe('纬度'),
    crs: z.enum(['wgs84', 'gcj02', 'bd09']).optional().describe('坐标系'),
  })
  .strict();

const common = {
  category: z.string().trim().min(1).max(80).describe('诉求分类'),
  title: z.string().trim().min(1).max(100).describe('标题'),
  description: z.string().trim().max(2000).optional().describe('诉求内容'),
  location: location.nullish().describe('位置'),
  photos: z.array(photo).max(6).optional().describe('照片'),
};

/** Staff intake: the channel, the place (community, grid, building or household) and optionally the resident. */
export const staffIntakeBody = z
  .object({
    channel: z.enum(STAFF_CHANNELS).describe('来源渠道'),
    nodeId: z.uuid().describe('地点（社区、网格、楼栋或住户）'),
    residentId: z.uuid().nullish().describe('居民'),
    contactName: z.string().trim().max(50).nullish().describe('联系人'),
    contactPhone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/).nullish().describe('联系电话'),
    ...common,
  })
  .strict();

export const portalIntakeBody = z.object(common).strict();

export const demandParams = z.object({ demandId: z.uuid().describe('诉求编号') });
export const photoParams = z.object({ demandId: z.uuid().describe('诉求编号'), fileId: z.uuid().describe('照片编号') });

export const listQuery = z
  .object({
    status: z.enum(['received', 'routed', 'accepted', 'suspended', 'done', 'closed', 'merged', 'open', 'finished']).optional().describe('状态（open = 待办：已登记、已分派、办理中、暂停；finished = 已办结：办结待评价、已关闭）'),
    overdue: z.enum(['0', '1']).optional().describe('只看超期'),
    category: z.string().trim().max(80).optional().describe('诉求分类'),
    channel: z.enum(DEMAND_CHANNELS).optional().describe('来源渠道'),
    after: z.string().max(200).optional().describe('翻页游标'),
    pageSize: z.coerce.number().int().min(1).max(100).default(20).describe('每页条数'),
  })
  .strict();

export const reasonBody = z.object({ reason: reason('原因') }).strict();
export const optionalNoteBody = z.object({ note: z.string().trim().max(500).optional().describe('说明') }).strict();
export const escalateBody = z.object({ reason: reason('上报原因'), level: z.enum(HANDLING_LEVELS).optional().describe('接收层级') }).strict();
export const transferBody = z.object({ reason: reason('转派原因'), level: z.enum(HANDLING_LEVELS).describe('承办层级'), body: z.string().trim().min(1).max(60).describe('承办单位') }).strict();
export const extendBody = z.object({ amount: z.number().positive().max(365).describe('延期时长（按该分类办结时限的单位：工作日或小时）'), reason: reason('延期原因') }).strict();
export const finishBody = z
  .object({
    outcome: z
      .object({ result: z.enum(['resolved', 'explained', 'unresolvable']).describe('办理结果类别'), text: z.string().trim().max(2000).describe('办理结果') })
      .strict()
      .nullish()
      .describe('办理结果'),
  })
  .strict();
export const mergeBody = z.object({ intoDemandId: z.uuid().describe('合并到的诉求') }).strict();
export const rateBody = z.object({ rating: z.enum(Object.keys(RATINGS) as ['satisfied', 'basically_satisfied', 'unsatisfied']).describe('评价'), comment: z.string().trim().max(500).optional().describe('评价意见') }).strict();
export const mergeCandidatesQuery = z.object({ q: z.string().trim().max(100).optional().describe('标题关键词') }).strict();
