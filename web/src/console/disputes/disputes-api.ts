import { api, apiRequest } from '../../shared/api';
import type { NodeKind } from '../../shared/api-types';

/** Calls and answers of the 矛盾纠纷 screens, as docs/disputes-api.md defines them. */
const enc = encodeURIComponent;

export type Option = { code: string; name: string };
export type Person = { id: string; name: string };

export type CatalogueLevel = { key: string; name: string; maxAttempts: number; bodyKind: 'grid' | 'community' | 'street' };
export type CatalogueLadder = { code: string; name: string; source: string; default: boolean; levels: CatalogueLevel[] };
export type DisputesCatalogue = {
  statuses: Option[];
  riskLevels: Option[];
  warningFlags: Option[];
  types: Option[];
  sources: Option[];
  partyRoles: Option[];
  outcomes: Option[];
  judicialStatuses: Option[];
  performances: Option[];
  closeOutcomes: Option[];
  ladders: CatalogueLadder[];
  methods: { code: string; name: string; help: string }[];
  referralTargets: Option[];
};

export type DisputeStatus = 'mediating' | 'settled' | 'exhausted' | 'referred' | 'closed';
export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';
export type PartyRole = 'applicant' | 'respondent' | 'other';
export type AttemptOutcome = 'settled' | 'failed' | 'refused';
export type Performance = 'performed' | 'partly' | 'not_performed';
export type CloseOutcome = 'performed' | 'withdrawn' | 'referral_concluded' | 'other';

export type Party = {
  id: string;
  role: PartyRole;
  roleLabel: string;
  name: string;
  residentId: string | null;
  phone: string | null;
  gender?: 'male' | 'female' | null;
  age?: number | null;
  ethnicity?: string | null;
  address?: string | null;
  idNumber?: string | null;
};

export type DisputeLevel = { key: string; name: string; index: number; attemptsUsed: number; maxAttempts: number };

export type DisputeSummary = {
  id: string;
  number: string;
  type: string;
  typeLabel: string;
  summary: string;
  nodeId: string;
  placeName: string;
  communityName: string | null;
  riskLevel: RiskLevel;
  riskLabel: string;
  warningFlags: string[];
  warningLabels: string[];
  onWarningList: boolean;
  status: DisputeStatus;
  statusLabel: string;
  ladderCode: string;
  ladderName: string;
  level: DisputeLevel | null;
  attempts: number;
  partyNames: string[];
  registeredAt: string;
  lastActivityAt: string;
  judicialDeadline: string | null;
  leadMediator: Person | null;
};

export type MediatorRole = 'lead' | 'assisting';
/** A mediator a supervisor assigned (主调解员 / 协助调解员), optionally for one ladder level. */
export type Assignment = { id: string; name: string; role: MediatorRole; roleLabel: string; level: string | null; levelName: string | null; assignedAt: string; assignedBy: Person };

export type Attempt = {
  number: number;
  level: string;
  levelName: string;
  numberAtLevel: number;
  at: string;
  mediators: Person[];
  method: string;
  methodLabel: string;
  methodNote: string | null;
  outcome: AttemptOutcome;
  outcomeLabel: string;
  recordedBy: Person;
  record?: string;
};

export type Escalation = { at: string; fromLevel: string; fromName: string; toLevel: string; toName: string; reason: string; early: boolean; by: Person | null };

export type Referral = { target: string; targetLabel: string; at: string; reason: string; by: Person; updates: { at: string; note: string; by: Person }[]; result: string | null };

export type Agreement = {
  id: string;
  attemptNumber: number;
  draftedAt: string;
  signedOn: string | null;
  effectiveOn: string | null;
  judicialDeadline: string | null;
  judicial: { status: string; statusLabel: string; on: string | null; court: string | null; note: string | null };
  copies: number;
  mediators: Person[];
  facts?: string;
  issues?: string;
  responsibilities?: string;
  terms?: string;
  performance?: string;
};

