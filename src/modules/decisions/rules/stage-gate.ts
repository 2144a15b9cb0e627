import { ATTACHMENT_LABELS, type AttachmentKind, type ProcedureTemplate, type StageTemplate, type Unit } from './procedure-template.ts';
import { periodAfter, type IsWorkingDay } from './periods.ts';
import { chinaDate } from '../../../platform/china-time.ts';
import { renderName } from './wording.ts';

/**
 * May a stage close and the matter move on? Pure checks; the caller (MATTERS' close-stage command)
 * gathers the facts inside its transaction and refuses with the first problem (or lists them all).
 *
 * Problem codes (stable, for DomainError):
 * - DECISION_ATTACHMENT_MISSING — a required attachment (minutes, sign-in sheet, photos …) is missing; one per kind.
 * - DECISION_FLAG_OPEN — the supervision committee flagged the stage and the flag is not answered.
 * - DECISION_OBJECTION_UNANSWERED — an objection (publication) or comment (public comment) has no answer.
 * - DECISION_NOT_PUBLISHED — a publication stage whose entry is not yet on the board.
 * - DECISION_PUBLICATION_PERIOD_RUNNING — the publication period has not run out (民法典 201, 203).
 * - DECISION_MIN_PERIOD_RUNNING — the stage's minimum duration (e.g. a public-comment period) is not over.
 * - DECISION_SIGN_OFF_MISSING — the supervision committee has not signed off (before each publication).
 * - DECISION_MEETING_NOT_CLOSED — a stage decided by a body's meeting has no closed meeting.
 * - DECISION_QUORUM_NOT_MET — the meeting did not have the legal attendance (call it again).
 * - DECISION_VOTE_NOT_PASSED — no item of the meeting passed (a batch moves on with the items that passed).
 * - DECISION_STAGE_NOT_OPTIONAL — skipping a stage that is not optional.
 */
export type StageProblem = { code: StageProblemCode; zh: string; en: string };
export type StageProblemCode =
  | 'DECISION_ATTACHMENT_MISSING'
  | 'DECISION_FLAG_OPEN'
  | 'DECISION_OBJECTION_UNANSWERED'
  | 'DECISION_NOT_PUBLISHED'
  | 'DECISION_PUBLICATION_PERIOD_RUNNING'
  | 'DECISION_MIN_PERIOD_RUNNING'
  | 'DECISION_SIGN_OFF_MISSING'
  | 'DECISION_MEETING_NOT_CLOSED'
  | 'DECISION_QUORUM_NOT_MET'
  | 'DECISION_VOTE_NOT_PASSED'
  | 'DECISION_STAGE_NOT_OPTIONAL';

/** What meetingOutcome (MEETINGS) reports for the stage, reduced to what the gate needs. */
export type GateMeetingOutcome = { closed: boolean; items: readonly { itemId?: string; quorumMet: boolean; passed: boolean }[] } | null;

export type StageCloseFacts = {
  stage: StageTemplate;
  /** Kinds of the files attached to the stage (duplicates allowed). */
  attachmentsPresent: readonly string[];
  openFlags: number;
  unansweredObjections: number;
  /** When the stage's entry went on the public board (publication stages). */
  publishedAt?: Date | null;
  /** When the stage opened (for minDays). */
  openedAt?: Date | null;
  now: Date;
  isWorkingDay: IsWorkingDay;
  meetingOutcome?: GateMeetingOutcome;
  signedOff?: boolean;
  /** Closing an optional stage without holding it (a hearing that is not needed). */
  skipping?: boolean;
  /** Renders the stage's name in messages (a snapshot from resolveTemplate is already rendered); default community. */
  unit?: Unit;
};

/** Does the stage need a body's meeting with a tally (attendance or decision rule)? */
export function stageNeedsMeeting(stage: StageTemplate): boolean {
  return stage.body !== null && (stage.attendance !== null || stage.decision !== null);
}

