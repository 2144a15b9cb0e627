import { registerAuditActions } from '../../platform/audit/audit.ts';
import { registerErrors } from '../../platform/errors.ts';

export const CALENDAR_ERRORS = registerErrors({
  CALENDAR_DATE_INVALID: { status: 400, zh: '「日期」不是有效的日期（格式 YYYY-MM-DD）', en: 'The date is not a valid date (YYYY-MM-DD)' },
  CALENDAR_YEAR_OUT_OF_RANGE: { status: 400, zh: '「年份」应在 2000 至 2100 之间', en: 'The year must be between 2000 and 2100' },
  CALENDAR_OVERRIDE_NO_CHANGE: { status: 409, zh: '该日按国务院通知本来就是这样安排的，无需调整', en: 'The day is already so by the State Council notice; nothing to override' },
  CALENDAR_OVERRIDE_NOT_FOUND: { status: 404, zh: '该日没有管理员调整，无需清除', en: 'The day has no administrator override to clear' },
});

registerAuditActions({
  'calendar.override.set': { zh: '调整工作日历', en: 'Override working calendar' },
  'calendar.override.clear': { zh: '清除工作日历调整', en: 'Clear working-calendar override' },
});
