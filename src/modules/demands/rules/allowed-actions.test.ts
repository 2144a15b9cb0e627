import { describe, expect, it } from 'vitest';
import { allowedDemandActions, replayDemand, type Assignment, type DemandEvent, type DemandGrants, type DemandState, type EventActor } from './demand-workflow.ts';
import { BODIES } from './routing.ts';

const staff: EventActor = { kind: 'staff', id: 's1', name: '王网格' };
const resident: EventActor = { kind: 'resident', id: 'r1', name: '李居民' };
const grid: Assignment = { level: 'grid', lead: BODIES.gridStation, coHandlers: [] };
const district: Assignment = { level: 'district', lead: BODIES.districtDepartment, coHandlers: [] };

const start = Date.parse('2026-11-02T09:00:00+08:00');
const hour = (n: number) => new Date(start + n * 3_600_000);
const received: DemandEvent = { kind: 'received', at: hour(0), actor: resident, channel: 'portal', categoryCode: 'environment.garbage', areaPath: '/d/s/c/g/', residentId: 'r1', firstAskedBy: '王网格' };

type Step = { [K in DemandEvent['kind']]: Omit<Extract<DemandEvent, { kind: K }>, 'at' | 'actor'> }[DemandEvent['kind']];
function state(...rest: Step[]): DemandState {
  const r = replayDemand([received, ...rest.map((e, i) => ({ at: hour(i + 1), actor: staff, ...e }) as DemandEvent)]);
  if (!r.ok) throw new Error(`${r.error.code} at ${r.index}`);
  return r.value;
}

const handler: DemandGrants = { handle: true, supervise: false, residentId: null };
const supervisor: DemandGrants = { handle: false, supervise: true, residentId: null };
const both: DemandGrants = { handle: true, supervise: true, residentId: null };
const owner: DemandGrants = { handle: false, supervise: false, residentId: 'r1' };
const stranger: DemandGrants = { handle: false, supervise: false, residentId: 'r2' };
const later = hour(100);

describe('allowed demand actions', () => {
  it('follow the state: received → route, merge and the reminders; routed → accept, escalate, transfer, return', () => {
    expect(allowedDemandActions({ state: state(), grants: both, now: later })).toEqual(['route', 'urge', 'supervise', 'merge']);
    const routed = state({ kind: 'routed', to: grid });
    expect(allowedDemandActions({ state: routed, grants: handler, now: later })).toEqual(['accept', 'escalate', 'return', 'transfer', 'urge', 'merge']);
    expect(allowedDemandActions({ state: routed, grants: supervisor, now: later })).toEqual(['extend', 'supervise']);
  });

  it('accepted adds finish and suspend; suspended offers resume, not finish; the top level cannot escalate', () => {
    const accepted = state({ kind: 'routed', to: grid }, { kind: 'accepted' });
    expect(allowedDemandActions({ state: accepted, grants: handler, now: later })).toEqual(['escalate', 'return', 'transfer', 'suspend', 'urge', 'finish', 'merge']);
    const suspended = state({ kind: 'routed', to: grid }, { kind: 'accepted' }, { kind: 'suspended', reason: '等配件' });
    expect(allowedDemandActions({ state: suspended, grants: both, now: later })).toEqual(['extend', 'resume', 'urge', 'supervise']);
    const top = state({ kind: 'routed', to: district }, { kind: 'accepted' });
    expect(allowedDemandActions({ state: top, grants: handler, now: later })).not.toContain('escalate');
  });

  it('a done demand offers rating and reopening to its own resident only, reopening only within the window', () => {
    const done = state({ kind: 'routed', to: grid }, { kind: 'accepted' }, { kind: 'done', outcome: { result: 'resolved', text: '已清运' } });
    expect(allowedDemandActions({ state: done, grants: both, now: later })).toEqual([]);
    expect(allowedDemandActions({ state: done, grants: owner, now: hour(10) })).toEqual(['rate', 'reopen']);
    expect(allowedDemandActions({ state: done, grants: stranger, now: hour(10) })).toEqual([]);
    expect(allowedDemandActions({ state: done, grants: owner, now: hour(4 + 8 * 24) })).toEqual(['rate']);
  });

  it('closed and merged demands offer nothing, whoever asks', () => {
    const closed = state({ kind: 'routed', to: grid }, { kind: 'accepted' }, { kind: 'done', outcome: { result: 'resolved', text: '已清运' } }, { kind: 'rated', rating: 'satisfied' });
    const merged = state({ kind: 'merged', intoDemandId: 'other' });
    for (const s of [closed, merged]) for (const g of [both, owner]) expect(allowedDemandActions({ state: s, grants: g, now: later })).toEqual([]);
  });

  it('a clock behind the last event still answers from the state (the command moves the time forward too)', () => {
    const routed = state({ kind: 'routed', to: grid });
    expect(allowedDemandActions({ state: routed, grants: handler, now: hour(-5) })).toContain('accept');
  });
});
