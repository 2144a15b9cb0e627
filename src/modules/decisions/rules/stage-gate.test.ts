import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProcedureTemplate, StageTemplate } from './procedure-template.ts';
import { weekdaysOnly } from './periods.ts';
import { LIUBU, SHIPPED_PROCEDURES, YIZHENG_SANYI } from './shipped-procedures.ts';
import { nextStep, outcomeOfMeeting, stageCloseProblems, stageNeedsMeeting, type StageCloseFacts, type StageOutcome } from './stage-gate.ts';

const stage = (key: string, t: ProcedureTemplate = YIZHENG_SANYI): StageTemplate => t.stages.find((s) => s.key === key)!;
const cst = (local: string) => new Date(`${local}+08:00`);
const facts = (over: Partial<StageCloseFacts> & { stage: StageTemplate }): StageCloseFacts => ({
  attachmentsPresent: [],
  openFlags: 0,
  unansweredObjections: 0,
  now: cst('2026-11-20T10:00:00'),
  isWorkingDay: weekdaysOnly,
  ...over,
});
const codes = (f: StageCloseFacts) => stageCloseProblems(f).map((p) => p.code);
const passedMeeting = { closed: true, items: [{ quorumMet: true, passed: true }] };

describe('closing a meeting stage', () => {
  const vote = stage('representatives_resolution');
  const ok = facts({ stage: vote, attachmentsPresent: ['minutes', 'sign_in_sheet', 'photos', 'photos'], meetingOutcome: passedMeeting });

  it('closes when everything is there', () => {
    expect(stageCloseProblems(ok)).toEqual([]);
  });
  it('names each missing attachment', () => {
    const p = stageCloseProblems({ ...ok, attachmentsPresent: ['minutes'] });
    expect(p.map((x) => x.code)).toEqual(['DECISION_ATTACHMENT_MISSING', 'DECISION_ATTACHMENT_MISSING']);
    expect(p.map((x) => x.zh)).toEqual(['「居民代表会议决议」缺少必备附件：签到表', '「居民代表会议决议」缺少必备附件：照片']);
    expect(p[0]!.en).toBe('missing required attachment: sign-in sheet');
  });
  it('names the stage in the unit’s words', () => {
    expect(stageCloseProblems({ ...ok, attachmentsPresent: ['minutes', 'sign_in_sheet'], unit: 'village' })[0]!.zh).toBe('「村民代表会议决议」缺少必备附件：照片');
  });
  it('an open supervision flag blocks', () => {
    const p = stageCloseProblems({ ...ok, openFlags: 2 });
    expect(p).toEqual([{ code: 'DECISION_FLAG_OPEN', zh: '「居民代表会议决议」有 2 项监督意见尚未答复，不能结束', en: '2 supervision flag(s) on this stage are not answered' }]);
  });
  it('needs a closed meeting that was quorate and passed at least one item', () => {
    expect(codes({ ...ok, meetingOutcome: null })).toEqual(['DECISION_MEETING_NOT_CLOSED']);
    expect(codes({ ...ok, meetingOutcome: { closed: false, items: [{ quorumMet: true, passed: true }] } })).toEqual(['DECISION_MEETING_NOT_CLOSED']);
    expect(codes({ ...ok, meetingOutcome: { closed: true, items: [{ quorumMet: false, passed: false }] } })).toEqual(['DECISION_QUORUM_NOT_MET']);
    expect(codes({ ...ok, meetingOutcome: { closed: true, items: [{ quorumMet: true, passed: false }] } })).toEqual(['DECISION_VOTE_NOT_PASSED']);
    expect(codes({ ...ok, meetingOutcome: { closed: true, items: [] } })).toEqual(['DECISION_QUORUM_NOT_MET']);
    // A batch moves on with the items that passed.
    expect(codes({ ...ok, meetingOutcome: { closed: true, items: [{ quorumMet: true, passed: false }, { quorumMet: true, passed: true }] } })).toEqual([]);
  });
  it('a deliberation with rules (党员议事会) needs its meeting too; the two committees’ proposal as well; a stakeholder talk does not', () => {
    expect(stageNeedsMeeting(stage('party_council_review'))).toBe(true);
    expect(stageNeedsMeeting(stage('committees_proposal'))).toBe(true);
    expect(stageNeedsMeeting(stage('stakeholder_talks', LIUBU))).toBe(false);
    expect(stageNeedsMeeting(stage('solicitation'))).toBe(false);
  });
  it('an optional hearing may be skipped; a vote may not', () => {
    expect(codes(facts({ stage: stage('hearing'), skipping: true }))).toEqual([]);
    expect(codes(facts({ stage: vote, skipping: true }))).toEqual(['DECISION_STAGE_NOT_OPTIONAL']);
    expect(codes(facts({ stage: stage('hearing'), skipping: true, openFlags: 1 }))).toEqual(['DECISION_FLAG_OPEN']);
  });
});

