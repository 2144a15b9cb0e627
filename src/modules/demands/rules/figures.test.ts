import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mediationSuccessRate, MEDIATION_FIGURES } from '../../disputes/rules/mediation-figures.ts';
import { backlogAndOverdue, DEMAND_FIGURES, demandFigures, figureValue, type DemandRecord } from './figures.ts';

const window = { from: new Date('2026-11-01T00:00:00+08:00'), to: new Date('2026-12-01T00:00:00+08:00') };
const now = new Date('2026-11-25T12:00:00+08:00');
const rec = (over: Partial<DemandRecord> = {}): DemandRecord => ({
  id: 'd',
  receivedAt: new Date('2026-11-10T09:00:00+08:00'),
  respondBy: new Date('2026-11-10T11:00:00+08:00'),
  respondedAt: new Date('2026-11-10T10:00:00+08:00'),
  finishBy: new Date('2026-11-11T16:00:00Z'),
  doneAt: new Date('2026-11-10T17:00:00+08:00'),
  outcome: 'resolved',
  rating: 'satisfied',
  merged: false,
  ...over,
});

describe('figure definitions', () => {
  it('every figure has a zh name and help text', () => {
    for (const f of [...DEMAND_FIGURES, ...MEDIATION_FIGURES]) {
      expect(f.name.zh.length).toBeGreaterThan(1);
      expect(f.help.zh).toContain('÷');
    }
    expect(DEMAND_FIGURES.map((f) => f.code)).toEqual(['response_rate', 'same_day_rate', 'on_time_rate', 'resolution_rate', 'satisfaction_rate']);
  });
  it('displays one decimal, and — for an empty denominator', () => {
    expect(figureValue('x', 17, 20).display).toBe('85.0%');
    expect(figureValue('x', 2, 3).display).toBe('66.7%');
    expect(figureValue('x', 0, 0)).toMatchObject({ rate: null, display: '—' });
  });
});

describe('demand figures', () => {
  it('an empty period: every rate is null (—), never 0 % or 100 %', () => {
    const f = demandFigures({ records: [], window, now });
    for (const v of Object.values(f)) expect(v).toMatchObject({ numerator: 0, denominator: 0, rate: null, display: '—' });
    expect(backlogAndOverdue([], now)).toEqual({ backlog: 0, overdue: [] });
  });

  it('all overdue: on-time rate 0 %, every one listed, most overdue first', () => {
    const records = [1, 2, 3].map((n) => rec({ id: `d${n}`, doneAt: null, outcome: null, rating: null, finishBy: new Date(`2026-11-1${n}T16:00:00Z`) }));
    const f = demandFigures({ records, window, now });
    expect(f.on_time_rate).toMatchObject({ numerator: 0, denominator: 3, display: '0.0%' });
    expect(f.resolution_rate.rate).toBeNull();
    expect(backlogAndOverdue(records, now).overdue.map((o) => o.id)).toEqual(['d1', 'd2', 'd3']);
  });

  it('a mixed month: each figure over its own population', () => {
    const records = [
      rec({ id: 'a' }), // responded in time, done same day, on time, resolved, satisfied
      rec({ id: 'b', respondedAt: new Date('2026-11-10T12:00:00+08:00'), doneAt: new Date('2026-11-12T09:00:00+08:00'), outcome: 'explained', rating: 'basically_satisfied' }),
      rec({ id: 'c', doneAt: new Date('2026-11-11T09:00:00+08:00'), outcome: 'resolved', rating: 'unsatisfied' }),
      rec({ id: 'd', respondedAt: null, doneAt: null, outcome: null, rating: null, finishBy: new Date('2026-11-30T16:00:00Z') }), // open, not yet overdue
      rec({ id: 'e', merged: true }), // a merged duplicate counts nowhere
      rec({ id: 'f', receivedAt: new Date('2026-10-31T09:00:00+08:00') }), // last month
      rec({ id: 'g', receivedAt: new Date('2026-11-25T09:00:00+08:00'), respondBy: new Date('2026-11-25T15:00:00+08:00'), respondedAt: null, doneAt: null, outcome: null, rating: null, finishBy: new Date('2026-11-26T16:00:00Z') }), // today, open
    ];
    const f = demandFigures({ records, window, now });
    expect(f.response_rate).toMatchObject({ numerator: 2, denominator: 4 }); // a, c in time; b late; d overdue unanswered; g not due yet
    expect(f.same_day_rate).toMatchObject({ numerator: 1, denominator: 4 }); // a; b, c, d not; g received today and open: not yet counted
    expect(f.on_time_rate).toMatchObject({ numerator: 2, denominator: 3 }); // a, c on time; b late (finishBy 11 Nov 24:00)
    expect(f.resolution_rate).toMatchObject({ numerator: 2, denominator: 3 });
    expect(f.satisfaction_rate).toMatchObject({ numerator: 2, denominator: 3, display: '66.7%' });
    expect(backlogAndOverdue(records, now).backlog).toBe(2);
  });

  it('rates stay within [0, 1] and numerators never exceed denominators (property)', () => {
    const instant = fc.integer({ min: Date.parse('2026-10-20T00:00:00Z'), max: Date.parse('2026-12-10T00:00:00Z') }).map((n) => new Date(n));
    const record = fc.record({
      id: fc.string(),
      receivedAt: instant,
      respondBy: instant,
      respondedAt: fc.option(instant),
      finishBy: fc.option(instant),
      doneAt: fc.option(instant),
      outcome: fc.option(fc.constantFrom('resolved' as const, 'explained' as const, 'unresolvable' as const)),
      rating: fc.option(fc.constantFrom('satisfied' as const, 'basically_satisfied' as const, 'unsatisfied' as const)),
      merged: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), instant, (records, at) => {
        for (const v of Object.values(demandFigures({ records, window, now: at }))) {
          expect(v.numerator).toBeLessThanOrEqual(v.denominator);
          if (v.rate !== null) expect(v.rate >= 0 && v.rate <= 1).toBe(true);
        }
      }),
    );
  });
});

describe('mediation success rate', () => {
  it('counts concluded mediations only; empty is —', () => {
    expect(mediationSuccessRate([], window).display).toBe('—');
    const r = mediationSuccessRate(
      [
        { id: '1', concludedAt: new Date('2026-11-05T00:00:00+08:00'), settled: true },
        { id: '2', concludedAt: new Date('2026-11-06T00:00:00+08:00'), settled: true },
        { id: '3', concludedAt: new Date('2026-11-07T00:00:00+08:00'), settled: false },
        { id: '4', concludedAt: null, settled: false },
        { id: '5', concludedAt: new Date('2026-12-07T00:00:00+08:00'), settled: true },
      ],
      window,
    );
    expect(r).toMatchObject({ numerator: 2, denominator: 3, display: '66.7%' });
  });
});
