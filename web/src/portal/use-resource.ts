import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../shared/api';
import { subscribeLang } from '../shared/i18n';

export type Resource<T> =
  | { status: 'loading'; data: null; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'failed'; data: null; error: string; httpStatus: number };

/** GETs `path` (again when the language changes, for the server's labels); `reload()` refreshes it. */
export function useResource<T>(path: string | null): Resource<T> & { reload: () => Promise<void> } {
  const [state, setState] = useState<Resource<T>>({ status: 'loading', data: null, error: null });

  const load = useCallback(async () => {
    if (path === null) return;
    try {
      const data = await api.get<T>(path, { skipAuthRedirect: true });
      setState({ status: 'ready', data, error: null });
    } catch (cause) {
      const httpStatus = typeof cause === 'object' && cause !== null && 'status' in cause ? Number((cause as { status: unknown }).status) : 0;
      setState({ status: 'failed', data: null, error: errorMessage(cause), httpStatus });
    }
  }, [path]);

  useEffect(() => {
    setState({ status: 'loading', data: null, error: null });
    void load();
    return subscribeLang(() => void load());
  }, [load]);

  return { ...state, reload: load };
}
