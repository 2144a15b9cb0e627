import type { DemandChannel, DemandEventKind, DemandStatus, OutcomeResult } from './rules/index.ts';

/** zh-CN / English names shown in lists, histories and audit summaries. */
export const CHANNEL_NAMES: Record<DemandChannel, { zh: string; en: string }> = {
  portal: { zh: '居民网上提交', en: 'Resident portal' },
  hotline: { zh: '服务热线', en: 'Hotline' },
  walk_in: { zh: '来访', en: 'Walk-in' },
  grid_worker: { zh: '网格员上报', en: 'Grid worker' },
  mailbox: { zh: '意见箱', en: 'Mailbox' },
  door_note: { zh: '民情联系卡', en: 'Door note' },
  symposium: { zh: '座谈会', en: 'Symposium' },
  hotline_12345: { zh: '12345 转办', en: '12345 transfer' },
};

export const STATUS_NAMES: Record<DemandStatus, { zh: string; en: string }> = {
  received: { zh: '已登记', en: 'Received' },
  routed: { zh: '已派单', en: 'Routed' },
  accepted: { zh: '办理中', en: 'In hand' },
  suspended: { zh: '已挂起', en: 'Suspended' },
  done: { zh: '已办结待评价', en: 'Done, awaiting rating' },
  closed: { zh: '已归档', en: 'Closed' },
  merged: { zh: '已合并', en: 'Merged' },
};

export const EVENT_NAMES: Record<DemandEventKind, { zh: string; en: string }> = {
  received: { zh: '登记', en: 'Received' },
  routed: { zh: '派单', en: 'Routed' },
  accepted: { zh: '受理', en: 'Accepted' },
  escalated: { zh: '上报', en: 'Escalated' },
  returned: { zh: '退回', en: 'Returned' },
  transferred: { zh: '转派', en: 'Transferred' },
  extended: { zh: '延期', en: 'Extended' },
  suspended: { zh: '挂起', en: 'Suspended' },
  resumed: { zh: '恢复办理', en: 'Resumed' },
  urged: { zh: '催办', en: 'Urged' },
  supervised: { zh: '督办', en: 'Supervision notice' },
  done: { zh: '办结', en: 'Done' },
  reopened: { zh: '重新办理', en: 'Reopened' },
  rated: { zh: '评价', en: 'Rated' },
  merged: { zh: '合并', en: 'Merged' },
};

export const OUTCOME_NAMES: Record<OutcomeResult, { zh: string; en: string }> = {
  resolved: { zh: '已解决', en: 'Resolved' },
  explained: { zh: '已解释说明', en: 'Explained' },
  unresolvable: { zh: '暂不能解决', en: 'Cannot be resolved now' },
};

/** The events a resident sees in their own history (urging and supervision are internal). */
export const RESIDENT_VISIBLE_EVENTS: readonly DemandEventKind[] = ['received', 'routed', 'accepted', 'escalated', 'returned', 'transferred', 'extended', 'suspended', 'resumed', 'done', 'reopened', 'rated', 'merged'];
