import { api, apiRequest } from '../../shared/api';
import type { Localised, ProcedureTemplate, ShareRule, StageTemplate } from './procedure-types';

/**
 * The 议事决策 HTTP calls of the console, in one place (routes by MATTERS and MEETINGS). Shapes are
 * the console's mirror of the server's presenters.
 */
const enc = encodeURIComponent;

// ---------------------------------------------------------------- procedure templates
export type TemplateRecord = {
  id: string;
  code: string;
  version: number;
  name: string;
  communityId: string | null;
  communityName: string | null;
  shipped: boolean;
  inUse: number;
  basedOnId: string | null;
  body: ProcedureTemplate;
  createdAt: string;
};

export const templatesApi = {
  list: (signal?: AbortSignal) => api.get<{ items: TemplateRecord[] }>('/api/procedure-templates', { signal }),
  copy: (fromId: string, body: { communityId: string; name?: string; body: ProcedureTemplate }) => api.post<{ id: string }>(`/api/procedure-templates/${enc(fromId)}/copy`, body),
  update: (id: string, body: { name?: string; body: ProcedureTemplate }) => apiRequest<{ id: string }>(`/api/procedure-templates/${enc(id)}`, { method: 'PUT', body }),
};

// ---------------------------------------------------------------- matters (MATTERS' matters.repository.ts)
export type MatterStatus = 'raised' | 'in_progress' | 'completed' | 'stopped' | 'declined';

export type MatterSummary = {
  id: string;
  title: string;
  communityId: string;
  communityName: string;
  category: string | null;
  status: MatterStatus;
  statusLabel: string;
  batch: boolean;
  itemCount: number;
  procedureName: string | null;
  raisedAt: string;
  raisedByResident: boolean;
  currentStage: { id: string; key: string; kind: string; name: string; openedAt: string | null; dueAt: string | null; overdue: boolean } | null;
  stageCount: number;
  stagesDone: number;
};

export type MatterFile = { id: string; ownerKind: string; ownerId: string; purpose: string; purposeLabel: string; name: string; mime: string; size: number; sha256: string; createdAt: string };
export type MatterRecord = { id: string; kind: 'symposium' | 'hearing' | 'expert_review'; heldAt: string; place: string; participants: number | null; summary: string };
export type MatterComment = { id: string; authorName: string; text: string; receivedAt: string; answer: string | null; answeredAt: string | null };

export type MatterStage = {
  id: string;
  position: number;
  key: string;
  kind: string;
  kindLabel: string;
  name: string;
  bodyName: string | null;
  rules: StageTemplate;
  status: 'pending' | 'open' | 'closed' | 'skipped';
  statusLabel: string;
  round: number;
  openedAt: string | null;
  dueAt: string | null;
  closedAt: string | null;
  outcome: string | null;
  outcomeLabel: string | null;
  rulesLockedAt: string | null;
  signedOffAt: string | null;
  note: string | null;
  files: MatterFile[];
  records: MatterRecord[];
  comments: MatterComment[];
  openFlags: number;
  publication: { boardEntryId: string; kind: 'resolution' | 'result'; publicationDays: number; publishedAt: string } | null;
  solicitations: { id: string; title: string; opensAt: string; closesAt: string }[];
};

export type MatterItem = {
  id: string;
  position: number;
  title: string;
  description: string;
  subjectResidentId: string | null;
  subjectName: string | null;
  householdSize: number | null;
  amount: number | null;
  status: 'active' | 'passed' | 'stopped';
  stoppedAtStageId: string | null;
};

export type MatterEvent = { id: string; at: string; stageId: string | null; actorName: string | null; kind: string; summary: string };
export type SupervisionNote = { id: string; kind: 'finding' | 'flag'; stageId: string | null; text: string; raisedAt: string; answer: string | null; answeredAt: string | null };
export type ImplementationTask = { id: string; parentId: string | null; title: string; weight: number; status: string; statusLabel: string; percent: number; ownPercent: number; milestone: boolean; dueOn: string | null; reachedOn: string | null; children: ImplementationTask[] };

export type MatterDetail = {
  id: string;
  title: string;
  description: string;
  communityId: string;
  communityName: string;
  category: string | null;
  budget: number | null;
  status: MatterStatus;
  statusLabel: string;
  unit: 'community' | 'village';
  batch: boolean;
  templateId: string | null;
  procedureName: string | null;
  procedure: ProcedureTemplate | null;
  raisedBy: { kind: 'resident' | 'staff'; name: string };
  raisedAt: string;
  acceptedAt: string | null;
  closedAt: string | null;
  closeReason: string | null;
  files: MatterFile[];
  items: MatterItem[];
  stages: MatterStage[];
  supervision: SupervisionNote[];
  implementation: { percent: number; tasks: number; roots: ImplementationTask[] };
  timeline: MatterEvent[];
};

export type MatterListQuery = { status?: string; q?: string; communityId?: string; page?: number; pageSize?: number };

export type RaiseMatterInput = { communityId: string; title: string; description: string; category?: string | null };

