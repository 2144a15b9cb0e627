import { api } from '../../shared/api';

/** Shapes of the 民情诉求 routes (src/modules/demands/demands.repository.ts, figures.schema.ts). */
export type DemandStatus = 'received' | 'routed' | 'accepted' | 'suspended' | 'done' | 'closed' | 'merged';
export type HandlingLevel = 'grid' | 'community' | 'street' | 'district';
export const HANDLING_LEVELS: readonly HandlingLevel[] = ['grid', 'community', 'street', 'district'];
export const STAFF_CHANNELS = ['hotline', 'walk_in', 'grid_worker', 'mailbox', 'door_note', 'symposium', 'hotline_12345'] as const;
export type StaffChannel = (typeof STAFF_CHANNELS)[number];

export type TimeLimit = { unit: 'natural_hours' | 'working_days'; amount: number };
export type DemandCategory = { code: string; parent: string | null; name: string; firstLevel: HandlingLevel; firstLevelName: string; respond: TimeLimit; finish: TimeLimit };

export type DemandSummary = {
  id: string;
  title: string;
  channel: string;
  channelName: string;
  category: string;
  categoryName: string;
  status: DemandStatus;
  statusName: string;
  level: HandlingLevel | null;
  levelName: string | null;
  leadBody: string | null;
  leadBodyName: string | null;
  respondBy: string;
  finishBy: string | null;
  overdue: boolean;
  rating: string | null;
  createdAt: string;
};

export type HistoryEntry = { seq: number; kind: string; kindName: string; at: string; actorName: string | null; reason: string | null; text: string };
export type PhotoInfo = { id: string; name: string; mime: string; size?: number };

export type DemandDetail = DemandSummary & {
  description: string;
  nodePath: string;
  communityId: string;
  householdId: string | null;
  residentId: string | null;
  location: { lng: number; lat: number; crs: string | null } | null;
  contactName: string | null;
  firstAskedBy: string;
  coBodies: { body: string; name: string | null }[];
  deadlines: {
    respondBy: string;
    respondedAt: string | null;
    respondMet: boolean | null;
    /** The earlier of ours and the 12345 hotline's. */
    finishBy: string | null;
    ownFinishBy: string | null;
    /** 12345 时限: the hotline's own limit for a transfer. */
    hotline: { limitWorkingDays: number; calledAt: string; by: string | null } | null;
    finishShare: number;
    paused: boolean;
    overdue: boolean;
    onTime: boolean | null;
    urgeAt: string | null;
    superviseAt: string | null;
    urgeDue: boolean;
    superviseDue: boolean;
  };
  reopenCount: number;
  revisitRequired: boolean;
  mergedInto: string | null;
  /** The commands this account may perform now (decided by the server). */
  actions: DemandVerb[];
  history: HistoryEntry[];
  photos: PhotoInfo[];
};

export type DemandList = { items: DemandSummary[]; nextCursor: string | null };
/** The list's count is its own request (the list itself is one round trip on the server). */
export type DemandCount = { total: number; totalCapped: boolean };
export type PossibleDuplicate = { id: string; title: string; status: string; createdAt: string; distanceM: number | null; sameHousehold: boolean };
export type IntakeResult = { id: string; status: string; respondBy: string; finishBy: string | null; possibleDuplicates: PossibleDuplicate[]; photoIds: string[] };

export type IntakeBody = {
  channel: StaffChannel;
  nodeId: string;
  category: string;
  title: string;
  description?: string;
  contactName?: string | null;
  contactPhone?: string | null;
  photos?: { name: string; mime: string; content: string }[];
};

export type ListQuery = { status?: string; overdue?: '1'; category?: string; channel?: string; after?: string; pageSize?: number };

export type FigureCode = 'response_rate' | 'same_day_rate' | 'on_time_rate' | 'resolution_rate' | 'satisfaction_rate';
export type Figure = { numerator: number; denominator: number; rate: number | null; display: string };
export type FigureRow = { node: { id: string | null; name: string; kind: string }; figures: Record<FigureCode, Figure>; received: number; backlog: number; overdue: number };
export type DemandFigures = FigureRow & {
  window: { from: string; to: string };
  asOf?: string;
  definitions: { code: FigureCode; name: string; help: string; target: number | null }[];
  children: FigureRow[];
  computedMs?: number;
};

const base = '/api/demands';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export const demandsApi = {
  categories: (signal?: AbortSignal) => api.get<DemandCategory[]>('/api/demand-categories', { signal }),
  list: (query: ListQuery, signal?: AbortSignal) => api.get<DemandList>(base, { query, signal }),
  count: (query: ListQuery, signal?: AbortSignal) => api.get<DemandCount>(`${base}/count`, { query, signal }),
  get: (id: string, signal?: AbortSignal) => api.get<DemandDetail>(one(id), { signal }),
  intake: (body: IntakeBody) => api.post<IntakeResult>(base, body),
  act: (id: string, verb: string, body: Record<string, unknown> = {}) => api.post<DemandDetail>(`${one(id)}/${verb}`, body),
  photoUrl: (id: string, fileId: string) => `${one(id)}/photos/${encodeURIComponent(fileId)}`,
  figures: (query: { nodeId?: string; from: string; to: string }, signal?: AbortSignal) => api.get<DemandFigures>('/api/demand-figures', { query, signal }),
};

/** "2 小时" / "5 个工作日". */
export function limitText(limit: TimeLimit, zh: boolean): string {
  if (limit.unit === 'natural_hours') return zh ? `${limit.amount} 小时` : `${limit.amount} h`;
  return zh ? `${limit.amount} 个工作日` : `${limit.amount} working days`;
}

export type DemandVerb = 'route' | 'accept' | 'escalate' | 'return' | 'transfer' | 'extend' | 'suspend' | 'resume' | 'urge' | 'supervise' | 'finish' | 'merge' | 'rate' | 'reopen';
export type HandlingBodies = { level: HandlingLevel; name: string; bodies: { body: string; name: string }[] }[];

/** Handling aids: the bodies per level (转派 / 上报) and merge targets (合并). */
export const demandAidsApi = {
  handlingBodies: (signal?: AbortSignal) => api.get<HandlingBodies>('/api/demand-handling-bodies', { signal }),
  mergeCandidates: (id: string, q: string, signal?: AbortSignal) => api.get<{ items: DemandSummary[] }>(`${one(id)}/merge-candidates`, { query: { q }, signal }),
};
