import type { Db } from '../../src/platform/db/database.ts';

/** A record of 百步亭花园社区 (the foreign community for the sweep) of each kind a route may name. */
export type Foreign = {
  communityId: string;
  gridId: string;
  buildingId: string;
  householdId: string;
  residentId: string;
  accountId: string;
  /** Records of a module's own (a matter, a meeting, a board entry …), named by the module's `foreignRecords`. */
  records: Record<string, string>;
};

export type SweepCase =
  | { kind: 'record'; body?: unknown; query?: string; params?: Record<string, string> }
  | { kind: 'list'; query?: string }
  | { kind: 'exempt'; why: string };

/** Each module adds one file in test/sweep/ exporting `sweepCases`, keyed 'METHOD /api/url/:param'. */
export type SweepCases = (foreign: Foreign) => Record<string, SweepCase>;

/**
 * A sweep file may also export `foreignRecords`: it finds (or makes) records of its module inside the
 * foreign community and names them, so its record routes can be tried against them.
 */
export type ForeignRecords = (db: Db, community: { id: string; path: string }) => Promise<Record<string, string>>;
