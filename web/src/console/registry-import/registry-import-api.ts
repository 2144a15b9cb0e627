import { api, ApiError, buildUrl } from '../../shared/api';
import type { ImportReport } from '../../shared/api-types';
import { getLang, sharedMessages, translate } from '../../shared/i18n';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Step one: the workbook's bytes go to the server as they are (no multipart), with the xlsx content
 * type. The answer is the check report; nothing is written to the registry yet.
 */
export async function uploadWorkbook(file: File, options: { nodeId: string | null }): Promise<ImportReport> {
  const body = await file.arrayBuffer();
  let response: Response;
  try {
    response = await fetch(buildUrl('/api/registry/imports', { nodeId: options.nodeId, fileName: file.name }), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': XLSX_TYPE, Accept: 'application/json', 'Accept-Language': getLang() === 'en' ? 'en' : 'zh-CN' },
      body,
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
  if (response.ok) return payload as ImportReport;
  if (isRecord(payload) && typeof payload['code'] === 'string' && typeof payload['message'] === 'string') {
    const details = payload['details'];
    throw new ApiError({ status: response.status, code: payload['code'], message: payload['message'], details: isRecord(details) ? details : {} });
  }
  throw new ApiError({ status: response.status, code: `HTTP_${response.status}`, message: translate(sharedMessages, getLang(), 'error.http', { status: response.status }) });
}

/** Step two: the good rows go into the registry (one transaction on the server). */
export function commitImport(importId: string): Promise<ImportReport> {
  return api.post<ImportReport>(`/api/registry/imports/${encodeURIComponent(importId)}/commit`);
}

/** Or the batch is dropped; nothing was imported. */
export function discardImport(importId: string): Promise<ImportReport> {
  return api.post<ImportReport>(`/api/registry/imports/${encodeURIComponent(importId)}/discard`);
}

export function errorsWorkbookPath(importId: string): string {
  return `/api/registry/imports/${encodeURIComponent(importId)}/errors.xlsx`;
}
