import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventFromRow, eventToRow, categoryRule } from './demand-store.ts';
import { eventFor } from './handling.commands.ts';
import { applyDemandEvent, replayDemand, type DemandEvent, type DemandState, type EventActor } from './rules/index.ts';

const D = '11111111-1111-4111-8111-111111111111';
const ID = '22222222-2222-4222-8222-222222222222';
const staff: EventActor = { kind: 'staff', id: '33333333-3333-4333-8333-333333333333', name: '网格员 张丽' };
const t0 = new Date('2026-11-23T01:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function stored(events: DemandEvent[]) {
  return events.map((e, i) => {
    const row = eventToRow(D, ID, i + 1, e);
    // What the database hands back: jsonb parsed, timestamps as Date.
    return { ...row, at: new Date(row.at as Date), data: JSON.parse(row.data as string) as Record<string, unknown>, reason: row.reason ?? null, actor_id: row.actor_id ?? null };
  });
}

function received(): DemandState {
  const r = applyDemandEvent(null, { kind: 'received', at: t0, actor: staff, channel: 'hotline', categoryCode: 'environment.garbage', areaPath: '/d/s/c/g/', residentId: null, firstAskedBy: '网格员 张丽' });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describe('demand store: events to rows and back', () => {
  it('a history survives the round trip through rows and replays to the same state', () => {
    const history: DemandEvent[] = [
      { kind: 'received', at: t0, actor: staff, channel: 'hotline', categoryCode: 'property.repair', areaPath: '/d/s/c/', residentId: null, firstAskedBy: '网格员 张丽' },
      { kind: 'routed', at: later(1), actor: staff, to: { level: 'community', lead: { body: 'community_committee', name: { zh: '社区居委会', en: 'Community committee' } }, coHandlers: [] } },
      { kind: 'accepted', at: later(2), actor: staff },
      { kind: 'suspended', at: later(3), actor: staff, reason: '等配件' },
      { kind: 'resumed', at: later(60), actor: staff },
      { kind: 'done', at: later(61), actor: staff, outcome: { result: 'resolved', text: '已修好' } },
    ];
    const back = stored(history).map(eventFromRow);
    expect(back).toEqual(history);
    const a = replayDemand(history);
    const b = replayDemand(back);
    expect(a.ok && b.ok && JSON.stringify(a.value) === JSON.stringify(b.value)).toBe(true);
    expect(stored(history)[3]?.reason).toBe('等配件');
  });

  it('property: any reason text round-trips unchanged (trimmed) in the reason column and the data', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }).filter((s) => s.trim() !== ''), (reason) => {
        const e: DemandEvent = { kind: 'returned', at: t0, actor: staff, reason };
        const [row] = stored([e]);
        expect(row?.reason).toBe(reason.trim());
        expect(row && eventFromRow(row)).toEqual(e);
      }),
    );
  });
});

describe('commands to events', () => {
  it('routing picks the rule for the category; escalation goes one level up with the rule or the level\u2019s default body', () => {
    const state = received();
    const routed = eventFor(state, { kind: 'route' }, staff, later(1));
    expect(routed).toMatchObject({ kind: 'routed', to: { level: 'grid', lead: { body: 'grid_station' } } });
    const s1 = applyDemandEvent(state, routed);
    if (!s1.ok) throw new Error(s1.error.code);
    const up = eventFor(s1.value, { kind: 'escalate', reason: '本级无法处理' }, staff, later(2));
    expect(up).toMatchObject({ kind: 'escalated', to: { level: 'community', lead: { body: 'community_committee' } } });
  });

  it('an unknown category or body is refused with a zh-CN message naming the field', () => {
    expect(() => categoryRule('astronomy')).toThrow('「诉求分类」astronomy 不存在');
    const state = received();
    expect(() => eventFor(state, { kind: 'transfer', reason: '转', level: 'grid', body: 'nasa' }, staff, later(1))).toThrow('「承办单位」不存在');
  });
});
