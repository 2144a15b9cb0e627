import { z } from 'zod';

/** Bodies and queries of the staff key and 12345 routes (each field named in zh-CN for error messages). */
export const createKeyBody = z.object({
  name: z.string().trim().min(1).max(60).describe('接口名称'),
  nodeId: z.uuid().describe('可提交范围'),
  channel: z.enum(['hotline_12345', 'hotline']).default('hotline_12345').describe('登记渠道'),
});
export const keyParams = z.object({ keyId: z.uuid().describe('接口密钥') });
export const importQuery = z.object({ nodeId: z.uuid().describe('导入到（街道或社区）') });
export const ticketParams = z.object({ ticketNo: z.string().trim().min(1).max(64).describe('工单编号') });

const cell = (label: string) => z.preprocess((v) => (v === null || v === undefined ? undefined : typeof v === 'number' ? String(v) : v), z.string().max(4000).optional()).describe(label);
/** One ticket of the API: the template's columns under English keys. */
export const ticketBody = z.object({
  ticketNo: cell('工单编号'),
  calledAt: cell('来电时间'),
  callerName: cell('来电人'),
  callerPhone: cell('联系电话'),
  address: cell('诉求地址'),
  content: cell('诉求内容'),
  category: cell('诉求分类'),
  limitWorkingDays: cell('办理时限(工作日)'),
  community: cell('所属社区'),
});
export const ticketsBody = z.array(ticketBody).min(1).max(500).describe('工单');
