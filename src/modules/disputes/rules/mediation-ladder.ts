import { ok, refuse, type RuleResult } from '../../demands/rules/rule-result.ts';
import { MEDIATION_METHODS, REFERRAL_TARGETS, type EscalationLadder, type MediationMethod, type ReferralTarget } from './ladders.ts';

/**
 * The pure step function of a dispute's mediation ladder. Each attempt names the level it is made at;
 * the step records it and says what happens next (a step returns what should happen, it does no I/O):
 * - settled → an agreement is drawn up (调解协议书);
 * - failed, attempts left at the level → try again there;
 * - failed, the last attempt at a level → the ladder moves up;
 * - failed at the top, or a party clearly refuses mediation (人民调解法 17) → refer out (court,
 *   arbitration, petition office …, art. 26) and stay tracked until the outcome is known.
 * A fourth attempt at a level of three, a skipped level and an attempt after the top are refused.
 */
export const DISPUTE_RULE_ERRORS = {
  DISPUTE_CLOSED: { status: 409, zh: '该纠纷的调解已结束，不能再登记调解', en: 'Mediation of this dispute has ended' },
  DISPUTE_UNKNOWN_LEVEL: { status: 400, zh: '「调解层级」不在该纠纷所用的调解流程中', en: 'The level is not on this dispute’s ladder' },
  DISPUTE_LEVEL_ATTEMPTS_EXHAUSTED: { status: 409, zh: '该层级的调解次数已用完，应由上一级调解', en: 'This level has used all its attempts; the next level mediates' },
  DISPUTE_WRONG_LEVEL: { status: 409, zh: '当前应由本层级调解，越级须先说明原因提级', en: 'The dispute is at another level; escalate with a reason first' },
  DISPUTE_LADDER_EXHAUSTED: { status: 409, zh: '已用尽全部调解层级，请引导当事人通过诉讼、仲裁、信访等途径解决，并继续跟踪', en: 'Every level has been tried; refer the parties out and keep tracking' },
  DISPUTE_MEDIATOR_REQUIRED: { status: 400, zh: '请填写「调解员」', en: 'Name the mediators' },
  DISPUTE_METHOD_NOTE_REQUIRED: { status: 400, zh: '选择“其他方法”时请写明「调解方法」', en: 'Describe the custom method' },
  DISPUTE_METHOD_UNKNOWN: { status: 400, zh: '「调解方法」不是可选的方法', en: 'Unknown mediation method' },
  DISPUTE_REASON_REQUIRED: { status: 400, zh: '请填写「原因」', en: 'Give the reason' },
  DISPUTE_ALREADY_AT_TOP: { status: 409, zh: '已是最高调解层级，不能再提级', en: 'Already at the top level' },
  DISPUTE_REFERRAL_NOT_YET: { status: 409, zh: '调解尚未用尽各层级，暂不能移交（可能转化为治安、刑事案件的除外）', en: 'Mediation is not exhausted yet (except a referral to the police)' },
  DISPUTE_NOT_REFERRED: { status: 409, zh: '该纠纷尚未移交，不能登记移交后的跟踪', en: 'The dispute has not been referred' },
  DISPUTE_ATTEMPT_OUT_OF_ORDER: { status: 409, zh: '「调解日期」早于上一次调解', en: 'The attempt is dated before the previous one' },
} as const;
type Code = keyof typeof DISPUTE_RULE_ERRORS;
const fail = (code: Code, details: Record<string, unknown> = {}, message?: { zh: string; en: string }) => refuse(DISPUTE_RULE_ERRORS, code, details, message);

export type AttemptOutcome = 'settled' | 'failed' | 'refused';

export type AttemptInput = {
  level: string;
  at: Date;
  mediators: readonly string[];
  method: MediationMethod;
  methodNote?: string;
  outcome: AttemptOutcome;
  note?: string;
};

export type AttemptRecord = AttemptInput & { number: number };

export type LadderStatus = 'mediating' | 'settled' | 'exhausted' | 'referred' | 'closed';

