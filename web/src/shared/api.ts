import type { FieldError } from './api-types';
import { getLang, sharedMessages, translate } from './i18n';

/** Every 4xx/5xx from the API, and network failures (status 0, code NETWORK_ERROR). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(options: { status: number; code: string; message: string; details?: Record<string, unknown> }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.details = options.details ?? {};
  }

  /** `details.fields` of a VALIDATION_FAILED answer. */
  get fieldErrors(): FieldError[] {
    const fields = this.details['fields'];
    if (!Array.isArray(fields)) return [];
    return fields.filter(isFieldError);
  }

  /** `details.retryAfterSeconds` of AUTH_RATE_LIMITED, when given. */
  get retryAfterSeconds(): number | null {
    const value = this.details['retryAfterSeconds'];
    return typeof value === 'number' ? value : null;
  }
}

function isFieldError(value: unknown): value is FieldError {
  return isRecord(value) && typeof value['field'] === 'string' && typeof value['message'] === 'string';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type QueryValue = string | number | boolean | null | undefined;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Readonly<Record<string, QueryValue>>;
  signal?: AbortSignal;
  /** Do not call the unauthorized handler on 401 (login, the first `me` probe). */
  skipAuthRedirect?: boolean;
};

let unauthorizedHandler: ((error: ApiError) => void) | null = null;

/** The console registers a handler that sends the user to /login; the portal does not. */
export function setUnauthorizedHandler(handler: ((error: ApiError) => void) | null): void {
  unauthorizedHandler = handler;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  // Always explicit: the browser's own Accept-Language (often en-US) must not override the chosen language.
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLang() === 'en' ? 'en' : 'zh-CN' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: translate(sharedMessages, getLang(), 'error.network') });
  }

  const payload = await readJson(response);
  if (response.ok) return payload as T;

  const error = toApiError(response.status, payload);
  if (response.status === 401 && !options.skipAuthRedirect && unauthorizedHandler) unauthorizedHandler(error);
  throw error;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toApiError(status: number, payload: unknown): ApiError {
  if (isRecord(payload) && typeof payload['code'] === 'string' && typeof payload['message'] === 'string') {
    const details = payload['details'];
    return new ApiError({ status, code: payload['code'], message: payload['message'], details: isRecord(details) ? details : {} });
  }
  return new ApiError({ status, code: `HTTP_${status}`, message: translate(sharedMessages, getLang(), 'error.http', { status }) });
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) => apiRequest<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'POST', body }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T = void>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'DELETE' }),
};

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
