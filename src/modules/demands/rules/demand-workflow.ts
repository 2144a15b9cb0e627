import type { Pause } from '../../calendar/time-limit.ts';
import { levelAbove, levelRank, LEVEL_NAMES, type HandlingLevel } from './categories.ts';
import type { HandlerRef } from './routing.ts';
import { ok, refuse, type RuleResult } from './rule-result.ts';

/**
 * A demand (诉求) is its append-only event history; its state is derived by folding the events with
 * `applyDemandEvent` (pure: the time of each event is in the event). Invalid transitions return an
 * error with a code, never throw. Deadlines are derived from the state in demand-deadlines.ts.
 *
 * Route-level checks the reducer cannot make alone: a resident may rate or reopen only their own
 * demand (the route loads the demand within the resident's own records and answers 404 otherwise);
 * the reducer checks it again when the event's actor is a resident (DEMAND_NOT_YOURS).
 */
export const DEMAND_RULE_ERRORS = {
  DEMAND_NOT_RECEIVED: { status: 409, zh: '诉求尚未登记', en: 'The demand has not been received' },
  DEMAND_ALREADY_RECEIVED: { status: 409, zh: '诉求已经登记过', en: 'The demand is already received' },
  DEMAND_INVALID_TRANSITION: { status: 409, zh: '诉求当前状态下不能进行此操作', en: 'Not allowed in the demand’s current state' },
  DEMAND_CLOSED: { status: 409, zh: '诉求已办结归档或已合并，不能再操作', en: 'The demand is closed or merged' },
  DEMAND_REASON_REQUIRED: { status: 400, zh: '请填写「原因」', en: 'Give the reason' },
  DEMAND_OUTCOME_REQUIRED: { status: 400, zh: '办结须填写「办理结果」', en: 'Closing needs an outcome' },
  DEMAND_ESCALATION_PAST_TOP: { status: 409, zh: '已是最高处理层级，不能再上报', en: 'Already at the top level; cannot escalate further' },
  DEMAND_ESCALATION_NOT_UP: { status: 400, zh: '上报的「接收层级」须高于当前层级', en: 'Escalation must go to a higher level' },
  DEMAND_TRANSFER_UPWARD: { status: 400, zh: '转派不能转到更高层级，请使用「上报」并说明原因', en: 'A transfer cannot go up; escalate with a reason instead' },
  DEMAND_EXTENSION_NOT_APPROVED: { status: 400, zh: '延期须经批准，请填写「批准人」', en: 'An extension needs an approver' },
  DEMAND_EXTENSION_INVALID: { status: 400, zh: '「延期时长」应为正数', en: 'The extension must be positive' },
  DEMAND_ALREADY_SUSPENDED: { status: 409, zh: '诉求已挂起', en: 'The demand is already suspended' },
  DEMAND_NOT_SUSPENDED: { status: 409, zh: '诉求未挂起，无需恢复', en: 'The demand is not suspended' },
  DEMAND_REOPEN_WINDOW_PASSED: { status: 409, zh: '已超过可重新办理的期限', en: 'The window for reopening has passed' },
  DEMAND_NOT_DONE: { status: 409, zh: '诉求尚未办结，不能评价', en: 'The demand is not done yet' },
  DEMAND_ALREADY_RATED: { status: 409, zh: '本次办理已评价过', en: 'This handling has already been rated' },
  DEMAND_NOT_YOURS: { status: 404, zh: '要找的诉求不存在', en: 'Not found' },
  DEMAND_EVENT_OUT_OF_ORDER: { status: 409, zh: '事件时间早于上一条记录', en: 'The event is earlier than the previous one' },
} as const;
type Code = keyof typeof DEMAND_RULE_ERRORS;

export const DEMAND_CHANNELS = ['portal', 'hotline', 'walk_in', 'grid_worker', 'mailbox', 'door_note', 'symposium', 'hotline_12345'] as const;
export type DemandChannel = (typeof DEMAND_CHANNELS)[number];
export const RATINGS = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' } as const;
export type Rating = keyof typeof RATINGS;
export type OutcomeResult = 'resolved' | 'explained' | 'unresolvable';