export type LadderState = {
  ladderCode: string;
  levelIndex: number;
  attemptsAtLevel: number;
  status: LadderStatus;
  attempts: AttemptRecord[];
  escalations: { at: Date; fromLevel: string; toLevel: string; reason: string; early: boolean }[];
  referral: { target: ReferralTarget; at: Date; reason: string; updates: { at: Date; note: string }[]; result: string | null } | null;
};

export type NextStep =
  | { kind: 'draw_up_agreement' }
  | { kind: 'try_again'; level: string; attemptsLeft: number }
  | { kind: 'moved_up'; level: string; attemptsLeft: number }
  | { kind: 'refer_out'; options: ReferralTarget[] }
  | { kind: 'track_referral'; target: ReferralTarget }
  | { kind: 'done' };

const blank = (s: string | undefined | null) => !s || s.trim() === '';
const REFER_OPTIONS: ReferralTarget[] = ['court', 'arbitration', 'petition_office', 'administrative'];

export function startLadder(ladder: EscalationLadder): LadderState {
  return { ladderCode: ladder.code, levelIndex: 0, attemptsAtLevel: 0, status: 'mediating', attempts: [], escalations: [], referral: null };
}

/** What happens next for a state (for screens and sweeps). */
export function nextStep(state: LadderState, ladder: EscalationLadder): NextStep {
  switch (state.status) {
    case 'settled':
      return { kind: 'draw_up_agreement' };
    case 'exhausted':
      return { kind: 'refer_out', options: REFER_OPTIONS };
    case 'referred':
      return state.referral ? { kind: 'track_referral', target: state.referral.target } : { kind: 'done' };
    case 'closed':
      return { kind: 'done' };
    case 'mediating': {
      const level = ladder.levels[state.levelIndex];
      if (!level) return { kind: 'refer_out', options: REFER_OPTIONS };
      return { kind: state.attemptsAtLevel === 0 && state.levelIndex > 0 ? 'moved_up' : 'try_again', level: level.key, attemptsLeft: level.maxAttempts - state.attemptsAtLevel };
    }
  }
}

/** Records one mediation attempt and moves the ladder. */
export function recordAttempt(state: LadderState, ladder: EscalationLadder, attempt: AttemptInput): RuleResult<{ state: LadderState; next: NextStep }> {
  if (state.status === 'exhausted') return fail('DISPUTE_LADDER_EXHAUSTED');
  if (state.status !== 'mediating') return fail('DISPUTE_CLOSED', { status: state.status });
  const index = ladder.levels.findIndex((l) => l.key === attempt.level);
  const level = ladder.levels[index];
  if (!level) return fail('DISPUTE_UNKNOWN_LEVEL', { level: attempt.level });
  const current = ladder.levels[state.levelIndex];
  if (index < state.levelIndex) {
    return fail('DISPUTE_LEVEL_ATTEMPTS_EXHAUSTED', { level: level.key, attempts: level.maxAttempts }, {
      zh: `「${level.name.zh}」已调解 ${level.maxAttempts} 次，不能进行第 ${level.maxAttempts + 1} 次，应由「${current?.name.zh ?? ''}」调解`,
      en: `${level.name.en} has had its ${level.maxAttempts} attempts; ${current?.name.en ?? ''} mediates now`,
    });
  }
  if (index > state.levelIndex) {
    return fail('DISPUTE_WRONG_LEVEL', { level: level.key, current: current?.key }, { zh: `当前应由「${current?.name.zh ?? ''}」调解；越级须先说明原因提级`, en: `${current?.name.en ?? ''} mediates now; escalate with a reason first` });
  }
  if (attempt.mediators.filter((m) => !blank(m)).length === 0) return fail('DISPUTE_MEDIATOR_REQUIRED', { field: 'mediators' });
  if (!(attempt.method in MEDIATION_METHODS)) return fail('DISPUTE_METHOD_UNKNOWN', { method: attempt.method });
  if (attempt.method === 'custom' && blank(attempt.methodNote)) return fail('DISPUTE_METHOD_NOTE_REQUIRED', { field: 'methodNote' });
  const last = state.attempts.at(-1);
  if (last && attempt.at.getTime() < last.at.getTime()) return fail('DISPUTE_ATTEMPT_OUT_OF_ORDER');

  const record: AttemptRecord = { ...attempt, number: state.attempts.length + 1 };
  const attempts = [...state.attempts, record];
  const used = state.attemptsAtLevel + 1;
  if (attempt.outcome === 'settled') {
    const s: LadderState = { ...state, attempts, attemptsAtLevel: used, status: 'settled' };
    return ok({ state: s, next: nextStep(s, ladder) });
  }
  if (attempt.outcome === 'refused') {
    const s: LadderState = { ...state, attempts, attemptsAtLevel: used, status: 'exhausted' };
    return ok({ state: s, next: nextStep(s, ladder) });
  }
  if (used < level.maxAttempts) {
    const s: LadderState = { ...state, attempts, attemptsAtLevel: used };
    return ok({ state: s, next: nextStep(s, ladder) });
  }
  const above = ladder.levels[index + 1];
  if (!above) {
    const s: LadderState = { ...state, attempts, attemptsAtLevel: used, status: 'exhausted' };
    return ok({ state: s, next: nextStep(s, ladder) });
  }
  const s: LadderState = {
    ...state,
    attempts,
    levelIndex: index + 1,
    attemptsAtLevel: 0,
    escalations: [...state.escalations, { at: attempt.at, fromLevel: level.key, toLevel: above.key, reason: `「${level.name.zh}」${level.maxAttempts} 次调解未成功`, early: false }],
  };
  return ok({ state: s, next: nextStep(s, ladder) });
}