describe('closing a publication stage', () => {
  const pub = stage('resolution_publication'); // 7 days, sign-off
  const published = cst('2026-11-02T10:00:00'); // Monday: the period runs 3–9 November
  const base = facts({ stage: pub, publishedAt: published, signedOff: true, now: cst('2026-11-10T00:00:00') });

  it('closes after the period, signed off, with every objection answered', () => {
    expect(stageCloseProblems(base)).toEqual([]);
  });
  it('not before it is published', () => {
    expect(codes({ ...base, publishedAt: null })).toEqual(['DECISION_NOT_PUBLISHED']);
  });
  it('not while the period runs (until 24:00 of the last day)', () => {
    const p = stageCloseProblems({ ...base, now: cst('2026-11-09T23:59:59') });
    expect(p).toEqual([
      {
        code: 'DECISION_PUBLICATION_PERIOD_RUNNING',
        zh: '公示期 7 天（2026-11-02 发布，自次日起算）至 2026-11-09 24 时届满，尚未结束',
        en: 'the 7-day publication period (published 2026-11-02, counted from the next day) runs until the end of 2026-11-09',
      },
    ]);
  });
  it('a period ending on a weekend runs to the next working day', () => {
    const friday = cst('2026-11-06T10:00:00'); // + 8 days = Saturday 14th → Monday 16th
    const eight = { ...pub, publicationDays: 8 };
    expect(codes({ ...base, stage: eight, publishedAt: friday, now: cst('2026-11-15T12:00:00') })).toEqual(['DECISION_PUBLICATION_PERIOD_RUNNING']);
    expect(codes({ ...base, stage: eight, publishedAt: friday, now: cst('2026-11-17T00:00:00') })).toEqual([]);
  });
  it('not with an unanswered objection, nor without the supervision committee’s sign-off', () => {
    expect(codes({ ...base, unansweredObjections: 1 })).toEqual(['DECISION_OBJECTION_UNANSWERED']);
    expect(stageCloseProblems({ ...base, unansweredObjections: 1 })[0]!.zh).toBe('「决议公开」还有 1 条异议未答复');
    expect(codes({ ...base, signedOff: false })).toEqual(['DECISION_SIGN_OFF_MISSING']);
  });
  it('a publication at once (0 days) closes as soon as it is published', () => {
    const atOnce = stage('resolution_publication', LIUBU);
    expect(atOnce.publicationDays).toBe(0);
    expect(codes(facts({ stage: atOnce, publishedAt: cst('2026-11-20T09:59:00'), signedOff: true }))).toEqual([]);
  });
  it('lists every problem at once', () => {
    expect(codes({ ...base, publishedAt: null, signedOff: false, openFlags: 1, unansweredObjections: 2 })).toEqual([
      'DECISION_FLAG_OPEN',
      'DECISION_OBJECTION_UNANSWERED',
      'DECISION_NOT_PUBLISHED',
      'DECISION_SIGN_OFF_MISSING',
    ]);
  });
});

describe('a public-comment period (开言路)', () => {
  const comment = stage('public_comment', LIUBU); // minDays 7
  it('stays open for its minimum days and until every comment is answered', () => {
    const opened = cst('2026-11-02T10:00:00');
    expect(codes(facts({ stage: comment, openedAt: opened, now: cst('2026-11-09T18:00:00') }))).toEqual(['DECISION_MIN_PERIOD_RUNNING']);
    expect(codes(facts({ stage: comment, openedAt: opened, now: cst('2026-11-10T08:00:00') }))).toEqual([]);
    const p = stageCloseProblems(facts({ stage: comment, openedAt: opened, now: cst('2026-11-10T08:00:00'), unansweredObjections: 3 }));
    expect(p[0]!.zh).toBe('「开言路：草案张榜公示」还有 3 条意见未答复');
  });
});

describe('nextStep', () => {
  it('moves on, goes back, stops, or is done', () => {
    expect(nextStep(YIZHENG_SANYI, 'solicitation', 'completed')).toEqual({ moveTo: 'committees_proposal' });
    expect(nextStep(YIZHENG_SANYI, 'party_council_review', 'passed')).toEqual({ moveTo: 'hearing' });
    expect(nextStep(YIZHENG_SANYI, 'hearing', 'skipped')).toEqual({ moveTo: 'representatives_resolution' });
    expect(nextStep(YIZHENG_SANYI, 'representatives_resolution', 'rejected')).toEqual({ backTo: 'committees_proposal' });
    expect(nextStep(YIZHENG_SANYI, 'committees_proposal', 'rejected')).toEqual({ stop: true });
    expect(nextStep(YIZHENG_SANYI, 'representatives_resolution', 'not_quorate')).toEqual({ backTo: 'representatives_resolution' });
    expect(nextStep(YIZHENG_SANYI, 'result_publication', 'completed')).toEqual({ done: true });
    expect(nextStep(LIUBU, 'representatives_vote', 'rejected')).toEqual({ backTo: 'draft' });
    expect(() => nextStep(YIZHENG_SANYI, 'nope', 'passed')).toThrow(RangeError);
  });
  it('property: for every shipped template, stage and outcome, the target exists and never lies ahead when going back', () => {
    const outcomes: StageOutcome[] = ['passed', 'rejected', 'not_quorate', 'completed', 'skipped'];
    fc.assert(
      fc.property(fc.constantFrom(...SHIPPED_PROCEDURES), fc.nat(), fc.constantFrom(...outcomes), (t, n, outcome) => {
        const i = n % t.stages.length;
        const step = nextStep(t, t.stages[i]!.key, outcome);
        const keys = t.stages.map((s) => s.key);
        if ('moveTo' in step) expect(keys.indexOf(step.moveTo)).toBe(i + 1);
        if ('backTo' in step) expect(keys.indexOf(step.backTo)).toBeLessThanOrEqual(i);
        if ('done' in step) expect(i).toBe(t.stages.length - 1);
      }),
    );
  });
  it('outcomeOfMeeting', () => {
    expect(outcomeOfMeeting([])).toBe('not_quorate');
    expect(outcomeOfMeeting([{ quorumMet: false, passed: false }])).toBe('not_quorate');
    expect(outcomeOfMeeting([{ quorumMet: true, passed: false }])).toBe('rejected');
    expect(outcomeOfMeeting([{ quorumMet: true, passed: false }, { quorumMet: true, passed: true }])).toBe('passed');
  });
});
