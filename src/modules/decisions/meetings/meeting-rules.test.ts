import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paperState, pickOnePerHouse, tellerStep, type Choice, type Reading } from './meeting-rules.ts';

const choice = fc.constantFrom<Choice>('yes', 'no', 'abstain');

describe('one member per house on a frozen roster', () => {
  it('prefers the head of household and keeps the order', () => {
    const rows = [
      { id: 'a', householdId: 'h1', relation: '配偶' },
      { id: 'b', householdId: 'h2', relation: '户主' },
      { id: 'c', householdId: 'h1', relation: '户主' },
      { id: 'd', householdId: 'h1', relation: '子' },
      { id: 'e', householdId: 'h3', relation: '子' },
    ];
    expect(pickOnePerHouse(rows).map((r) => r.id)).toEqual(['b', 'c', 'e']);
  });

  it('property: exactly one per house, a subsequence of the input, a head whenever the house has one', () => {
    const row = fc.record({ householdId: fc.constantFrom('h1', 'h2', 'h3', 'h4'), relation: fc.constantFrom('户主', '配偶', '子', '女') });
    fc.assert(fc.property(fc.array(row, { maxLength: 30 }), (raw) => {
      const rows = raw.map((r, i) => ({ ...r, id: `r${i}` }));
      const picked = pickOnePerHouse(rows);
      const houses = new Set(rows.map((r) => r.householdId));
      expect(picked.length).toBe(houses.size);
      expect(new Set(picked.map((r) => r.householdId)).size).toBe(houses.size);
      const positions = picked.map((p) => rows.indexOf(p));
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      for (const p of picked) if (rows.some((r) => r.householdId === p.householdId && r.relation === '户主')) expect(p.relation).toBe('户主');
    }));
  });
});

describe('paper ballots read by two tellers', () => {
  it('counts only when two readings agree', () => {
    expect(paperState([])).toBe('pending');
    expect(paperState([{ tellerId: 'x', choice: 'yes' }])).toBe('pending');
    expect(paperState([{ tellerId: 'x', choice: 'yes' }, { tellerId: 'y', choice: 'yes' }])).toBe('agreed');
    expect(paperState([{ tellerId: 'x', choice: 'yes' }, { tellerId: 'y', choice: 'abstain' }])).toBe('disagreed');
  });

  it('a teller enters once, corrects only with a reason; a third teller is refused', () => {
    const one: Reading[] = [{ tellerId: 'x', choice: 'yes' }];
    expect(tellerStep(one, { tellerId: 'x', choice: 'no', reason: null })).toEqual({ ok: false, code: 'BALLOT_ENTRY_EXISTS' });
    expect(tellerStep(one, { tellerId: 'y', choice: 'no', reason: '看错' })).toEqual({ ok: false, code: 'BALLOT_ENTRY_NOTHING_TO_CORRECT' });
    const two = tellerStep(one, { tellerId: 'y', choice: 'no', reason: null });
    expect(two).toMatchObject({ ok: true, action: 'enter', state: 'disagreed' });
    if (!two.ok) return;
    expect(tellerStep(two.next, { tellerId: 'z', choice: 'no', reason: null })).toEqual({ ok: false, code: 'BALLOT_TELLERS_FULL' });
    expect(tellerStep(two.next, { tellerId: 'x', choice: 'no', reason: '看错勾选' })).toMatchObject({ ok: true, action: 'correct', state: 'agreed' });
  });

  it('property: never more than two readings, never two from one teller, agreed iff both readings match', () => {
    const step = fc.record({ tellerId: fc.constantFrom('x', 'y', 'z'), choice, reason: fc.option(fc.constant('更正'), { nil: null }) });
    fc.assert(fc.property(fc.array(step, { maxLength: 20 }), (steps) => {
      let current: Reading[] = [];
      for (const s of steps) {
        const r = tellerStep(current, s);
        if (!r.ok) continue;
        current = r.next;
        expect(current.length).toBeLessThanOrEqual(2);
        expect(new Set(current.map((c) => c.tellerId)).size).toBe(current.length);
        expect(r.state === 'agreed').toBe(current.length === 2 && current[0]?.choice === current[1]?.choice);
      }
    }));
  });
});