/** Moves up before the level's attempts are used (a dispute clearly beyond the level), with the reason. */
export function escalateEarly(state: LadderState, ladder: EscalationLadder, input: { at: Date; reason: string }): RuleResult<LadderState> {
  if (state.status !== 'mediating') return fail('DISPUTE_CLOSED', { status: state.status });
  if (blank(input.reason)) return fail('DISPUTE_REASON_REQUIRED', { field: 'reason' });
  const level = ladder.levels[state.levelIndex];
  const above = ladder.levels[state.levelIndex + 1];
  if (!level || !above) return fail('DISPUTE_ALREADY_AT_TOP');
  return ok({ ...state, levelIndex: state.levelIndex + 1, attemptsAtLevel: 0, escalations: [...state.escalations, { at: input.at, fromLevel: level.key, toLevel: above.key, reason: input.reason.trim(), early: true }] });
}

/** Refers the dispute out after the ladder is exhausted (or to the police at any time, art. 25); it stays tracked. */
export function referOut(state: LadderState, input: { target: ReferralTarget; at: Date; reason: string }): RuleResult<LadderState> {
  if (!(input.target in REFERRAL_TARGETS)) return fail('DISPUTE_REASON_REQUIRED', { field: 'target' }, { zh: '「移交去向」不是可选的去向', en: 'Unknown referral target' });
  if (blank(input.reason)) return fail('DISPUTE_REASON_REQUIRED', { field: 'reason' });
  const policeAnyTime = input.target === 'police' && state.status === 'mediating';
  if (state.status !== 'exhausted' && !policeAnyTime) return fail('DISPUTE_REFERRAL_NOT_YET', { status: state.status });
  return ok({ ...state, status: 'referred', referral: { target: input.target, at: input.at, reason: input.reason.trim(), updates: [], result: null } });
}

/** A follow-up on a referred dispute; with `result` the case is closed (still kept, with its whole history). */
export function trackReferral(state: LadderState, input: { at: Date; note: string; result?: string }): RuleResult<LadderState> {
  if (state.status !== 'referred' || !state.referral) return fail('DISPUTE_NOT_REFERRED');
  if (blank(input.note)) return fail('DISPUTE_REASON_REQUIRED', { field: 'note' }, { zh: '请填写「跟踪情况」', en: 'Describe the follow-up' });
  const referral = { ...state.referral, updates: [...state.referral.updates, { at: input.at, note: input.note.trim() }], result: blank(input.result) ? null : (input.result ?? '').trim() };
  return ok({ ...state, referral, status: referral.result ? 'closed' : 'referred' });
}
