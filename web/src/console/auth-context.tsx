import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setUnauthorizedHandler } from '../shared/api';
import type { Me, Permission } from '../shared/api-types';
import { subscribeLang } from '../shared/i18n';
import { navigate, withQuery } from './router';

export type AuthStatus = 'loading' | 'anonymous' | 'signed-in';

type AuthValue = {
  status: AuthStatus;
  me: Me | null;
  /** Why the user was sent back to the login page (session expired…), shown there once. */
  notice: string | null;
  signedIn: (me: Me) => void;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
};

const AuthContext = createContext<AuthValue | null>(null);

export function loginPath(): string {
  const here = window.location.pathname + window.location.search;
  const next = here.startsWith('/login') || here === '/' ? undefined : here;
  return withQuery('/login', { next });
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const current = await api.get<Me>('/api/auth/me', { skipAuthRedirect: true });
      setMe(current);
      setStatus('signed-in');
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      setMe(null);
      setStatus('anonymous');
    }
  }, []);

  // On /login there is nothing to probe: skipping it spares a 401 in the browser console.
  useEffect(() => {
    if (window.location.pathname === '/login') setStatus('anonymous');
    else refresh().catch(() => setStatus('anonymous'));
  }, [refresh]);

  // Role labels and node kinds come localised from the server: fetch again on a language switch.
  useEffect(() => subscribeLang(() => void refresh().catch(() => undefined)), [refresh]);

  useEffect(() => {
    setUnauthorizedHandler((error) => {
      setNotice(error.message);
      setMe(null);
      setStatus('anonymous');
      if (!window.location.pathname.startsWith('/login')) navigate(loginPath(), { replace: true });
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  const signedIn = useCallback((current: Me) => {
    setNotice(null);
    setMe(current);
    setStatus('signed-in');
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post<void>('/api/auth/logout', undefined, { skipAuthRedirect: true });
    } finally {
      setMe(null);
      setStatus('anonymous');
      navigate('/login');
    }
  }, []);

  const value = useMemo(() => ({ status, me, notice, signedIn, refresh, logout }), [status, me, notice, signedIn, refresh, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in account; only for screens rendered inside the console layout. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in account');
  return me;
}

export function useCan(): (permission: Permission) => boolean {
  const { me } = useAuth();
  return useCallback((permission: Permission) => me?.permissions.includes(permission) ?? false, [me]);
}
