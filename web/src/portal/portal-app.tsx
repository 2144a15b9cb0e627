import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../shared/api';
import type { Meta, PortalMe } from '../shared/api-types';
import { subscribeLang } from '../shared/i18n';
import { HomeScreen } from './home-screen';
import { LoginScreen } from './login-screen';
import { usePortalT } from './messages';

type State = { status: 'loading' } | { status: 'anonymous' } | { status: 'signed-in'; me: PortalMe };

export function PortalApp() {
  const t = usePortalT();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [meta, setMeta] = useState<Meta | null>(null);

  const loadMe = useCallback(async () => {
    try {
      setState({ status: 'signed-in', me: await api.get<PortalMe>('/api/portal/me') });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setState({ status: 'anonymous' });
      else setState((current) => (current.status === 'loading' ? { status: 'anonymous' } : current));
    }
  }, []);

  useEffect(() => {
    void loadMe();
    api.get<Meta>('/api/meta').then(setMeta, () => setMeta(null));
  }, [loadMe]);

  // Role labels come localised from the server.
  useEffect(
    () =>
      subscribeLang(() => {
        if (state.status === 'signed-in') void loadMe();
      }),
    [loadMe, state.status],
  );

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  const logout = async () => {
    try {
      await api.post<void>('/api/portal/logout');
    } finally {
      setState({ status: 'anonymous' });
    }
  };

  if (state.status === 'loading') return <p className="p-loading">{t('loading')}</p>;
  if (state.status === 'signed-in') return <HomeScreen me={state.me} onLogout={() => void logout()} />;
  return (
    <LoginScreen
      demo={meta?.demo ?? false}
      districtName={meta?.districtName ?? null}
      onSignedIn={(me) => setState({ status: 'signed-in', me })}
    />
  );
}
