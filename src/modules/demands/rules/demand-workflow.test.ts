import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demandDeadlines } from './demand-deadlines.ts';
import { applyDemandEvent, replayDemand, type Assignment, type DemandEvent, type DemandState, type EventActor } from './demand-workflow.ts';
import { BODIES } from './routing.ts';
import { calendar, category, staff } from './test-fixtures.ts';

const resident: EventActor = { kind: 'resident', id: 'r1', name: '李居民' };
const grid: Assignment = { level: 'grid', lead: BODIES.gridStation, coHandlers: [] };
const community: Assignment = { level: 'community', lead: BODIES.communityCommittee, coHandlers: [BODIES.propertyCompany] };
const street: Assignment = { level: 'street', lead: BODIES.streetUrban, coHandlers: [] };
const district: Assignment = { level: 'district', lead: BODIES.districtDepartment, coHandlers: [] };

let clock = Date.parse('2026-11-02T09:00:00+08:00');
const at = (hours = 1) => new Date((clock += hours * 3_600_000));
const ev = <K extends DemandEvent['kind']>(e: Omit<Extract<DemandEvent, { kind: K }>, 'at' | 'actor'> & { kind: K; at?: Date; actor?: EventActor }) =>
  ({ at: at(), actor: staff, ...e }) as DemandEvent;

function history(...events: DemandEvent[]): DemandState {
  const r = replayDemand(events);
  if (!r.ok) throw new Error(`${r.error.code} at ${r.index}`);
  return r.value;
}
const received = (over: Partial<Extract<DemandEvent, { kind: 'received' }>> = {}) =>
  ({ kind: 'received', at: new Date('2026-11-02T09:00:00+08:00'), actor: resident, channel: 'portal', categoryCode: 'environment.garbage', areaPath: '/d/s/c/g/', residentId: 'r1', firstAskedBy: '王网格', ...over }) as DemandEvent;

