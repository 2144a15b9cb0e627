import { tellerStep, type Choice, type PaperState, type Reading } from './meeting-rules.ts';

export type PaperBatchEntry = { itemId: string; residentId: string; choice: Choice; reason: string | null };

/** What the meeting looks like for the members and items the batch names (read in the same transaction). */
export type PaperBatchFacts = {
  tellerId: string;
  /** The meeting's items. */
  itemIds: readonly string[];
  /** Members on the frozen roster. */
  onRoster: ReadonlySet<string>;
  /** Members signed in (in person, by proxy or online). */
  present: ReadonlySet<string>;
  /** `item:resident` → the reason of a recusal. */
  recused: ReadonlyMap<string, string>;
  /** `item:resident` of ballots cast on the portal. */
  portal: ReadonlySet<string>;
  /** `item:resident` → the tellers' current (not superseded) readings. */
  readings: ReadonlyMap<string, readonly Reading[]>;
};

export type PaperBatchRefusal = {
  index: number;
  code:
    | 'MEETING_NOT_ON_ROSTER' | 'MEETING_ITEM_UNKNOWN' | 'BALLOT_RECUSED' | 'BALLOT_NOT_SIGNED_IN' | 'BALLOT_ALREADY_CAST'
    | 'BALLOT_BATCH_DUPLICATE' | 'BALLOT_ENTRY_EXISTS' | 'BALLOT_ENTRY_NOTHING_TO_CORRECT' | 'BALLOT_TELLERS_FULL';
  field: 'residentId' | 'itemId' | 'correctionReason';
  /** The recusal's reason, or the index of the first reading of the same ballot in the batch. */
  detail?: string | number;
};

export type PaperBatchStep = { index: number; key: string; action: 'enter' | 'correct'; state: PaperState };

export const ballotKey = (itemId: string, residentId: string): string => `${itemId}:${residentId}`;

/**
 * Pure rule of a teller's batch of paper-ballot readings (no I/O): every reading is checked against the
 * meeting as it stands and against the batch itself, with the same rules as a single reading
 * (`tellerStep`). Either every reading is accepted — each with what it does — or the refusals are listed
 * with their index in the batch; a caller then writes nothing. Tested in paper-batch.test.ts.
 */
export function planPaperBatch(entries: readonly PaperBatchEntry[], facts: PaperBatchFacts):
  | { ok: true; steps: PaperBatchStep[] }
  | { ok: false; refusals: PaperBatchRefusal[] } {
  const items = new Set(facts.itemIds);
  const firstIndex = new Map<string, number>();
  const steps: PaperBatchStep[] = [];
  const refusals: PaperBatchRefusal[] = [];
  for (const [index, entry] of entries.entries()) {
    const key = ballotKey(entry.itemId, entry.residentId);
    const refuse = (code: PaperBatchRefusal['code'], field: PaperBatchRefusal['field'], detail?: string | number) => {
      refusals.push(detail === undefined ? { index, code, field } : { index, code, field, detail });
    };
    const seen = firstIndex.get(key);
    if (seen === undefined) firstIndex.set(key, index);
    if (!facts.onRoster.has(entry.residentId)) { refuse('MEETING_NOT_ON_ROSTER', 'residentId'); continue; }
    if (!items.has(entry.itemId)) { refuse('MEETING_ITEM_UNKNOWN', 'itemId'); continue; }
    const recusal = facts.recused.get(key);
    if (recusal !== undefined) { refuse('BALLOT_RECUSED', 'itemId', recusal); continue; }
    if (!facts.present.has(entry.residentId)) { refuse('BALLOT_NOT_SIGNED_IN', 'residentId'); continue; }
    if (facts.portal.has(key)) { refuse('BALLOT_ALREADY_CAST', 'residentId'); continue; }
    // One reading per ballot and teller in a batch: a second one would be a correction of a reading not yet saved.
    if (seen !== undefined) { refuse('BALLOT_BATCH_DUPLICATE', 'residentId', seen); continue; }
    const step = tellerStep(facts.readings.get(key) ?? [], { tellerId: facts.tellerId, choice: entry.choice, reason: entry.reason });
    if (!step.ok) { refuse(step.code, step.code === 'BALLOT_TELLERS_FULL' ? 'residentId' : 'correctionReason'); continue; }
    steps.push({ index, key, action: step.action, state: step.state });
  }
  return refusals.length > 0 ? { ok: false, refusals } : { ok: true, steps };
}
