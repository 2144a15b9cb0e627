import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadWorkingCalendar } from '../../src/modules/calendar/calendar.repository.ts';
import { addWorkingDays, isWorkingDay } from '../../src/modules/calendar/working-calendar.ts';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { auditCount } from '../support/lookups.ts';

type Day = { date: string; working: boolean; kind: string; holidayName: { zh: string } | null; override: { working: boolean; note: string; setByName: string } | null };

describeEachEngine('working calendar: year view, overrides, deadlines', (engine) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.login('admin');
  });
  afterAll(async () => t?.close());

  const dayOf = async (cookie: string, date: string): Promise<Day> => {
    const res = await t.call('GET', `/api/calendar?year=${date.slice(0, 4)}`, { cookie });
    expect(res.statusCode).toBe(200);
    const day = (res.json().days as Day[]).find((d) => d.date === date);
    if (!day) throw new Error(`no ${date}`);
    return day;
  };

  it('a year shows the State Council arrangement: holidays, adjusted workdays, counts, source', async () => {
    const res = await t.call('GET', '/api/calendar?year=2026', { cookie: admin });
    const body = res.json();
    expect(body).toMatchObject({ year: 2026, covered: true, counts: { holidays: 33, adjustedWorkdays: 6, overrides: 0 } });
    expect(body.days).toHaveLength(365);
    expect(body.source.zh).toContain('国务院办公厅');
    expect(await dayOf(admin, '2026-10-10')).toMatchObject({ working: true, kind: 'adjusted_workday', holidayName: { zh: '国庆节' } });
    expect(await dayOf(admin, '2026-10-05')).toMatchObject({ working: false, kind: 'holiday' });
    const later = (await t.call('GET', '/api/calendar?year=2031', { cookie: admin })).json();
    expect(later.covered).toBe(false);
  });

  it('every staff member can read the calendar and count working days; a deadline across 国庆 is right', async () => {
    const wangge = await t.login('wangge');
    const res = await t.call('GET', '/api/calendar/working-days?from=2026-09-29&days=5', { cookie: wangge });
    expect(res.json()).toEqual({ from: '2026-09-29', days: 5, lastDay: '2026-10-12', deadline: '2026-10-12T16:00:00.000Z', calendarDays: 13 });
  });

  it('an administrator overrides a day for the district, with its audit entry; the loader and the deadlines follow', async () => {
    const audits = await auditCount(t.database.db, 'calendar.override.set');
    const set = await t.call('PUT', '/api/calendar/overrides/2026-11-23', { cookie: admin, body: { working: false, note: '暴雪停工' } });
    expect(set.statusCode).toBe(204);
    expect(await auditCount(t.database.db, 'calendar.override.set')).toBe(audits + 1);
    expect(await dayOf(admin, '2026-11-23')).toMatchObject({ working: false, kind: 'workday', override: { working: false, note: '暴雪停工' } });
    const calendar = await loadWorkingCalendar(t.database.db, (await t.database.db.selectFrom('district').select('district_id').executeTakeFirstOrThrow()).district_id);
    expect(isWorkingDay('2026-11-23', calendar)).toBe(false);
    expect(addWorkingDays('2026-11-20', 1, calendar)).toBe('2026-11-24');
    const count = await t.call('GET', '/api/calendar/working-days?from=2026-11-20&days=1', { cookie: admin });
    expect(count.json().lastDay).toBe('2026-11-24');
    // A Saturday made a working day
    expect((await t.call('PUT', '/api/calendar/overrides/2026-11-28', { cookie: admin, body: { working: true, note: '集中办理日' } })).statusCode).toBe(204);
    expect(await dayOf(admin, '2026-11-28')).toMatchObject({ working: true, kind: 'weekend', override: { note: '集中办理日' } });
    // Changing an existing override updates it
    expect((await t.call('PUT', '/api/calendar/overrides/2026-11-28', { cookie: admin, body: { working: true, note: '集中办理日（延长）' } })).statusCode).toBe(204);
    expect((await dayOf(admin, '2026-11-28')).override?.note).toBe('集中办理日（延长）');
    const year = (await t.call('GET', '/api/calendar?year=2026', { cookie: admin })).json();
    expect(year.counts.overrides).toBe(2);
  });

  it('clearing restores the notice; clearing nothing and overriding to the same answer are refused', async () => {
    expect((await t.call('PUT', '/api/calendar/overrides/2026-12-01', { cookie: admin, body: { working: false, note: '临时' } })).statusCode).toBe(204);
    const cleared = await t.call('DELETE', '/api/calendar/overrides/2026-12-01', { cookie: admin });
    expect(cleared.statusCode).toBe(204);
    expect(await dayOf(admin, '2026-12-01')).toMatchObject({ working: true, override: null });
    const again = await t.call('DELETE', '/api/calendar/overrides/2026-12-01', { cookie: admin });
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ code: 'CALENDAR_OVERRIDE_NOT_FOUND', message: '该日没有管理员调整，无需清除' });
    const same = await t.call('PUT', '/api/calendar/overrides/2026-10-10', { cookie: admin, body: { working: true, note: '本来就上班' } });
    expect(same.statusCode).toBe(409);
    expect(same.json().code).toBe('CALENDAR_OVERRIDE_NO_CHANGE');
    expect(await auditCount(t.database.db, 'calendar.override.clear')).toBe(1);
  });

  it('bad input is refused with messages naming the field, never a 500', async () => {
    const noNote = await t.call('PUT', '/api/calendar/overrides/2026-11-30', { cookie: admin, body: { working: false, note: '   ' } });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().message).toContain('说明');
    const badDate = await t.call('PUT', '/api/calendar/overrides/2026-02-30', { cookie: admin, body: { working: false, note: '无此日' } });
    expect(badDate.statusCode).toBe(400);
    const badYear = await t.call('GET', '/api/calendar?year=1999', { cookie: admin });
    expect(badYear.statusCode).toBe(400);
    expect(badYear.json().message).toContain('年份');
    const badDays = await t.call('GET', '/api/calendar/working-days?from=2026-09-29&days=-1', { cookie: admin });
    expect(badDays.statusCode).toBe(400);
    const extra = await t.call('PUT', '/api/calendar/overrides/2026-11-30', { cookie: admin, body: { working: false, note: 'x', districtId: 'x' } });
    expect(extra.statusCode).toBe(400);
  });

  it('the calendar is district-wide: a community administrator and a street officer cannot change it', async () => {
    const admin2 = await t.login('admin2');
    const community = await t.call('PUT', '/api/calendar/overrides/2026-11-30', { cookie: admin2, body: { working: false, note: '越权' } });
    expect(community.statusCode).toBe(403);
    expect(community.json().code).toBe('FORBIDDEN_SCOPE');
    const jiedao = await t.login('jiedao');
    const street = await t.call('DELETE', '/api/calendar/overrides/2026-11-23', { cookie: jiedao });
    expect(street.statusCode).toBe(403);
    expect(street.json().code).toBe('FORBIDDEN');
    // …but both can read it, and the 百步亭 override is the district's, seen by 幸福里 too.
    expect((await dayOf(admin2, '2026-11-23')).override?.note).toBe('暴雪停工');
    expect((await t.call('GET', '/api/calendar?year=2026')).statusCode).toBe(401);
  });
});
