import { api, apiRequest } from '../../shared/api';
import type { BoardCommunity, CommunityBoard, EntryDetail, FreshnessRule, PublishInput } from './board-types';

const enc = encodeURIComponent;

/** Calls of the 公开栏 screen. */
export const boardApi = {
  communities: (signal?: AbortSignal) => api.get<{ items: BoardCommunity[] }>('/api/board/communities', { signal }),
  board: (communityId: string, signal?: AbortSignal) => api.get<CommunityBoard>(`/api/board/communities/${enc(communityId)}`, { signal }),
  entry: (entryId: string, signal?: AbortSignal) => api.get<EntryDetail>(`/api/board/entries/${enc(entryId)}`, { signal }),
  publish: (communityId: string, input: PublishInput) => api.post<{ id: string; seq: number; hash: string; startsOn: string; endsOn: string }>(`/api/board/communities/${enc(communityId)}/entries`, input),
  createColumn: (communityId: string, input: { name: string; freshness: FreshnessRule }) => api.post<{ code: string }>(`/api/board/communities/${enc(communityId)}/columns`, input),
  updateColumn: (communityId: string, code: string, input: { name?: string; freshness?: FreshnessRule; archived?: boolean }) => api.patch<void>(`/api/board/communities/${enc(communityId)}/columns/${enc(code)}`, input),
  withdraw: (entryId: string, reason: string) => api.post<void>(`/api/board/entries/${enc(entryId)}/withdraw`, { reason }),
  recordPosting: (entryId: string, input: { location: string; postedAt: string; photo?: { name: string; dataUrl: string } | null }) => api.post<{ id: string }>(`/api/board/entries/${enc(entryId)}/postings`, input),
  takeDown: (entryId: string, postingId: string, takenDownAt: string) => api.post<void>(`/api/board/entries/${enc(entryId)}/postings/${enc(postingId)}/take-down`, { takenDownAt }),
  setPhoto: (entryId: string, postingId: string, photo: { name: string; dataUrl: string }) => apiRequest<{ fileId: string }>(`/api/board/entries/${enc(entryId)}/postings/${enc(postingId)}/photo`, { method: 'PUT', body: photo }),
  answer: (entryId: string, objectionId: string, answer: string) => api.post<void>(`/api/board/entries/${enc(entryId)}/objections/${enc(objectionId)}/answer`, { answer }),
  photoUrl: (entryId: string, postingId: string) => `/api/board/entries/${enc(entryId)}/postings/${enc(postingId)}/photo`,
  noticeUrl: (entryId: string) => `/api/board/entries/${enc(entryId)}/notice.pdf`,
};
