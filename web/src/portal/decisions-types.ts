/** Shapes of the resident routes of issue #3 (see the decisions contract), as the portal reads them. */

export type Solicitation = {
  id: string;
  matterId: string;
  title: string;
  description: string;
  closesAt: string | null;
  answered: boolean;
  questions: SolicitationQuestion[];
  /** When the server sends them: this resident's earlier answers (a new answer replaces them while open). */
  myAnswers?: SolicitationAnswer[] | null;
};

export type SolicitationQuestion = {
  id: string;
  kind: 'single' | 'multiple' | 'text';
  text: string;
  options: { id: string; text: string }[];
  /** A required question must be answered; without the flag, choice questions are, free text is not. */
  required?: boolean;
};

export type SolicitationAnswer = { questionId: string; optionIds?: string[]; text?: string };

/** status: raised → in_progress → completed, or declined / stopped (with the reason in `closeReason`). */
export type Topic = { id: string; title: string; status: string; statusLabel: string; stageName: string | null; createdAt: string; closeReason?: string | null };

export type Choice = 'yes' | 'no' | 'abstain';

export type VoteMeeting = {
  meetingId: string;
  title: string;
  bodyName: string;
  closesAt: string | null;
  secret: boolean;
  /** called → signing_in → voting (closed meetings are not listed). */
  status: 'called' | 'signing_in' | 'voting' | 'closed' | string;
  statusLabel: string;
  scheduledAt: string;
  /** Voting is open now and has not run past its closing time. */
  canVote: boolean;
  items: VoteItem[];
};

export type VoteItem = { itemId: string; title: string; description: string | null; myChoice: Choice | null; recused: boolean };

/** A notice as residents and the public see it (the server's `publicEntry`). */
export type BoardEntry = {
  id: string;
  seq: number;
  communityId: string;
  communityName: string;
  column: string;
  columnName: string;
  title: string;
  body: string;
  /** A personal notice (低保): only name, household size and amount. */
  personal: { name: string; householdSize: number; amount: string }[] | null;
  startsOn: string;
  endsOn: string;
  publishedAt: string;
  state: 'scheduled' | 'in_period' | 'ended' | 'withdrawn' | string;
  stateLabel: string;
  acceptsObjections: boolean;
  correctsEntryId: string | null;
  correctedByIds: string[];
  hash: string;
  prevHash: string | null;
  /** Only on the signed-in route: the objections this resident raised, with the answers. */
  myObjections?: BoardObjection[];
};

export type BoardColumn = { code: string; name: string; entries: BoardEntry[] };

export type Board = { communityId: string | null; communityName: string; columns: BoardColumn[] };

export type BoardObjection = { id: string; text: string; createdAt: string; answer: string | null; answeredAt: string | null };

export type ChainVerification = {
  communityId: string;
  communityName: string;
  checkedAt: string;
  ok: boolean;
  count: number;
  headHash: string | null;
  /** The server's verdict in words (zh or en). */
  message: string;
  firstBroken: { seq: number; entryId: string | null; reason: string; message: string } | null;
  entries: { seq: number; hash: string; prevHash: string | null; publishedAt: string; status: 'visible' | 'withdrawn' | 'scheduled'; id: string | null; title: string | null }[];
};
