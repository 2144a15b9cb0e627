import { z } from 'zod';
import { FILE_PURPOSES } from '../../../platform/files/files.ts';

const text = (label: string, max: number) => z.string().trim().min(1).max(max).describe(label);

export const matterIdParams = z.object({ matterId: z.uuid().describe('议题') });
export const stageParams = z.object({ matterId: z.uuid().describe('议题'), stageId: z.uuid().describe('环节') });
export const templateIdParams = z.object({ templateId: z.uuid().describe('程序模板') });
export const solicitationParams = z.object({ solicitationId: z.uuid().describe('征求意见') });
export const commentParams = z.object({ matterId: z.uuid().describe('议题'), commentId: z.uuid().describe('意见') });
export const noteParams = z.object({ matterId: z.uuid().describe('议题'), noteId: z.uuid().describe('监督记录') });
export const taskParams = z.object({ matterId: z.uuid().describe('议题'), taskId: z.uuid().describe('任务') });
export const fileParams = z.object({ fileId: z.uuid().describe('附件') });

export const attachmentBody = z.object({
  purpose: z.enum(FILE_PURPOSES).describe('用途'),
  name: text('文件名', 200),
  mime: text('文件类型', 120),
  content: z.string().min(1).max(1_100_000).describe('内容（base64）'),
});

export const raiseBody = z.object({
  communityId: z.uuid().describe('所属社区'),
  title: text('议题名称', 200),
  description: z.string().trim().max(5000).optional().describe('议题说明'),
  category: z.string().trim().max(50).nullish().describe('类别'),
});
export const portalTopicBody = z.object({
  title: text('议题名称', 200),
  description: text('议题说明', 5000),
  category: z.string().trim().max(50).nullish().describe('类别'),
});

export const itemBody = z.object({
  title: text('事项名称', 200),
  description: z.string().trim().max(2000).optional().describe('事项说明'),
  subjectResidentId: z.uuid().nullish().describe('事项对象（居民，如低保对象）'),
  householdSize: z.number().int().min(1).max(50).nullish().describe('家庭人口'),
  amount: z.number().min(0).max(10_000_000).nullish().describe('金额（元）'),
});

export const acceptBody = z.object({
  templateId: z.uuid().describe('议事程序'),
  title: text('议题名称', 200).optional(),
  description: z.string().trim().max(5000).optional().describe('议题说明'),
  category: z.string().trim().max(50).nullish().describe('类别'),
  budget: z.number().min(0).max(1e11).nullish().describe('预算（元）'),
  affectedNodeId: z.uuid().nullish().describe('涉及范围（网格、楼栋等）'),
  affectedHouseIds: z.array(z.uuid()).max(5000).optional().describe('涉及户'),
  items: z.array(itemBody).min(1).max(200).optional().describe('事项（多项即简易程序）'),
  attachments: z.array(attachmentBody).max(5).optional().describe('附件'),
});
export const declineBody = z.object({ reason: text('不予受理理由', 1000) });

export const listQuery = z.object({
  status: z.enum(['raised', 'in_progress', 'completed', 'stopped', 'declined']).optional().describe('状态'),
  communityId: z.uuid().optional().describe('社区'),
  q: z.string().trim().max(50).optional().describe('名称关键字'),
  page: z.coerce.number().int().min(1).max(100000).default(1).describe('页码'),
  pageSize: z.coerce.number().int().min(1).max(200).default(20).describe('每页条数'),
});

export const closeBody = z.object({ note: z.string().trim().max(2000).nullish().describe('说明') });
export const skipBody = z.object({ reason: text('跳过理由', 1000) });
export const signOffBody = z.object({ note: z.string().trim().max(2000).nullish().describe('签字意见') });

export const solicitationBody = z.object({
  title: text('问卷标题', 200),
  description: z.string().trim().max(5000).optional().describe('说明'),
  closesAt: z.iso.datetime({ offset: true }).describe('截止时间'),
  scopeNodeId: z.uuid().nullish().describe('征求范围'),
  questions: z
    .array(z.object({ kind: z.enum(['single', 'multiple', 'text']).describe('题型'), text: text('题目', 500), options: z.array(text('选项', 200)).max(20).optional().describe('选项'), required: z.boolean().optional().describe('必答') }))
    .min(1)
    .max(50)
    .describe('题目'),
});
export const responseBody = z.object({
  answers: z.array(z.object({ questionId: z.uuid().describe('题目'), optionIds: z.array(z.string().max(10)).max(20).optional().describe('所选选项'), text: z.string().max(2000).optional().describe('回答') })).max(50).describe('答卷'),
});

export const recordBody = z.object({
  kind: z.enum(['symposium', 'hearing', 'expert_review']).describe('类型（座谈会 / 听证会 / 专家论证）'),
  heldAt: z.iso.datetime({ offset: true }).describe('时间'),
  place: z.string().trim().max(200).optional().describe('地点'),
  participants: z.number().int().min(0).max(100000).nullish().describe('参加人数'),
  summary: text('纪要', 10000),
});
export const commentBody = z.object({
  authorName: text('提出人', 50),
  text: text('意见内容', 5000),
  receivedAt: z.iso.datetime({ offset: true }).optional().describe('收到时间'),
  residentId: z.uuid().nullish().describe('居民'),
});
export const answerBody = z.object({ answer: text('答复', 5000) });
export const supervisionBody = z.object({ kind: z.enum(['finding', 'flag']).describe('类型（检查记录 / 问题）'), stageId: z.uuid().nullish().describe('环节'), text: text('内容', 5000) });
export const publishBody = z.object({ title: text('标题', 200).optional(), body: z.string().trim().min(1).max(20000).optional().describe('正文'), column: z.string().trim().max(40).optional().describe('栏目') });
export const taskBody = z.object({ title: text('任务', 200), parentId: z.uuid().nullish().describe('上级任务'), weight: z.number().positive().max(1000).optional().describe('权重'), milestone: z.boolean().optional().describe('里程碑'), dueOn: z.iso.date().nullish().describe('计划完成日期'), position: z.number().int().min(0).max(10000).optional() });
export const taskUpdateBody = z.object({ status: z.enum(['not_started', 'in_progress', 'done', 'blocked']).optional().describe('状态'), percent: z.number().int().min(0).max(100).optional().describe('进度（%）'), reachedOn: z.iso.date().nullish().describe('达成日期'), note: z.string().trim().max(2000).nullish().describe('进展说明'), weight: z.number().positive().max(1000).optional().describe('权重') });

export const templateListQuery = z.object({ communityId: z.uuid().optional().describe('社区') });
export const copyTemplateBody = z.object({ communityId: z.uuid().describe('复制到社区'), name: text('名称', 100).optional(), body: z.unknown().optional().describe('调整后的程序（可选）') });
export const updateTemplateBody = z.object({ name: text('名称', 100).optional(), body: z.unknown().describe('程序') });

export const fileBody = attachmentBody.extend({ ownerKind: z.enum(['matter', 'matter_stage']).describe('所属记录类型'), ownerId: z.uuid().describe('所属记录') });
