/** What other modules may import from the calendar module. */
export { loadWorkingCalendar } from './calendar.repository.ts';
export { cachedCalendar, reloadCalendar, calendarVersionSql, type VersionedCalendar } from './calendar-cache.ts';
export {
  addNaturalHours,
  addWorkingDays,
  buildWorkingCalendar,
  dayInfo,
  endOfChinaDay,
  isWorkingDay,
  nextWorkingDayFrom,
  startOfChinaDay,
  workingDayPredicate,
  workingDaysBetween,
  workingDaysDeadline,
  type CalendarOverride,
  type DayInfo,
  type LocalDate,
  type WorkingCalendar,
} from './working-calendar.ts';
export { limitDeadline, limitShareInstant, limitUsed, type LimitUnit, type Pause, type TimeLimit } from './time-limit.ts';
export { officialCalendar } from './official-holidays.ts';
