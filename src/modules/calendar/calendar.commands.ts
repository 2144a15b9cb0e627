import { appendAudit } from '../../platform/audit/audit.ts';
import type { StaffActor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/errors.ts';
import './calendar.errors.ts';
import './calendar.tables.ts';
import { officialCalendar } from './official-holidays.ts';
import { buildWorkingCalendar, dayInfo, isLocalDate } from './working-calendar.ts';

type Ctx = { db: Db; actor: StaffActor; ip: string; now: Date };

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

function checkDate(date: string): void {
  if (!isLocalDate(date)) fail('CALENDAR_DATE_INVALID', { date });
  const year = Number(date.slice(0, 4));
  if (year < 2000 || year > 2100) fail('CALENDAR_YEAR_OUT_OF_RANGE', { year });
}

async function districtPath(tx: Db, districtId: string): Promise<string | null> {
  const row = await tx.selectFrom('org_node').select('path').where('district_id', '=', districtId).where('id', '=', districtId).executeTakeFirst();
  return row?.path ?? null;
}

/** Declares a day working or rest for the whole district, with the reason (one transaction with its audit entry). */
export async function setCalendarOverride(ctx: Ctx, date: string, input: { working: boolean; note: string }): Promise<void> {
  checkDate(date);
  const districtId = ctx.actor.districtId;
  const plain = dayInfo(date, buildWorkingCalendar({ official: officialCalendar() }));
  await ctx.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('working_calendar_override').select(['working', 'note']).where('district_id', '=', districtId).where('on_date', '=', date).executeTakeFirst();
    // An override that says what the notice already says is refused, unless it replaces an existing one (then clear it instead).
    if (plain.working === input.working && !before) {
      fail('CALENDAR_OVERRIDE_NO_CHANGE', { date, working: input.working });
    }
    await tx
      .insertInto('working_calendar_override')
      .values({ district_id: districtId, on_date: date, working: input.working, note: input.note, set_by: ctx.actor.id, set_by_name: ctx.actor.displayName, set_at: ctx.now })
      .onConflict((oc) => oc.columns(['district_id', 'on_date']).doUpdateSet({ working: input.working, note: input.note, set_by: ctx.actor.id, set_by_name: ctx.actor.displayName, set_at: ctx.now }))
      .execute();
    await appendAudit(tx, {
      districtId,
      actor: ctx.actor,
      ip: ctx.ip,
      at: ctx.now,
      action: 'calendar.override.set',
      entityType: 'working_calendar',
      entityId: date,
      nodePath: await districtPath(tx, districtId),
      summary: `将 ${date}（星期${WEEKDAYS[plain.weekday - 1] ?? ''}）调整为${input.working ? '工作日' : '休息日'}：${input.note}`,
      before: before ? { working: before.working, note: before.note } : { working: plain.working, note: null },
      after: { working: input.working, note: input.note },
    });
  });
}

/** Removes a day's override: the day goes back to the State Council's arrangement. */
export async function clearCalendarOverride(ctx: Ctx, date: string): Promise<void> {
  checkDate(date);
  const districtId = ctx.actor.districtId;
  await ctx.db.transaction().execute(async (tx) => {
    const removed = await tx.deleteFrom('working_calendar_override').where('district_id', '=', districtId).where('on_date', '=', date).returning(['working', 'note']).executeTakeFirst();
    if (!removed) fail('CALENDAR_OVERRIDE_NOT_FOUND', { date });
    const plain = dayInfo(date, buildWorkingCalendar({ official: officialCalendar() }));
    await appendAudit(tx, {
      districtId,
      actor: ctx.actor,
      ip: ctx.ip,
      at: ctx.now,
      action: 'calendar.override.clear',
      entityType: 'working_calendar',
      entityId: date,
      nodePath: await districtPath(tx, districtId),
      summary: `清除 ${date} 的调整，恢复为${plain.working ? '工作日' : '休息日'}（原为${removed.working ? '工作日' : '休息日'}：${removed.note}）`,
      before: { working: removed.working, note: removed.note },
      after: { working: plain.working, note: null },
    });
  });
}