export type EventActor = { kind: 'staff' | 'resident' | 'system'; id: string; name: string };
export type Assignment = { level: HandlingLevel; lead: HandlerRef; coHandlers: readonly HandlerRef[] };

export type DemandEvent = { at: Date; actor: EventActor } & (
  | { kind: 'received'; channel: DemandChannel; categoryCode: string; areaPath: string; residentId: string | null; firstAskedBy: string }
  | { kind: 'routed'; to: Assignment }
  | { kind: 'accepted' }
  | { kind: 'escalated'; reason: string; to: Assignment }
  | { kind: 'returned'; reason: string }
  | { kind: 'transferred'; reason: string; to: Assignment }
  | { kind: 'extended'; amount: number; reason: string; approvedBy: string | null }
  | { kind: 'suspended'; reason: string }
  | { kind: 'resumed' }
  | { kind: 'urged'; note?: string }
  | { kind: 'supervised'; note?: string }
  | { kind: 'done'; outcome: { result: OutcomeResult; text: string } | null }
  | { kind: 'reopened'; reason: string }
  | { kind: 'rated'; rating: Rating; comment?: string }
  | { kind: 'merged'; intoDemandId: string }
);
export type DemandEventKind = DemandEvent['kind'];

export type DemandStatus = 'received' | 'routed' | 'accepted' | 'suspended' | 'done' | 'closed' | 'merged';

export type DemandState = {
  status: DemandStatus;
  channel: DemandChannel;
  categoryCode: string;
  areaPath: string;
  residentId: string | null;
  /** 首问负责: the first person asked stays answerable. */
  firstAskedBy: string;
  receivedAt: Date;
  assignment: Assignment | null;
  /** First acceptance by a handler: the response. */
  respondedAt: Date | null;
  /** Start of the current finish period (receipt, or the latest reopening). */
  periodStart: Date;
  /** Approved extensions of the current period, in the category's finish unit. */
  extension: number;
  pauses: Pause[];
  reminders: { urged: boolean; supervised: boolean };
  urgings: number;
  supervisions: number;
  doneAt: Date | null;
  outcome: { result: OutcomeResult; text: string } | null;
  rating: Rating | null;
  ratedAt: Date | null;
  /** Every rating given, unsatisfied ones included (the figures count the latest). */
  ratings: { at: Date; rating: Rating }[];
  reopenCount: number;
  /** Set by an unsatisfied rating: the handler must visit again (回访) before closing. */
  revisitRequired: boolean;
  /** Who returned it and why: shown to the resident. */
  returns: { at: Date; by: string; reason: string }[];
  escalations: { at: Date; from: HandlingLevel | null; to: HandlingLevel; reason: string }[];
  mergedInto: string | null;
  lastEventAt: Date;
};

export type DemandSettings = {
  /** Days after "done" during which the resident may reopen (natural days). */
  reopenWindowDays: number;
};
export const DEFAULT_DEMAND_SETTINGS: DemandSettings = { reopenWindowDays: 7 };

const fail = (code: Code, details: Record<string, unknown> = {}, message?: { zh: string; en: string }) => refuse(DEMAND_RULE_ERRORS, code, details, message);
const blank = (s: string | undefined | null) => !s || s.trim() === '';

/** The statuses of a demand still being handled (待办): the list's 'open', the duplicate search, Open311's "open". */
export const OPEN_STATUSES: readonly DemandStatus[] = ['received', 'routed', 'accepted', 'suspended'];
const OPEN = OPEN_STATUSES;

function newPeriod(state: DemandState, at: Date): DemandState {
  return { ...state, periodStart: at, extension: 0, pauses: [], reminders: { urged: false, supervised: false } };
}