export type FollowUp = { id: string; on: string; visitors: Person[]; performance: Performance; performanceLabel: string; recordedBy: Person; note?: string };

export type NextStepKind = 'draw_up_agreement' | 'try_again' | 'moved_up' | 'refer_out' | 'track_referral' | 'follow_up' | 'done';

export type DisputeDetail = DisputeSummary & {
  confidential: boolean;
  canSeeRecords: boolean;
  source: string;
  sourceLabel: string;
  sourceNote: string | null;
  screeningReportId: string | null;
  demandId: string | null;
  occurredOn: string | null;
  typeNote: string | null;
  parties: Party[];
  registeredBy: Person;
  nextStep: { kind: NextStepKind; label: string; level?: string; attemptsLeft?: number; options?: string[] };
  attemptsList: Attempt[];
  escalations: Escalation[];
  referral: Referral | null;
  agreement: Agreement | null;
  followUps: FollowUp[];
  closed: { at: string; outcome: CloseOutcome; outcomeLabel: string; note: string | null } | null;
  mediatorIds: string[];
  assignments: Assignment[];
};

export type CardStepKind = 'registered' | 'risk_changed' | 'attempt' | 'escalated' | 'referred' | 'referral_update' | 'agreement' | 'agreement_signed' | 'judicial' | 'follow_up' | 'closed' | 'mediator_assigned' | 'mediator_removed';
export type CardStep = { at: string; kind: CardStepKind; title: string; body: { level: string | null; name: string; nodeName: string | null }; by: Person | null; detail?: string };
export type DisputeCard = { dispute: DisputeSummary; confidential: boolean; steps: CardStep[] };

export type Mediator = { id: string; name: string; roleLabels: string[]; nodeName: string; assignable: boolean };

export type ListQuery = { nodeId?: string; mine?: boolean; status?: string; riskLevel?: string; warning?: boolean; type?: string; q?: string; page?: number; pageSize?: number };
export type ListAnswer = { items: DisputeSummary[]; total: number; page: number; pageSize: number };

export type PartyInput = { role: PartyRole; name: string; phone?: string; residentId?: string; gender?: 'male' | 'female'; age?: number; ethnicity?: string; address?: string; idNumber?: string };

export type RegisterInput = {
  nodeId: string;
  type: string;
  typeNote?: string;
  summary: string;
  riskLevel: RiskLevel;
  warningFlags?: string[];
  source: string;
  sourceNote?: string;
  occurredOn?: string;
  ladderCode?: string;
  parties: PartyInput[];
};

export type AttemptInput = { level: string; at: string; mediatorIds: string[]; method: string; methodNote?: string; record: string; outcome?: AttemptOutcome };

export type AgreementInput = {
  facts: string;
  issues: string;
  responsibilities: string;
  terms: string;
  performance: string;
  copies?: number;
  parties?: { partyId: string; gender?: 'male' | 'female'; age?: number; ethnicity?: string; address?: string; idNumber?: string }[];
};

// Screening
export type ScreeningReport = {
  id: string;
  gridId: string;
  gridName: string;
  week: string;
  weekEnd: string;
  disputes: number;
  zeroReport: boolean;
  items: { summary: string; disputeId: string | null }[];
  note: string | null;
  submittedAt: string;
  submittedBy: Person;
  firstSubmittedAt: string;
  firstSubmittedBy: Person;
  revision: number;
};

export type ScreeningNode = { id: string; name: string; kind: NodeKind };
export type WeekGrid = { gridId: string; gridName: string; communityName: string; state: 'reported' | 'zero' | 'missing'; report: ScreeningReport | null };
export type WeekOverview = {
  week: { start: string; end: string; label: string };
  node: ScreeningNode;
  grids: WeekGrid[];
  counts: { grids: number; reported: number; zero: number; missing: number; disputes: number };
};

