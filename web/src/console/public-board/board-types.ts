/** Shapes of the 公开栏 API (src/modules/public-board/public-board.routes.ts), for the console screen. */
export type FreshnessEvery = 'month' | 'quarter' | 'half_year' | 'year';
export type FreshnessRule = { every: FreshnessEvery | null; warnDays: number };
export type FreshnessStatus = 'ok' | 'due_soon' | 'overdue' | 'no_rule';
export type EntryState = 'scheduled' | 'in_period' | 'ended' | 'withdrawn';

export type PersonalLine = { name: string; householdSize: number; amount: string };

export type BoardEntry = {
  id: string;
  seq: number;
  column: string;
  columnName: string;
  title: string;
  body: string;
  personal: PersonalLine[] | null;
  matterId: string | null;
  stageId: string | null;
  correctsEntryId: string | null;
  correctedByIds: string[];
  startsOn: string;
  endsOn: string;
  publishedAt: string;
  publishedByName: string;
  state: EntryState;
  stateLabel: string;
  hash: string;
  prevHash: string;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  unansweredObjections?: number;
};

export type BoardColumn = {
  code: string;
  name: string;
  nameEn: string;
  standard: boolean;
  archived: boolean;
  freshness: FreshnessRule;
  freshnessLabel: string;
  status: { status: FreshnessStatus; dueBy: string | null; lastPublishedOn: string | null; days: number | null; message: string };
  entries: BoardEntry[];
};

export type ChainSummary = {
  ok: boolean;
  count: number;
  headHash: string;
  message: string;
  firstBroken: { seq: number; entryId: string | null; reason: string; message: string } | null;
};

export type CommunityBoard = { community: { id: string; name: string }; columns: BoardColumn[]; chain: ChainSummary; canWrite: boolean };

export type BoardCommunity = { id: string; name: string; overdueColumns: number; dueSoonColumns: number; unansweredObjections: number };

export type Posting = { id: string; location: string; postedAt: string; takenDownAt: string | null; hasPhoto: boolean; recordedByName: string };
export type Objection = { id: string; residentName: string; text: string; createdAt: string; answer: string | null; answeredAt: string | null; answeredByName: string | null };

export type EntryDetail = BoardEntry & {
  communityId: string;
  communityName: string;
  corrects: { id: string; seq: number; title: string } | null;
  acceptsObjections: boolean;
  postings: Posting[];
  objections: Objection[];
  canWrite: boolean;
};

export type PublishInput = {
  column: string;
  title: string;
  body: string;
  startsOn?: string | null;
  publicationDays?: number | null;
  endsOn?: string | null;
  personal?: { name: string; householdSize: number; amount: number }[] | null;
  correctsEntryId?: string | null;
};
