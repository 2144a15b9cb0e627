import { z } from 'zod';
import { BODY_KINDS } from '../rules/procedure-template.ts';

/** Request shapes of the meeting routes (zod); labels name the fields in zh-CN error messages. */
const text = (label: string, max: number) => z.string().trim().min(1).max(max).describe(label);
export const choice = z.enum(['yes', 'no', 'abstain']).describe('表决意见');

export const bodyParams = z.object({ bodyId: z.uuid().describe('议事主体编号') });
export const memberParams = z.object({ bodyId: z.uuid().describe('议事主体编号'), residentId: z.uuid().describe('居民编号') });
export const meetingParams = z.object({ meetingId: z.uuid().describe('会议编号') });

export const listBodiesQuery = z.object({ communityId: z.uuid().optional().describe('社区') }).strict();
export const createBodyBody = z.object({
  communityId: z.uuid().describe('社区'),
  kind: z.enum(BODY_KINDS).describe('主体类型'),
  name: text('名称', 100),
  scopeNodeId: z.uuid().nullish().describe('范围'),
}).strict();
export const standardBodiesBody = z.object({ communityId: z.uuid().describe('社区') }).strict();
export const addMemberBody = z.object({ residentId: z.uuid().describe('居民'), role: z.string().trim().min(1).max(30).nullish().describe('职务') }).strict();

export const listMeetingsQuery = z.object({
  matterId: z.uuid().optional().describe('议题'),
  stageId: z.uuid().optional().describe('议题阶段'),
  bodyId: z.uuid().optional().describe('议事主体'),
  status: z.enum(['called', 'signing_in', 'voting', 'closed']).optional().describe('状态'),
}).strict();
export const callMeetingBody = z.object({
  stageId: z.uuid().describe('议题阶段'),
  bodyId: z.uuid().describe('议事主体'),
  alternativeKey: z.string().trim().min(1).max(60).nullish().describe('会议形式'),
  title: z.string().trim().min(1).max(200).nullish().describe('会议名称'),
  place: z.string().trim().max(200).nullish().describe('会议地点'),
  scheduledAt: z.iso.datetime({ offset: true }).describe('会议时间'),
}).strict();
export const openVotingBody = z.object({ closesAt: z.iso.datetime({ offset: true }).nullish().describe('投票截止时间') }).strict();
export const signInBody = z.object({
  residentId: z.uuid().describe('成员'),
  mode: z.enum(['in_person', 'proxy']).describe('出席方式'),
  proxyName: z.string().trim().max(50).nullish().describe('受托人'),
  proxyReason: z.string().trim().max(200).nullish().describe('委托原因'),
  witness: z.string().trim().max(50).nullish().describe('见证人'),
}).strict();
export const recusalBody = z.object({ itemId: z.uuid().describe('表决事项'), residentId: z.uuid().describe('成员'), reason: text('回避原因', 200) }).strict();
export const paperBallotBody = z.object({
  itemId: z.uuid().describe('表决事项'),
  residentId: z.uuid().describe('成员'),
  choice,
  correctionReason: z.string().trim().max(200).nullish().describe('更正原因'),
}).strict();
/** The most readings one bulk request may carry (the console sends a larger count in several requests). */
export const PAPER_BATCH_MAX = 5000;
export const paperBallotsBulkBody = z.object({
  entries: z.array(paperBallotBody).min(1).max(PAPER_BATCH_MAX).describe('选票'),
}).strict();
export const portalBallotBody = z.object({ itemId: z.uuid().describe('表决事项'), choice }).strict();
export const generatedPaperBody = z.object({ kind: z.enum(['sign_in_sheet', 'minutes']).describe('附件类型') }).strict();
