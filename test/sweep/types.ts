/** A record of 百步亭花园社区 (the foreign community for the sweep) of each kind a route may name. */
export type Foreign = {
  communityId: string;
  gridId: string;
  buildingId: string;
  householdId: string;
  residentId: string;
  accountId: string;
};

export type SweepCase =
  | { kind: 'record'; body?: unknown; query?: string; params?: Record<string, string> }
  | { kind: 'list'; query?: string }
  | { kind: 'exempt'; why: string };

/** Each module adds one file in test/sweep/ exporting `sweepCases`, keyed 'METHOD /api/url/:param'. */
export type SweepCases = (foreign: Foreign) => Record<string, SweepCase>;
