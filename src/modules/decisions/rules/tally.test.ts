import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ShareRule } from './procedure-template.ts';
import { RULES } from './shipped-procedures.ts';
import { areaToCenti, describeRule, formatArea, meetsShare, tally, type Choice, type Elector, type TallyInput } from './tally.ts';

const members = (n: number, area?: (i: number) => number): Elector[] =>
  Array.from({ length: n }, (_, i) => ({ memberId: `m${i}`, weight: { head: 1 as const, ...(area ? { area: area(i) } : {}) } }));

/** n members; the first `present` are present; of those, `yes` vote yes, `no` vote no, `abstain` abstain, the rest no ballot. */
function meeting(n: number, present: number, yes: number, no = 0, abstain = 0): Pick<TallyInput, 'electorate' | 'present' | 'ballots'> {
  const electorate = members(n);
  const here = electorate.slice(0, present).map((e) => e.memberId);
  const ballots = here.flatMap((id, i) => {
    const choice: Choice | null = i < yes ? 'yes' : i < yes + no ? 'no' : i < yes + no + abstain ? 'abstain' : null;
    return choice ? [{ memberId: id, choice }] : [];
  });
  return { electorate, present: here, ballots };
}

const rule = (attendance: ShareRule | null, decision: ShareRule | null) => ({ attendance, decision });
const villageReps = rule(RULES.atLeastTwoThirdsOfEntitled, RULES.moreThanHalfOfPresent);
const communityReps = rule(RULES.moreThanHalfOfEntitled, RULES.moreThanHalfOfPresent);

describe('the worked example of the issue', () => {
  it('reproduces the sentence for the minutes exactly', () => {
    const r = tally({ rule: villageReps, ...meeting(35, 27, 20, 5, 2) });
    expect(r.quorumMet).toBe(true);
    expect(r.passed).toBe(true);
    expect(r.explanation.zh).toBe('应到 35 人，实到 27 人，超过三分之二；同意 20 票，超过实到人数半数，通过');
    expect(r.explanation.en).toBe('35 entitled, 27 present, more than two thirds; 20 in favour, more than half of those present: passed');
    expect(r.breakdown.zh).toBe('同意 20 票，反对 5 票，弃权 2 票，到会未投票 0 人');
    expect(r.counts.head).toEqual({ entitled: 35, present: 27, yes: 20, no: 5, abstain: 2 });
  });
});