/** Folds one event into the state (null before the first event). */
export function applyDemandEvent(state: DemandState | null, event: DemandEvent, settings: DemandSettings = DEFAULT_DEMAND_SETTINGS): RuleResult<DemandState> {
  if (state === null) {
    if (event.kind !== 'received') return fail('DEMAND_NOT_RECEIVED', { kind: event.kind });
    return ok({
      status: 'received',
      channel: event.channel,
      categoryCode: event.categoryCode,
      areaPath: event.areaPath,
      residentId: event.residentId,
      firstAskedBy: event.firstAskedBy,
      receivedAt: event.at,
      assignment: null,
      respondedAt: null,
      periodStart: event.at,
      extension: 0,
      pauses: [],
      reminders: { urged: false, supervised: false },
      urgings: 0,
      supervisions: 0,
      doneAt: null,
      outcome: null,
      rating: null,
      ratedAt: null,
      ratings: [],
      reopenCount: 0,
      revisitRequired: false,
      returns: [],
      escalations: [],
      mergedInto: null,
      lastEventAt: event.at,
    });
  }
  if (event.at.getTime() < state.lastEventAt.getTime()) return fail('DEMAND_EVENT_OUT_OF_ORDER', { at: event.at.toISOString(), last: state.lastEventAt.toISOString() });
  if (event.kind === 'received') return fail('DEMAND_ALREADY_RECEIVED');
  if (state.status === 'closed' || state.status === 'merged') return fail('DEMAND_CLOSED', { status: state.status });
  const s: DemandState = { ...state, lastEventAt: event.at };
  const from = (...allowed: DemandStatus[]) => allowed.includes(state.status);
  const invalid = () => fail('DEMAND_INVALID_TRANSITION', { status: state.status, kind: event.kind });

  switch (event.kind) {
    case 'routed':
      if (!from('received')) return invalid();
      return ok({ ...s, status: 'routed', assignment: event.to });

    case 'accepted':
      if (!from('routed')) return invalid();
      return ok({ ...s, status: 'accepted', respondedAt: state.respondedAt ?? event.at });

    case 'escalated': {
      if (!from('routed', 'accepted')) return invalid();
      if (blank(event.reason)) return fail('DEMAND_REASON_REQUIRED', { field: 'reason' }, { zh: '上报须填写「上报原因」（能处则处，不能办理则逐级上报）', en: 'Escalating needs a reason' });
      const current = state.assignment?.level ?? null;
      if (current !== null && levelAbove(current) === null) {
        return fail('DEMAND_ESCALATION_PAST_TOP', { level: current }, { zh: `已在最高处理层级（${LEVEL_NAMES[current].zh}），不能再上报`, en: `Already at the top level (${LEVEL_NAMES[current].en})` });
      }
      if (current !== null && levelRank(event.to.level) <= levelRank(current)) return fail('DEMAND_ESCALATION_NOT_UP', { from: current, to: event.to.level });
      return ok({ ...s, status: 'routed', assignment: event.to, escalations: [...state.escalations, { at: event.at, from: current, to: event.to.level, reason: event.reason.trim() }] });
    }

    case 'returned':
      if (!from('routed', 'accepted')) return invalid();
      if (blank(event.reason)) return fail('DEMAND_REASON_REQUIRED', { field: 'reason' }, { zh: '退回须填写「退回原因」（居民可见）', en: 'Returning needs a reason (the resident sees it)' });
      return ok({ ...s, status: 'received', assignment: null, returns: [...state.returns, { at: event.at, by: event.actor.name, reason: event.reason.trim() }] });

    case 'transferred': {
      if (!from('routed', 'accepted')) return invalid();
      if (blank(event.reason)) return fail('DEMAND_REASON_REQUIRED', { field: 'reason' }, { zh: '转派须填写「转派原因」', en: 'Transferring needs a reason' });
      const current = state.assignment?.level;
      if (current && levelRank(event.to.level) > levelRank(current)) return fail('DEMAND_TRANSFER_UPWARD', { from: current, to: event.to.level });
      return ok({ ...s, status: 'routed', assignment: event.to });
    }

    case 'extended':
      if (!from('routed', 'accepted', 'suspended')) return invalid();
      if (!(Number.isFinite(event.amount) && event.amount > 0)) return fail('DEMAND_EXTENSION_INVALID', { amount: event.amount });
      if (blank(event.approvedBy)) return fail('DEMAND_EXTENSION_NOT_APPROVED');
      if (blank(event.reason)) return fail('DEMAND_REASON_REQUIRED', { field: 'reason' }, { zh: '延期须填写「延期原因」', en: 'An extension needs a reason' });
      return ok({ ...s, extension: state.extension + event.amount, reminders: { urged: false, supervised: false } });

    case 'suspended':
      if (state.status === 'suspended') return fail('DEMAND_ALREADY_SUSPENDED');
      if (!from('accepted')) return invalid();
      if (blank(event.reason)) return fail('DEMAND_REASON_REQUIRED', { field: 'reason' }, { zh: '挂起须填写「挂起原因」', en: 'Suspending needs a reason' });
      return ok({ ...s, status: 'suspended', pauses: [...state.pauses, { from: event.at, to: null }] });

    case 'resumed':
      if (state.status !== 'suspended') return fail('DEMAND_NOT_SUSPENDED');
      return ok({ ...s, status: 'accepted', pauses: state.pauses.map((p) => (p.to === null ? { from: p.from, to: event.at } : p)) });

    case 'urged':
      if (!OPEN.includes(state.status)) return invalid();
      return ok({ ...s, urgings: state.urgings + 1, reminders: { ...state.reminders, urged: true } });

    case 'supervised':
      if (!OPEN.includes(state.status)) return invalid();
      return ok({ ...s, supervisions: state.supervisions + 1, reminders: { urged: true, supervised: true } });

    case 'done':
      if (!from('accepted')) return invalid();
      if (!event.outcome || blank(event.outcome.text)) return fail('DEMAND_OUTCOME_REQUIRED', { field: 'outcome' });
      return ok({ ...s, status: 'done', doneAt: event.at, outcome: { result: event.outcome.result, text: event.outcome.text.trim() }, rating: null, ratedAt: null, revisitRequired: false });

    case 'reopened': {
      if (event.actor.kind === 'resident' && event.actor.id !== state.residentId) return fail('DEMAND_NOT_YOURS');
      if (!from('done')) return invalid();
      if (blank(event.reason)) return fail('DEMAND_REASON_REQUIRED', { field: 'reason' }, { zh: '重新办理须填写「原因」', en: 'Reopening needs a reason' });
      const doneAt = state.doneAt?.getTime() ?? 0;
      if (event.at.getTime() > doneAt + settings.reopenWindowDays * 86_400_000) return fail('DEMAND_REOPEN_WINDOW_PASSED', { windowDays: settings.reopenWindowDays }, { zh: `已超过办结后 ${settings.reopenWindowDays} 天的重新办理期限`, en: `More than ${settings.reopenWindowDays} days since it was done` });
      return ok({ ...newPeriod(s, event.at), status: 'accepted', reopenCount: state.reopenCount + 1, doneAt: null, outcome: null });
    }

    case 'rated':
      if (event.actor.kind === 'resident' && event.actor.id !== state.residentId) return fail('DEMAND_NOT_YOURS');
      if (!from('done')) return fail('DEMAND_NOT_DONE', { status: state.status });
      if (state.rating !== null) return fail('DEMAND_ALREADY_RATED');
      if (event.rating === 'unsatisfied') {
        // 不满意: reopened at once, with a revisit (回访) owed by the handler; a new finish period starts.
        return ok({ ...newPeriod(s, event.at), status: 'accepted', rating: null, ratedAt: event.at, ratings: [...state.ratings, { at: event.at, rating: event.rating }], reopenCount: state.reopenCount + 1, revisitRequired: true, doneAt: null, outcome: null });
      }
      return ok({ ...s, status: 'closed', rating: event.rating, ratedAt: event.at, ratings: [...state.ratings, { at: event.at, rating: event.rating }] });

    case 'merged':
      if (!from('received', 'routed', 'accepted')) return invalid();
      return ok({ ...s, status: 'merged', mergedInto: event.intoDemandId });
  }
}

