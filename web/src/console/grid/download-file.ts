import { ApiError, buildUrl } from '../../shared/api';
import { getLang, sharedMessages, translate } from '../../shared/i18n';

type Query = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** The file name of a `Content-Disposition: attachment; filename*=UTF-8''…` header. */
function fileNameOf(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const payload: unknown = await response.json();
    if (typeof payload === 'object' && payload !== null && 'code' in payload && 'message' in payload) {
      const { code, message } = payload;
      if (typeof code === 'string' && typeof message === 'string') return new ApiError({ status: response.status, code, message });
    }
  } catch {
    // not JSON
  }
  return new ApiError({ status: response.status, code: `HTTP_${response.status}`, message: `HTTP ${response.status}` });
}

/**
 * Fetches a file the server makes (an Excel export, a template) and hands it to the browser as a
 * download. Errors come back as ApiError with the server's message instead of a page of JSON.
 */
export async function downloadFile(path: string, options: { query?: Query; fallbackName: string }): Promise<string> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      credentials: 'same-origin',
      headers: { 'Accept-Language': getLang() === 'en' ? 'en' : 'zh-CN' },
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: translate(sharedMessages, getLang(), 'error.network') });
  }
  if (!response.ok) throw await errorOf(response);
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get('content-disposition'), options.fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