describe('boundaries (民法典 1259: 以上 includes, 超过 excludes, 过半数 is strict)', () => {
  it('exactly half is not 过半数', () => {
    const r = tally({ rule: communityReps, ...meeting(20, 20, 10, 10) });
    expect(r.quorumMet).toBe(true);
    expect(r.passed).toBe(false);
    expect(r.explanation.zh).toBe('应到 20 人，实到 20 人，超过半数；同意 10 票，未超过实到人数半数，未通过');
    expect(tally({ rule: communityReps, ...meeting(20, 20, 11, 9) }).passed).toBe(true);
  });
  it('exactly half attending is not a quorum of more than half', () => {
    const r = tally({ rule: communityReps, ...meeting(20, 10, 10) });
    expect(r.quorumMet).toBe(false);
    expect(r.passed).toBe(false);
    expect(r.explanation.zh).toBe('应到 20 人，实到 10 人，未超过半数，会议无效，未通过');
    expect(tally({ rule: communityReps, ...meeting(20, 11, 11) }).quorumMet).toBe(true);
  });
  it('exactly two thirds: at_least passes, more_than does not', () => {
    const atLeast = tally({ rule: rule(null, RULES.atLeastTwoThirdsOfPresent), ...meeting(30, 30, 20, 10) });
    expect(atLeast.passed).toBe(true);
    expect(atLeast.explanation.zh).toBe('应到 30 人，实到 30 人；同意 20 票，达到实到人数三分之二，通过');
    const moreThan = tally({ rule: rule(null, { ...RULES.atLeastTwoThirdsOfPresent, comparison: 'more_than' }), ...meeting(30, 30, 20, 10) });
    expect(moreThan.passed).toBe(false);
    expect(moreThan.explanation.zh).toBe('应到 30 人，实到 30 人；同意 20 票，未超过实到人数三分之二，未通过');
  });
  it('exactly two thirds present is a quorum for 三分之二以上; one fewer is not', () => {
    expect(tally({ rule: villageReps, ...meeting(30, 20, 20) }).quorumMet).toBe(true);
    const r = tally({ rule: villageReps, ...meeting(30, 19, 19) });
    expect(r.quorumMet).toBe(false);
    expect(r.explanation.zh).toBe('应到 30 人，实到 19 人，不足三分之二，会议无效，未通过');
    expect(tally({ rule: villageReps, ...meeting(30, 20, 20) }).explanation.zh).toBe('应到 30 人，实到 20 人，达到三分之二；同意 20 票，超过实到人数半数，通过');
  });
  it('a tie does not pass', () => {
    expect(tally({ rule: communityReps, ...meeting(10, 8, 4, 4) }).passed).toBe(false);
  });
  it('zero attendance: quorum not met, nothing divides by zero, whatever the rule', () => {
    for (const r of [villageReps, communityReps, rule(null, null), rule(null, RULES.atLeastTwoThirdsOfPresent), rule({ ...RULES.moreThanHalfOfEntitled, num: 0 }, null)]) {
      const t = tally({ rule: r, ...meeting(12, 0, 0) });
      expect(t.quorumMet).toBe(false);
      expect(t.passed).toBe(false);
      expect(t.explanation.zh).not.toMatch(/NaN|Infinity/);
    }
    expect(tally({ rule: villageReps, ...meeting(12, 0, 0) }).explanation.zh).toBe('应到 12 人，实到 0 人，不足三分之二，会议无效，未通过');
  });
  it('nobody entitled: not passed, said in words', () => {
    const r = tally({ rule: villageReps, electorate: [], present: [], ballots: [] });
    expect(r).toMatchObject({ quorumMet: false, passed: false });
    expect(r.explanation.zh).toBe('应到 0 人，实到 0 人，无人有表决资格，未通过');
  });
  it('all abstain: quorate but not passed', () => {
    const r = tally({ rule: communityReps, ...meeting(10, 10, 0, 0, 10) });
    expect(r).toMatchObject({ quorumMet: true, passed: false });
    expect(r.counts.head.abstain).toBe(10);
  });
  it('abstentions and silent members count against "more than half of those present" (not of votes cast)', () => {
    // 5 yes, 2 no, 3 abstain: more yes than no, but 5 is not more than half of the 10 present.
    expect(tally({ rule: communityReps, ...meeting(12, 10, 5, 2, 3) }).passed).toBe(false);
    // 5 yes, 2 no, 3 present without a ballot: the same.
    const silent = tally({ rule: communityReps, ...meeting(12, 10, 5, 2, 0) });
    expect(silent.passed).toBe(false);
    expect(silent.breakdown.zh).toBe('同意 5 票，反对 2 票，弃权 0 票，到会未投票 3 人');
  });
  it('absent members are not present; a ballot makes its caster present', () => {
    const m = meeting(10, 6, 4, 2);
    const absentVoter = { memberId: 'm9', choice: 'yes' as const };
    const r = tally({ rule: communityReps, ...m, ballots: [...m.ballots, absentVoter] });
    expect(r.counts.head.present).toBe(7);
    expect(r.counts.head.yes).toBe(5);
  });
});

describe('recusal (回避): neither entitled nor present', () => {
  it('shrinks the electorate, and the recused member’s presence and ballot do not count', () => {
    const electorate = members(10).map((e, i) => (i >= 8 ? { ...e, recused: true } : e));
    const present = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm8', 'm9'];
    const ballots = [...['m0', 'm1', 'm2', 'm3'].map((id) => ({ memberId: id, choice: 'yes' as const })), { memberId: 'm8', choice: 'yes' as const }, { memberId: 'm9', choice: 'yes' as const }];
    const r = tally({ rule: villageReps, electorate, present, ballots });
    // 6 of 8 present ≥ 2/3 (without recusal, 6 of 10 would not be); 4 yes is not more than half of 6.
    expect(r.counts.head).toMatchObject({ entitled: 8, present: 6, yes: 4 });
    expect(r.counts.recused).toBe(2);
    expect(r.counts.ignoredBallots).toBe(2);
    expect(r.quorumMet).toBe(true);
    expect(r.passed).toBe(true);
    expect(r.explanation.zh).toBe('应到 8 人（2 人回避，不计入），实到 6 人，超过三分之二；同意 4 票，超过实到人数半数，通过');
  });
  it('a member recused once stays recused even when listed again', () => {
    const electorate = [...members(3), { memberId: 'm0', weight: { head: 1 as const }, recused: true }];
    expect(tally({ rule: communityReps, electorate, present: ['m0', 'm1'], ballots: [] }).counts.head).toMatchObject({ entitled: 2, present: 1 });
  });
});

