import type { App, AppDeps } from '../../app.ts';
import { chinaDate } from '../../platform/china-time.ts';
import { staffOf } from '../../platform/http/authorize.ts';
import { commandContext } from '../../platform/http/request-context.ts';
import { clearCalendarOverride, setCalendarOverride } from './calendar.commands.ts';
import { listOverrides, loadWorkingCalendar } from './calendar.repository.ts';
import * as s from './calendar.schema.ts';
import { officialCalendar } from './official-holidays.ts';
import { addWorkingDays, buildWorkingCalendar, daysBetween, endOfChinaDay, yearDays } from './working-calendar.ts';

const tags = ['工作日历'];

/**
 * 工作日历. Reading is open to every staff account (deadlines are shown everywhere). Overrides apply to
 * the whole district, so changing them needs calendar.manage held at the district itself: the scope
 * check names the district's own org node, and an administrator of one community gets 403.
 */
export function registerCalendarRoutes(app: App, deps: AppDeps): void {
  const districtScope = (req: Parameters<typeof staffOf>[0]) => [{ entity: 'org_node', id: staffOf(req).districtId }];

  app.get('/api/calendar', {
    config: { access: { kind: 'staff' } },
    schema: { tags, summary: '一年的工作日历（法定节假日、调休上班日、管理员调整）', querystring: s.yearQuery, response: { 200: s.yearSchema } },
  }, async (req) => {
    const { districtId } = staffOf(req);
    const year = req.query.year ?? Number(chinaDate(deps.clock()).slice(0, 4));
    const official = officialCalendar();
    const overrides = await listOverrides(deps.db, districtId, year);
    const byDate = new Map(overrides.map((o) => [o.date, o]));
    const calendar = buildWorkingCalendar({ official, overrides });
    const days = yearDays(year, calendar).map((d) => {
      const o = byDate.get(d.date);
      return { ...d, override: o ? { working: o.working, note: o.note, setByName: o.setByName, setAt: o.setAt.toISOString() } : null };
    });
    return {
      year,
      covered: official.coveredYears.includes(year),
      source: official.source,
      coveredYears: [...official.coveredYears],
      days,
      counts: {
        working: days.filter((d) => d.working).length,
        rest: days.filter((d) => !d.working).length,
        holidays: days.filter((d) => d.kind === 'holiday').length,
        adjustedWorkdays: days.filter((d) => d.kind === 'adjusted_workday').length,
        overrides: overrides.length,
      },
    };
  });

  app.get('/api/calendar/working-days', {
    config: { access: { kind: 'staff' } },
    schema: { tags, summary: '推算期限：起算日后第 N 个工作日（起算日不计入，期限至该日 24 时）', querystring: s.workingDaysQuery, response: { 200: s.workingDaysSchema } },
  }, async (req) => {
    const calendar = await loadWorkingCalendar(deps.db, staffOf(req).districtId);
    const lastDay = addWorkingDays(req.query.from, req.query.days, calendar);
    return { from: req.query.from, days: req.query.days, lastDay, deadline: endOfChinaDay(lastDay).toISOString(), calendarDays: daysBetween(req.query.from, lastDay) };
  });

  app.put('/api/calendar/overrides/:date', {
    config: { access: { kind: 'staff', permission: 'calendar.manage', scope: districtScope } },
    schema: { tags, summary: '调整某日为工作日或休息日（全区适用，须注明原因）', params: s.dateParams, body: s.overrideBody },
  }, async (req, reply) => {
    await setCalendarOverride(commandContext(req, deps), req.params.date, req.body);
    return reply.status(204).send();
  });

  app.delete('/api/calendar/overrides/:date', {
    config: { access: { kind: 'staff', permission: 'calendar.manage', scope: districtScope } },
    schema: { tags, summary: '清除某日的调整，恢复国务院通知的安排', params: s.dateParams },
  }, async (req, reply) => {
    await clearCalendarOverride(commandContext(req, deps), req.params.date);
    return reply.status(204).send();
  });
}
