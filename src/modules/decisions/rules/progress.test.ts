import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { progressProblems, rollUpProgress, type ProgressNode } from './progress.ts';

const leaf = (id: string, percent: number, weight = 1): ProgressNode => ({ id, weight, percent });

describe('progress roll-up', () => {
  it('a parent is the weighted mean of its children', () => {
    const r = rollUpProgress({ id: 'root', weight: 1, children: [leaf('a', 100, 1), leaf('b', 0, 3)] });
    expect(r.percent).toBe(25);
    expect(r.children.map((c) => c.percent)).toEqual([100, 0]);
  });
  it('a parent’s own percentage is ignored; a leaf without one is at 0', () => {
    expect(rollUpProgress({ id: 'p', weight: 1, percent: 90, children: [leaf('a', 10)] }).percent).toBe(10);
    expect(rollUpProgress({ id: 'p', weight: 1 }).percent).toBe(0);
  });
  it('rounds down to a whole percent, and uses exact children values (no double rounding)', () => {
    // x = (21.8 + 0)/2 = 10.9 (shown 10), y = (23.8 + 0)/2 = 11.9 (shown 11); root = 11.4 → 11,
    // whereas averaging the shown values would give (10 + 11)/2 = 10.5 → 10.
    const x: ProgressNode = { id: 'x', weight: 1, children: [leaf('x1', 21.8), leaf('x2', 0)] };
    const y: ProgressNode = { id: 'y', weight: 1, children: [leaf('y1', 23.8), leaf('y2', 0)] };
    const r = rollUpProgress({ id: 'root', weight: 1, children: [x, y] });
    expect(r.children.map((c) => c.percent)).toEqual([10, 11]);
    expect(r.exact).toBeCloseTo(11.4, 9);
    expect(r.percent).toBe(11);
    expect(rollUpProgress({ id: 'r', weight: 1, children: [leaf('a', 99.9)] }).percent).toBe(99);
  });
  it('shows 100 only when everything is done, even with awkward weights', () => {
    const done = rollUpProgress({ id: 'r', weight: 1, children: [leaf('a', 100, 0.1), leaf('b', 100, 0.2), leaf('c', 100, 0.7)] });
    expect(done.percent).toBe(100);
    expect(rollUpProgress({ id: 'r', weight: 1, children: [leaf('a', 100, 1000), leaf('b', 99.99, 0.001)] }).percent).toBe(99);
  });
  it('refuses non-positive weights and percentages outside 0–100', () => {
    const bad: ProgressNode = { id: 'r', weight: 1, children: [leaf('a', 50, 0), leaf('b', 120), leaf('c', 10, -1)] };
    expect(progressProblems(bad).map((p) => `${p.code}:${p.id}`)).toEqual(['PROGRESS_BAD_WEIGHT:a', 'PROGRESS_BAD_PERCENT:b', 'PROGRESS_BAD_WEIGHT:c']);
    expect(progressProblems(bad)[0]!.zh).toBe('权重须为正数（a）');
    expect(() => rollUpProgress(bad)).toThrow(RangeError);
    expect(progressProblems({ id: 'root', weight: 0, children: [leaf('a', 5)] })).toEqual([]); // the root's weight is not used
  });

  const tree: fc.Arbitrary<ProgressNode> = fc.letrec<{ node: ProgressNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ id: fc.string({ maxLength: 3 }), weight: fc.integer({ min: 1, max: 1000 }).map((w) => w / 10), percent: fc.integer({ min: 0, max: 100 }) }),
      fc.record({ id: fc.string({ maxLength: 3 }), weight: fc.integer({ min: 1, max: 1000 }).map((w) => w / 10), children: fc.array(tie('node'), { minLength: 1, maxLength: 4 }) }),
    ),
  })).node;
  const leaves = (n: ProgressNode): number[] => (n.children?.length ? n.children.flatMap(leaves) : [n.percent ?? 0]);

  it('property: a parent lies between its lowest and highest leaf; 100 iff all leaves are 100; 0 when all are 0', () => {
    fc.assert(
      fc.property(tree, (t) => {
        const r = rollUpProgress(t);
        const ls = leaves(t);
        expect(r.percent).toBeGreaterThanOrEqual(Math.floor(Math.min(...ls)));
        expect(r.percent).toBeLessThanOrEqual(Math.max(...ls));
        expect(r.percent === 100).toBe(ls.every((p) => p === 100));
        if (ls.every((p) => p === 0)) expect(r.percent).toBe(0);
        expect(Number.isInteger(r.percent)).toBe(true);
      }),
    );
  });
});