describe('demand workflow', () => {
  it('received → routed → accepted → escalated → accepted → done → rated 满意: closed', () => {
    clock = Date.parse('2026-11-02T09:00:00+08:00');
    const s = history(
      received(),
      ev({ kind: 'routed', to: grid }),
      ev({ kind: 'accepted' }),
      ev({ kind: 'escalated', reason: '需物业配合，网格无法协调', to: community }),
      ev({ kind: 'accepted' }),
      ev({ kind: 'done', outcome: { result: 'resolved', text: '已清运' } }),
      ev({ kind: 'rated', rating: 'satisfied', actor: resident }),
    );
    expect(s).toMatchObject({ status: 'closed', rating: 'satisfied', firstAskedBy: '王网格', assignment: { level: 'community' } });
    expect(s.escalations).toEqual([expect.objectContaining({ from: 'grid', to: 'community', reason: '需物业配合，网格无法协调' })]);
    expect(s.respondedAt?.toISOString()).toBe('2026-11-02T03:00:00.000Z'); // the first acceptance counts
  });

  it('closing without an outcome is refused', () => {
    const s = history(received(), ev({ kind: 'routed', to: grid }), ev({ kind: 'accepted' }));
    const r = applyDemandEvent(s, ev({ kind: 'done', outcome: null }));
    expect(r).toMatchObject({ ok: false, error: { code: 'DEMAND_OUTCOME_REQUIRED', zh: '办结须填写「办理结果」' } });
    expect(applyDemandEvent(s, ev({ kind: 'done', outcome: { result: 'resolved', text: '  ' } }))).toMatchObject({ ok: false, error: { code: 'DEMAND_OUTCOME_REQUIRED' } });
  });

  it('escalating past the top is refused, and so is escalating sideways or without a reason', () => {
    const top = history(received(), ev({ kind: 'routed', to: district }));
    expect(applyDemandEvent(top, ev({ kind: 'escalated', reason: '再上报', to: district }))).toMatchObject({ ok: false, error: { code: 'DEMAND_ESCALATION_PAST_TOP', zh: '已在最高处理层级（区职能部门），不能再上报' } });
    const atStreet = history(received(), ev({ kind: 'routed', to: street }));
    expect(applyDemandEvent(atStreet, ev({ kind: 'escalated', reason: 'x', to: community }))).toMatchObject({ ok: false, error: { code: 'DEMAND_ESCALATION_NOT_UP' } });
    expect(applyDemandEvent(atStreet, ev({ kind: 'escalated', reason: ' ', to: district }))).toMatchObject({ ok: false, error: { code: 'DEMAND_REASON_REQUIRED' } });
    expect(applyDemandEvent(atStreet, ev({ kind: 'transferred', reason: '不属本科室', to: district }))).toMatchObject({ ok: false, error: { code: 'DEMAND_TRANSFER_UPWARD' } });
  });

  it('a return records who and why (shown to the resident) and waits for dispatch again', () => {
    const s = history(received(), ev({ kind: 'routed', to: grid }), ev({ kind: 'returned', reason: '不属于本网格' }));
    expect(s).toMatchObject({ status: 'received', assignment: null, returns: [{ by: '王网格', reason: '不属于本网格' }] });
  });

  it('extensions need approval; suspension and resumption pair up', () => {
    const s = history(received(), ev({ kind: 'routed', to: grid }), ev({ kind: 'accepted' }));
    expect(applyDemandEvent(s, ev({ kind: 'extended', amount: 2, reason: '需采购配件', approvedBy: null }))).toMatchObject({ ok: false, error: { code: 'DEMAND_EXTENSION_NOT_APPROVED' } });
    expect(applyDemandEvent(s, ev({ kind: 'extended', amount: 0, reason: 'x', approvedBy: '张书记' }))).toMatchObject({ ok: false, error: { code: 'DEMAND_EXTENSION_INVALID' } });
    expect(applyDemandEvent(s, ev({ kind: 'resumed' }))).toMatchObject({ ok: false, error: { code: 'DEMAND_NOT_SUSPENDED' } });
    const suspended = history(received(), ev({ kind: 'routed', to: grid }), ev({ kind: 'accepted' }), ev({ kind: 'suspended', reason: '等待业主回国' }));
    expect(applyDemandEvent(suspended, ev({ kind: 'suspended', reason: 'again' }))).toMatchObject({ ok: false, error: { code: 'DEMAND_ALREADY_SUSPENDED' } });
    expect(applyDemandEvent(suspended, ev({ kind: 'done', outcome: { result: 'resolved', text: 'x' } }))).toMatchObject({ ok: false, error: { code: 'DEMAND_INVALID_TRANSITION' } });
  });

  it('reopening within the window goes back to the handler; after it, refused', () => {
    clock = Date.parse('2026-11-02T09:00:00+08:00');
    const done = history(received(), ev({ kind: 'routed', to: grid }), ev({ kind: 'accepted' }), ev({ kind: 'done', outcome: { result: 'resolved', text: '已处理' } }));
    const reopened = applyDemandEvent(done, ev({ kind: 'reopened', reason: '又堆起来了', actor: resident, at: new Date(clock + 6 * 86_400_000) }));
    expect(reopened).toMatchObject({ ok: true, value: { status: 'accepted', reopenCount: 1, assignment: { level: 'grid' } } });
    expect(applyDemandEvent(done, ev({ kind: 'reopened', reason: '又堆起来了', actor: resident, at: new Date(clock + 8 * 86_400_000) }))).toMatchObject({ ok: false, error: { code: 'DEMAND_REOPEN_WINDOW_PASSED' } });
  });

  it('不满意 reopens with a revisit; a second rating after the next done is allowed; rating twice is not', () => {
    const s = history(
      received(),
      ev({ kind: 'routed', to: grid }),
      ev({ kind: 'accepted' }),
      ev({ kind: 'done', outcome: { result: 'resolved', text: '已处理' } }),
      ev({ kind: 'rated', rating: 'unsatisfied', actor: resident }),
    );
    expect(s).toMatchObject({ status: 'accepted', revisitRequired: true, reopenCount: 1, ratings: [{ rating: 'unsatisfied' }] });
    const closed = history(received(), ev({ kind: 'routed', to: grid }), ev({ kind: 'accepted' }), ev({ kind: 'done', outcome: { result: 'resolved', text: 'x' } }), ev({ kind: 'rated', rating: 'basically_satisfied', actor: resident }));
    expect(applyDemandEvent(closed, ev({ kind: 'rated', rating: 'satisfied', actor: resident }))).toMatchObject({ ok: false, error: { code: 'DEMAND_CLOSED' } });
    const open = history(received(), ev({ kind: 'routed', to: grid }));
    expect(applyDemandEvent(open, ev({ kind: 'rated', rating: 'satisfied', actor: resident }))).toMatchObject({ ok: false, error: { code: 'DEMAND_NOT_DONE' } });
  });

  it('rating someone else’s demand is refused (the route also answers 404 for it)', () => {
    const done = history(received(), ev({ kind: 'routed', to: grid }), ev({ kind: 'accepted' }), ev({ kind: 'done', outcome: { result: 'resolved', text: 'x' } }));
    expect(applyDemandEvent(done, ev({ kind: 'rated', rating: 'unsatisfied', actor: { kind: 'resident', id: 'r2', name: '别人' } }))).toMatchObject({ ok: false, error: { code: 'DEMAND_NOT_YOURS' } });
  });

  it('events out of order, a second receipt, or a history that does not start with one are refused', () => {
    const s = history(received());
    expect(applyDemandEvent(s, ev({ kind: 'routed', to: grid, at: new Date('2026-11-01T00:00:00Z') }))).toMatchObject({ ok: false, error: { code: 'DEMAND_EVENT_OUT_OF_ORDER' } });
    expect(applyDemandEvent(s, received())).toMatchObject({ ok: false, error: { code: 'DEMAND_ALREADY_RECEIVED' } });
    expect(applyDemandEvent(null, ev({ kind: 'accepted' }))).toMatchObject({ ok: false, error: { code: 'DEMAND_NOT_RECEIVED' } });
    expect(replayDemand([received(), ev({ kind: 'accepted' })])).toMatchObject({ ok: false, index: 1, error: { code: 'DEMAND_INVALID_TRANSITION' } });
  });

  it('a merged duplicate accepts nothing more', () => {
    const s = history(received(), ev({ kind: 'merged', intoDemandId: 'd0' }));
    expect(s).toMatchObject({ status: 'merged', mergedInto: 'd0' });
    expect(applyDemandEvent(s, ev({ kind: 'routed', to: grid }))).toMatchObject({ ok: false, error: { code: 'DEMAND_CLOSED' } });
  });

  it('any sequence of events either folds or is refused with a code; a refused event leaves no trace (property)', () => {
    const kinds = fc.constantFrom(
      { kind: 'routed', to: grid },
      { kind: 'accepted' },
      { kind: 'escalated', reason: 'r', to: community },
      { kind: 'escalated', reason: 'r', to: district },
      { kind: 'returned', reason: 'r' },
      { kind: 'transferred', reason: 'r', to: grid },
      { kind: 'extended', amount: 1, reason: 'r', approvedBy: 'a' },
      { kind: 'suspended', reason: 'r' },
      { kind: 'resumed' },
      { kind: 'urged' },
      { kind: 'supervised' },
      { kind: 'done', outcome: { result: 'resolved', text: 't' } },
      { kind: 'done', outcome: null },
      { kind: 'reopened', reason: 'r' },
      { kind: 'rated', rating: 'unsatisfied' },
      { kind: 'rated', rating: 'satisfied' },
    );
    fc.assert(
      fc.property(fc.array(kinds, { maxLength: 30 }), (steps) => {
        let state: DemandState | null = history(received());
        let t = Date.parse('2026-11-02T10:00:00+08:00');
        for (const step of steps) {
          t += 3_600_000;
          const actor = step.kind === 'rated' || step.kind === 'reopened' ? resident : staff;
          const r = applyDemandEvent(state, { ...step, at: new Date(t), actor } as DemandEvent);
          if (r.ok) {
            state = r.value;
            if (r.value.status === 'done') expect(r.value.outcome?.text).toBeTruthy();
            if (r.value.status === 'suspended') expect(r.value.pauses.some((p) => p.to === null)).toBe(true);
            else expect(r.value.pauses.every((p) => p.to !== null)).toBe(true);
          } else {
            expect(r.error.code).toMatch(/^DEMAND_/);
            expect(r.error.zh.length).toBeGreaterThan(0);
          }
        }
      }),
    );
  });
});

