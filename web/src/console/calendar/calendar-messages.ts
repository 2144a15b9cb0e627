import { useTranslate, type Messages } from '../../shared/i18n';

/** The working-calendar screen's dictionary: `key: [zh-CN, en]`. */
export const calendarMessages = {
  'cal.title': ['工作日历', 'Working calendar'],
  'cal.year': ['{year} 年', '{year}'],
  'cal.prevYear': ['上一年', 'Previous year'],
  'cal.nextYear': ['下一年', 'Next year'],
  'cal.thisYear': ['今年', 'This year'],
  'cal.source': ['数据来源：{source}（{package}）。管理员调整只对本区有效。', 'Source: {source} ({package}). Overrides apply to this district only.'],
  'cal.notCovered': ['尚未收录 {year} 年的国务院节假日安排', 'The State Council’s arrangement for {year} is not in the data yet'],
  'cal.notCovered.desc': [
    '本年暂按“周一至周五上班、周六周日休息”计算。国务院办公厅发布通知后，请按通知逐日调整（点击日期），或升级节假日数据包。已收录：{years}。',
    'Until then Monday–Friday count as working days. When the State Council publishes its notice, enter it day by day (click a date) or upgrade the holiday data. Covered: {years}.',
  ],
  'cal.counts': ['全年工作日 {working} 天，休息日 {rest} 天；法定节假日 {holidays} 天，调休上班 {adjusted} 天，管理员调整 {overrides} 天', '{working} working days, {rest} rest days; {holidays} holiday days, {adjusted} adjusted working days, {overrides} overrides'],
  'cal.legend.workday': ['工作日', 'Working day'],
  'cal.legend.weekend': ['周末', 'Weekend'],
  'cal.legend.holiday': ['法定节假日（休）', 'Public holiday (rest)'],
  'cal.legend.adjusted': ['调休上班（班）', 'Adjusted working day'],
  'cal.legend.override': ['管理员调整（调）', 'Administrator override'],
  'cal.mark.holiday': ['休', 'H'],
  'cal.mark.adjusted': ['班', 'W'],
  'cal.mark.override': ['调', 'O'],
  'cal.month': ['{month} 月', 'Month {month}'],
  'cal.weekdays': ['一,二,三,四,五,六,日', 'Mo,Tu,We,Th,Fr,Sa,Su'],
  'cal.weekday': ['星期{d}', '{d}'],
  'cal.kind.workday': ['工作日', 'Working day'],
  'cal.kind.weekend': ['周末休息', 'Weekend'],
  'cal.kind.holiday': ['法定节假日', 'Public holiday'],
  'cal.kind.adjusted_workday': ['调休上班', 'Adjusted working day'],
  'cal.working': ['上班', 'Working'],
  'cal.rest': ['休息', 'Rest'],
  'cal.byNotice': ['按国务院通知：{kind}{name}', 'By the notice: {kind}{name}'],
  'cal.overridden': ['已调整为{state}：{note}（{by}，{at}）', 'Overridden to {state}: {note} ({by}, {at})'],
  'cal.modal.title': ['调整 {date}（{weekday}）', 'Override {date} ({weekday})'],
  'cal.modal.state': ['这一天', 'This day'],
  'cal.modal.note': ['说明（必填，如“防汛停工”“按国务院通知补录”）', 'Reason (required)'],
  'cal.modal.noteRequired': ['请填写说明', 'Give a reason'],
  'cal.modal.save': ['保存调整', 'Save override'],
  'cal.modal.clear': ['清除调整，恢复通知安排', 'Clear override'],
  'cal.modal.saved': ['已调整 {date}', '{date} overridden'],
  'cal.modal.cleared': ['已恢复 {date}', '{date} restored'],
  'cal.modal.hint': ['调整对全区所有社区生效，办理时限按调整后的日历计算；操作记入审计日志。', 'The override applies to the whole district and to every time limit; it is audited.'],
  'cal.calc.title': ['推算期限', 'Deadline calculator'],
  'cal.calc.from': ['起算日期', 'From'],
  'cal.calc.days': ['工作日数', 'Working days'],
  'cal.calc.run': ['推算', 'Calculate'],
  'cal.calc.result': ['第 {days} 个工作日是 {lastDay}（星期{weekday}），期限至该日 24 时；共 {calendarDays} 个自然日。', 'Working day {days} is {lastDay} ({weekday}); the limit ends at 24:00 that day ({calendarDays} calendar days).'],
  'cal.calc.rule': ['起算日当天不计入（民法典第二百零一条），只数工作日（含调休上班日，不含节假日和周末）。', 'The starting day is not counted (Civil Code art. 201); only working days count.'],
} as const satisfies Messages;

export type CalendarKey = keyof typeof calendarMessages;

export function useCalT() {
  return useTranslate(calendarMessages);
}