/** Replays a history: the state after the last event, or the first refusal with the event's index. */
export function replayDemand(events: readonly DemandEvent[], settings: DemandSettings = DEFAULT_DEMAND_SETTINGS): RuleResult<DemandState> & { index?: number } {
  let state: DemandState | null = null;
  for (const [index, event] of events.entries()) {
    const next = applyDemandEvent(state, event, settings);
    if (!next.ok) return { ...next, index };
    state = next.value;
  }
  if (state === null) return fail('DEMAND_NOT_RECEIVED');
  return ok(state);
}

/** The commands on a demand, each with who may ask for it: a staff permission over the demand, or its own resident. */
export const DEMAND_ACTIONS = {
  route: 'handle',
  accept: 'handle',
  escalate: 'handle',
  return: 'handle',
  transfer: 'handle',
  extend: 'supervise',
  suspend: 'handle',
  resume: 'handle',
  urge: 'handle',
  supervise: 'supervise',
  finish: 'handle',
  merge: 'handle',
  rate: 'resident',
  reopen: 'resident',
} as const satisfies Record<string, 'handle' | 'supervise' | 'resident'>;
export type DemandAction = keyof typeof DEMAND_ACTIONS;

/** What the viewer holds over one demand: the two staff permissions within its scope, or being its resident. */
export type DemandGrants = { handle: boolean; supervise: boolean; residentId: string | null };

