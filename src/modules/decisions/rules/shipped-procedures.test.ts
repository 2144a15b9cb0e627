import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { procedureTemplateSchema, resolveTemplate, stageVariant, validateTemplate, type ProcedureTemplate, type StageTemplate, type Unit } from './procedure-template.ts';
import {
  LIUBU,
  OWNERS_ORDINARY,
  OWNERS_SPECIAL,
  SANSHEN_COMMUNITY,
  SANSHEN_VILLAGE,
  SHIPPED_PROCEDURES,
  SIYI_LIANG_GONGKAI,
  YIZHENG_SANYI,
  shippedProcedure,
} from './shipped-procedures.ts';
import { tally, type Choice } from './tally.ts';
import { proceduresTables } from './procedures-doc.ts';

const stage = (t: ProcedureTemplate, key: string): StageTemplate => {
  const s = t.stages.find((x) => x.key === key);
  if (!s) throw new Error(`no stage ${key} in ${t.code}`);
  return s;
};

/** Tally a head-count meeting of n members with `present` attending and `yes` of them in favour (the rest vote no). */
function vote(rules: { attendance: StageTemplate['attendance']; decision: StageTemplate['decision'] }, n: number, present: number, yes: number) {
  const electorate = Array.from({ length: n }, (_, i) => ({ memberId: `m${i}`, weight: { head: 1 as const } }));
  const here = electorate.slice(0, present).map((e) => e.memberId);
  const ballots = here.map((id, i) => ({ memberId: id, choice: (i < yes ? 'yes' : 'no') as Choice }));
  return tally({ rule: rules, electorate, present: here, ballots });
}
const ceilDiv = (a: number, b: number) => Math.floor((a + b - 1) / b);

