/**
 * Pure rules of meetings (no I/O): who stands for a house on a frozen roster, and what a teller's
 * reading of a paper ballot does. Tested in meeting-rules.test.ts.
 */
export type RosterCandidate = { id: string; householdId: string; relation: string };

/**
 * One member per house (owners: co-owners of a house count as one; 居民会议 by household): the head of
 * household (户主) when a member, else the first member of the house in the given order. Order is kept.
 */
export function pickOnePerHouse<T extends RosterCandidate>(rows: readonly T[]): T[] {
  const byHouse = new Map<string, T>();
  for (const r of rows) {
    const had = byHouse.get(r.householdId);
    if (!had || (r.relation === '户主' && had.relation !== '户主')) byHouse.set(r.householdId, r);
  }
  const keep = new Set([...byHouse.values()].map((r) => r.id));
  return rows.filter((r) => keep.has(r.id));
}

export type Choice = 'yes' | 'no' | 'abstain';
export type Reading = { tellerId: string; choice: Choice };
export type PaperState = 'pending' | 'agreed' | 'disagreed';

/** The state of a paper ballot from the tellers' current readings: it counts only when two agree. */
export function paperState(current: readonly Reading[]): PaperState {
  if (current.length < 2) return 'pending';
  return current[0]?.choice === current[1]?.choice ? 'agreed' : 'disagreed';
}

/**
 * A teller's new reading against the current ones: a first reading, a correction of one's own reading
 * (which needs a reason), or a refusal with the error code.
 */
export function tellerStep(current: readonly Reading[], input: { tellerId: string; choice: Choice; reason: string | null }):
  | { ok: true; action: 'enter' | 'correct'; next: Reading[]; state: PaperState }
  | { ok: false; code: 'BALLOT_ENTRY_EXISTS' | 'BALLOT_ENTRY_NOTHING_TO_CORRECT' | 'BALLOT_TELLERS_FULL' } {
  const mine = current.find((r) => r.tellerId === input.tellerId);
  if (mine && !input.reason) return { ok: false, code: 'BALLOT_ENTRY_EXISTS' };
  if (!mine && input.reason) return { ok: false, code: 'BALLOT_ENTRY_NOTHING_TO_CORRECT' };
  if (!mine && current.length >= 2) return { ok: false, code: 'BALLOT_TELLERS_FULL' };
  const next = [...current.filter((r) => r.tellerId !== input.tellerId), { tellerId: input.tellerId, choice: input.choice }];
  return { ok: true, action: mine ? 'correct' : 'enter', next, state: paperState(next) };
}
