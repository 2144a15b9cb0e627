import { z } from 'zod';

/** Request and response shapes of the calendar routes (the web app keeps its own copy of the types). */
const localDate = (label: string) => z.iso.date().describe(label);

export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().describe('年份（默认今年）') });
export const dateParams = z.object({ date: localDate('日期') });

export const overrideBody = z
  .object({
    working: z.boolean().describe('是否上班'),
    note: z.string().trim().min(1).max(200).describe('说明'),
  })
  .strict();

export const workingDaysQuery = z.object({
  from: localDate('起算日期'),
  days: z.coerce.number().int().min(0).max(366).describe('工作日数'),
});

const name = z.object({ zh: z.string(), en: z.string() });

export const daySchema = z.object({
  date: z.string(),
  weekday: z.number(),
  working: z.boolean(),
  kind: z.enum(['workday', 'weekend', 'holiday', 'adjusted_workday']),
  holidayName: name.nullable(),
  override: z.object({ working: z.boolean(), note: z.string(), setByName: z.string(), setAt: z.string() }).nullable(),
});

export const yearSchema = z.object({
  year: z.number(),
  /** Whether the State Council's arrangement for the year is in the shipped data. */
  covered: z.boolean(),
  source: z.object({ zh: z.string(), en: z.string(), package: z.string() }),
  coveredYears: z.array(z.number()),
  days: z.array(daySchema),
  counts: z.object({ working: z.number(), rest: z.number(), holidays: z.number(), adjustedWorkdays: z.number(), overrides: z.number() }),
});

export const workingDaysSchema = z.object({
  from: z.string(),
  days: z.number(),
  /** The n-th working day after `from`. */
  lastDay: z.string(),
  /** 24:00 China time of that day, as an ISO instant. */
  deadline: z.string(),
  /** Calendar days from `from` to `lastDay`. */
  calendarDays: z.number(),
});
