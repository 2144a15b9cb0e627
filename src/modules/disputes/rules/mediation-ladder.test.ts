import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIVERSION_004, MEDIATION_METHODS, SHIPPED_LADDERS, THREE_BY_THREE, validateLadder, type EscalationLadder } from './ladders.ts';
import { escalateEarly, nextStep, recordAttempt, referOut, startLadder, trackReferral, type AttemptInput, type AttemptOutcome, type LadderState } from './mediation-ladder.ts';

let t = Date.parse('2026-11-02T09:00:00+08:00');
const attempt = (level: string, outcome: AttemptOutcome = 'failed', over: Partial<AttemptInput> = {}): AttemptInput => ({
  level,
  at: new Date((t += 86_400_000)),
  mediators: ['王网格'],
  method: 'five_hearts',
  outcome,
  ...over,
});

function run(ladder: EscalationLadder, attempts: AttemptInput[]): LadderState {
  let s = startLadder(ladder);
  for (const a of attempts) {
    const r = recordAttempt(s, ladder, a);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.zh}`);
    s = r.value.state;
  }
  return s;
}

describe('escalation ladders', () => {
  it('the shipped ladders are valid: 三三制 is 3 × 3, the 004 ladder goes 协管员入户 → 社区 → 街道调解中心', () => {
    for (const l of SHIPPED_LADDERS) expect(validateLadder(l)).toEqual([]);
    expect(THREE_BY_THREE.levels.map((l) => [l.name.zh, l.maxAttempts])).toEqual([['网格调解', 3], ['社区综治办调解', 3], ['人民调解委员会调解', 3]]);
    expect(DIVERSION_004.levels.map((l) => l.name.zh)).toEqual(['协管员入户调解', '社区调解', '街道调解中心']);
    expect(validateLadder({ code: 'x', name: { zh: 'x', en: 'x' }, source: '', levels: [{ key: 'a', name: { zh: 'A', en: 'A' }, maxAttempts: 0 }] })).toHaveLength(1);
  });

  it('三三制: after the third failed attempt at the grid, the 综治办 mediates', () => {
    let s = startLadder(THREE_BY_THREE);
    for (const n of [1, 2]) {
      const r = recordAttempt(s, THREE_BY_THREE, attempt('grid'));
      if (!r.ok) throw new Error(r.error.code);
      expect(r.value.next).toEqual({ kind: 'try_again', level: 'grid', attemptsLeft: 3 - n });
      s = r.value.state;
    }
    const third = recordAttempt(s, THREE_BY_THREE, attempt('grid'));
    if (!third.ok) throw new Error(third.error.code);
    expect(third.value.next).toEqual({ kind: 'moved_up', level: 'comprehensive_office', attemptsLeft: 3 });
    expect(third.value.state.escalations).toEqual([expect.objectContaining({ fromLevel: 'grid', toLevel: 'comprehensive_office', early: false })]);
  });

  it('a fourth attempt at one level is refused, with a message naming the level', () => {
    const s = run(THREE_BY_THREE, [attempt('grid'), attempt('grid'), attempt('grid')]);
    const fourth = recordAttempt(s, THREE_BY_THREE, attempt('grid'));
    expect(fourth).toMatchObject({ ok: false, error: { code: 'DISPUTE_LEVEL_ATTEMPTS_EXHAUSTED', zh: '「网格调解」已调解 3 次，不能进行第 4 次，应由「社区综治办调解」调解' } });
  });

  it('a skipped level is refused unless escalated early with a reason', () => {
    const s = startLadder(THREE_BY_THREE);
    expect(recordAttempt(s, THREE_BY_THREE, attempt('mediation_committee'))).toMatchObject({ ok: false, error: { code: 'DISPUTE_WRONG_LEVEL' } });
    expect(escalateEarly(s, THREE_BY_THREE, { at: new Date(), reason: ' ' })).toMatchObject({ ok: false, error: { code: 'DISPUTE_REASON_REQUIRED' } });
    const up = escalateEarly(s, THREE_BY_THREE, { at: new Date(), reason: '涉及多户、金额较大' });
    expect(up).toMatchObject({ ok: true, value: { levelIndex: 1, escalations: [{ early: true, reason: '涉及多户、金额较大' }] } });
  });

  it('after the top fails it is referred out and stays tracked; escalating past the top is refused', () => {
    const levels = ['grid', 'comprehensive_office', 'mediation_committee'];
    const s = run(THREE_BY_THREE, levels.flatMap((l) => [attempt(l), attempt(l), attempt(l)]));
    expect(s.status).toBe('exhausted');
    expect(nextStep(s, THREE_BY_THREE)).toEqual({ kind: 'refer_out', options: ['court', 'arbitration', 'petition_office', 'administrative'] });
    expect(recordAttempt(s, THREE_BY_THREE, attempt('mediation_committee'))).toMatchObject({ ok: false, error: { code: 'DISPUTE_LADDER_EXHAUSTED' } });
    expect(escalateEarly(s, THREE_BY_THREE, { at: new Date(), reason: 'x' })).toMatchObject({ ok: false, error: { code: 'DISPUTE_CLOSED' } });
    const atTop = run(THREE_BY_THREE, [...['grid', 'comprehensive_office'].flatMap((l) => [attempt(l), attempt(l), attempt(l)])]);
    expect(escalateEarly(atTop, THREE_BY_THREE, { at: new Date(), reason: 'x' })).toMatchObject({ ok: false, error: { code: 'DISPUTE_ALREADY_AT_TOP' } });

    const referred = referOut(s, { target: 'court', at: new Date(), reason: '九次调解未成，告知当事人可向人民法院起诉' });
    if (!referred.ok) throw new Error(referred.error.code);
    expect(nextStep(referred.value, THREE_BY_THREE)).toEqual({ kind: 'track_referral', target: 'court' });
    const update = trackReferral(referred.value, { at: new Date(), note: '已立案' });
    expect(update).toMatchObject({ ok: true, value: { status: 'referred' } });
    if (!update.ok) return;
    expect(trackReferral(update.value, { at: new Date(), note: '法院判决', result: '判决赔偿 3000 元' })).toMatchObject({ ok: true, value: { status: 'closed', referral: { result: '判决赔偿 3000 元' } } });
  });

  it('referral before the ladder is exhausted is refused, except to the police (人民调解法 25)', () => {
    const s = run(THREE_BY_THREE, [attempt('grid')]);
    expect(referOut(s, { target: 'court', at: new Date(), reason: 'x' })).toMatchObject({ ok: false, error: { code: 'DISPUTE_REFERRAL_NOT_YET' } });
    expect(referOut(s, { target: 'police', at: new Date(), reason: '扬言报复，可能转化为刑事案件' })).toMatchObject({ ok: true, value: { status: 'referred' } });
    expect(trackReferral(s, { at: new Date(), note: 'x' })).toMatchObject({ ok: false, error: { code: 'DISPUTE_NOT_REFERRED' } });
  });

  it('a settled attempt ends in an agreement; a party’s refusal ends mediation (人民调解法 17)', () => {
    const settled = run(DIVERSION_004, [attempt('assistant_home_visit'), attempt('assistant_home_visit', 'settled')]);
    expect(settled.status).toBe('settled');
    expect(nextStep(settled, DIVERSION_004)).toEqual({ kind: 'draw_up_agreement' });
    expect(recordAttempt(settled, DIVERSION_004, attempt('assistant_home_visit'))).toMatchObject({ ok: false, error: { code: 'DISPUTE_CLOSED' } });
    const refused = run(DIVERSION_004, [attempt('assistant_home_visit', 'refused')]);
    expect(refused.status).toBe('exhausted');
  });

  it('each attempt records date, mediators and method; custom methods are described; bad input is refused', () => {
    const s = startLadder(THREE_BY_THREE);
    expect(recordAttempt(s, THREE_BY_THREE, attempt('grid', 'failed', { mediators: [' '] }))).toMatchObject({ ok: false, error: { code: 'DISPUTE_MEDIATOR_REQUIRED' } });
    expect(recordAttempt(s, THREE_BY_THREE, attempt('grid', 'failed', { method: 'custom' }))).toMatchObject({ ok: false, error: { code: 'DISPUTE_METHOD_NOTE_REQUIRED' } });
    expect(recordAttempt(s, THREE_BY_THREE, attempt('nowhere'))).toMatchObject({ ok: false, error: { code: 'DISPUTE_UNKNOWN_LEVEL' } });
    const first = run(THREE_BY_THREE, [attempt('grid', 'failed', { method: 'custom', methodNote: '请双方共同的亲戚参与' })]);
    expect(first.attempts[0]).toMatchObject({ number: 1, method: 'custom', methodNote: '请双方共同的亲戚参与', mediators: ['王网格'] });
    expect(recordAttempt(first, THREE_BY_THREE, attempt('grid', 'failed', { at: new Date('2020-01-01') }))).toMatchObject({ ok: false, error: { code: 'DISPUTE_ATTEMPT_OUT_OF_ORDER' } });
    expect(MEDIATION_METHODS.five_hearts.help.zh).toContain('热心问、耐心听、细心查、诚心劝、贴心想');
  });

  it('no run of attempts takes more than the ladder allows, and the level only ever moves up (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SHIPPED_LADDERS), fc.array(fc.constantFrom<AttemptOutcome>('failed', 'failed', 'failed', 'settled', 'refused'), { maxLength: 15 }), (ladder, outcomes) => {
        let s = startLadder(ladder);
        let accepted = 0;
        for (const outcome of outcomes) {
          const level = ladder.levels[s.levelIndex]?.key ?? 'none';
          const r = recordAttempt(s, ladder, attempt(level, outcome));
          if (!r.ok) {
            expect(['DISPUTE_CLOSED', 'DISPUTE_LADDER_EXHAUSTED']).toContain(r.error.code);
            continue;
          }
          expect(r.value.state.levelIndex).toBeGreaterThanOrEqual(s.levelIndex);
          s = r.value.state;
          accepted++;
        }
        const max = ladder.levels.reduce((sum, l) => sum + l.maxAttempts, 0);
        expect(accepted).toBeLessThanOrEqual(max);
        for (const [i, level] of ladder.levels.entries()) expect(s.attempts.filter((a) => a.level === level.key).length).toBeLessThanOrEqual(ladder.levels[i]?.maxAttempts ?? 0);
      }),
    );
  });
});
