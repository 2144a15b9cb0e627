import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Choice, Reading } from './meeting-rules.ts';
import { ballotKey, planPaperBatch, type PaperBatchEntry, type PaperBatchFacts } from './paper-batch.ts';

const facts = (overrides: Partial<PaperBatchFacts> = {}): PaperBatchFacts => ({
  tellerId: 't1',
  itemIds: ['i1', 'i2'],
  onRoster: new Set(['a', 'b', 'c', 'd', 'e']),
  present: new Set(['a', 'b', 'c', 'd']),
  recused: new Map([[ballotKey('i1', 'c'), '其子承接工程']]),
  portal: new Set([ballotKey('i1', 'd')]),
  readings: new Map<string, Reading[]>(),
  ...overrides,
});
const yes = (itemId: string, residentId: string, reason: string | null = null): PaperBatchEntry => ({ itemId, residentId, choice: 'yes', reason });

describe('a teller\u2019s batch of paper-ballot readings', () => {
  it('accepts a clean batch: each reading with what it does (first reading pending, second agreeing or not)', () => {
    const readings = new Map<string, Reading[]>([[ballotKey('i1', 'b'), [{ tellerId: 't2', choice: 'yes' }]], [ballotKey('i2', 'b'), [{ tellerId: 't2', choice: 'no' }]]]);
    const plan = planPaperBatch([yes('i1', 'a'), yes('i1', 'b'), yes('i2', 'b')], facts({ readings }));
    expect(plan).toEqual({ ok: true, steps: [
      { index: 0, key: 'i1:a', action: 'enter', state: 'pending' },
      { index: 1, key: 'i1:b', action: 'enter', state: 'agreed' },
      { index: 2, key: 'i2:b', action: 'enter', state: 'disagreed' },
    ] });
  });

  it('lists every refusal with its index, in the single reading\u2019s order of checks', () => {
    const readings = new Map<string, Reading[]>([
      [ballotKey('i2', 'a'), [{ tellerId: 't1', choice: 'no' }]],
      [ballotKey('i2', 'c'), [{ tellerId: 't2', choice: 'no' }, { tellerId: 't3', choice: 'no' }]],
    ]);
    const plan = planPaperBatch([
      yes('i1', 'a'), // fine
      yes('i1', 'x'), // not on the roster
      yes('i9', 'a'), // unknown item
      yes('i1', 'c'), // recused
      yes('i1', 'e'), // not signed in
      yes('i1', 'd'), // voted on the portal
      yes('i1', 'a'), // twice in the batch
      yes('i2', 'a'), // already entered, no reason
      yes('i2', 'b', '看错'), // nothing to correct
      yes('i2', 'c'), // two tellers already
    ], facts({ readings }));
    expect(plan).toEqual({ ok: false, refusals: [
      { index: 1, code: 'MEETING_NOT_ON_ROSTER', field: 'residentId' },
      { index: 2, code: 'MEETING_ITEM_UNKNOWN', field: 'itemId' },
      { index: 3, code: 'BALLOT_RECUSED', field: 'itemId', detail: '其子承接工程' },
      { index: 4, code: 'BALLOT_NOT_SIGNED_IN', field: 'residentId' },
      { index: 5, code: 'BALLOT_ALREADY_CAST', field: 'residentId' },
      { index: 6, code: 'BALLOT_BATCH_DUPLICATE', field: 'residentId', detail: 0 },
      { index: 7, code: 'BALLOT_ENTRY_EXISTS', field: 'correctionReason' },
      { index: 8, code: 'BALLOT_ENTRY_NOTHING_TO_CORRECT', field: 'correctionReason' },
      { index: 9, code: 'BALLOT_TELLERS_FULL', field: 'residentId' },
    ] });
  });

  it('a correction with a reason replaces the teller\u2019s own reading', () => {
    const readings = new Map<string, Reading[]>([[ballotKey('i1', 'a'), [{ tellerId: 't1', choice: 'no' }, { tellerId: 't2', choice: 'yes' }]]]);
    expect(planPaperBatch([yes('i1', 'a', '核对原票')], facts({ readings }))).toEqual({ ok: true, steps: [{ index: 0, key: 'i1:a', action: 'correct', state: 'agreed' }] });
  });

  it('property: a batch of first readings by one teller is accepted exactly when every single reading would be, and nothing depends on the order', () => {
    const choice = fc.constantFrom<Choice>('yes', 'no', 'abstain');
    const entry = fc.record({ itemId: fc.constantFrom('i1', 'i2'), residentId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'x'), choice, reason: fc.constant(null) });
    fc.assert(fc.property(fc.array(entry, { minLength: 1, maxLength: 12 }), (entries) => {
      const plan = planPaperBatch(entries, facts());
      const singlesOk = entries.every((e) => planPaperBatch([e], facts()).ok);
      const distinct = new Set(entries.map((e) => ballotKey(e.itemId, e.residentId))).size === entries.length;
      expect(plan.ok).toBe(singlesOk && distinct);
      if (plan.ok) {
        expect(plan.steps.map((s) => s.index)).toEqual(entries.map((_, i) => i));
        expect(plan.steps.every((s) => s.state === 'pending' && s.action === 'enter')).toBe(true);
      } else {
        const reversed = planPaperBatch([...entries].reverse(), facts());
        expect(reversed.ok).toBe(false);
      }
    }));
  });
});