export type SummaryRow = { gridId: string; gridName: string; communityName: string; weeksDue: number; weeksReported: number; zeroReports: number; disputes: number; missingWeeks: string[] };
export type ScreeningSummary = {
  kind: 'ten_day' | 'month';
  period: { start: string; end: string; label: string };
  node: ScreeningNode;
  weeks: string[];
  rows: SummaryRow[];
  totals: { grids: number; weeksDue: number; weeksReported: number; zeroReports: number; disputes: number; missingReports: number; gridsComplete: number };
};

export type ReportInput = { gridId: string; week: string; disputes: number; zeroReport?: boolean; items?: { summary: string }[]; note?: string };

export const disputesApi = {
  catalogue: (signal?: AbortSignal) => api.get<DisputesCatalogue>('/api/disputes/catalogue', { signal }),
  list: (query: ListQuery, signal?: AbortSignal) => api.get<ListAnswer>('/api/disputes', { query: { ...query, warning: query.warning ? 1 : undefined, mine: query.mine ? 1 : undefined }, signal }),
  register: (input: RegisterInput) => api.post<DisputeDetail>('/api/disputes', input),
  get: (id: string, signal?: AbortSignal) => api.get<DisputeDetail>(`/api/disputes/${enc(id)}`, { signal }),
  card: (id: string, signal?: AbortSignal) => api.get<DisputeCard>(`/api/disputes/${enc(id)}/card`, { signal }),
  mediators: (id: string, signal?: AbortSignal) => api.get<Mediator[]>(`/api/disputes/${enc(id)}/mediators`, { signal }),
  assignMediator: (id: string, accountId: string, input: { role: MediatorRole; level?: string | null; note?: string }) => apiRequest<DisputeDetail>(`/api/disputes/${enc(id)}/assignments/${enc(accountId)}`, { method: 'PUT', body: input }),
  removeMediator: (id: string, accountId: string) => api.delete<DisputeDetail>(`/api/disputes/${enc(id)}/assignments/${enc(accountId)}`),
  recordAttempt: (id: string, input: AttemptInput) => api.post<DisputeDetail>(`/api/disputes/${enc(id)}/attempts`, input),
  escalate: (id: string, input: { reason: string }) => api.post<DisputeDetail>(`/api/disputes/${enc(id)}/escalate`, input),
  refer: (id: string, input: { target: string; reason: string }) => api.post<DisputeDetail>(`/api/disputes/${enc(id)}/referral`, input),
  trackReferral: (id: string, input: { note: string; result?: string }) => api.post<DisputeDetail>(`/api/disputes/${enc(id)}/referral/updates`, input),
  saveAgreement: (id: string, input: AgreementInput) => apiRequest<DisputeDetail>(`/api/disputes/${enc(id)}/agreement`, { method: 'PUT', body: input }),
  signAgreement: (id: string, input: { signedOn: string; effectiveOn?: string }) => api.post<DisputeDetail>(`/api/disputes/${enc(id)}/agreement/sign`, input),
  judicial: (id: string, input: { status: 'applied' | 'confirmed' | 'rejected'; on: string; court?: string; note?: string }) => api.post<DisputeDetail>(`/api/disputes/${enc(id)}/agreement/judicial`, input),
  addFollowUp: (id: string, input: { on: string; performance: Performance; note?: string }) => api.post<DisputeDetail>(`/api/disputes/${enc(id)}/follow-ups`, input),
  close: (id: string, input: { outcome?: CloseOutcome; note?: string }) => api.post<DisputeDetail>(`/api/disputes/${enc(id)}/close`, input),
  agreementPdfUrl: (id: string) => `/api/disputes/${enc(id)}/agreement.pdf`,

  report: (input: ReportInput) => api.post<ScreeningReport>('/api/disputes/screening/reports', input),
  week: (query: { nodeId?: string; week?: string }, signal?: AbortSignal) => api.get<WeekOverview>('/api/disputes/screening/week', { query, signal }),
  summary: (query: { nodeId?: string; kind: 'ten_day' | 'month'; date?: string }, signal?: AbortSignal) => api.get<ScreeningSummary>('/api/disputes/screening/summary', { query, signal }),
};