export function stageCloseProblems(f: StageCloseFacts): StageProblem[] {
  const { stage } = f;
  const out: StageProblem[] = [];
  const name = renderName(stage.name.zh, f.unit ?? 'community');

  if (f.openFlags > 0) {
    out.push({ code: 'DECISION_FLAG_OPEN', zh: `「${name}」有 ${f.openFlags} 项监督意见尚未答复，不能结束`, en: `${f.openFlags} supervision flag(s) on this stage are not answered` });
  }
  if (f.skipping) {
    if (!stage.optional) out.push({ code: 'DECISION_STAGE_NOT_OPTIONAL', zh: `「${name}」是必经环节，不能跳过`, en: 'this stage cannot be skipped' });
    return out;
  }

  const present = new Set(f.attachmentsPresent);
  for (const kind of stage.requiredAttachments) {
    if (present.has(kind)) continue;
    const label = ATTACHMENT_LABELS[kind as AttachmentKind] ?? { zh: kind, en: kind };
    out.push({ code: 'DECISION_ATTACHMENT_MISSING', zh: `「${name}」缺少必备附件：${label.zh}`, en: `missing required attachment: ${label.en}` });
  }

  if (f.unansweredObjections > 0) {
    const what = stage.kind === 'public_comment' ? '意见' : '异议';
    out.push({ code: 'DECISION_OBJECTION_UNANSWERED', zh: `「${name}」还有 ${f.unansweredObjections} 条${what}未答复`, en: `${f.unansweredObjections} objection(s) or comment(s) are not answered` });
  }

  if (stage.minDays && f.openedAt) {
    const p = periodAfter(f.openedAt, stage.minDays, f.isWorkingDay);
    if (f.now.getTime() < p.endsAt.getTime()) {
      out.push({ code: 'DECISION_MIN_PERIOD_RUNNING', zh: `「${name}」须持续 ${stage.minDays} 天，至 ${p.lastDay} 24 时届满`, en: `this stage lasts ${stage.minDays} days, until the end of ${p.lastDay}` });
    }
  }

  if (stage.kind === 'publication') {
    if (!f.publishedAt) {
      out.push({ code: 'DECISION_NOT_PUBLISHED', zh: `「${name}」尚未在公开栏发布`, en: 'not yet published on the public board' });
    } else if (stage.publicationDays) {
      const p = periodAfter(f.publishedAt, stage.publicationDays, f.isWorkingDay);
      if (f.now.getTime() < p.endsAt.getTime()) {
        out.push({
          code: 'DECISION_PUBLICATION_PERIOD_RUNNING',
          zh: `公示期 ${stage.publicationDays} 天（${chinaDate(f.publishedAt)} 发布，自次日起算）至 ${p.lastDay} 24 时届满，尚未结束`,
          en: `the ${stage.publicationDays}-day publication period (published ${chinaDate(f.publishedAt)}, counted from the next day) runs until the end of ${p.lastDay}`,
        });
      }
    }
  }

  if (stage.supervisorSignOff && !f.signedOff) {
    out.push({ code: 'DECISION_SIGN_OFF_MISSING', zh: `「${name}」须经监督委员会签字确认`, en: 'the supervision committee has not signed off' });
  }

  if (stageNeedsMeeting(stage)) {
    const m = f.meetingOutcome;
    if (!m || !m.closed) {
      out.push({ code: 'DECISION_MEETING_NOT_CLOSED', zh: `「${name}」的会议尚未召开或尚未结束`, en: "the stage's meeting has not been held or closed" });
    } else if (m.items.length === 0 || m.items.every((i) => !i.quorumMet)) {
      out.push({ code: 'DECISION_QUORUM_NOT_MET', zh: `「${name}」的会议到会人数不足法定人数，会议无效，须重新召开`, en: 'the meeting was not quorate; it must be called again' });
    } else if (!m.items.some((i) => i.passed)) {
      out.push({ code: 'DECISION_VOTE_NOT_PASSED', zh: `「${name}」的表决未通过`, en: 'the vote did not pass' });
    }
  }
  return out;
}

export type StageOutcome = 'passed' | 'rejected' | 'not_quorate' | 'completed' | 'skipped';
export type NextStep = { moveTo: string } | { backTo: string } | { stop: true } | { done: true };

/**
 * Where the matter goes after a stage ends with `outcome`:
 * - passed / completed / skipped → the next stage ({ moveTo }), or { done } after the last;
 * - rejected → the stage's `onRejected`: { backTo } an earlier stage, or { stop } (the default);
 * - not_quorate → { backTo: the same stage }: the meeting must be called again (no decision was made).
 * Throws on an unknown stage key (a programming error, not bad input).
 */
export function nextStep(template: Pick<ProcedureTemplate, 'stages'>, stageKey: string, outcome: StageOutcome): NextStep {
  const i = template.stages.findIndex((s) => s.key === stageKey);
  if (i < 0) throw new RangeError(`unknown stage ${stageKey}`);
  const stage = template.stages[i]!;
  switch (outcome) {
    case 'passed':
    case 'completed':
    case 'skipped': {
      const next = template.stages[i + 1];
      return next ? { moveTo: next.key } : { done: true };
    }
    case 'rejected':
      return stage.onRejected && stage.onRejected !== 'stop' ? { backTo: stage.onRejected.backTo } : { stop: true };
    case 'not_quorate':
      return { backTo: stage.key };
  }
}

/** The outcome of a meeting stage from its tally results: one item passed → passed (a batch moves on with those). */
export function outcomeOfMeeting(items: readonly { quorumMet: boolean; passed: boolean }[]): StageOutcome {
  if (items.length === 0 || items.every((i) => !i.quorumMet)) return 'not_quorate';
  return items.some((i) => i.passed) ? 'passed' : 'rejected';
}
