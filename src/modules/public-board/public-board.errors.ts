import { registerAuditActions } from '../../platform/audit/audit.ts';
import { registerErrors } from '../../platform/errors.ts';

export const BOARD_ERRORS = registerErrors({
  BOARD_NOT_COMMUNITY: { status: 400, zh: '「社区」应选择一个社区（公开栏按社区设置）', en: 'Choose a community: boards are kept per community' },
  BOARD_COLUMN_UNKNOWN: { status: 400, zh: '「栏目」不存在或已停用', en: 'Unknown or archived board column' },
  BOARD_COLUMN_EXISTS: { status: 409, zh: '「栏目名称」已存在', en: 'A column of this name already exists' },
  BOARD_COLUMN_STANDARD: { status: 409, zh: '党务、居务、财务三个基本栏目不能停用', en: 'The three standard columns cannot be archived' },
  BOARD_PERIOD_MISSING: { status: 400, zh: '请填写「公示天数」或「公示截止日期」', en: 'Give the publication days or the end date' },
  BOARD_PERIOD_ORDER: { status: 400, zh: '「公示截止日期」不能早于开始日期', en: 'The publication period ends before it starts' },
  BOARD_PERIOD_TOO_LONG: { status: 400, zh: '「公示期」不能超过一年', en: 'The publication period cannot exceed a year' },
  BOARD_START_IN_PAST: { status: 400, zh: '「公示开始日期」不能早于今天', en: 'The publication cannot start in the past' },
  BOARD_SENSITIVE_TEXT: { status: 400, zh: '「正文」含有身份证号或手机号，公开内容不得包含个人敏感信息', en: 'The text contains an ID or phone number; public notices must not' },
  BOARD_CORRECTS_OTHER_COMMUNITY: { status: 400, zh: '「更正的条目」应是本社区公开栏的条目', en: 'A correction must correct an entry of the same board' },
  BOARD_ENTRY_WITHDRAWN: { status: 409, zh: '该条目已撤回', en: 'The entry has been withdrawn' },
  BOARD_OBJECTION_PERIOD_OVER: { status: 409, zh: '公示期已结束，不再受理异议', en: 'The publication period is over; objections are closed' },
  BOARD_OBJECTION_NOT_STARTED: { status: 409, zh: '尚未开始公示，暂不受理异议', en: 'The publication period has not started' },
  BOARD_OBJECTION_ANSWERED: { status: 409, zh: '该异议已答复', en: 'The objection has already been answered' },
  BOARD_POSTING_TAKEN_DOWN: { status: 409, zh: '该张贴记录已登记撤下', en: 'This posting has already been taken down' },
  BOARD_POSTED_IN_FUTURE: { status: 400, zh: '「张贴时间」不能晚于现在', en: 'The posting time cannot be in the future' },
  BOARD_TAKEN_DOWN_ORDER: { status: 400, zh: '「撤下时间」不能早于张贴时间，也不能晚于现在', en: 'The take-down time must be after the posting and not in the future' },
  BOARD_PHOTO_INVALID: { status: 400, zh: '「照片」应为 JPEG 或 PNG 图片，且不超过 768 KB', en: 'The photo must be a JPEG or PNG of at most 768 KB' },
});

registerAuditActions({
  'board.column.create': { zh: '新增公开栏栏目', en: 'Add board column' },
  'board.column.update': { zh: '修改公开栏栏目', en: 'Update board column' },
  'board.entry.publish': { zh: '发布公开内容', en: 'Publish board entry' },
  'board.entry.withdraw': { zh: '撤回公开内容', en: 'Withdraw board entry' },
  'board.posting.create': { zh: '登记张贴', en: 'Record posting' },
  'board.posting.take_down': { zh: '登记撤下', en: 'Record take-down' },
  'board.posting.photo': { zh: '上传张贴照片', en: 'Upload posting photo' },
  'board.objection.create': { zh: '提出公示异议', en: 'Raise objection' },
  'board.objection.answer': { zh: '答复公示异议', en: 'Answer objection' },
  'board.notice.print': { zh: '打印公示单', en: 'Print notice' },
});