describe('ballots', () => {
  it('ignores ballots from outside the electorate and second ballots (the first counts)', () => {
    const m = meeting(5, 5, 0);
    const r = tally({
      rule: communityReps,
      ...m,
      ballots: [
        { memberId: 'm0', choice: 'no' },
        { memberId: 'm0', choice: 'yes' },
        { memberId: 'x', choice: 'yes' },
        { memberId: 'm1', choice: 'yes' },
      ],
    });
    expect(r.counts.head).toMatchObject({ yes: 1, no: 1 });
    expect(r.counts.ignoredBallots).toBe(2);
  });
});

describe('owners (民法典 278): area AND head', () => {
  /** Owners with given areas; the `present` first ones take part; `yes` of them vote yes, the rest no. */
  function owners(areas: number[], present: number, yesIdx: number[]) {
    const electorate = areas.map((a, i) => ({ memberId: `o${i}`, weight: { head: 1 as const, area: a } }));
    const here = electorate.slice(0, present).map((e) => e.memberId);
    const ballots = here.map((id, i) => ({ memberId: id, choice: (yesIdx.includes(i) ? 'yes' : 'no') as Choice }));
    return { electorate, present: here, ballots };
  }
  const ordinary = rule(RULES.ownersParticipation, RULES.ownersOrdinary);
  const special = rule(RULES.ownersParticipation, RULES.ownersSpecial);

  it('area passes, head fails → fails', () => {
    // 6 owners all take part; one big owner (200 ㎡) and one more vote yes: area 300/600 … make it 350.
    const r = tally({ rule: ordinary, ...owners([250, 70, 70, 70, 70, 70], 6, [0, 1]) });
    expect(r.counts.areaCenti.yes).toBe(32000);
    expect(r.counts.areaCenti.present).toBe(60000);
    expect(r.quorumMet).toBe(true);
    expect(r.passed).toBe(false);
    expect(r.explanation.zh).toBe(
      '专有部分面积共 600.00 ㎡，参与表决 600.00 ㎡，超过三分之二；业主共 6 人，参与表决 6 人，超过三分之二；同意面积 320.00 ㎡，超过参与表决专有部分面积半数；同意 2 人，未超过参与表决业主人数半数，未通过',
    );
  });
  it('head passes, area fails → fails', () => {
    const r = tally({ rule: ordinary, ...owners([250, 70, 70, 70, 70, 70], 6, [1, 2, 3, 4]) });
    expect(r.counts.head.yes).toBe(4);
    expect(r.passed).toBe(false);
  });
  it('both pass → passes', () => {
    expect(tally({ rule: ordinary, ...owners([250, 70, 70, 70, 70, 70], 6, [0, 1, 2, 3]) }).passed).toBe(true);
  });
  it('participation needs 2/3 of the area AND of the heads', () => {
    // 3 small owners of 6 do not take part: 3/6 heads fails; big + 3 small: 4/6 heads ok, area 460/600 ok.
    expect(tally({ rule: ordinary, ...owners([70, 70, 70, 250, 70, 70], 3, [0, 1, 2]) }).quorumMet).toBe(false);
    expect(tally({ rule: ordinary, ...owners([250, 70, 70, 70, 70, 70], 4, [0, 1, 2, 3]) }).quorumMet).toBe(true);
    // 4 of 6 heads but only the small ones: area 280/600 < 2/3 → not quorate.
    expect(tally({ rule: ordinary, ...owners([70, 70, 70, 70, 250, 70], 4, [0, 1, 2, 3]) }).quorumMet).toBe(false);
  });
  it('special matters: exactly 3/4 of both passes, just below fails', () => {
    // 8 owners of 100 ㎡ all take part: 6 yes = exactly 3/4 by head and area.
    const eight = Array.from({ length: 8 }, () => 100);
    expect(tally({ rule: special, ...owners(eight, 8, [0, 1, 2, 3, 4, 5]) }).passed).toBe(true);
    expect(tally({ rule: special, ...owners(eight, 8, [0, 1, 2, 3, 4]) }).passed).toBe(false);
    // Ordinary rule: 5 of 8 passes.
    expect(tally({ rule: ordinary, ...owners(eight, 8, [0, 1, 2, 3, 4]) }).passed).toBe(true);
    // Area 0.01 ㎡ short of 3/4: fails although heads are exactly 3/4.
    const areas = [100, 100, 100, 100, 100, 99.99, 100.01, 100];
    const r = tally({ rule: special, ...owners(areas, 8, [0, 1, 2, 3, 4, 5]) });
    expect(r.counts.areaCenti.yes).toBe(59999);
    expect(r.passed).toBe(false);
    expect(r.explanation.zh).toContain('同意面积 599.99 ㎡，不足参与表决专有部分面积四分之三');
  });
  it('areas are counted in exact hundredths (0.1 + 0.2 is 0.30)', () => {
    const r = tally({ rule: rule(null, RULES.ownersOrdinary), ...owners([0.1, 0.2, 0.3], 3, [0, 1]) });
    expect(r.counts.areaCenti).toMatchObject({ entitled: 60, yes: 30 });
    expect(r.passed).toBe(false); // 0.30 of 0.60 is exactly half by area
    expect(areaToCenti(84.57)).toBe(8457);
    expect(formatArea(8457)).toBe('84.57');
    expect(formatArea(5)).toBe('0.05');
    expect(() => areaToCenti(-1)).toThrow(RangeError);
  });
});

