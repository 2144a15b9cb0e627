import { describe, expect, it } from 'vitest';
import { demandDeadlines, hotlineDeadline } from './demand-deadlines.ts';
import { replayDemand, type DemandEvent, type DemandState, type EventActor } from './demand-workflow.ts';
import { BODIES } from './routing.ts';
import { calendar, category, staff } from './test-fixtures.ts';

const t = (iso: string) => new Date(iso);
const received: DemandEvent = { kind: 'received', at: t('2026-11-23T09:00:00+08:00'), actor: staff, channel: 'hotline_12345', categoryCode: 'municipal.road', areaPath: '/d/s/c/', residentId: null, firstAskedBy: '热线' };
const state = (...events: DemandEvent[]): DemandState => {
  const r = replayDemand([received, ...events]);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};
const street = { level: 'street' as const, lead: BODIES.streetUrban, coHandlers: [] };
// Called on Friday 11-20; 3 working days: 11-23, 11-24, 11-25 → 24:00 on Wednesday 11-25.
const hotline = { calledAt: t('2026-11-20T08:40:00+08:00'), limitWorkingDays: 3 };
const cat = category('municipal.road');

describe('a 12345 transfer’s own time limit', () => {
  it('counts working days from the day after the call, across the National Day holiday', () => {
    expect(hotlineDeadline(hotline, calendar).toISOString()).toBe('2026-11-25T16:00:00.000Z');
    // Called 09-30: 10-01…10-07 off, 10-08, 10-09, 10-10 (adjusted Saturday) → 10-10 24:00.
    expect(hotlineDeadline({ calledAt: t('2026-09-30T15:00:00+08:00'), limitWorkingDays: 3 }, calendar).toISOString()).toBe('2026-10-10T16:00:00.000Z');
  });

  it('the finish deadline is the earlier of ours and the hotline’s; overdue and on-time follow it', () => {
    const s = state();
    const plain = demandDeadlines({ state: s, category: cat, calendar, now: t('2026-11-24T09:00:00+08:00') });
    expect(plain.finish).toMatchObject({ hotline: null });
    expect(plain.finish.by?.getTime()).toBe(plain.finish.own?.getTime());
    const withHotline = demandDeadlines({ state: s, category: cat, calendar, now: t('2026-11-26T09:00:00+08:00'), hotline });
    expect(withHotline.finish.by?.toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(withHotline.finish.own?.toISOString()).toBe(plain.finish.own?.toISOString());
    expect(withHotline.finish.own?.toISOString()).toBe('2026-12-07T16:00:00.000Z');
    expect(withHotline.finish.overdue).toBe(true);
    // A hotline limit later than ours changes nothing.
    const generous = demandDeadlines({ state: s, category: cat, calendar, now: t('2026-11-24T09:00:00+08:00'), hotline: { ...hotline, limitWorkingDays: 60 } });
    expect(generous.finish.by?.toISOString()).toBe(plain.finish.own?.toISOString());
    // Done on Thursday: on time by our limit, late by the hotline's.
    const done = state(
      { kind: 'routed', at: t('2026-11-23T10:00:00+08:00'), actor: staff, to: street },
      { kind: 'accepted', at: t('2026-11-23T11:00:00+08:00'), actor: staff },
      { kind: 'done', at: t('2026-11-26T10:00:00+08:00'), actor: staff, outcome: { result: 'resolved', text: '已修补' } },
    );
    expect(demandDeadlines({ state: done, category: cat, calendar, now: t('2026-11-27T09:00:00+08:00'), hotline }).finish.onTime).toBe(false);
    expect(demandDeadlines({ state: done, category: cat, calendar, now: t('2026-11-27T09:00:00+08:00') }).finish.onTime).toBe(true);
  });

  it('our suspension and extensions do not move the hotline’s deadline', () => {
    const suspended = state(
      { kind: 'routed', at: t('2026-11-23T10:00:00+08:00'), actor: staff, to: street },
      { kind: 'accepted', at: t('2026-11-23T11:00:00+08:00'), actor: staff },
      { kind: 'suspended', at: t('2026-11-23T12:00:00+08:00'), actor: staff, reason: '等待施工许可' },
    );
    const d = demandDeadlines({ state: suspended, category: cat, calendar, now: t('2026-11-24T09:00:00+08:00'), hotline });
    expect(d.finish).toMatchObject({ own: null, paused: true });
    expect(d.finish.by?.toISOString()).toBe('2026-11-25T16:00:00.000Z');
    const extended = state({ kind: 'routed', at: t('2026-11-23T10:00:00+08:00'), actor: staff, to: street }, { kind: 'extended', at: t('2026-11-23T12:00:00+08:00'), actor: staff, amount: 5, reason: '工程量大', approvedBy: '主任' });
    expect(demandDeadlines({ state: extended, category: cat, calendar, now: t('2026-11-24T09:00:00+08:00'), hotline }).finish.by?.toISOString()).toBe('2026-11-25T16:00:00.000Z');
  });
});