describe('every shipped template', () => {
  it('is valid, parses with the schema unchanged, and has a unique code', () => {
    expect(new Set(SHIPPED_PROCEDURES.map((t) => t.code)).size).toBe(SHIPPED_PROCEDURES.length);
    for (const t of SHIPPED_PROCEDURES) {
      expect(validateTemplate(t), t.code).toEqual([]);
      const parsed = procedureTemplateSchema.safeParse(t);
      expect(parsed.success, t.code).toBe(true);
      expect(parsed.data).toEqual(t);
      expect(shippedProcedure(t.code)).toBe(t);
    }
  });
  it('names its source, has a vote, publishes only after it, and every publication has a period and a sign-off', () => {
    for (const t of SHIPPED_PROCEDURES) {
      expect(t.source, t.code).toMatch(/seeds\/00\d|民法典/);
      const firstVote = t.stages.findIndex((s) => s.kind === 'vote');
      expect(firstVote, t.code).toBeGreaterThan(0);
      t.stages.forEach((s, i) => {
        if (s.kind !== 'publication') return;
        expect(i, `${t.code}.${s.key}`).toBeGreaterThan(firstVote);
        expect(s.publicationDays, `${t.code}.${s.key}`).toBeTypeOf('number');
        expect(s.supervisorSignOff, `${t.code}.${s.key}`).toBe(true);
      });
      for (const s of t.stages.filter((x) => x.kind === 'vote')) expect(s.requiredAttachments.length, `${t.code}.${s.key}`).toBeGreaterThan(0);
    }
  });
  it('renders without placeholders left in each unit it fits', () => {
    for (const t of SHIPPED_PROCEDURES) {
      for (const unit of ['community', 'village'] as Unit[]) {
        if (t.unit !== 'both' && t.unit !== unit) {
          expect(() => resolveTemplate(t, unit)).toThrow(RangeError);
          continue;
        }
        const r = resolveTemplate(t, unit);
        const text = JSON.stringify({ name: r.name, note: r.note, stages: r.stages });
        expect(text, `${t.code}/${unit}`).not.toMatch(/\{[^{}"]+\}/);
        if (unit === 'community') expect(text, t.code).not.toMatch(/村民|村委会|村务/);
        if (unit === 'village') expect(text, t.code).not.toMatch(/居民|居委会|居务/);
        expect(validateTemplate(r), `${t.code}/${unit}`).toEqual([]);
        expect(r.unit).toBe(unit);
        expect(r.stages.some((s) => 'village' in s)).toBe(false);
      }
    }
  });
});

describe('一征三议两公开 (seeds 000, 002)', () => {
  it('has the stages of the seed, in order', () => {
    expect(YIZHENG_SANYI.stages.map((s) => s.name.zh)).toEqual([
      '一征：征求{居民}意见',
      '两委提议',
      '党员议事会审议',
      '听证（必要时）',
      '{居民代表会议}决议',
      '决议公开',
      '组织实施',
      '实施结果公开',
    ]);
    expect(YIZHENG_SANYI.batch).toBe(true); // 简易程序 (000)
    expect(stage(YIZHENG_SANYI, 'hearing').optional).toBe(true);
  });
  it('the representatives’ assembly resolves by 城市居民委员会组织法 9, 10: valid with more than half, passes with more than half of those present', () => {
    const s = stage(YIZHENG_SANYI, 'representatives_resolution');
    expect(vote(s, 35, 17, 17).quorumMet).toBe(false); // 17 is not more than 17.5
    expect(vote(s, 35, 18, 10).passed).toBe(true); // 10 > 9
    expect(vote(s, 35, 18, 9).passed).toBe(false); // exactly half of those present
    expect(vote(s, 34, 17, 17).quorumMet).toBe(false); // exactly half is not more than half
  });
  it('publishes the resolution and the result with a 7-day period', () => {
    expect(stage(YIZHENG_SANYI, 'resolution_publication').publicationDays).toBe(7);
    expect(stage(YIZHENG_SANYI, 'result_publication').publicationDays).toBe(7);
  });
});

describe('四议两公开一监督 (seed 004)', () => {
  it('has 四议, 两公开 and the supervision sign-off', () => {
    expect(SIYI_LIANG_GONGKAI.stages.map((s) => s.kind)).toEqual(['proposal', 'deliberation', 'deliberation', 'vote', 'publication', 'implementation', 'publication']);
    expect((SIYI_LIANG_GONGKAI.stages as readonly StageTemplate[]).filter((s) => s.supervisorSignOff).length).toBe(3);
  });
  it('the party members’ general meeting: valid with ≥ 2/3 present, passes with more than half of those due to attend', () => {
    const s = stage(SIYI_LIANG_GONGKAI, 'party_general_meeting_review');
    expect(vote(s, 30, 19, 19).quorumMet).toBe(false);
    expect(vote(s, 30, 20, 15).passed).toBe(false); // 15 of 30 due is not more than half, although 15 > 20/2
    expect(vote(s, 30, 20, 16).passed).toBe(true);
    const r = vote(s, 30, 20, 16);
    expect(r.explanation.zh).toBe('应到 30 人，实到 20 人，达到三分之二；同意 16 票，超过应到人数半数，通过');
  });
  it('in a community the resolution follows 居委会组织法; in a village 村委会组织法 (≥ 2/3 of representatives; 村民会议 with 10 days’ notice)', () => {
    const community = stage(resolveTemplate(SIYI_LIANG_GONGKAI, 'community'), 'resolution');
    const village = stage(resolveTemplate(SIYI_LIANG_GONGKAI, 'village'), 'resolution');
    expect(community.name.zh).toBe('居民代表会议或居民会议决议');
    expect(village.name.zh).toBe('村民代表会议或村民会议决议');
    expect(vote(community, 30, 16, 16).quorumMet).toBe(true);
    expect(vote(village, 30, 16, 16).quorumMet).toBe(false);
    expect(vote(village, 30, 20, 11).passed).toBe(true);
    expect(village.alternatives?.map((a) => a.noticeDays)).toEqual([10, 10]);
    expect(community.alternatives?.every((a) => a.noticeDays === undefined)).toBe(true);
  });
});

describe('三审一公决 (seed 003, 临沭)', () => {
  it('three reviews then the public vote', () => {
    for (const t of [SANSHEN_VILLAGE, SANSHEN_COMMUNITY]) {
      expect(t.stages.slice(0, 4).map((s) => s.name.zh)).toEqual(['党支部审议', '两委会审议', '党员大会审议', '{居民代表会议}或{居民会议}公决']);
      expect(t.stages.slice(0, 3).every((s) => s.kind === 'deliberation')).toBe(true);
    }
    expect(SANSHEN_VILLAGE.unit).toBe('village');
    expect(SANSHEN_COMMUNITY.unit).toBe('community');
  });
  it('村民代表会议 (村委会组织法 26): 2/3 − 1 present is invalid, 2/3 is valid, for every size; passes with more than half of those present', () => {
    const s = stage(SANSHEN_VILLAGE, 'public_vote');
    expect(stageVariant(s).body).toBe('representatives_assembly');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), (n) => {
        const need = ceilDiv(2 * n, 3); // the smallest count that is at least 2/3 of n
        expect(vote(s, n, need, need).quorumMet).toBe(true);
        if (need > 1) expect(vote(s, n, need - 1, need - 1).quorumMet).toBe(false);
        const half = Math.floor(need / 2);
        expect(vote(s, n, need, half).passed).toBe(2 * half > need);
        expect(vote(s, n, need, half + 1).passed).toBe(true);
      }),
    );
    expect(vote(s, 30, 19, 19).quorumMet).toBe(false);
    expect(vote(s, 31, 20, 20).quorumMet).toBe(false); // 20 < 20.67
    expect(vote(s, 31, 21, 11).passed).toBe(true);
  });
  it('村民会议 (村委会组织法 21, 22): 10 days’ notice; more than half of adults, or at least 2/3 of households', () => {
    const adults = stageVariant(stage(SANSHEN_VILLAGE, 'public_vote'), 'villagers_meeting_adults');
    const households = stageVariant(stage(SANSHEN_VILLAGE, 'public_vote'), 'villagers_meeting_households');
    expect(adults.noticeDays).toBe(10);
    expect(households.noticeDays).toBe(10);
    expect(adults.attendanceMode).toBe('adults');
    expect(vote(adults, 400, 200, 200).quorumMet).toBe(false);
    expect(vote(adults, 400, 201, 101).passed).toBe(true);
    expect(vote(adults, 400, 201, 100).passed).toBe(false);
    expect(vote(households, 120, 79, 79).quorumMet).toBe(false);
    expect(vote(households, 120, 80, 41).passed).toBe(true);
  });
  it('community form, property: for every N, ⌊N/2⌋ present is invalid, ⌊N/2⌋ + 1 valid; ⌊P/2⌋ yes fails, ⌊P/2⌋ + 1 passes', () => {
    const s = stage(SANSHEN_COMMUNITY, 'public_vote');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 1000 }), (n, extra) => {
        const half = Math.floor(n / 2);
        if (half > 0) expect(vote(s, n, half, half).quorumMet).toBe(false);
        const p = Math.min(n, half + 1 + (extra % (n - half)));
        expect(vote(s, n, p, Math.floor(p / 2)).passed).toBe(false);
        expect(vote(s, n, p, Math.floor(p / 2) + 1).passed).toBe(true);
      }),
    );
  });
  it('community form (城市居民委员会组织法 9, 10): more than half of N attend, more than half of those present agree', () => {
    const s = stage(SANSHEN_COMMUNITY, 'public_vote');
    for (const alt of [null, 'residents_meeting_adults', 'residents_meeting_households', 'residents_meeting_group_delegates']) {
      const v = stageVariant(s, alt);
      expect(vote(v, 100, 50, 50).quorumMet).toBe(false);
      expect(vote(v, 100, 51, 26).passed).toBe(true);
      expect(vote(v, 100, 51, 25).passed).toBe(false);
      expect(v.noticeDays).toBeUndefined();
    }
  });
});

