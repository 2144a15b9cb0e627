import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueVisits, periodOf, startOfLocalDate, type CadenceRule } from './visit-cadence.ts';
import { assigneeFor } from './responsibility-chain.ts';
import { FIVE_MUST_VISITS } from './catalogue.ts';

const rule = (over: Partial<CadenceRule>): CadenceRule => ({ id: 'r', tagCode: 'poor_family', role: 'building_leader', frequency: 'monthly', event: null, withinDays: null, label: 'x', ...over });
const at = (s: string) => new Date(s);

describe('calendar periods in China time', () => {
  it('a month runs from the 1st 00:00 UTC+8', () => {
    const p = periodOf('monthly', at('2026-11-30T17:00:00Z')); // already 1 December in Beijing
    expect(p.start.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
  it('a week runs Monday to Sunday', () => {
    const p = periodOf('weekly', at('2026-11-22T04:00:00Z')); // Sunday 22 Nov
    expect(p.start.toISOString()).toBe('2026-11-15T16:00:00.000Z'); // Monday 16 Nov 00:00 +8
  });
  it('quarters and half years start in Jan/Apr/Jul/Oct and Jan/Jul', () => {
    expect(periodOf('quarterly', at('2026-11-22T04:00:00Z')).start.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(periodOf('half_yearly', at('2026-11-22T04:00:00Z')).start.toISOString()).toBe('2026-06-30T16:00:00.000Z');
  });
  it('every instant lies in its period and periods tile time (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), fc.constantFrom('weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly' as const), (d, f) => {
        const p = periodOf(f, d);
        expect(p.start.getTime()).toBeLessThanOrEqual(d.getTime());
        expect(p.end.getTime()).toBeGreaterThan(d.getTime());
        expect(periodOf(f, p.end).start.getTime()).toBe(p.end.getTime());
      }),
    );
  });
});

