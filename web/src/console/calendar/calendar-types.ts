/** Shapes of the calendar API (src/modules/calendar/calendar.schema.ts). */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';

export type CalendarDay = {
  date: string;
  weekday: number;
  working: boolean;
  kind: DayKind;
  holidayName: { zh: string; en: string } | null;
  override: { working: boolean; note: string; setByName: string; setAt: string } | null;
};

export type CalendarYear = {
  year: number;
  covered: boolean;
  source: { zh: string; en: string; package: string };
  coveredYears: number[];
  days: CalendarDay[];
  counts: { working: number; rest: number; holidays: number; adjustedWorkdays: number; overrides: number };
};

export type WorkingDaysAnswer = { from: string; days: number; lastDay: string; deadline: string; calendarDays: number };
