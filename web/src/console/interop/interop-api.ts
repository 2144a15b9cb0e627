import { api, ApiError, buildUrl } from '../../shared/api';
import { getLang, sharedMessages, translate } from '../../shared/i18n';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type KeyChannel = 'hotline_12345' | 'hotline';
export type ApiKey = {
  id: string; name: string; nodeId: string; nodeName: string; nodeKind: string; channel: KeyChannel; prefix: string;
  createdAt: string; createdBy: string | null; revokedAt: string | null; lastUsedAt: string | null; requests: number;
};
export type NewKey = ApiKey & { secret: string };

export type TicketVerdict = {
  row: number; ticketNo: string | null; status: 'ok' | 'duplicate' | 'bad'; reasons: string[];
  category: string | null; categoryName: string | null; communityName: string | null; demandId: string | null;
};
export type PreviewReport = { rows: TicketVerdict[]; ok: number; duplicates: number; bad: number };
export type TicketResult = { row: number; ticketNo: string | null; result: 'created' | 'duplicate' | 'rejected'; demandId: string | null; reasons: string[] };
export type ImportResult = { results: TicketResult[]; created: number; duplicates: number; rejected: number };

export const listKeys = () => api.get<{ items: ApiKey[]; jurisdictionId: string | null }>('/api/interop/keys');
export const createKey = (body: { name: string; nodeId: string; channel: KeyChannel }) => api.post<NewKey>('/api/interop/keys', body);
export const revokeKey = (id: string) => api.post<ApiKey>(`/api/interop/keys/${encodeURIComponent(id)}/revoke`);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The workbook's bytes as they are (no multipart), to the preview or the import route. */
async function sendWorkbook<T>(path: string, file: File, nodeId: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, { nodeId }), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': XLSX_TYPE, Accept: 'application/json', 'Accept-Language': getLang() === 'en' ? 'en' : 'zh-CN' },
      body: await file.arrayBuffer(),
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: translate(sharedMessages, getLang(), 'error.network') });
  }
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  if (response.ok) return payload as T;
  if (isRecord(payload) && typeof payload['code'] === 'string' && typeof payload['message'] === 'string') {
    throw new ApiError({ status: response.status, code: payload['code'], message: payload['message'], details: isRecord(payload['details']) ? payload['details'] : {} });
  }
  throw new ApiError({ status: response.status, code: `HTTP_${response.status}`, message: translate(sharedMessages, getLang(), 'error.http', { status: response.status }) });
}

export const previewTickets = (file: File, nodeId: string) => sendWorkbook<PreviewReport>('/api/interop/12345/imports/preview', file, nodeId);
export const importTicketFile = (file: File, nodeId: string) => sendWorkbook<ImportResult>('/api/interop/12345/imports', file, nodeId);
