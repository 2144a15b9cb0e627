import { recordAttempt, escalateEarly, referOut, trackReferral, startLadder, SHIPPED_LADDERS, THREE_BY_THREE, type EscalationLadder, type LadderState, type AttemptOutcome, type MediationMethod, type MediatorRole, type ReferralTarget } from './rules/index.ts';
import type { DisputeEventKind } from './disputes.tables.ts';
import type { DisputeStatus } from './dispute-catalogue.ts';

/**
 * A dispute's history (一卡通) as stored events, and its ladder state derived from them through the pure
 * step function. Pure: no I/O.
 */
export type Who = { id: string; name: string };

export type EventData = {
  registered: { ladderCode: string; riskLevel: string; warningFlags: string[]; summary: string; type: string };
  risk_changed: { riskLevel: string; warningFlags: string[]; reason: string };
  attempt: { number: number; numberAtLevel: number; level: string; at: string; mediators: Who[]; method: string; methodNote: string | null; outcome: AttemptOutcome; record: string };
  escalated: { fromLevel: string; toLevel: string; reason: string; early: boolean };
  referred: { target: ReferralTarget; reason: string };
  referral_update: { note: string; result: string | null };
  agreement: { attemptNumber: number; redrawn: boolean };
  agreement_signed: { signedOn: string; effectiveOn: string; judicialDeadline: string };
  judicial: { status: string; on: string; court: string | null; note: string | null };
  follow_up: { id: string; on: string; visitors: Who[]; performance: string; note: string | null };
  closed: { outcome: string; note: string | null };
  mediator_assigned: { accountId: string; name: string; role: MediatorRole; level: string | null; previousRole: MediatorRole | null; previousLevel: string | null; replacedLead: Who | null; note: string | null };
  mediator_removed: { accountId: string; name: string; role: MediatorRole; level: string | null };
};

export type StoredEvent = { [K in DisputeEventKind]: { seq: number; kind: K; at: Date; actor: Who | null; data: EventData[K] } }[DisputeEventKind];

export function ladderOf(code: string): EscalationLadder | undefined {
  return SHIPPED_LADDERS.find((l) => l.code === code);
}

export function ladderOrDefault(code: string): EscalationLadder {
  return ladderOf(code) ?? THREE_BY_THREE;
}

/** Replays the ladder events; a stored history is always valid, so a refused step is a bug and throws. */
export function replayLadder(ladder: EscalationLadder, events: readonly StoredEvent[]): LadderState {
  let state = startLadder(ladder);
  for (const e of events) {
    if (e.kind === 'attempt') {
      const r = recordAttempt(state, ladder, { level: e.data.level, at: new Date(e.data.at), mediators: e.data.mediators.map((m) => m.id), method: e.data.method as MediationMethod, ...(e.data.methodNote ? { methodNote: e.data.methodNote } : {}), outcome: e.data.outcome });
      if (!r.ok) throw new Error(`dispute history does not replay: ${r.error.code}`);
      state = r.value.state;
    } else if (e.kind === 'escalated' && e.data.early) {
      const r = escalateEarly(state, ladder, { at: e.at, reason: e.data.reason });
      if (!r.ok) throw new Error(`dispute history does not replay: ${r.error.code}`);
      state = r.value;
    } else if (e.kind === 'referred') {
      const r = referOut(state, { target: e.data.target, at: e.at, reason: e.data.reason });
      if (!r.ok) throw new Error(`dispute history does not replay: ${r.error.code}`);
      state = r.value;
    } else if (e.kind === 'referral_update') {
      const r = trackReferral(state, { at: e.at, note: e.data.note, ...(e.data.result ? { result: e.data.result } : {}) });
      if (!r.ok) throw new Error(`dispute history does not replay: ${r.error.code}`);
      state = r.value;
    }
  }
  return state;
}

/** The dispute's status: closed once a closing event is recorded, else the ladder's. */
export function disputeStatus(state: LadderState, events: readonly StoredEvent[]): DisputeStatus {
  if (events.some((e) => e.kind === 'closed')) return 'closed';
  return state.status;
}

/** The settling attempt (the last one, settled), if any. */
export function settlingAttempt(events: readonly StoredEvent[]): EventData['attempt'] | null {
  for (const e of [...events].reverse()) if (e.kind === 'attempt') return e.data.outcome === 'settled' ? e.data : null;
  return null;
}