export type AcceptMatterInput = {
  templateId: string;
  title?: string;
  description?: string;
  category?: string | null;
  budget?: number | null;
  affectedNodeId?: string | null;
  items?: { title: string; description?: string; subjectResidentId?: string | null; householdSize?: number | null; amount?: number | null }[];
};

const stagePath = (matterId: string, stageId: string) => `/api/matters/${enc(matterId)}/stages/${enc(stageId)}`;

export const mattersApi = {
  list: (query: MatterListQuery, signal?: AbortSignal) => api.get<{ items: MatterSummary[]; total: number }>('/api/matters', { signal, query }),
  get: (id: string, signal?: AbortSignal) => api.get<MatterDetail>(`/api/matters/${enc(id)}`, { signal }),
  raise: (body: RaiseMatterInput) => api.post<{ id: string }>('/api/matters', body),
  accept: (id: string, body: AcceptMatterInput) => api.post<MatterDetail>(`/api/matters/${enc(id)}/accept`, body),
  decline: (id: string, reason: string) => api.post<MatterDetail>(`/api/matters/${enc(id)}/decline`, { reason }),
  closeStage: (matterId: string, stageId: string) => api.post<{ result: { outcome: string; next: string } }>(`${stagePath(matterId, stageId)}/close`, {}),
  skipStage: (matterId: string, stageId: string, reason: string) => api.post<MatterDetail>(`${stagePath(matterId, stageId)}/skip`, { reason }),
  signOff: (matterId: string, stageId: string) => api.post<MatterDetail>(`${stagePath(matterId, stageId)}/sign-off`, {}),
  upload: (stageId: string, body: { purpose: string; name: string; mime: string; content: string }) => api.post<{ id: string }>('/api/files', { ownerKind: 'matter_stage', ownerId: stageId, ...body }),
  fileUrl: (fileId: string) => `/api/files/${enc(fileId)}`,
  supervise: (matterId: string, body: { stageId: string | null; kind: 'finding' | 'flag'; text: string }) => api.post<{ id: string }>(`/api/matters/${enc(matterId)}/supervision`, body),
  answerFlag: (matterId: string, noteId: string, answer: string) => api.post<void>(`/api/matters/${enc(matterId)}/supervision/${enc(noteId)}/answer`, { answer }),
  publish: (matterId: string, stageId: string, body: { title?: string; body?: string }) => api.post<{ published: { entryId: string; endsAt: string } }>(`${stagePath(matterId, stageId)}/publish`, body),
  addTask: (matterId: string, body: { parentId: string | null; title: string; weight: number; milestone: boolean; dueOn: string | null }) => api.post<{ id: string }>(`/api/matters/${enc(matterId)}/tasks`, body),
  updateTask: (matterId: string, taskId: string, body: { percent?: number; status?: string; reachedOn?: string | null }) => api.patch<unknown>(`/api/matters/${enc(matterId)}/tasks/${enc(taskId)}`, body),
};

// ---------------------------------------------------------------- solicitations
export type SolicitationSummary = {
  id: string;
  matterId: string;
  stageId: string;
  title: string;
  description: string;
  scopeName: string;
  opensAt: string;
  closesAt: string;
  eligible: number;
  responses: number;
  questions: { id: string; position: number; kind: 'single' | 'multiple' | 'text'; text: string; answered: number; options: { id: string; text: string; count: number }[]; texts: string[] }[];
  symposiums: { id: string; heldAt: string; place: string; participants: number | null; summary: string }[];
};

export type SolicitationInput = {
  title: string;
  description: string;
  closesAt: string;
  scopeNodeId?: string | null;
  questions: { kind: 'single' | 'multiple' | 'text'; text: string; options: string[] }[];
};

export const solicitationApi = {
  summary: (id: string, signal?: AbortSignal) => api.get<SolicitationSummary>(`/api/solicitations/${enc(id)}/summary`, { signal }),
  create: (matterId: string, stageId: string, body: SolicitationInput) => api.post<{ id: string }>(`${stagePath(matterId, stageId)}/solicitations`, body),
  record: (matterId: string, stageId: string, body: { kind: string; heldAt: string; place: string; participants: number | null; summary: string }) => api.post<{ id: string }>(`${stagePath(matterId, stageId)}/records`, body),
  comment: (matterId: string, stageId: string, body: { authorName: string; text: string }) => api.post<{ id: string }>(`${stagePath(matterId, stageId)}/comments`, body),
  answerComment: (matterId: string, commentId: string, answer: string) => api.post<void>(`/api/matters/${enc(matterId)}/comments/${enc(commentId)}/answer`, { answer }),
};

// ---------------------------------------------------------------- meetings (MEETINGS' meetings.queries.ts)
export type MeetingStatus = 'called' | 'signing_in' | 'voting' | 'closed';
export type Choice = 'yes' | 'no' | 'abstain';
export type BodySummary = { id: string; kind: string; kindLabel: Localised; name: string; communityId: string; communityName: string; scopeName: string; standard: boolean; memberCount: number };