describe('properties', () => {
  const anyRule: fc.Arbitrary<ShareRule> = fc
    .record({
      comparison: fc.constantFrom('more_than' as const, 'at_least' as const),
      den: fc.integer({ min: 1, max: 6 }),
      numFrac: fc.double({ min: 0, max: 1, noNaN: true }),
      base: fc.constantFrom('entitled' as const, 'present' as const),
      measures: fc.constantFrom(['head'] as const, ['area'] as const, ['area', 'head'] as const),
    })
    .map(({ comparison, den, numFrac, base, measures }) => ({ comparison, den, num: Math.max(1, Math.ceil(numFrac * den)), base, measures }));
  const scenario = fc
    .array(
      fc.record({
        area: fc.integer({ min: 0, max: 50000 }).map((c) => c / 100),
        recused: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
        present: fc.boolean(),
        choice: fc.constantFrom<Choice | null>('yes', 'no', 'abstain', null),
      }),
      { maxLength: 40 },
    )
    .map((rows) => {
      const electorate = rows.map((r, i) => ({ memberId: `m${i}`, weight: { head: 1 as const, area: r.area }, recused: r.recused }));
      const present = rows.flatMap((r, i) => (r.present ? [`m${i}`] : []));
      const ballots = rows.flatMap((r, i) => (r.present && r.choice ? [{ memberId: `m${i}`, choice: r.choice }] : []));
      return { electorate, present, ballots, rows };
    });

  /** An independent oracle: float division (exact enough for these small integers) and filters. */
  function oracle(rules: { attendance: ShareRule | null; decision: ShareRule | null }, s: { rows: { area: number; recused: boolean; present: boolean; choice: Choice | null }[] }) {
    const eligible = s.rows.filter((r) => !r.recused);
    const here = eligible.filter((r) => r.present);
    const w = (r: { area: number }, m: 'head' | 'area') => (m === 'head' ? 1 : Math.round(r.area * 100));
    const sum = (rs: typeof eligible, m: 'head' | 'area') => rs.reduce((a, r) => a + w(r, m), 0);
    const meets = (x: number, t: number, r: ShareRule) => t > 0 && (r.comparison === 'more_than' ? x / t > r.num / r.den : x / t >= r.num / r.den);
    if (eligible.length === 0 || here.length === 0) return { quorumMet: false, passed: false };
    const a = rules.attendance;
    const quorumMet = !a || a.measures.every((m) => meets(sum(here, m), a.base === 'entitled' ? sum(eligible, m) : sum(here, m), a));
    const d = rules.decision;
    const yes = here.filter((r) => r.choice === 'yes');
    const passed = quorumMet && (!d || d.measures.every((m) => meets(sum(yes, m), d.base === 'entitled' ? sum(eligible, m) : sum(here, m), d)));
    return { quorumMet, passed };
  }

  it('agrees with an independent oracle', () => {
    fc.assert(
      fc.property(fc.option(anyRule, { nil: null }), fc.option(anyRule, { nil: null }), scenario, (attendance, decision, s) => {
        const r = tally({ rule: { attendance, decision }, electorate: s.electorate, present: s.present, ballots: s.ballots });
        expect({ quorumMet: r.quorumMet, passed: r.passed }).toEqual(oracle({ attendance, decision }, s));
      }),
      { numRuns: 500 },
    );
  });

  it('passed implies quorum; the sentence ends with 通过 exactly when passed', () => {
    fc.assert(
      fc.property(fc.option(anyRule, { nil: null }), anyRule, scenario, (attendance, decision, s) => {
        const r = tally({ rule: { attendance, decision }, ...s });
        if (r.passed) expect(r.quorumMet).toBe(true);
        expect(r.explanation.zh.endsWith('未通过')).toBe(!r.passed);
        expect(r.explanation.zh.endsWith('通过')).toBe(true);
        expect(r.explanation.en.endsWith(r.passed ? ': passed' : 'not passed')).toBe(true);
        expect(r.explanation.zh).not.toMatch(/NaN|undefined|Infinity/);
      }),
    );
  });

  it('turning a no or an abstention into a yes never makes a passed item fail (monotone)', () => {
    fc.assert(
      fc.property(anyRule, anyRule, scenario, fc.nat(), (attendance, decision, s, pick) => {
        const before = tally({ rule: { attendance, decision }, ...s });
        const changeable = s.ballots.filter((b) => b.choice !== 'yes');
        if (changeable.length === 0) return;
        const target = changeable[pick % changeable.length]!.memberId;
        const ballots = s.ballots.map((b) => (b.memberId === target ? { ...b, choice: 'yes' as const } : b));
        const after = tally({ rule: { attendance, decision }, ...s, ballots });
        if (before.passed) expect(after.passed).toBe(true);
        expect(after.quorumMet).toBe(before.quorumMet);
      }),
    );
  });

  it('the order of members, attendance and ballots does not matter', () => {
    fc.assert(
      fc.property(anyRule, anyRule, scenario, (attendance, decision, s) => {
        const a = tally({ rule: { attendance, decision }, ...s });
        const b = tally({ rule: { attendance, decision }, electorate: [...s.electorate].reverse(), present: [...s.present].reverse(), ballots: [...s.ballots].reverse() });
        expect(b).toEqual(a);
      }),
    );
  });

  it('meetsShare is exact at every boundary k·num/den', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 100_000 }), (num0, den, k) => {
        const num = Math.min(num0, den);
        const total = den * k; // the threshold num·k is a whole number
        const t = num * k;
        expect(meetsShare(t, total, { comparison: 'at_least', num, den })).toBe(true);
        expect(meetsShare(t, total, { comparison: 'more_than', num, den })).toBe(false);
        expect(meetsShare(t + 1, total, { comparison: 'more_than', num, den })).toBe(true);
        expect(meetsShare(t - 1, total, { comparison: 'at_least', num, den })).toBe(false);
      }),
    );
    expect(meetsShare(0, 0, { comparison: 'at_least', num: 1, den: 2 })).toBe(false);
  });
});

describe('describeRule (template editor, docs)', () => {
  it('reads each shipped rule in words', () => {
    expect(describeRule(RULES.moreThanHalfOfEntitled)).toEqual({ zh: '应到人数过半数', en: 'more than half of those entitled' });
    expect(describeRule(RULES.moreThanHalfOfPresent).zh).toBe('实到人数过半数');
    expect(describeRule(RULES.atLeastTwoThirdsOfEntitled)).toEqual({ zh: '应到人数三分之二以上', en: 'at least two thirds of those entitled' });
    expect(describeRule(RULES.ownersParticipation).zh).toBe('全体业主专有部分面积和人数均三分之二以上');
    expect(describeRule(RULES.ownersOrdinary).zh).toBe('参与表决专有部分面积和人数均过半数');
    expect(describeRule(RULES.ownersSpecial)).toEqual({ zh: '参与表决专有部分面积和人数均四分之三以上', en: 'at least three quarters of both the area and the number of the owners taking part' });
    expect(describeRule({ comparison: 'more_than', num: 2, den: 3, base: 'present', measures: ['head'] }).zh).toBe('超过实到人数三分之二');
    expect(describeRule(null).zh).toBe('—');
  });
});