const PROBE_TEXT = '—';

/** A well-formed event for an action (every free-text field filled), so only the state can refuse it. */
function probeEvent(action: DemandAction, state: DemandState, actor: EventActor, at: Date): DemandEvent {
  const base = { at, actor };
  const current = state.assignment?.level ?? null;
  const to = (level: HandlingLevel): Assignment => ({ level, lead: { body: PROBE_TEXT, name: { zh: PROBE_TEXT, en: PROBE_TEXT } }, coHandlers: [] });
  switch (action) {
    case 'route': return { ...base, kind: 'routed', to: to(current ?? 'grid') };
    case 'accept': return { ...base, kind: 'accepted' };
    case 'escalate': return { ...base, kind: 'escalated', reason: PROBE_TEXT, to: to((current === null ? 'grid' : levelAbove(current)) ?? current ?? 'grid') };
    case 'return': return { ...base, kind: 'returned', reason: PROBE_TEXT };
    case 'transfer': return { ...base, kind: 'transferred', reason: PROBE_TEXT, to: to(current ?? 'grid') };
    case 'extend': return { ...base, kind: 'extended', amount: 1, reason: PROBE_TEXT, approvedBy: actor.name };
    case 'suspend': return { ...base, kind: 'suspended', reason: PROBE_TEXT };
    case 'resume': return { ...base, kind: 'resumed' };
    case 'urge': return { ...base, kind: 'urged' };
    case 'supervise': return { ...base, kind: 'supervised' };
    case 'finish': return { ...base, kind: 'done', outcome: { result: 'resolved', text: PROBE_TEXT } };
    case 'merge': return { ...base, kind: 'merged', intoDemandId: PROBE_TEXT };
    case 'rate': return { ...base, kind: 'rated', rating: 'satisfied' };
    case 'reopen': return { ...base, kind: 'reopened', reason: PROBE_TEXT };
  }
}

/**
 * The commands the viewer may perform on the demand now (pure). Each is tried against the reducer
 * above with well-formed input, so the state rules live in one place: an action is offered exactly
 * when `applyDemandEvent` would accept it (a reason or an outcome still has to be given).
 */
export function allowedDemandActions(input: { state: DemandState; grants: DemandGrants; now: Date; settings?: DemandSettings }): DemandAction[] {
  const { state, grants } = input;
  const at = input.now.getTime() < state.lastEventAt.getTime() ? state.lastEventAt : input.now;
  const staff: EventActor = { kind: 'staff', id: PROBE_TEXT, name: PROBE_TEXT };
  const allowed: DemandAction[] = [];
  for (const [action, needs] of Object.entries(DEMAND_ACTIONS) as [DemandAction, (typeof DEMAND_ACTIONS)[DemandAction]][]) {
    let actor: EventActor;
    if (needs === 'resident') {
      if (grants.residentId === null || grants.residentId !== state.residentId) continue;
      actor = { kind: 'resident', id: grants.residentId, name: PROBE_TEXT };
    } else {
      if (!grants[needs]) continue;
      actor = staff;
    }
    if (applyDemandEvent(state, probeEvent(action, state, actor, at), input.settings).ok) allowed.push(action);
  }
  return allowed;
}