describe('demand deadlines', () => {
  it('a garbage complaint: respond in 2 hours, finish by 24:00 of the next working day', () => {
    const s = history(received({ at: new Date('2026-11-06T16:00:00+08:00') })); // Friday afternoon
    const d = demandDeadlines({ state: s, category: category('environment.garbage'), calendar, now: new Date('2026-11-06T19:00:00+08:00') });
    expect(d.respond.by.toISOString()).toBe('2026-11-06T10:00:00.000Z');
    expect(d.respond.overdue).toBe(true);
    expect(d.finish.by?.toISOString()).toBe('2026-11-09T16:00:00.000Z'); // 24:00 Monday 9 Nov
  });

  it('a deadline in working days computed across 国庆 2026', () => {
    const s = history(received({ at: new Date('2026-09-29T10:00:00+08:00'), categoryCode: 'welfare.assistance' }));
    const d = demandDeadlines({ state: s, category: category('welfare.assistance'), calendar, now: new Date('2026-10-05T10:00:00+08:00') });
    expect(d.finish.by?.toISOString()).toBe('2026-10-12T16:00:00.000Z'); // 5 working days: 30 Sep, 8, 9, 10 (Sat 调休), 12 Oct
    expect(d.respond.by.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(d.finish.overdue).toBe(false);
  });

  it('suspension pauses the clock, an approved extension adds to it, reminders fall due at their shares', () => {
    clock = Date.parse('2026-11-02T09:00:00+08:00');
    const base = [received({ at: new Date('2026-11-02T09:00:00+08:00'), categoryCode: 'welfare.elderly' }), ev({ kind: 'routed', to: community }), ev({ kind: 'accepted' })];
    const cat = category('welfare.elderly'); // 5 working days → 24:00 Mon 9 Nov
    const plain = demandDeadlines({ state: history(...base), category: cat, calendar, now: new Date('2026-11-05T12:00:00+08:00') });
    expect(plain.finish.by?.toISOString()).toBe('2026-11-09T16:00:00.000Z');
    expect(plain.reminders.urgeAt?.toISOString()).toBe('2026-11-05T04:00:00.000Z'); // 2.5 working days: Thu 12:00
    expect(plain.reminders.urgeDue).toBe(true);
    expect(plain.reminders.superviseDue).toBe(false);

    const suspendedEvents = [...base, ev({ kind: 'suspended', reason: '等待鉴定', at: new Date('2026-11-04T00:00:00+08:00') })];
    const held = demandDeadlines({ state: history(...suspendedEvents), category: cat, calendar, now: new Date('2026-11-20T00:00:00+08:00') });
    expect(held.finish).toMatchObject({ by: null, paused: true, overdue: false, share: 0.2 });
    const resumed = history(...suspendedEvents, ev({ kind: 'resumed', at: new Date('2026-11-06T00:00:00+08:00') })); // Wed and Thu not counted
    expect(demandDeadlines({ state: resumed, category: cat, calendar, now: new Date('2026-11-06T01:00:00+08:00') }).finish.by?.toISOString()).toBe('2026-11-11T16:00:00.000Z');
    const extended = history(...base, ev({ kind: 'extended', amount: 3, reason: '需协调区民政局', approvedBy: '张书记' }));
    expect(demandDeadlines({ state: extended, category: cat, calendar, now: new Date('2026-11-03T00:00:00+08:00') }).finish.by?.toISOString()).toBe('2026-11-12T16:00:00.000Z');
  });

  it('urging sent once is not due again until an extension starts the reminders afresh', () => {
    clock = Date.parse('2026-11-02T09:00:00+08:00');
    const cat = category('property.lift'); // 24 natural hours, urge at 25 %, supervise at 50 %
    const events = [received({ at: new Date('2026-11-02T09:00:00+08:00'), categoryCode: 'property.lift' }), ev({ kind: 'routed', to: community }), ev({ kind: 'accepted' })];
    const now = new Date('2026-11-02T22:00:00+08:00');
    expect(demandDeadlines({ state: history(...events), category: cat, calendar, now }).reminders).toMatchObject({ urgeDue: true, superviseDue: true });
    const urged = history(...events, ev({ kind: 'urged', at: new Date('2026-11-02T15:00:00+08:00') }), ev({ kind: 'supervised', at: new Date('2026-11-02T21:00:00+08:00') }));
    expect(demandDeadlines({ state: urged, category: cat, calendar, now }).reminders).toMatchObject({ urgeDue: false, superviseDue: false });
  });

  it('a demand done late is marked not on time; a reopened one starts a new period', () => {
    clock = Date.parse('2026-11-02T09:00:00+08:00');
    const cat = category('property.lift');
    const late = history(received({ at: new Date('2026-11-02T09:00:00+08:00'), categoryCode: 'property.lift' }), ev({ kind: 'routed', to: community }), ev({ kind: 'accepted' }), ev({ kind: 'done', outcome: { result: 'resolved', text: '已修复' }, at: new Date('2026-11-04T09:00:00+08:00') }));
    expect(demandDeadlines({ state: late, category: cat, calendar, now: new Date('2026-11-05T00:00:00Z') }).finish).toMatchObject({ onTime: false, overdue: false });
    const reopened = applyDemandEvent(late, ev({ kind: 'reopened', reason: '又坏了', actor: resident, at: new Date('2026-11-05T09:00:00+08:00') }));
    if (!reopened.ok) throw new Error(reopened.error.code);
    expect(demandDeadlines({ state: reopened.value, category: cat, calendar, now: new Date('2026-11-05T10:00:00+08:00') }).finish.by?.toISOString()).toBe('2026-11-06T01:00:00.000Z');
  });
});