describe('六步议事 (seed 003, 百步亭)', () => {
  it('has the six steps', () => {
    expect(LIUBU.stages.slice(0, 6).map((s) => s.kind)).toEqual(['proposal', 'deliberation', 'deliberation', 'public_comment', 'expert_review', 'vote']);
    expect(LIUBU.stages.slice(0, 6).map((s) => s.name.zh.slice(0, 3))).toEqual(['提议题', '出主意', '拟方案', '开言路', '定公约', '说了算']);
  });
  it('"三分之二以上通过": at least two thirds of the representatives present — exactly 2/3 passes', () => {
    const s = stage(LIUBU, 'representatives_vote');
    expect(vote(s, 40, 30, 20).passed).toBe(true);
    expect(vote(s, 40, 30, 19).passed).toBe(false);
    expect(vote(s, 40, 21, 14).passed).toBe(true);
    expect(vote(s, 40, 20, 20).quorumMet).toBe(false);
    expect(s.onRejected).toEqual({ backTo: 'draft' });
  });
});

describe('业主表决 (民法典 278)', () => {
  function owners(areas: number[], takingPart: number, yes: number) {
    const electorate = areas.map((a, i) => ({ memberId: `o${i}`, weight: { head: 1 as const, area: a } }));
    const here = electorate.slice(0, takingPart).map((e) => e.memberId);
    const ballots = here.map((id, i) => ({ memberId: id, choice: (i < yes ? 'yes' : 'no') as Choice }));
    return { electorate, present: here, ballots };
  }
  const ordinary = stage(OWNERS_ORDINARY, 'owners_vote');
  const special = stage(OWNERS_SPECIAL, 'owners_vote');
  const twelve = Array.from({ length: 12 }, () => 89.5);

  it('participation: at least 2/3 of area and of heads', () => {
    expect(tally({ rule: ordinary, ...owners(twelve, 8, 8) }).quorumMet).toBe(true);
    expect(tally({ rule: ordinary, ...owners(twelve, 7, 7) }).quorumMet).toBe(false);
  });
  it('ordinary matters: more than half of the participating area and owners; special: at least 3/4', () => {
    expect(tally({ rule: ordinary, ...owners(twelve, 12, 6) }).passed).toBe(false);
    expect(tally({ rule: ordinary, ...owners(twelve, 12, 7) }).passed).toBe(true);
    expect(tally({ rule: special, ...owners(twelve, 12, 8) }).passed).toBe(false);
    expect(tally({ rule: special, ...owners(twelve, 12, 9) }).passed).toBe(true); // exactly 3/4
    expect(tally({ rule: special, ...owners(twelve, 8, 6) }).passed).toBe(true); // 3/4 of the 8 taking part
  });
  it('writes the area in the sentence for the minutes', () => {
    const r = tally({ rule: ordinary, ...owners(twelve, 12, 7) });
    expect(r.explanation.zh).toBe(
      '专有部分面积共 1074.00 ㎡，参与表决 1074.00 ㎡，超过三分之二；业主共 12 人，参与表决 12 人，超过三分之二；同意面积 626.50 ㎡，超过参与表决专有部分面积半数；同意 7 人，超过参与表决业主人数半数，通过',
    );
  });
  it('applies in a community and in a village alike', () => {
    expect(OWNERS_ORDINARY.unit).toBe('both');
    expect(resolveTemplate(OWNERS_ORDINARY, 'village').stages.find((s) => s.key === 'owners_vote')?.decision).toEqual(ordinary.decision);
  });
});

describe('docs/procedures.md', () => {
  it('lists every shipped template and quotes the worked example', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(new URL('../../../../docs/procedures.md', import.meta.url), 'utf8');
    for (const t of SHIPPED_PROCEDURES) {
      expect(doc, t.code).toContain(`\`${t.code}\``);
      for (const s of t.stages) expect(doc, `${t.code}.${s.key}`).toContain(`(\`${s.key}\`)`);
    }
    expect(doc).toContain('应到 35 人，实到 27 人，超过三分之二；同意 20 票，超过实到人数半数，通过');
    expect(doc.includes(proceduresTables()), 'the tables on the page are stale: regenerate them (see procedures-doc.ts)').toBe(true);
  });
});