export type MeetingSummary = {
  id: string;
  title: string;
  status: MeetingStatus;
  statusLabel: Localised;
  scheduledAt: string;
  calledAt: string;
  closedAt: string | null;
  matterId: string;
  matterTitle: string;
  stageId: string;
  stageName: Localised;
  bodyId: string;
  bodyName: string;
  bodyKind: string;
  ballot: 'open' | 'secret';
  entitled: number;
  present: number;
};

export type MeasureCounts = { entitled: number; present: number; yes: number; no: number; abstain: number };
export type PaperReading = { id: string; tellerId: string; tellerName: string; choice: Choice | null; enteredAt: string; correctionReason: string | null; superseded: boolean };

export type MeetingItem = {
  itemId: string;
  position: number;
  title: string;
  description: string;
  recusals: { residentId: string; name: string; reason: string; automatic: boolean }[];
  cast: number;
  tally: { yes: number; no: number; abstain: number } | null;
  votes: { residentId: string; name: string; channel: 'portal' | 'paper'; choice: Choice | null; castAt: string }[];
  paper: { residentId: string; name: string; state: 'pending' | 'agreed' | 'disagreed'; readings: PaperReading[] }[];
  result: { quorumMet: boolean; passed: boolean; counts: { head: MeasureCounts; areaCenti: MeasureCounts; recused: number }; explanation: Localised } | null;
};

export type MeetingRosterMember = {
  residentId: string;
  position: number;
  name: string;
  weightArea: number | null;
  attendance: { mode: 'in_person' | 'proxy' | 'online'; proxyName: string | null; proxyReason: string | null; witness: string | null; signedInAt: string } | null;
};

export type MeetingDetail = {
  id: string;
  title: string;
  place: string;
  status: MeetingStatus;
  statusLabel: Localised;
  scheduledAt: string;
  calledAt: string;
  signInOpenedAt: string | null;
  votingOpenedAt: string | null;
  votingClosesAt: string | null;
  closedAt: string | null;
  matter: { id: string; title: string };
  stage: { id: string; name: Localised; alternativeKey: string | null };
  body: { id: string; name: string; kind: string; kindLabel: Localised };
  ballot: 'open' | 'secret';
  allowProxy: boolean;
  noticeDays: number | null;
  attendanceMode: string;
  attendanceRule: ShareRule | null;
  decisionRule: ShareRule | null;
  counts: { entitled: number; present: number; inPerson: number; proxy: number; online: number };
  roster: MeetingRosterMember[];
  items: MeetingItem[];
};

export type SignInInput = { residentId: string; mode: 'in_person' | 'proxy'; proxyName?: string | null; proxyReason?: string | null; witness?: string | null };

export type PaperEntryInput = { itemId: string; residentId: string; choice: Choice; correctionReason?: string | null };
export type PaperBatchResult = { count: number; agreed: number; pending: number; disagreed: number; corrected: number; states: ('pending' | 'agreed' | 'disagreed')[] };
/** The most readings one bulk request carries (the server's limit). */
export const PAPER_BATCH_MAX = 5000;

export const meetingsApi = {
  bodies: (communityId: string, signal?: AbortSignal) => api.get<{ items: BodySummary[] }>('/api/decision-bodies', { signal, query: { communityId } }),
  list: (query: { matterId?: string; stageId?: string }, signal?: AbortSignal) => api.get<{ items: MeetingSummary[] }>('/api/meetings', { signal, query }),
  call: (body: { stageId: string; bodyId: string; alternativeKey?: string | null; title?: string | null; place?: string | null; scheduledAt: string }) => api.post<{ id: string }>('/api/meetings', body),
  get: (id: string, signal?: AbortSignal) => api.get<MeetingDetail>(`/api/meetings/${enc(id)}`, { signal }),
  openSignIn: (id: string) => api.post<void>(`/api/meetings/${enc(id)}/open-sign-in`),
  signIn: (id: string, body: SignInInput) => api.post<void>(`/api/meetings/${enc(id)}/attendance`, body),
  recuse: (id: string, body: { itemId: string; residentId: string; reason: string }) => api.post<void>(`/api/meetings/${enc(id)}/recusals`, body),
  openVoting: (id: string) => api.post<void>(`/api/meetings/${enc(id)}/open-voting`, {}),
  enterBallot: (id: string, body: { itemId: string; residentId: string; choice: Choice; correctionReason?: string | null }) =>
    api.post<{ state: 'pending' | 'agreed' | 'disagreed' }>(`/api/meetings/${enc(id)}/paper-ballots`, body),
  /** One teller's many readings in one request: all checked first, nothing saved if any is refused (at most PAPER_BATCH_MAX). */
  enterBallots: (id: string, entries: PaperEntryInput[]) => api.post<PaperBatchResult>(`/api/meetings/${enc(id)}/paper-ballots/bulk`, { entries }),
  close: (id: string) => api.post<{ items: unknown[] }>(`/api/meetings/${enc(id)}/close`),
  signInSheetUrl: (id: string) => `/api/meetings/${enc(id)}/sign-in-sheet`,
};