describe('due visits', () => {
  const holding = { residentId: 'p1', tagCode: 'poor_family', since: '2026-01-01', until: null };
  const now = at('2026-11-22T04:00:00Z');

  it('a monthly visit is due at the end of the month, overdue when last month was missed', () => {
    const [item] = dueVisits({ rules: [rule({})], holdings: [holding], visits: [], now });
    expect(item).toMatchObject({ residentId: 'p1', overdue: true });
    expect(item?.dueAt.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(item?.overdueSince?.toISOString()).toBe('2026-10-31T16:00:00.000Z');
  });

  it('a visit this month by the right role satisfies it; by another role it does not', () => {
    const visit = { residentId: 'p1', visitedAt: at('2026-11-03T02:00:00Z'), visitorRole: 'building_leader' };
    expect(dueVisits({ rules: [rule({})], holdings: [holding], visits: [visit], now })).toEqual([]);
    const other = { ...visit, visitorRole: 'grid_worker' };
    expect(dueVisits({ rules: [rule({})], holdings: [holding], visits: [other], now })).toHaveLength(1);
  });

  it('last month visited, this month not yet: due, not overdue', () => {
    const visit = { residentId: 'p1', visitedAt: at('2026-10-20T02:00:00Z'), visitorRole: 'building_leader' };
    const [item] = dueVisits({ rules: [rule({})], holdings: [holding], visits: [visit], now });
    expect(item).toMatchObject({ overdue: false, overdueSince: null });
    expect(item?.lastVisitAt?.toISOString()).toBe('2026-10-20T02:00:00.000Z');
  });

  it('a tag that began this month is due this month without being overdue', () => {
    const [item] = dueVisits({ rules: [rule({})], holdings: [{ ...holding, since: '2026-11-10' }], visits: [], now });
    expect(item?.overdue).toBe(false);
  });

  it('an ended or future tag asks for nothing', () => {
    expect(dueVisits({ rules: [rule({})], holdings: [{ ...holding, until: '2026-11-01' }], visits: [], now })).toEqual([]);
    expect(dueVisits({ rules: [rule({})], holdings: [{ ...holding, since: '2026-12-01' }], visits: [], now })).toEqual([]);
  });

  it('release day: due that same day, overdue from the next; met on the day satisfies it', () => {
    const release = rule({ id: 'rel', tagCode: 'released_prisoner', role: 'grid_worker', frequency: 'on_event', event: 'tag_start', withinDays: 0 });
    const h = { residentId: 'p2', tagCode: 'released_prisoner', since: '2026-11-22', until: null };
    const [onDay] = dueVisits({ rules: [release], holdings: [h], visits: [], now });
    expect(onDay).toMatchObject({ overdue: false });
    expect(onDay?.dueAt.getTime()).toBe(startOfLocalDate('2026-11-23').getTime());
    const [late] = dueVisits({ rules: [release], holdings: [h], visits: [], now: at('2026-11-22T17:00:00Z') });
    expect(late?.overdue).toBe(true);
    const met = { residentId: 'p2', visitedAt: at('2026-11-22T03:00:00Z'), visitorRole: 'grid_worker' };
    expect(dueVisits({ rules: [release], holdings: [h], visits: [met], now })).toEqual([]);
  });

  it('the shipped 五必访 set gives a lonely elderly person a weekly and a half-yearly visit, longest overdue first', () => {
    const rules = FIVE_MUST_VISITS.map((c, i) => rule({ id: `c${i}`, tagCode: c.tagCode, role: c.role, frequency: c.frequency, event: c.event ?? null, withinDays: c.withinDays ?? null, label: c.label }));
    const items = dueVisits({ rules, holdings: [{ residentId: 'p3', tagCode: 'lonely_elderly', since: '2025-01-01', until: null }], visits: [], now });
    // Both missed their previous period; the half year ended 30 June, the week last Sunday.
    expect(items.map((i) => i.label)).toEqual(['孤寡老人：每半年慰问', '孤寡老人：每周走访']);
    expect(items.every((i) => i.overdue)).toBe(true);
  });
});

describe('responsibility chain (五级负责)', () => {
  const chain = [
    { accountId: 'b', role: 'building_leader', name: '楼栋长' },
    { accountId: 'g', role: 'grid_worker', name: '网格员' },
    { accountId: 'c', role: 'committee', name: '两委' },
    { accountId: 's', role: 'secretary', name: '书记' },
  ];
  it('goes to the first holder of the role', () => {
    expect(assigneeFor({ chain, role: 'building_leader', absences: [], today: '2026-11-22' })).toMatchObject({ accountId: 'b', standingInFor: null });
  });
  it('passes to the next present person above while the first is away, and returns after', () => {
    const absences = [{ accountId: 'b', startsOn: '2026-11-20', endsOn: '2026-11-25' }];
    expect(assigneeFor({ chain, role: 'building_leader', absences, today: '2026-11-22' })).toMatchObject({ accountId: 'g', standingInFor: { accountId: 'b' } });
    expect(assigneeFor({ chain, role: 'building_leader', absences, today: '2026-11-25' })?.accountId).toBe('g'); // the last day of leave counts
    expect(assigneeFor({ chain, role: 'building_leader', absences, today: '2026-11-26' })?.accountId).toBe('b');
  });
  it('skips several absent people; nobody left means unassigned', () => {
    const absences = ['b', 'g', 'c', 's'].map((id) => ({ accountId: id, startsOn: '2026-11-01', endsOn: '2026-11-30' }));
    expect(assigneeFor({ chain, role: 'building_leader', absences: absences.slice(0, 2), today: '2026-11-22' })?.accountId).toBe('c');
    expect(assigneeFor({ chain, role: 'building_leader', absences, today: '2026-11-22' })).toBeNull();
    expect(assigneeFor({ chain, role: 'mediator', absences: [], today: '2026-11-22' })).toBeNull();
  });
});
